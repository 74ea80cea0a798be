"""Pages everyone may see; internal parts appear only for readers of the region."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_safe

from .. import seats
from ..calendar import calendar_text
from ..models import Body, BodyKind, RegionFigures
from ..rules import can_edit_network, can_read_internal
from ..selectors import (
    OBLIGATORY_KINDS,
    body_memberships,
    get_body_or_404,
    get_meeting_or_404,
    get_region_or_404,
    handlungsfelder,
    network_or_blank,
    overview_map_points,
    published_counts,
    region_bodies,
    region_news,
    seat_check_for_body,
    self_evaluation_years,
    statewide_overview,
    visible_meetings,
)


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    data = statewide_overview()
    return render(
        request,
        "network/overview.html",
        {
            "overview": data,
            "published": published_counts(),
            "map_points_json": json.dumps(overview_map_points(data["rows"])),
        },
    )


@require_safe
def region_page(request: HttpRequest, ags: str) -> HttpResponse:
    region = get_region_or_404(ags)
    internal = can_read_internal(request.user, region)
    bodies = list(region_bodies(region))
    checks = {
        b.pk: seat_check_for_body(b, region=region, public=not internal)
        for b in bodies
        if b.kind != BodyKind.ARBEITSGRUPPE
    }
    existing = {b.kind for b in bodies}
    return render(
        request,
        "network/region.html",
        {
            "region": region,
            "network": network_or_blank(region),
            "bodies": [(b, checks.get(b.pk)) for b in bodies],
            "missing_kinds": [k for k in OBLIGATORY_KINDS if k not in existing],
            "handlungsfelder": handlungsfelder(region, request.user),
            "meetings": visible_meetings(region, request.user)[:10],
            "figures": RegionFigures.objects.filter(region=region),
            "can_edit": can_edit_network(request.user, region),
            "internal": internal,
            "news": region_news(region, request.user)[:5],
            "self_evaluations": self_evaluation_years(region) if internal else [],
            "this_year": timezone.localdate().year,
        },
    )


@require_safe
def body_page(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    region = get_region_or_404(ags)
    body = get_body_or_404(region, pk)
    internal = can_read_internal(request.user, region)
    today = timezone.localdate()
    memberships = list(body_memberships(body))
    labels = dict(seats.seat_choices(body.kind, region.kind, body.variant))
    for m in memberships:
        m.seat_label = labels.get(m.seat, m.seat)
    if not internal:
        memberships = [m for m in memberships if m.is_active(today)]
    check = None
    if body.kind != BodyKind.ARBEITSGRUPPE:
        check = seat_check_for_body(body, region=region, public=not internal)
    return render(
        request,
        "network/body.html",
        {
            "region": region,
            "body": body,
            "check": check,
            "memberships": memberships,
            "today": today,
            "meetings": visible_meetings(region, request.user).filter(body=body),
            "can_edit": can_edit_network(request.user, region),
            "internal": internal,
            "calendar_path": _calendar_path(request, body, internal),
        },
    )


def _calendar_path(request, body: Body, internal: bool) -> str:
    from django.urls import reverse

    if internal:
        return reverse(
            "network:body_ical",
            kwargs={"ags": body.region.ags, "pk": body.pk, "token": body.calendar_token},
        )
    if body.is_public:
        return reverse("network:body_ical_public", kwargs={"ags": body.region.ags, "pk": body.pk})
    return ""


@require_safe
def meeting_page(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    region = get_region_or_404(ags)
    meeting = get_meeting_or_404(region, pk, request.user)
    internal = can_read_internal(request.user, region)
    return render(
        request,
        "network/meeting.html",
        {
            "region": region,
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("handlungsfeld"),
            "decisions": meeting.decisions.select_related("agenda_item").prefetch_related(
                "work_orders"
            ),
            "attendance": meeting.attendance.select_related("person") if internal else [],
            "show_minutes": internal or meeting.minutes_public,
            "can_edit": can_edit_network(request.user, region),
            "internal": internal,
        },
    )


@require_safe
def meeting_print(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    region = get_region_or_404(ags)
    meeting = get_meeting_or_404(region, pk, request.user)
    internal = can_read_internal(request.user, region)
    if not (internal or meeting.minutes_public):
        raise Http404
    return render(
        request,
        "network/meeting_print.html",
        {
            "region": region,
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("handlungsfeld"),
            "decisions": meeting.decisions.select_related("agenda_item"),
            "attendance": meeting.attendance.select_related("person") if internal else [],
        },
    )


def _ics(body: Body, meetings) -> HttpResponse:
    response = HttpResponse(
        calendar_text(body.name, meetings), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="kalender.ics"'
    return response


@require_safe
def body_ical_public(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    """Public feed: public meetings of a public body."""
    region = get_region_or_404(ags)
    body = get_body_or_404(region, pk)
    if not body.is_public:
        raise Http404
    return _ics(body, body.meetings.filter(is_public=True).select_related("body"))


@require_safe
def body_ical(request: HttpRequest, ags: str, pk: int, token: str) -> HttpResponse:
    """Secret-token feed with all meetings of the body (for calendar apps without login)."""
    region = get_region_or_404(ags)
    body = get_body_or_404(region, pk)
    if not constant_time_compare(token, body.calendar_token):
        raise Http404
    return _ics(body, body.meetings.select_related("body"))


# --- Practice examples ------------------------------------------------------------------


@require_safe
def practice_list(request: HttpRequest) -> HttpResponse:
    from ...regions.models import Region
    from ..forms import PracticeSearchForm
    from ..selectors import practice_examples

    regions = Region.objects.filter(practice_examples__is_public=True).distinct().order_by("name")
    form = PracticeSearchForm(request.GET or None, regions=regions)
    filters = form.cleaned_data if form.is_valid() else {}
    examples = practice_examples(
        q=filters.get("q", ""),
        region_ags=filters.get("region", ""),
        topic=filters.get("thema", ""),
    )
    return render(
        request,
        "network/practice_list.html",
        {"form": form, "examples": examples, "searched": bool(request.GET)},
    )


@require_safe
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from ..selectors import get_practice_example_or_404

    example = get_practice_example_or_404(pk, request.user)
    internal = can_read_internal(request.user, example.region)
    return render(
        request,
        "network/practice_detail.html",
        {
            "example": example,
            "region": example.region,
            "contact": example.contact if internal else example.public_contact,
            "can_edit": can_edit_network(request.user, example.region),
        },
    )


# --- Meeting documents ------------------------------------------------------------------

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
}


@require_safe
def document_download(request: HttpRequest, ags: str, pk: int, did: int) -> HttpResponse:
    """A meeting's document; for the public only when the meeting is public."""
    from django.http import FileResponse

    region = get_region_or_404(ags)
    meeting = get_meeting_or_404(region, pk, request.user)
    document = meeting.documents.filter(pk=did).first()
    if document is None:
        raise Http404
    ext = document.filename.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=CONTENT_TYPES.get(ext, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not meeting.is_public:
        response["Cache-Control"] = "private, no-store"
    return response
