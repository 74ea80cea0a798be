from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..core.exports import csv_response, dated_filename, xlsx_response
from .filters import RegionFilterForm
from .models import Region, RegionKind
from .selectors import (
    EXPORT_HEADER,
    gemeinden_of,
    get_region,
    open_schools_by_schulform,
    region_export_rows,
    region_list,
)


@require_safe
def region_list_view(request: HttpRequest) -> HttpResponse:
    form = RegionFilterForm(request.GET)
    regions = region_list(form.to_filter())
    return render(
        request,
        "regions/region_list.html",
        {"form": form, "regions": regions, "filter_query": request.GET.urlencode()},
    )


@require_safe
def region_export(request: HttpRequest, fmt: str) -> HttpResponse:
    regions = region_list(RegionFilterForm(request.GET).to_filter())
    header = [str(h) for h in EXPORT_HEADER]
    rows = region_export_rows(regions)
    if fmt == "xlsx":
        return xlsx_response(dated_filename("regionen", "xlsx"), header, rows, _("Regionen"))
    return csv_response(dated_filename("regionen", "csv"), header, rows)


@require_safe
def region_detail(request: HttpRequest, ags: str) -> HttpResponse:
    try:
        region = get_region(ags)
    except Region.DoesNotExist as exc:
        raise Http404 from exc
    directory = reverse("schools:list")
    by_schulform = [
        {**row, "url": f"{directory}?{urlencode({'region': region.ags, 'schulform': row['code']})}"}
        for row in open_schools_by_schulform(region)
    ]
    region_query = urlencode({"region": region.ags})
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "gemeinden": [] if region.kind == RegionKind.KREISFREIE_STADT else gemeinden_of(region),
            "by_schulform": by_schulform,
            "open_total": sum(row["count"] for row in by_schulform),
            "directory_url": directory + "?" + region_query,
            "map_data_url": reverse("schools:map_data") + "?" + region_query,
        },
    )
