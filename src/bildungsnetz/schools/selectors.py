"""Reads of the school register: directory, map points, exports, detail, history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..core.audit import reason_label
from ..core.fulltext import school_ids_matching
from .filters import SchoolFilter, Status
from .models import Betriebsschluessel, Rechtsform, School

SORT_ORDERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "schulnummer"),
    "ort": ("ort", "name", "schulnummer"),
    "schulnummer": ("schulnummer",),
    "schulform": ("schulform__name", "name", "schulnummer"),
}

EXPORT_HEADER = (
    gettext_lazy("Schulnummer"),
    gettext_lazy("Name"),
    gettext_lazy("Schulform"),
    gettext_lazy("Straße"),
    gettext_lazy("PLZ"),
    gettext_lazy("Ort"),
    gettext_lazy("Kreis"),
    gettext_lazy("Regierungsbezirk"),
    gettext_lazy("Rechtsform"),
    gettext_lazy("Status"),
    gettext_lazy("Telefon"),
    gettext_lazy("E-Mail"),
    gettext_lazy("Internetseite"),
    gettext_lazy("Breite"),
    gettext_lazy("Länge"),
)


def closed_q() -> Q:
    """The opposite of ``School.objects.open()``."""
    return Q(closed_at__isnull=False) | Q(betriebsschluessel=Betriebsschluessel.AUFGELOEST)


def filter_schools(flt: SchoolFilter) -> QuerySet[School]:
    """All schools matching the directory filter, in the requested order (not paginated).

    Supervision offices (Schulform 0A) are left out unless the Schulform filter names them.
    """
    qs = School.objects.all()
    if flt.status == Status.OPEN:
        qs = qs.open()
    elif flt.status == Status.CLOSED:
        qs = qs.filter(closed_q())
    if flt.schulformen:
        qs = qs.filter(schulform_id__in=flt.schulformen)
    else:
        qs = qs.schools()
    if flt.region_ags:
        qs = qs.filter(region__ags=flt.region_ags)
    if flt.regierungsbezirk:
        qs = qs.filter(regierungsbezirk__code=flt.regierungsbezirk)
    if flt.rechtsform is not None:
        qs = qs.filter(rechtsform=flt.rechtsform)
    ids = school_ids_matching(flt.query)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs.order_by(*SORT_ORDERS.get(flt.sort, SORT_ORDERS["name"]))


def directory_page_queryset(flt: SchoolFilter) -> QuerySet[School]:
    return filter_schools(flt).select_related("schulform", "region")


def search_schools(query: str) -> QuerySet[School]:
    """Open schools (no supervision offices) matching ``query``, by name."""
    return directory_page_queryset(SchoolFilter(query=query))


def map_points(qs: QuerySet[School]) -> list[list]:
    """Compact map data: ``[[lat, lon, name, url, schulform], …]`` in one query."""
    url_template = reverse("schools:detail", kwargs={"schulnummer": "000000"})
    prefix, suffix = url_template.split("000000")
    rows = qs.order_by().values_list("lat", "lon", "name", "schulnummer", "schulform__name")
    return [
        [round(lat, 5), round(lon, 5), name, f"{prefix}{nummer}{suffix}", schulform]
        for lat, lon, name, nummer, schulform in rows.iterator(chunk_size=2000)
    ]


def school_map_point(school: School) -> list:
    return [
        round(school.lat, 5),
        round(school.lon, 5),
        school.name,
        school.get_absolute_url(),
        school.schulform.name,
    ]


def export_rows(qs: QuerySet[School]) -> Iterator[tuple]:
    """Rows for ``EXPORT_HEADER`` in one query."""
    rechtsformen = dict(Rechtsform.choices)
    open_label, closed_label = _("offen"), _("geschlossen")
    rows = qs.values_list(
        "schulnummer",
        "name",
        "schulform__name",
        "strasse",
        "plz",
        "ort",
        "region__name",
        "regierungsbezirk__name",
        "rechtsform",
        "closed_at",
        "betriebsschluessel",
        "telefon",
        "email",
        "homepage",
        "lat",
        "lon",
    )
    for row in rows.iterator(chunk_size=2000):
        closed = row[9] is not None or row[10] == Betriebsschluessel.AUFGELOEST
        yield (
            *row[:8],
            str(rechtsformen.get(row[8], row[8])),
            closed_label if closed else open_label,
            *row[11:],
        )


def get_school(schulnummer: str) -> School:
    return School.objects.select_related(
        "schulform", "region__schulamt", "regierungsbezirk", "gemeinde"
    ).get(schulnummer=schulnummer)


@dataclass(frozen=True)
class HistoryEntry:
    date: datetime
    kind: str
    reason: str


def recent_changes(school: School, *, limit: int = 10) -> list[HistoryEntry]:
    """The latest history entries – date, kind and reason only, never the editor."""
    kinds = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}
    rows = school.history.order_by("-history_date", "-history_id").values_list(
        "history_date", "history_type", "history_change_reason"
    )[:limit]
    return [
        HistoryEntry(date, kinds.get(kind, kind), reason_label(reason or ""))
        for date, kind, reason in rows
    ]
