"""Monitoring dashboards: the Land with all 53 regions, and one region.

Public: the aggregated figures (no personal data). Internal figures (work orders) only for
the Land and the region's own Bildungsbüro, Schulaufsicht and Lenkungskreis (see rules.py).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ...core.exports import csv_response, dated_filename, xlsx_response
from ...network.selectors import get_region_or_404
from .. import selectors
from ..indicators import body_status_by_region, white_spots_by_region
from ..rules import can_view_internal_figures


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    internal = bool(can_view_internal_figures(request.user, None))
    # Once for the table and the statewide figures.
    spots = white_spots_by_region()
    bodies = body_status_by_region()
    rows = selectors.comparison_rows(internal=internal, spots=spots, bodies=bodies)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "region": None,
            "internal": internal,
            "scope": selectors.scope_figures(None, internal=internal, spots=spots, bodies=bodies),
            "rows": rows,
            "totals": selectors.comparison_totals(rows),
            "year_series": selectors.year_series(None, internal=internal),
            "snapshot_series": selectors.snapshot_series(None, internal=internal),
            "snapshot_day": selectors.latest_snapshot_day(None),
            "today": timezone.localdate(),
        },
    )


@require_safe
def comparison_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The comparison table as CSV or XLSX (internal columns for the Land only)."""
    internal = bool(can_view_internal_figures(request.user, None))
    rows = selectors.comparison_rows(internal=internal)
    header, lines = selectors.comparison_export(rows, internal=internal)
    name = dated_filename("monitoring-regionen", fmt)
    if fmt == "xlsx":
        return xlsx_response(name, header, lines, "Vergleich der Regionen")
    return csv_response(name, header, lines)


@require_safe
def region(request: HttpRequest, ags: str) -> HttpResponse:
    place = get_region_or_404(ags)
    internal = bool(can_view_internal_figures(request.user, place))
    return render(
        request,
        "monitoring/dashboard_region.html",
        {
            "region": place,
            "internal": internal,
            "scope": selectors.scope_figures(place, internal=internal),
            "year_series": selectors.year_series(place, internal=internal),
            "snapshot_series": selectors.snapshot_series(place, internal=internal),
            "snapshot_day": selectors.latest_snapshot_day(place),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_safe
def partner_schools(request: HttpRequest, pk: int) -> HttpResponse:
    """For an institution's own accounts (and its region's office, the Land): every open
    school within the radius without a living partnership with an institution of its kind."""
    from ...partners.models import Institution
    from ...partners.rules import can_manage_institution
    from ..startpage import PARTNER_SCHOOL_KM, schools_without_partner_of_kind

    inst = Institution.objects.select_related("region").filter(pk=pk).first()
    if inst is None:
        raise Http404
    if not can_manage_institution(request.user, inst):
        raise PermissionDenied
    try:
        km = int(request.GET.get("km", PARTNER_SCHOOL_KM))
    except ValueError:
        km = PARTNER_SCHOOL_KM
    km = min(max(km, 1), 50)
    return render(
        request,
        "monitoring/dashboard_partner_schools.html",
        {"inst": inst, "km": km, "rows": schools_without_partner_of_kind(inst, km=km)},
    )
