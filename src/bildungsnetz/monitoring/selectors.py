"""Reads of the monitoring pages: the figures of one scope, the comparison of all regions,
the time series (per year from dated facts, per Stichtag from snapshots)."""

from __future__ import annotations

import datetime
from collections import Counter

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..regions.models import Region
from . import indicators as ind
from .models import Snapshot

# Keys the daily job stores (see take_snapshot) with their labels, in display order.
SNAPSHOT_KEYS = {
    "vereinbarungen": _("Kooperationsvereinbarungen unterzeichnet"),
    "gremien_vollstaendig": _("Pflichtgremien vollständig besetzt"),
    "schulen_mit_partnerschaft": _("Schulen mit Bildungspartnerschaft"),
    "partnerschaften": _("Bildungspartnerschaften (registriert oder öffentlich)"),
    "weisse_flecken_5km": _("Schulen ohne geeignete Einrichtung im Umkreis von 5 km"),
    "weisse_flecken_10km": _("Schulen ohne geeignete Einrichtung im Umkreis von 10 km"),
    "links_defekt": _("Defekte Links im Unterstützungskatalog"),
    "auftraege_ueberfaellig": _("Überfällige Arbeitsaufträge"),
}
INTERNAL_KEYS = {"auftraege_ueberfaellig"}


def scope_figures(
    region=None,
    *,
    internal: bool,
    day: datetime.date | None = None,
    spots: dict | None = None,
    bodies: dict | None = None,
) -> dict:
    """All figures of the Land (``region=None``) or one region for the dashboard.
    ``spots``/``bodies``: white spots and seat checks of the same scope when the caller has
    computed them already."""
    figures = [
        ind.contracts_signed(region),
        ind.bodies_complete(region, day=day, status=bodies),
    ]
    if internal:
        figures += ind.work_order_figures(region, day=day)
    figures.append(ind.schools_with_partnership(region))
    figures += ind.white_spot_figures(region, spots=spots)
    figures.append(ind.link_health(region))
    return {
        "figures": figures,
        "density": ind.partnership_density(region),
        "links_unchecked": ind.links_unchecked(region),
    }


def comparison_rows(
    *,
    internal: bool,
    day: datetime.date | None = None,
    spots: dict | None = None,
    bodies: dict | None = None,
) -> list[dict]:
    """One row per region with every indicator, from the grouped counts (about 12 queries).
    The white spots (the costly part, ~0.3 s for all of NRW) may be passed in."""
    day = day or timezone.localdate()
    regions = list(Region.objects.order_by("name"))
    signed = ind.signed_region_ids()
    bodies = bodies if bodies is not None else ind.body_status_by_region(day=day)
    schools = ind.schools_by_region()
    partnerships = ind.partnerships_by_region()
    partnered = ind.partnered_schools_by_region()
    spots = spots if spots is not None else ind.white_spots_by_region()
    links = ind.links_by_region()
    orders = ind.work_orders_by_region(day=day) if internal else {}
    meetings = Counter()
    for year_row in _meetings_this_year(day.year):
        meetings[year_row[0]] = year_row[1]
    rows = []
    for region in regions:
        n_schools = schools.get(region.pk, 0)
        n_partnerships = sum(partnerships.get(region.pk, Counter()).values())
        row = {
            "region": region,
            "url": reverse("monitoring:region", kwargs={"ags": region.ags}),
            "signed": region.pk in signed,
            "bodies_complete": sum(bodies.get(region.pk, {}).values()),
            "bodies_total": len(ind.OBLIGATORY_BODIES),
            "meetings_this_year": meetings[region.pk],
            "schools": n_schools,
            "partnerships": n_partnerships,
            "per_100": n_partnerships * 100.0 / n_schools if n_schools else None,
            "partnered": partnered.get(region.pk, 0),
            "partnered_share": partnered.get(region.pk, 0) * 100.0 / n_schools
            if n_schools
            else None,
            "white_5": spots[5].get(region.pk, 0),
            "white_10": spots[10].get(region.pk, 0),
            "links_broken": links.get(region.pk, {}).get("broken", 0),
            "links_total": links.get(region.pk, {}).get("total", 0),
        }
        if internal:
            o = orders.get(region.pk, {})
            row.update(orders_done=o.get("done", 0), orders_overdue=o.get("overdue", 0))
        rows.append(row)
    return rows


def _meetings_this_year(year: int):
    from django.db.models import Count

    from ..network.models import Meeting

    return (
        Meeting.objects.filter(starts_at__year=year)
        .values_list("body__region_id")
        .annotate(n=Count("id"))
        .order_by()
    )


COMPARISON_HEADER = (
    "AGS",
    "Region",
    "Vereinbarung unterzeichnet",
    "Pflichtgremien vollständig (von 3)",
    "Sitzungen im laufenden Jahr",
    "offene Schulen",
    "Bildungspartnerschaften",
    "Partnerschaften je 100 Schulen",
    "Anteil Schulen mit Partnerschaft (%)",
    "Schulen ohne Einrichtung im Umkreis von 5 km",
    "Schulen ohne Einrichtung im Umkreis von 10 km",
    "defekte Links",
    "geprüfte Links gesamt",
)
COMPARISON_INTERNAL_HEADER = ("Arbeitsaufträge erledigt", "Arbeitsaufträge überfällig")


def comparison_export(rows: list[dict], *, internal: bool):
    header = COMPARISON_HEADER + (COMPARISON_INTERNAL_HEADER if internal else ())
    out = []
    for r in rows:
        line = [
            r["region"].ags,
            r["region"].name,
            r["signed"],
            r["bodies_complete"],
            r["meetings_this_year"],
            r["schools"],
            r["partnerships"],
            r["per_100"],
            r["partnered_share"],
            r["white_5"],
            r["white_10"],
            r["links_broken"],
            r["links_total"],
        ]
        if internal:
            line += [r["orders_done"], r["orders_overdue"]]
        out.append(line)
    return header, out


def comparison_totals(rows: list[dict]) -> dict:
    """Sums and the regional minimum and maximum of the density columns."""

    def spread(key):
        values = [r[key] for r in rows if r[key] is not None]
        return (min(values), max(values)) if values else (None, None)

    return {
        "signed": sum(r["signed"] for r in rows),
        "per_100": spread("per_100"),
        "partnered_share": spread("partnered_share"),
    }


def year_series(region=None, *, internal: bool) -> list[ind.Series]:
    """Per-year counts of the dated facts."""
    if region is not None:
        meetings_url = reverse("network:region", kwargs={"ags": region.ags}) + "#sitzungen-titel"
    else:
        meetings_url = reverse("network:overview")
    series = [
        ind.Series(
            "sitzungen",
            _("Sitzungen der Gremien je Jahr"),
            ind.meetings_per_year(region),
            url=meetings_url,
            source=_("Beginn der Sitzung"),
        ),
        ind.Series(
            "partnerschaften_registriert",
            _("Registrierte Bildungspartnerschaften je Jahr"),
            ind.partnerships_registered_per_year(region),
            url=ind._registry_url(region),
            source=_("Datum der Registrierung"),
        ),
    ]
    if internal:
        url = (
            reverse("network:workorders", kwargs={"ags": region.ags})
            if region is not None
            else reverse("monitoring:dashboard") + "#vergleich"
        )
        series.append(
            ind.Series(
                "auftraege_erledigt",
                _("Erledigte Arbeitsaufträge je Jahr"),
                ind.work_orders_done_per_year(region),
                url=url,
                internal=True,
                source=_("erster Eintrag „erledigt“ im Verlauf"),
            )
        )
    return series


def snapshot_series(region=None, *, internal: bool) -> list[ind.Series]:
    """Per key the value at the last Stichtag of each year (one query)."""
    qs = Snapshot.objects.filter(region_id=getattr(region, "pk", None)).order_by("day")
    by_key: dict[str, dict[int, float]] = {}
    for key, day, value in qs.values_list("key", "day", "value"):
        if value is not None:
            by_key.setdefault(key, {})[day.year] = value
    series = []
    for key, label in SNAPSHOT_KEYS.items():
        if key in INTERNAL_KEYS and not internal:
            continue
        points = sorted(by_key.get(key, {}).items())
        if points:
            series.append(
                ind.Series(
                    key,
                    label,
                    points,
                    internal=key in INTERNAL_KEYS,
                    source=_("letzter Stichtag des Jahres"),
                )
            )
    return series


def latest_snapshot_day(region=None) -> datetime.date | None:
    qs = Snapshot.objects.filter(region_id=getattr(region, "pk", None))
    return qs.order_by("-day").values_list("day", flat=True).first()


def snapshot_values(*, day: datetime.date) -> list[tuple]:
    """``(region_id or None, key, value, total)`` of every indicator today: the rows the
    daily job stores. Uses the grouped counts once for all regions."""
    rows = comparison_rows(internal=True, day=day)
    result = []
    totals = Counter()
    for r in rows:
        rid = r["region"].pk
        values = {
            "vereinbarungen": (int(r["signed"]), 1),
            "gremien_vollstaendig": (r["bodies_complete"], r["bodies_total"]),
            "schulen_mit_partnerschaft": (r["partnered"], r["schools"]),
            "partnerschaften": (r["partnerships"], r["schools"]),
            "weisse_flecken_5km": (r["white_5"], r["schools"]),
            "weisse_flecken_10km": (r["white_10"], r["schools"]),
            "links_defekt": (r["links_broken"], r["links_total"]),
            "auftraege_ueberfaellig": (r["orders_overdue"], None),
        }
        for key, (value, total) in values.items():
            result.append((rid, key, value, total))
            totals[(key, "v")] += value
            totals[(key, "t")] += total or 0
    land_links = ind.links_by_region()
    for key in SNAPSHOT_KEYS:
        value, total = totals[(key, "v")], totals[(key, "t")] or None
        if key == "links_defekt":  # NRW-wide materials belong to the Land only
            value = sum(v["broken"] for v in land_links.values())
            total = sum(v["total"] for v in land_links.values())
        result.append((None, key, value, total))
    return result
