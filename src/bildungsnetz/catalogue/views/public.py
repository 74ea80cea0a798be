"""Public pages of the support catalogue: overview, criterion, material, search."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ...core.exports import csv_response, dated_filename, xlsx_response
from ...core.models import Role
from ...regions.models import Region
from .. import selectors
from ..forms import AddToPlanForm, SearchForm
from ..rules import can_edit_material, is_catalogue_editor

PAGE_SIZE = 20


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    criteria = list(selectors.criteria_overview())
    dimension = criteria[0].dimension if criteria else None
    return render(
        request,
        "catalogue/index.html",
        {
            "criteria": criteria,
            "dimension": dimension,
            "form": SearchForm(),
            "query": "",
            "is_editor": is_catalogue_editor(request.user),
        },
    )


@require_safe
def criterion_detail(request: HttpRequest, number: str) -> HttpResponse:
    criterion = selectors.get_criterion(number)
    region = None
    ags = request.GET.get("region", "")
    if ags:
        region = Region.objects.filter(ags=ags).first()
    materials = selectors.criterion_materials(criterion, region=region)
    regions_with_additions = (
        Region.objects.filter(
            catalogue_materials__criterion=criterion,
            catalogue_materials__status="veroeffentlicht",
        )
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "catalogue/criterion_detail.html",
        {
            "criterion": criterion,
            "nrw": materials["nrw"],
            "regional": materials["regional"],
            "region": region,
            "regions_with_additions": regions_with_additions,
        },
    )


def _school_accounts(user):
    if not user.is_authenticated:
        return []
    return [
        m.school
        for m in user.memberships.filter(role=Role.SCHULE, school__isnull=False).select_related(
            "school"
        )
    ]


@require_safe
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.get_material_for_viewer(request.user, pk)
    can_edit = can_edit_material(request.user, material)
    schools = [
        s
        for s in _school_accounts(request.user)
        if material.region_id is None or material.region_id == s.region_id
    ]
    context = {
        "material": material,
        "can_edit": can_edit,
        "add_form": AddToPlanForm(schools=schools) if schools else None,
        "flags": material.quality_flags(),
    }
    if can_edit:
        from ..models import Material

        context["duplicates"] = [
            g
            for g in selectors.find_duplicates(
                Material.objects.filter(criterion__dimension=material.criterion.dimension)
            )
            if any(m.pk == material.pk for m in g.materials)
        ]
    return render(request, "catalogue/material_detail.html", context)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    flt = form.to_filter() if request.GET else selectors.SearchFilter()
    result = selectors.search(flt) if flt.active else None
    page = hits = None
    if result is not None:
        paginator = Paginator(result.ranked, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("seite"))
        hits = result.hits(page.start_index() - 1 if page.paginator.count else 0, page.end_index())
    return render(
        request,
        "catalogue/search.html",
        {
            "form": form,
            "filter": flt,
            "result": result,
            "page": page,
            "hits": hits,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1)
            if page
            else [],
        },
    )


EXPORT_HEADER = (
    _("Kriterium"),
    _("Titel"),
    _("Anbieter"),
    _("Art"),
    _("Beschreibung"),
    _("Adresse (URL)"),
    _("eingesehen am"),
    _("Geltungsbereich"),
)


@require_safe
def search_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The whole search result (all pages, best first) as CSV or XLSX."""
    form = SearchForm(request.GET or None)
    flt = form.to_filter() if request.GET else selectors.SearchFilter()
    result = selectors.search(flt) if flt.active else None
    hits = result.hits(0, len(result)) if result is not None else []
    rows = [
        (
            hit.material.criterion.number,
            hit.material.title,
            hit.material.provider.name if hit.material.provider_id else "",
            hit.material.get_kind_display(),
            hit.material.description,
            hit.material.url,
            hit.material.checked_on,
            hit.material.region.name if hit.material.region_id else str(_("ganz NRW")),
        )
        for hit in hits
    ]
    header = [str(h) for h in EXPORT_HEADER]
    if fmt == "xlsx":
        return xlsx_response(
            dated_filename("unterstuetzungsangebote", "xlsx"), header, rows, str(_("Angebote"))
        )
    return csv_response(dated_filename("unterstuetzungsangebote", "csv"), header, rows)


@require_safe
def suggest(request: HttpRequest) -> JsonResponse:
    """As-you-type suggestions for the search box (progressive enhancement)."""
    query = request.GET.get("q", "")[:100]
    if len(query.strip()) < 3:
        return JsonResponse({"query": query, "suggestions": []})
    return JsonResponse({"query": query, "suggestions": selectors.suggestions(query)})
