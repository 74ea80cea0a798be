"""Reads of the regions: the list with school counts, a region's page."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy

from ..core.fulltext import fold
from ..schools.models import Betriebsschluessel, School
from .filters import RegionFilter
from .models import Gemeinde, Region

EXPORT_HEADER = (
    gettext_lazy("Kreisschlüssel (AGS)"),
    gettext_lazy("Name"),
    gettext_lazy("Art"),
    gettext_lazy("Regierungsbezirk"),
    gettext_lazy("Obere Schulaufsicht"),
    gettext_lazy("Untere Schulaufsicht"),
    gettext_lazy("Offene Schulen"),
)

# The same rule as School.objects.schools().open(), seen from the region.
OPEN_SCHOOLS = (
    Q(schools__closed_at__isnull=True)
    & ~Q(schools__betriebsschluessel=Betriebsschluessel.AUFGELOEST)
    & ~Q(schools__schulform_id="0A")
)


def matches_text(region: Region, query: str) -> bool:
    """Umlaut-tolerant match on the name ("Muenster" finds Münster) or an AGS prefix."""
    if not query:
        return True
    if query.isdigit():
        return region.ags.startswith(query)
    return fold(query) in fold(region.name)


def region_list(flt: RegionFilter) -> list[Region]:
    """Regions with ``open_school_count``, in one query (text filter in Python: 53 rows)."""
    qs: QuerySet[Region] = Region.objects.select_related("regierungsbezirk", "schulamt").annotate(
        open_school_count=Count("schools", filter=OPEN_SCHOOLS)
    )
    if flt.regierungsbezirk:
        qs = qs.filter(regierungsbezirk__code=flt.regierungsbezirk)
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    return [r for r in qs.order_by("name") if matches_text(r, flt.query)]


def region_export_rows(regions: list[Region]) -> Iterator[tuple]:
    for r in regions:
        yield (
            r.ags,
            r.name,
            str(r.get_kind_display()),
            r.regierungsbezirk.name,
            r.regierungsbezirk.bezirksregierung_name,
            getattr(getattr(r, "schulamt", None), "name", ""),
            r.open_school_count,
        )


def get_region(ags: str) -> Region:
    return Region.objects.select_related("regierungsbezirk", "schulamt").get(ags=ags)


def search_regions(query: str, *, limit: int = 10) -> list[Region]:
    return region_list(RegionFilter(query=query))[:limit]


def gemeinden_of(region: Region) -> QuerySet[Gemeinde]:
    return region.gemeinden.order_by("name")


def open_schools_by_schulform(region: Region) -> list[dict]:
    """``[{"code", "name", "count"}, …]`` of the region's open schools, one query."""
    rows = (
        School.objects.schools()
        .open()
        .for_region(region)
        .values("schulform_id", "schulform__name")
        .annotate(count=Count("id"))
        .order_by("schulform__name")
    )
    return [
        {"code": row["schulform_id"], "name": row["schulform__name"], "count": row["count"]}
        for row in rows
    ]


def bezirk_overview() -> list[dict]:
    """Per Regierungsbezirk: code, name, number of regions and of open schools (two queries)."""
    from .models import Regierungsbezirk

    schools = dict(
        School.objects.schools()
        .open()
        .values_list("regierungsbezirk_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        {"code": rb.code, "name": rb.name, "region_count": rb.region_count,
         "school_count": schools.get(rb.pk, 0)}
        for rb in Regierungsbezirk.objects.annotate(region_count=Count("regions")).order_by("code")
    ]  # fmt: skip
