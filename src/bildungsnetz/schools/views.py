import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..core.errors import DomainError
from ..core.exports import csv_response, dated_filename, xlsx_response
from ..core.rules import can_edit_school_supplement
from ..regions.supervision import supervision_for_school
from . import services
from .filters import SchoolFilterForm
from .forms import SchoolSupplementForm
from .models import School
from .selectors import (
    EXPORT_HEADER,
    directory_page_queryset,
    export_rows,
    filter_schools,
    get_school,
    map_points,
    recent_changes,
    school_map_point,
)

PAGE_SIZE = 50


def _school_or_404(schulnummer: str) -> School:
    try:
        return get_school(schulnummer)
    except School.DoesNotExist as exc:
        raise Http404 from exc


@require_safe
def school_list(request: HttpRequest) -> HttpResponse:
    form = SchoolFilterForm(request.GET)
    flt = form.to_filter()
    page = Paginator(directory_page_queryset(flt), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "schools/school_list.html",
        {
            "form": form,
            "filter": flt,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "filter_query": _filter_query(request),
        },
    )


@require_safe
def school_map_data(request: HttpRequest) -> JsonResponse:
    """``[[lat, lon, name, url, schulform], …]`` of all schools the directory filter finds."""
    flt = SchoolFilterForm(request.GET).to_filter()
    return JsonResponse(map_points(filter_schools(flt)), safe=False)


@require_safe
def school_export(request: HttpRequest, fmt: str) -> HttpResponse:
    flt = SchoolFilterForm(request.GET).to_filter()
    rows = export_rows(filter_schools(flt))
    header = [str(h) for h in EXPORT_HEADER]
    if fmt == "xlsx":
        return xlsx_response(dated_filename("schulen", "xlsx"), header, rows, _("Schulen"))
    return csv_response(dated_filename("schulen", "csv"), header, rows)


def _filter_query(request: HttpRequest) -> str:
    """The current filter as a query string, without the page number."""
    params = request.GET.copy()
    params.pop("seite", None)
    return params.urlencode()


@require_safe
def school_detail(request: HttpRequest, schulnummer: str) -> HttpResponse:
    school = _school_or_404(schulnummer)
    return render(
        request,
        "schools/school_detail.html",
        {
            "school": school,
            "supervision": supervision_for_school(school),
            "can_edit": can_edit_school_supplement(request.user, school),
            "changes": recent_changes(school),
            "map_points_json": json.dumps([school_map_point(school)]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_supplement_edit(request, schulnummer):
    school = _school_or_404(schulnummer)
    if not can_edit_school_supplement(request.user, school):
        raise PermissionDenied
    form = SchoolSupplementForm(
        request.POST or None,
        initial={
            "foerderschwerpunkte": school.foerderschwerpunkte,
            "bildungsbereich": school.bildungsbereich,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_school_supplement(school, acting_user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Die Angaben wurden gespeichert."))
            return redirect(school)
    return render(request, "schools/school_supplement_edit.html", {"school": school, "form": form})
