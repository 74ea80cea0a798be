"""Public pages: overview, partner search near a school, the registry "Wir sind dabei",
institution and partnership pages, self-registration of institutions."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ...core.errors import DomainError
from ...core.exports import csv_response, dated_filename, xlsx_response
from ...core.ratelimit import limit_public_posts
from ...schools.models import School
from .. import selectors, services
from ..forms import NearSearchForm, RegistryFilterForm, SelfRegistrationForm
from ..models import Institution
from ..rules import (
    can_manage_institution,
    can_verify_institution,
    can_view_partnership,
    is_partnership_office,
    is_partnership_party,
)

REGISTRY_VIEWS = ("partnerschaften", "einrichtungen", "schulen")
# Rows per page of the near search and of each registry view; the page number is the
# GET parameter ``seite`` (as in the school directory and the catalogue search).
PAGE_SIZE = 50


def _paginate(request: HttpRequest, rows) -> dict:
    """Page ``seite`` of ``rows`` (an out-of-range or bad number gives the nearest valid page)
    plus the elided page range the shared pagination fragment expects."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partners/index.html",
        {"counts": selectors.registry_counts(selectors.RegistryFilter())},
    )


def _resolve_origin(data) -> tuple[selectors.Origin | None, list[School], str]:
    """Origin from a Schulnummer, a unique school name, or a postcode.

    Returns (origin, candidate schools when the name is ambiguous, error message)."""
    query = (data.get("schule") or "").strip()
    if query:
        if query.isdigit():
            origin = selectors.origin_for_school(query)
            if origin is None:
                return None, [], _("Keine Schule mit der Schulnummer %(nr)s.") % {"nr": query}
            return origin, [], ""
        matches = list(
            School.objects.schools()
            .open()
            .filter(Q(name__icontains=query))
            .select_related("schulform")
            .order_by("name", "schulnummer")[:11]
        )
        if len(matches) == 1:
            s = matches[0]
            return selectors.Origin(s.lat, s.lon, s.name, s), [], ""
        if not matches:
            return None, [], _("Keine geöffnete Schule passt zu „%(q)s“.") % {"q": query}
        return None, matches[:10], ""
    origin = selectors.origin_for_plz(data.get("plz") or "")
    if origin is None:
        return None, [], _("Zu dieser Postleitzahl kennt das Schulregister keine Schule.")
    return origin, [], ""


@require_safe
def near(request: HttpRequest) -> HttpResponse:
    """Partner in der Nähe: institutions and offers within N km, nearest first."""
    form = NearSearchForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        origin, candidates, error = _resolve_origin(data)
        context.update(searched=True, candidates=candidates, origin=origin, error=error)
        if origin is not None:
            hits = selectors.institutions_near(
                origin.lat,
                origin.lon,
                data["km"],
                kinds=[data["kind"]] if data["kind"] else None,
                handlungsfeld=data["handlungsfeld"],
                schulform=data["schulform"],
            )
            selectors.annotate_for_display(hits)
            points = [
                [
                    round(h.institution.lat, 5),
                    round(h.institution.lon, 5),
                    h.institution.name,
                    h.url,
                    h.kind_label + " · " + h.distance_text,
                ]
                for h in hits
            ]
            # The map shows the whole result; the list below it is paginated.
            context.update(
                hits=hits,
                km=data["km"],
                map_points_json=json.dumps(points, separators=(",", ":")),
                **_paginate(request, hits),
            )
    return render(request, "partners/near.html", context)


def _is_office(user) -> bool:
    from ...core.rules import is_land_admin
    from ..rules import office_region_ids

    return bool(user.is_authenticated and (is_land_admin(user) or office_region_ids(user)))


def _registry_context(request):
    form = RegistryFilterForm(request.GET, office=_is_office(request.user))
    flt = form.to_filter()
    view = request.GET.get("ansicht", "partnerschaften")
    if view not in REGISTRY_VIEWS:
        view = "partnerschaften"
    return form, flt, view


@require_safe
def registry(request: HttpRequest) -> HttpResponse:
    """Wir sind dabei: public partnerships, their institutions and schools."""
    form, flt, view = _registry_context(request)
    if view == "einrichtungen":
        pagination = _paginate(request, selectors.registry_institutions(flt))
    elif view == "schulen":
        pagination = _paginate(request, selectors.registry_schools(flt))
    else:
        pagination = _paginate(request, selectors.public_partnerships(flt))
        for p in pagination["page"]:
            p.confirmation_overdue = selectors.is_confirmation_overdue(p)
    params = request.GET.copy()
    params.pop("ansicht", None)
    params.pop("seite", None)  # switching the view or exporting starts from the whole list
    institutions = selectors.registry_institutions(flt)
    return render(
        request,
        "partners/registry.html",
        {
            "form": form,
            "view": view,
            "rows": pagination["page"],
            **pagination,
            "counts": selectors.registry_counts(flt),
            "by_kind": selectors.counts_by_kind(flt),
            "filter_query": params.urlencode(),
            "map_points_json": json.dumps(selectors.institution_map_points(institutions)),
        },
    )


@require_safe
def registry_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, flt, _view = _registry_context(request)
    rows = list(selectors.partnership_export_rows(selectors.public_partnerships(flt)))
    header = list(selectors.PARTNERSHIP_EXPORT_HEADER)
    if fmt == "xlsx":
        return xlsx_response(
            dated_filename("bildungspartnerschaften", "xlsx"), header, rows, _("Partnerschaften")
        )
    return csv_response(dated_filename("bildungspartnerschaften", "csv"), header, rows)


@require_safe
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inst = Institution.objects.select_related("region").filter(pk=pk).first()
    if inst is None:
        raise Http404
    can_manage = can_manage_institution(request.user, inst)
    if not inst.is_public and not can_manage:
        raise Http404
    contacts = inst.contacts.all() if can_manage else inst.contacts.filter(consent_public=True)
    offers = inst.offers.prefetch_related("schulformen")
    if not can_manage:
        offers = offers.filter(active=True)
    partnerships = inst.partnerships.public().select_related("school")
    map_point = []
    if inst.lat is not None:
        map_point = [[inst.lat, inst.lon, inst.name, inst.get_absolute_url(), inst.ort]]
    return render(
        request,
        "partners/institution_detail.html",
        {
            "inst": inst,
            "can_manage": can_manage,
            "can_verify": not inst.verified and can_verify_institution(request.user, inst),
            "contacts": list(contacts),
            "offers": list(offers),
            "partnerships": list(partnerships),
            "map_points_json": json.dumps(map_point) if map_point else "",
        },
    )


@require_safe
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from ..rules import can_edit_partnership, can_record_schulkonferenz, can_sign, can_transition

    p = selectors.get_partnership_for_user(request.user, pk)
    user = request.user
    insider = bool(is_partnership_party(user, p) or is_partnership_office(user, p))
    actions = [
        verb
        for verb in ("submit", "register", "return", "publish", "pause", "resume", "end")
        if services.next_state(p, verb) is not None and can_transition(user, p, verb)
    ]
    open_sides = [s for s in p.sides if not any(p.signature(s)) and can_sign(user, p, s)]
    history = []
    if insider:
        from ...core.audit import describe
        from ...core.models import AuditEntry

        history = [
            (e, describe(e))
            for e in AuditEntry.objects.filter(
                object_type="partners.partnership", object_id=str(p.pk)
            ).select_related("actor")[:50]
        ]
    return render(
        request,
        "partners/partnership_detail.html",
        {
            "p": p,
            "insider": insider,
            "can_view": can_view_partnership(user, p),
            "can_edit": can_edit_partnership(user, p),
            "open_sides": open_sides,
            "can_schulkonferenz": p.state == "unterzeichnet" and can_record_schulkonferenz(user, p),
            "actions": actions,
            "can_confirm": p.state in services.ACTIVE_STATES and insider,
            "confirmation_overdue": p.state == "oeffentlich"
            and selectors.is_confirmation_overdue(p),
            "can_handover": insider and p.state != "beendet",
            "history": history,
        },
    )


@require_http_methods(["GET", "POST"])
@limit_public_posts("institution_register")
def institution_register(request: HttpRequest) -> HttpResponse:
    """Self-registration of an institution; verified later by the Bildungsbüro or Land."""
    form = SelfRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = {k: d[k] for k in SelfRegistrationForm.Meta.fields}
        contact = {
            "name": d["contact_name"],
            "function": d["contact_function"],
            "email": d["contact_email"],
            "telefon": d["contact_telefon"],
            "consent_public": d["contact_consent"],
            "consent_date": _today() if d["contact_consent"] else None,
        }
        try:
            services.register_institution(
                data=data, contact=contact, region=d["region"], acting_user=request.user
            )
        except DomainError as exc:
            field = {"contact_name": "contact_name", "contact_email": "contact_email"}.get(
                exc.field or "", exc.field
            )
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Vielen Dank! Die Anmeldung ist eingegangen. Das Bildungsbüro prüft die "
                    "Angaben; danach erscheint die Einrichtung in der Partnersuche."
                ),
            )
            return redirect("partners:index")
    return render(request, "partners/institution_register.html", {"form": form})


def _today():
    from django.utils import timezone

    return timezone.localdate()
