"""Views that change a region's network (Bildungsbüro of the region, Land) and internal
read views (plus Lenkungskreis members). The region is resolved once per request; a
foreign region's object is a 404, a user without the right gets 403."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ...core.errors import DomainError
from ...core.exports import csv_response, dated_filename, xlsx_response
from .. import importers, meeting_services, services
from ..forms import (
    AgendaItemForm,
    AttendanceForm,
    BodyForm,
    ConfirmForm,
    DecisionForm,
    EndMembershipForm,
    FiguresForm,
    HandlungsfeldForm,
    HandlungsfeldReportForm,
    MeetingDocumentForm,
    MeetingForm,
    MemberImportForm,
    MembershipForm,
    NetworkForm,
    OrganisationForm,
    PersonForm,
    PracticeExampleForm,
    WorkOrderCommentForm,
    WorkOrderForm,
    WorkOrderTransitionForm,
)
from ..models import (
    Decision,
    Handlungsfeld,
    Membership,
    Organisation,
    Person,
    PracticeExample,
    WorkOrder,
    WorkOrderStatus,
)
from ..rules import can_comment_work_orders, can_edit_network, can_read_internal
from ..selectors import (
    body_memberships,
    get_body_or_404,
    get_meeting_or_404,
    get_region_or_404,
    network_or_blank,
    work_orders,
    work_orders_by_handlungsfeld,
)


def region_editor(view):
    """Login required; the region's Bildungsbüro or the Land, else 403."""

    @login_required
    @wraps(view)
    def wrapper(request, ags, *args, **kwargs):
        region = get_region_or_404(ags)
        if not can_edit_network(request.user, region):
            raise PermissionDenied
        return view(request, region, *args, **kwargs)

    return wrapper


def region_reader(view):
    """Login required; editors and Lenkungskreis members of the region, else 403."""

    @login_required
    @wraps(view)
    def wrapper(request, ags, *args, **kwargs):
        region = get_region_or_404(ags)
        if not can_read_internal(request.user, region):
            raise PermissionDenied
        return view(request, region, *args, **kwargs)

    return wrapper


def _scoped(qs, **lookup):
    try:
        return qs.get(**lookup)
    except qs.model.DoesNotExist as exc:
        raise Http404 from exc


def _form_page(
    request: HttpRequest,
    form,
    *,
    region,
    title: str,
    save: Callable,
    success: Callable,
    intro: str = "",
    multipart: bool = False,
    submit: str = "",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, exc.message)
        else:
            messages.success(request, _("Gespeichert."))
            return redirect(success(obj))
    return render(
        request,
        "network/form.html",
        {
            "region": region,
            "form": form,
            "title": title,
            "intro": intro,
            "multipart": multipart,
            "submit": submit or _("Speichern"),
        },
        status=200,
    )


def _region_url(region) -> str:
    return reverse("network:region", kwargs={"ags": region.ags})


# --- Network record ---------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def network_edit(request, region):
    network = network_or_blank(region)
    form = NetworkForm(request.POST or None, request.FILES or None, instance=network)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Bildungsnetzwerk %(region)s bearbeiten") % {"region": region.name},
        save=lambda data: services.update_network(region, acting_user=request.user, data=data),
        success=lambda obj: _region_url(region),
        multipart=True,
    )


@region_editor
@require_http_methods(["GET", "POST"])
def figures_edit(request, region):
    form = FiguresForm(request.POST or None, initial={"year": timezone.localdate().year})
    return _form_page(
        request,
        form,
        region=region,
        title=_("Kennzahlen von %(region)s erfassen") % {"region": region.name},
        intro=_("Die Bevölkerungsdichte wird aus Fläche und Einwohnerzahl berechnet."),
        save=lambda data: services.save_figures(region, acting_user=request.user, data=data),
        success=lambda obj: _region_url(region),
    )


# --- Actors -----------------------------------------------------------------------------


@region_reader
@require_safe
def actors(request, region):
    return render(
        request,
        "network/actors.html",
        {
            "region": region,
            "organisations": Organisation.objects.for_region(region).select_related("school"),
            "persons": Person.objects.for_region(region).select_related("organisation"),
            "can_edit": can_edit_network(request.user, region),
        },
    )


@region_editor
@require_http_methods(["GET", "POST"])
def organisation_create(request, region, pk=None):
    organisation = _scoped(Organisation.objects.for_region(region), pk=pk) if pk else None
    initial = {"schulnummer": organisation.school.schulnummer} if pk and organisation.school else {}
    form = OrganisationForm(
        request.POST or None, instance=organisation, region=region, initial=initial
    )

    def save(data):
        data = {**data, "school": data.pop("schulnummer")}
        return services.save_organisation(
            region, acting_user=request.user, data=data, organisation=organisation
        )

    return _form_page(
        request,
        form,
        region=region,
        title=_("Organisation bearbeiten") if pk else _("Organisation anlegen"),
        save=save,
        success=lambda obj: reverse("network:actors", kwargs={"ags": region.ags}),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def person_create(request, region, pk=None):
    person = _scoped(Person.objects.for_region(region), pk=pk) if pk else None
    if person and person.anonymised_at:
        raise Http404
    form = PersonForm(request.POST or None, instance=person, region=region)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Person bearbeiten") if pk else _("Person anlegen"),
        intro=_(
            "Name und Kontaktdaten werden nur mit dokumentierter Einwilligung (Zweck, Datum) "
            "öffentlich gezeigt. Ein Widerruf beendet die Veröffentlichung sofort."
        ),
        save=lambda data: services.save_person(
            region, acting_user=request.user, data=data, person=person
        ),
        success=lambda obj: reverse("network:actors", kwargs={"ags": region.ags}),
    )


@region_editor
@require_safe
def person_export(request, region, pk, fmt):
    person = _scoped(Person.objects.for_region(region), pk=pk)
    data = services.export_person(person, acting_user=request.user)
    filename = dated_filename(f"person-{person.pk}", fmt)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    rows = []
    for section, content in data.items():
        items = content if isinstance(content, list) else [content]
        for number, item in enumerate(items, start=1):
            for key, value in item.items():
                rows.append([section, number, key, value])
    return csv_response(filename, [_("Bereich"), _("Nr."), _("Feld"), _("Wert")], rows)


@region_editor
@require_http_methods(["GET", "POST"])
def person_erase(request, region, pk):
    person = _scoped(Person.objects.for_region(region), pk=pk)
    form = ConfirmForm(request.POST or None)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Person anonymisieren: %(name)s") % {"name": person.full_name},
        intro=_(
            "Name, Funktion, Kontaktdaten und Einwilligung werden gelöscht, die bisherigen "
            "Stände der Person ebenfalls. Mitgliedschaften, Teilnahmen, Protokolle und "
            "Beschlüsse bleiben erhalten und nennen künftig „anonymisierte Person“. "
            "Das lässt sich nicht rückgängig machen."
        ),
        save=lambda data: services.erase_person(person, acting_user=request.user),
        success=lambda obj: reverse("network:actors", kwargs={"ags": region.ags}),
        submit=_("Endgültig anonymisieren"),
    )


# --- Bodies and members -----------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def body_create(request, region, pk=None):
    body = get_body_or_404(region, pk) if pk else None
    initial = {"kind": request.GET.get("art", "")} if not pk else {}
    form = BodyForm(request.POST or None, instance=body, initial=initial)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Gremium bearbeiten") if pk else _("Gremium anlegen"),
        save=lambda data: services.save_body(
            region, acting_user=request.user, data=data, body=body
        ),
        success=lambda obj: obj.get_absolute_url(),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def membership_create(request, region, pk):
    body = get_body_or_404(region, pk)
    form = MembershipForm(request.POST or None, body=body)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Mitglied eintragen: %(body)s") % {"body": body.name},
        intro=_(
            "Stellvertretungen und Gäste besetzen keinen Sitz. Nur Mitgliedschaften, die heute "
            "gelten (von ≤ heute ≤ bis), zählen in der Sitzprüfung."
        ),
        save=lambda data: services.add_membership(body, acting_user=request.user, data=data),
        success=lambda obj: body.get_absolute_url(),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def membership_end(request, region, pk, mid):
    body = get_body_or_404(region, pk)
    membership = _scoped(Membership.objects.filter(body=body), pk=mid)
    form = EndMembershipForm(request.POST or None, initial={"end": timezone.localdate()})
    return _form_page(
        request,
        form,
        region=region,
        title=_("Mitgliedschaft beenden: %(name)s") % {"name": membership.person.full_name},
        save=lambda data: services.end_membership(
            membership, acting_user=request.user, end=data["end"]
        ),
        success=lambda obj: body.get_absolute_url(),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def members_import(request, region, pk):
    body = get_body_or_404(region, pk)
    form = MemberImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = importers.import_members(
                body, acting_user=request.user, name=upload.name, content=upload.read()
            )
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            if report.written:
                messages.success(
                    request,
                    _("%(n)s Mitgliedschaften importiert.") % {"n": len(report.rows)},
                )
                return redirect(body.get_absolute_url())
    return render(
        request,
        "network/import.html",
        {
            "region": region,
            "body": body,
            "form": form,
            "report": report,
            "columns": importers.COLUMNS,
        },
    )


@region_reader
@require_safe
def members_export(request, region, pk, fmt):
    body = get_body_or_404(region, pk)
    header = [
        "vorname",
        "nachname",
        "funktion",
        "e_mail",
        "organisation",
        "organisationsart",
        "sitz",
        "art",
        "von",
        "bis",
    ]
    rows = [
        [
            m.person.first_name,
            m.person.last_name,
            m.person.function,
            m.person.email,
            m.organisation.name if m.organisation_id else "",
            m.organisation.kind if m.organisation_id else "",
            m.seat,
            m.kind,
            m.start,
            m.end,
        ]
        for m in body_memberships(body)
    ]
    stem = f"mitglieder-{region.ags}-{body.kind}"
    if fmt == "xlsx":
        return xlsx_response(dated_filename(stem, "xlsx"), header, rows, _("Mitglieder"))
    return csv_response(dated_filename(stem, "csv"), header, rows)


# --- Handlungsfelder --------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def handlungsfeld_create(request, region, pk=None):
    hf = _scoped(Handlungsfeld.objects.for_region(region), pk=pk) if pk else None
    form = HandlungsfeldForm(request.POST or None, instance=hf, region=region)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Handlungsfeld bearbeiten") if pk else _("Handlungsfeld anlegen"),
        save=lambda data: services.save_handlungsfeld(
            region, acting_user=request.user, data=data, handlungsfeld=hf
        ),
        success=lambda obj: _region_url(region),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def handlungsfeld_report(request, region, pk):
    hf = _scoped(Handlungsfeld.objects.for_region(region), pk=pk)
    form = HandlungsfeldReportForm(request.POST or None, initial={"day": timezone.localdate()})
    return _form_page(
        request,
        form,
        region=region,
        title=_("Stand erfassen: %(title)s") % {"title": hf.title},
        save=lambda data: services.report_handlungsfeld(hf, acting_user=request.user, data=data),
        success=lambda obj: _region_url(region),
    )


# --- Meetings ---------------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def meeting_create(request, region, pk):
    body = get_body_or_404(region, pk)
    form = MeetingForm(request.POST or None, initial={"is_public": body.is_public})
    return _form_page(
        request,
        form,
        region=region,
        title=_("Sitzung anlegen: %(body)s") % {"body": body.name},
        save=lambda data: meeting_services.save_meeting(body, acting_user=request.user, data=data),
        success=lambda obj: obj.get_absolute_url(),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def meeting_edit(request, region, pk):
    meeting = get_meeting_or_404(region, pk, request.user)
    form = MeetingForm(request.POST or None, instance=meeting)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Sitzung und Protokoll bearbeiten"),
        save=lambda data: meeting_services.save_meeting(
            meeting.body, acting_user=request.user, data=data, meeting=meeting
        ),
        success=lambda obj: obj.get_absolute_url(),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def agenda_create(request, region, pk):
    meeting = get_meeting_or_404(region, pk, request.user)
    form = AgendaItemForm(request.POST or None, region=region)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Tagesordnungspunkt hinzufügen"),
        save=lambda data: meeting_services.add_agenda_item(
            meeting, acting_user=request.user, data=data
        ),
        success=lambda obj: meeting.get_absolute_url(),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def attendance_edit(request, region, pk):
    meeting = get_meeting_or_404(region, pk, request.user)
    persons = sorted(
        {m.person for m in body_memberships(meeting.body) if not m.person.anonymised_at}
        | {a.person for a in meeting.attendance.select_related("person")},
        key=lambda p: (p.last_name, p.first_name, p.pk),
    )
    current = dict(meeting.attendance.values_list("person_id", "status"))
    form = AttendanceForm(request.POST or None, persons=persons, current=current)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Teilnahme erfassen"),
        save=lambda data: meeting_services.record_attendance(
            meeting, acting_user=request.user, entries=form.entries()
        ),
        success=lambda obj: meeting.get_absolute_url(),
    )


@region_editor
@require_http_methods(["GET", "POST"])
def decision_create(request, region, pk):
    meeting = get_meeting_or_404(region, pk, request.user)
    form = DecisionForm(request.POST or None, meeting=meeting)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Beschluss oder Empfehlung erfassen"),
        save=lambda data: meeting_services.add_decision(
            meeting, acting_user=request.user, data=data
        ),
        success=lambda obj: meeting.get_absolute_url(),
    )


@region_editor
@require_POST
def meeting_invite(request, region, pk):
    meeting = get_meeting_or_404(region, pk, request.user)
    try:
        count = meeting_services.request_invitations(meeting, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Einladungen an %(n)s Personen werden versandt.") % {"n": count}
        )
    return redirect(meeting.get_absolute_url())


# --- Work orders ------------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def workorder_create(request, region, pk):
    decision = _scoped(
        Decision.objects.filter(meeting__body__region=region).select_related("meeting"), pk=pk
    )
    form = WorkOrderForm(request.POST or None, region=region)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Arbeitsauftrag aus Beschluss erteilen"),
        intro=decision.text,
        save=lambda data: meeting_services.create_work_order(
            decision, acting_user=request.user, data=data
        ),
        success=lambda obj: reverse("network:workorders", kwargs={"ags": region.ags}),
    )


@region_reader
@require_safe
def workorder_list(request, region):
    overdue = request.GET.get("ueberfaellig") == "1"
    orders = work_orders(region, overdue_only=overdue)
    return render(
        request,
        "network/workorders.html",
        {
            "region": region,
            "orders": orders,
            "overdue": overdue,
            "today": timezone.localdate(),
            "controlling": work_orders_by_handlungsfeld(region),
            "statuses": WorkOrderStatus,
            "can_edit": can_edit_network(request.user, region),
        },
    )


@region_editor
@require_http_methods(["GET", "POST"])
def workorder_transition(request, region, pk):
    order = _scoped(WorkOrder.objects.for_region(region), pk=pk)
    allowed = meeting_services.TRANSITIONS.get(order.status, set())
    form = WorkOrderTransitionForm(request.POST or None, initial={"result": order.result})
    form.fields["status"].choices = [(s.value, s.label) for s in WorkOrderStatus if s in allowed]
    if not allowed and request.method == "POST":
        form = WorkOrderTransitionForm(request.POST)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Stand ändern: %(title)s") % {"title": order.title},
        intro=_("Derzeitiger Stand: %(status)s") % {"status": order.get_status_display()},
        save=lambda data: meeting_services.transition_work_order(
            order, acting_user=request.user, to=data["status"], result=data["result"]
        ),
        success=lambda obj: reverse("network:workorders", kwargs={"ags": region.ags}),
    )


# --- Practice examples ------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def practice_create(request, region, pk=None):
    example = _scoped(PracticeExample.objects.for_region(region), pk=pk) if pk else None
    form = PracticeExampleForm(request.POST or None, instance=example, region=region)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Praxisbeispiel bearbeiten") if pk else _("Praxisbeispiel anlegen"),
        intro=_(
            "Die Ansprechperson wird öffentlich nur genannt, wenn ihre Einwilligung zur "
            "Veröffentlichung dokumentiert ist. Nur als öffentlich markierte Beispiele "
            "erscheinen in der Galerie."
        ),
        save=lambda data: services.save_practice_example(
            region, acting_user=request.user, data=data, example=example
        ),
        success=lambda obj: obj.get_absolute_url(),
    )


# --- Meeting documents ------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def document_create(request, region, pk):
    meeting = get_meeting_or_404(region, pk, request.user)
    form = MeetingDocumentForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Dokument hochladen: %(title)s") % {"title": meeting.title},
        intro=_(
            "Erlaubt sind PDF, DOCX, XLSX, ODT und TXT bis 10 MB. Dokumente einer "
            "öffentlichen Sitzung kann jede und jeder herunterladen."
        ),
        save=lambda data: meeting_services.add_document(
            meeting, acting_user=request.user, title=data["title"], upload=data["file"]
        ),
        success=lambda obj: meeting.get_absolute_url(),
        multipart=True,
    )


# --- Work order detail and comments -----------------------------------------------------


@region_reader
@require_safe
def workorder_detail(request, region, pk):
    order = _scoped(
        work_orders(region).prefetch_related("comments__author"),
        pk=pk,
    )
    return render(
        request,
        "network/workorder.html",
        {
            "region": region,
            "order": order,
            "comments": order.comments.all(),
            "form": WorkOrderCommentForm(),
            "can_edit": can_edit_network(request.user, region),
            "can_comment": can_comment_work_orders(request.user, region),
        },
    )


@region_reader
@require_http_methods(["GET", "POST"])
def workorder_comment_create(request, region, pk):
    order = _scoped(WorkOrder.objects.for_region(region), pk=pk)
    if not can_comment_work_orders(request.user, region):
        raise PermissionDenied
    form = WorkOrderCommentForm(request.POST or None)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Kommentar zu „%(title)s“") % {"title": order.title},
        save=lambda data: meeting_services.add_work_order_comment(
            order, acting_user=request.user, text=data["text"]
        ),
        success=lambda obj: reverse(
            "network:workorder", kwargs={"ags": region.ags, "pk": order.pk}
        ),
        submit=_("Kommentieren"),
    )


# --- Self-evaluation --------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def selfevaluation_edit(request, region, year):
    from ..forms import SelfEvaluationForm
    from ..selectors import self_evaluation_records

    if not services.FIRST_EVALUATION_YEAR <= year <= timezone.localdate().year:
        raise Http404
    form = SelfEvaluationForm(request.POST or None, records=self_evaluation_records(region, year))
    return _form_page(
        request,
        form,
        region=region,
        title=_("Selbstbewertung %(year)s: %(region)s") % {"year": year, "region": region.name},
        intro=_(
            "Schätzen Sie jedes der acht Entwicklungsfelder von 1 (kaum entwickelt) bis 4 "
            "(voll entwickelt) ein und notieren Sie Stärken, die erhalten bleiben sollen, "
            "und Handlungsoptionen."
        ),
        save=lambda data: services.save_self_evaluation(
            region, acting_user=request.user, year=year, entries=form.entries()
        ),
        success=lambda obj: _region_url(region) + "#selbstbewertung-titel",
    )


# --- News -------------------------------------------------------------------------------


@region_editor
@require_http_methods(["GET", "POST"])
def news_create(request, region, pk=None):
    from .. import news_services
    from ..forms import NewsItemForm
    from ..models import NewsItem

    item = _scoped(NewsItem.objects.for_region(region), pk=pk) if pk else None
    form = NewsItemForm(request.POST or None, instance=item)
    return _form_page(
        request,
        form,
        region=region,
        title=_("Neuigkeit bearbeiten") if pk else _("Neuigkeit anlegen"),
        intro=_(
            "Öffentlich sichtbar – auch im Atom-Feed – wird die Neuigkeit erst, wenn sie als "
            "öffentlich markiert ist und ihr Veröffentlichungsdatum erreicht ist."
        ),
        save=lambda data: news_services.save_news_item(
            region, acting_user=request.user, data=data, item=item
        ),
        success=lambda obj: obj.get_absolute_url(),
    )


@region_editor
@require_POST
def news_send(request, region, pk):
    from .. import news_services
    from ..models import NewsItem

    item = _scoped(NewsItem.objects.for_region(region), pk=pk)
    try:
        count = news_services.send_news_as_newsletter(
            item, acting_user=request.user, base_url=request.build_absolute_uri("/")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Der Newsletter wird an %(n)s Adressen versendet.") % {"n": count},
        )
    return redirect(item.get_absolute_url())
