"""The monitoring indicators as plain functions, for the Land (``region=None``) or one region.

Every ``*_by_region`` function answers for all regions at once with a few grouped queries
(the comparison table needs all 53); the figures of one scope are sums over it. Definitions
(see docs/monitoring.md):

* **Vereinbarungen**: regions whose network record says ``unterzeichnet``.
* **Vollständige Gremien**: of the three obligatory bodies per region (Lenkungskreis,
  Bildungskonferenz, Bildungsbüro) those that exist and whose seat check
  (``network.seats.check_seats``) has no seat missing or over-filled today. A body that does
  not exist counts as incomplete.
* **Sitzungen je Jahr**: meetings of the region's bodies by the year they start.
* **Arbeitsaufträge**: done = status ``erledigt``; overdue = open or in progress with a due
  date before today. Done per year = year of the first history entry with ``erledigt``.
* **Bildungspartnerschaften**: only partnerships in the states ``registriert`` and
  ``öffentlich`` count, by the kind of the (first) institution and the region of the school;
  per 100 open schools of the register (without supervision offices).
* **Schulen mit Partnerschaft**: open schools with at least one counted partnership.
* **Weiße Flecken**: open schools with coordinates that have no public (verified, active)
  institution of the ten eligible kinds within 5 or 10 km (great-circle distance). The
  same rule as ``partners.selectors.white_spots``; here computed on a grid of cells as large
  as the radius, so all 5,500 schools against 20,000 institutions take well under a second.
* **Linkprüfung**: catalogue materials that are not archived and have an address; broken =
  the last check failed (HTTP status ≥ 400 or an error); unchecked = never checked.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ..catalogue.models import Material, MaterialStatus
from ..core.geo import EARTH_RADIUS_KM, haversine_km
from ..network import seats
from ..network.models import (
    Body,
    BodyKind,
    ContractStatus,
    Meeting,
    Membership,
    MembershipKind,
    Network,
    WorkOrder,
    WorkOrderStatus,
)
from ..partners.models import (
    ELIGIBLE_KINDS,
    Institution,
    InstitutionKind,
    Partnership,
    PartnershipState,
)
from ..regions.models import Region
from ..schools.models import ImportRun, School

COUNTED_PARTNERSHIP_STATES = (PartnershipState.REGISTRIERT, PartnershipState.OEFFENTLICH)
OBLIGATORY_BODIES = (BodyKind.LENKUNGSKREIS, BodyKind.BILDUNGSKONFERENZ, BodyKind.BILDUNGSBUERO)
WHITE_SPOT_RADII = (5, 10)
OPEN_WORK_ORDER = (WorkOrderStatus.OFFEN, WorkOrderStatus.IN_ARBEIT)


@dataclass
class Figure:
    """One number on the dashboard: value, base, the list behind it, public or internal."""

    key: str
    label: str
    value: float | int | None
    total: int | None = None
    url: str = ""
    internal: bool = False
    unit: str = ""

    @property
    def percent(self) -> float | None:
        if self.total in (None, 0) or self.value is None:
            return None
        return self.value * 100.0 / self.total


@dataclass
class Series:
    """A time series per year: ``points`` is ``[(year, value), …]`` in year order."""

    key: str
    label: str
    points: list[tuple[int, float]]
    url: str = ""
    internal: bool = False
    source: str = ""
    max_value: float = field(init=False)

    def __post_init__(self):
        self.max_value = max((v for _y, v in self.points), default=0)

    def chart(self, *, plot_height: int = 120, bar: int = 32, gap: int = 14) -> dict:
        """Geometry of a simple SVG bar chart (attributes only, no inline style)."""
        top = self.max_value or 1
        bars = []
        for i, (year, value) in enumerate(self.points):
            h = round(value * plot_height / top)
            x = gap + i * (bar + gap)
            bars.append(
                {
                    "year": year,
                    "value": value,
                    "x": x,
                    "w": bar,
                    "h": h,
                    "y": 20 + plot_height - h,
                    "cx": x + bar // 2,
                    "value_y": 20 + plot_height - h - 5,
                    "year_y": 20 + plot_height + 16,
                }
            )
        return {
            "bars": bars,
            "width": gap + len(self.points) * (bar + gap),
            "height": 20 + plot_height + 24,
            "base_y": 20 + plot_height,
        }


def _region_id(region) -> int | None:
    return getattr(region, "pk", region)


def _scoped(qs, region, path: str):
    """Filter ``qs`` to the region (``path`` = lookup to the region id) unless Land."""
    region_id = _region_id(region)
    return qs if region_id is None else qs.filter(**{path: region_id})


# --- Grouped counts per region ------------------------------------------------------------


def signed_region_ids(region=None) -> set[int]:
    qs = _scoped(Network.objects.all(), region, "region_id")
    return set(
        qs.filter(contract_status=ContractStatus.UNTERZEICHNET).values_list("region_id", flat=True)
    )


def body_status_by_region(region=None, *, day: datetime.date | None = None) -> dict:
    """``{region_id: {body_kind: complete?}}`` for the obligatory bodies that exist.

    Two queries: the bodies (with the region kind) and all their memberships.
    """
    day = day or timezone.localdate()
    bodies = list(
        _scoped(Body.objects.filter(kind__in=OBLIGATORY_BODIES), region, "region_id").values(
            "id", "region_id", "kind", "variant", "region__kind"
        )
    )
    holders = defaultdict(list)
    members = Membership.objects.filter(body_id__in=[b["id"] for b in bodies]).values_list(
        "body_id", "seat", "start", "end", "kind", "id"
    )
    for body_id, seat, start, end, kind, pk in members:
        holders[body_id].append(
            seats.Holder(
                seat=seat,
                name=str(pk),
                start=start,
                end=end,
                deputy=kind == MembershipKind.STELLVERTRETUNG,
                guest=kind == MembershipKind.GAST,
            )
        )
    result: dict[int, dict[str, bool]] = defaultdict(dict)
    for b in bodies:
        check = seats.check_seats(
            body_kind=b["kind"],
            region_kind=b["region__kind"],
            variant=b["variant"],
            holders=holders[b["id"]],
            day=day,
        )
        result[b["region_id"]][b["kind"]] = check.ok
    return result


def work_orders_by_region(region=None, *, day: datetime.date | None = None) -> dict:
    """``{region_id: {"done": n, "overdue": n, "open": n, "total": n}}``."""
    day = day or timezone.localdate()
    rows = (
        _scoped(WorkOrder.objects.all(), region, "region_id")
        .values("region_id")
        .annotate(
            total=Count("id", filter=~Q(status=WorkOrderStatus.VERWORFEN)),
            done=Count("id", filter=Q(status=WorkOrderStatus.ERLEDIGT)),
            open=Count("id", filter=Q(status__in=OPEN_WORK_ORDER)),
            overdue=Count("id", filter=Q(status__in=OPEN_WORK_ORDER, due_date__lt=day)),
        )
        .order_by()
    )
    return {r.pop("region_id"): r for r in rows}


def open_schools(region=None):
    return _scoped(School.objects.schools().open(), region, "region_id")


def schools_by_region(region=None) -> dict[int, int]:
    rows = open_schools(region).values("region_id").annotate(n=Count("id")).order_by()
    return {r["region_id"]: r["n"] for r in rows}


def counted_partnerships(region=None):
    """Registered or public partnerships of open schools (the monitoring's base)."""
    qs = Partnership.objects.filter(state__in=COUNTED_PARTNERSHIP_STATES, school__in=open_schools())
    return _scoped(qs, region, "school__region_id")


def partnerships_by_region(region=None) -> dict[int, Counter]:
    """``{region_id: Counter({institution kind: n})}`` of the counted partnerships."""
    rows = (
        counted_partnerships(region)
        .values("school__region_id", "institution__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[int, Counter] = defaultdict(Counter)
    for r in rows:
        result[r["school__region_id"]][r["institution__kind"]] += r["n"]
    return result


def partnered_schools_by_region(region=None) -> dict[int, int]:
    rows = (
        counted_partnerships(region)
        .values("school__region_id")
        .annotate(n=Count("school_id", distinct=True))
        .order_by()
    )
    return {r["school__region_id"]: r["n"] for r in rows}


def eligible_institution_points(box=None) -> list[tuple[float, float]]:
    """Coordinates of the public institutions of the ten eligible kinds."""
    qs = Institution.objects.public().located().filter(kind__in=ELIGIBLE_KINDS)
    if box is not None:
        qs = qs.filter(**box)
    return list(qs.values_list("lat", "lon"))


def nearest_distances(
    schools: list[tuple],
    points: list[tuple[float, float]],
    *,
    reach_km: float,
    good_enough_km: float | None = None,
) -> dict:
    """``{school key: distance to the nearest point in km, or None beyond reach_km}``.

    ``schools`` are ``(key, lat, lon)``. The points go into a grid of cells at least
    ``reach_km`` wide, so only the 3 × 3 cells around a school can hold a point within reach;
    the school's own cell is searched first. With ``good_enough_km`` the search for a school
    stops at the first point that close (its distance is returned, which is then at most
    ``good_enough_km`` but not necessarily the nearest) – enough to classify by radius.
    """
    if not schools:
        return {}
    dlat = math.degrees(reach_km / EARTH_RADIUS_KM)
    polar = min(89.0, max(abs(lat) for _k, lat, _lon in schools) + dlat)
    dlon = math.degrees(reach_km / (EARTH_RADIUS_KM * math.cos(math.radians(polar))))
    grid: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon in points:
        grid[(math.floor(lat / dlat), math.floor(lon / dlon))].append((lat, lon))
    offsets = [(0, 0)] + [(y, x) for y in (-1, 0, 1) for x in (-1, 0, 1) if (y, x) != (0, 0)]
    stop = good_enough_km if good_enough_km is not None else -1.0
    result = {}
    for key, lat, lon in schools:
        cy, cx = math.floor(lat / dlat), math.floor(lon / dlon)
        best = None
        for oy, ox in offsets:
            for plat, plon in grid.get((cy + oy, cx + ox), ()):
                d = haversine_km(lat, lon, plat, plon)
                if d <= reach_km and (best is None or d < best):
                    best = d
                    if d <= stop:
                        break
            if best is not None and best <= stop:
                break
        result[key] = best
    return result


def _white_spot_version() -> str:
    """Changes whenever schools or institutions could have changed (three small queries)."""
    inst = Institution.objects.aggregate(n=Count("id"), last=Max("updated"))
    schools = School.objects.aggregate(n=Count("id"), last=Max("id"))
    run = ImportRun.objects.aggregate(last=Max("id"))["last"]
    return f"{inst['n']}-{inst['last']}-{schools['n']}-{schools['last']}-{run}"


def white_spots_by_region(region=None, *, radii=WHITE_SPOT_RADII) -> dict[int, dict[int, int]]:
    """``{km: {region_id: number of open schools without an eligible institution within km}}``.

    Schools without coordinates cannot be judged and are left out (the register gives
    coordinates for all but a handful). The statewide result (~0.3 s on the register with
    20,000 institutions) is cached until a school or an institution changes.
    """
    if region is None and tuple(radii) == tuple(WHITE_SPOT_RADII):
        version = hashlib.sha256(_white_spot_version().encode()).hexdigest()[:32]
        key = f"monitoring:white-spots:{version}"
        cached = cache.get(key)
        if cached is None:
            cached = _white_spots(None, radii)
            cache.set(key, cached, timeout=24 * 3600)
        return cached
    return _white_spots(region, radii)


def _white_spots(region, radii) -> dict[int, dict[int, int]]:
    schools = list(
        open_schools(region)
        .filter(lat__isnull=False, lon__isnull=False)
        .values_list("id", "lat", "lon", "region_id")
    )
    result: dict[int, dict[int, int]] = {km: Counter() for km in radii}
    if not schools:
        return result
    reach = max(radii)
    box = None
    if region is not None:
        dlat = math.degrees(reach / EARTH_RADIUS_KM) * 1.01
        dlon = dlat / math.cos(math.radians(max(s[1] for s in schools) + dlat))
        box = {
            "lat__gte": min(s[1] for s in schools) - dlat,
            "lat__lte": max(s[1] for s in schools) + dlat,
            "lon__gte": min(s[2] for s in schools) - dlon,
            "lon__lte": max(s[2] for s in schools) + dlon,
        }
    nearest = nearest_distances(
        [(s[0], s[1], s[2]) for s in schools],
        eligible_institution_points(box),
        reach_km=reach,
        good_enough_km=min(radii),
    )
    for school_id, _lat, _lon, region_id in schools:
        d = nearest[school_id]
        for km in radii:
            if d is None or d > km:
                result[km][region_id] += 1
    return result


def links_by_region(region=None) -> dict:
    """``{region_id or None: {"total", "broken", "unchecked"}}`` of catalogue links;
    ``None`` holds the NRW-wide materials."""
    qs = Material.objects.exclude(status=MaterialStatus.ARCHIVIERT).exclude(url="")
    if region is not None:
        qs = qs.filter(region_id=_region_id(region))
    broken = Q(link_checked_at__isnull=False) & (Q(link_status__gte=400) | ~Q(link_error=""))
    rows = (
        qs.values("region_id")
        .annotate(
            total=Count("id"),
            broken=Count("id", filter=broken),
            unchecked=Count("id", filter=Q(link_checked_at__isnull=True)),
        )
        .order_by()
    )
    return {r.pop("region_id"): r for r in rows}


# --- Figures of one scope ------------------------------------------------------------------


def _region_count(region) -> int:
    return 1 if region is not None else Region.objects.count()


def _url(name: str, scope=None, **params) -> str:
    base = reverse(name, kwargs={"ags": scope.ags}) if scope is not None else reverse(name)
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return base + ("?" + urlencode(clean) if clean else "")


def contracts_signed(region=None) -> Figure:
    """Regions with a signed Kooperationsvereinbarung, of all regions (53 for NRW)."""
    return Figure(
        key="vereinbarungen",
        label=_("Kooperationsvereinbarungen unterzeichnet"),
        value=len(signed_region_ids(region)),
        total=_region_count(region),
        url=_url("network:region", region) if region else reverse("network:overview"),
    )


def bodies_complete(region=None, *, day=None, status: dict | None = None) -> Figure:
    """Obligatory bodies that exist and fill every seat, of three per region.
    ``status``: a result of ``body_status_by_region`` for this scope, if already computed."""
    status = status if status is not None else body_status_by_region(region, day=day)
    complete = sum(ok for kinds in status.values() for ok in kinds.values())
    return Figure(
        key="gremien_vollstaendig",
        label=_("Pflichtgremien vollständig besetzt"),
        value=complete,
        total=len(OBLIGATORY_BODIES) * _region_count(region),
        url=_url("network:region", region) + "#gremien-titel"
        if region
        else reverse("monitoring:dashboard") + "#vergleich",
    )


def work_order_figures(region=None, *, day=None) -> list[Figure]:
    """Done and overdue work orders (internal figures)."""
    rows = work_orders_by_region(region, day=day).values()
    total = sum(r["total"] for r in rows)
    done = sum(r["done"] for r in rows)
    overdue = sum(r["overdue"] for r in rows)
    list_url = _url("network:workorders", region) if region else ""
    fallback = reverse("monitoring:dashboard") + "#vergleich"
    return [
        Figure(
            key="auftraege_erledigt",
            label=_("Arbeitsaufträge erledigt"),
            value=done,
            total=total,
            url=list_url or fallback,
            internal=True,
        ),
        Figure(
            key="auftraege_ueberfaellig",
            label=_("Arbeitsaufträge überfällig"),
            value=overdue,
            total=total,
            url=(list_url + "?ueberfaellig=1") if list_url else fallback,
            internal=True,
        ),
    ]


def _registry_url(region=None, **params) -> str:
    return _url("partners:registry", None, region=region.ags if region else "", **params)


def partnership_density(region=None) -> dict:
    """Counted partnerships per 100 open schools, in total and by institution kind."""
    schools = sum(schools_by_region(region).values())
    by_kind = Counter()
    for counter in partnerships_by_region(region).values():
        by_kind.update(counter)
    total = sum(by_kind.values())

    def per100(n):
        return n * 100.0 / schools if schools else None

    labels = dict(InstitutionKind.choices)
    return {
        "schools": schools,
        "partnerships": total,
        "per_100": per100(total),
        "url": _registry_url(region),
        "by_kind": [
            {
                "kind": kind,
                "label": labels[kind],
                "count": by_kind[kind],
                "per_100": per100(by_kind[kind]),
                "url": _registry_url(region, kind=kind),
            }
            for kind in InstitutionKind.values
            if by_kind[kind]
        ],
    }


def schools_with_partnership(region=None) -> Figure:
    return Figure(
        key="schulen_mit_partnerschaft",
        label=_("Schulen mit mindestens einer Bildungspartnerschaft"),
        value=sum(partnered_schools_by_region(region).values()),
        total=sum(schools_by_region(region).values()),
        url=_registry_url(region, ansicht="schulen"),
    )


def white_spot_figures(region=None, *, spots: dict | None = None) -> list[Figure]:
    """``spots``: a result of ``white_spots_by_region`` for this scope, if already computed."""
    spots = spots if spots is not None else white_spots_by_region(region)
    schools = sum(schools_by_region(region).values())
    figures = []
    for km in WHITE_SPOT_RADII:
        params = {"region": region.ags, "km": km} if region is not None else {"km": km}
        figures.append(
            Figure(
                key=f"weisse_flecken_{km}km",
                label=_("Schulen ohne geeignete Einrichtung im Umkreis von %(km)s km") % {"km": km},
                value=sum(spots[km].values()),
                total=schools,
                url=reverse("partners:white_spots") + "?" + urlencode(params),
            )
        )
    return figures


def link_health(region=None) -> Figure:
    rows = links_by_region(region)
    if region is not None:
        rows = {k: v for k, v in rows.items() if k == _region_id(region)}
    total = sum(r["total"] for r in rows.values())
    return Figure(
        key="links_defekt",
        label=_("Links im Unterstützungskatalog bei der letzten Prüfung defekt"),
        value=sum(r["broken"] for r in rows.values()),
        total=total,
        url=reverse("catalogue:link_report"),
    )


def links_unchecked(region=None) -> int:
    rows = links_by_region(region)
    return sum(r["unchecked"] for r in rows.values())


# --- Time series from dated facts ---------------------------------------------------------


def _per_year(rows) -> list[tuple[int, int]]:
    return sorted((r["year"], r["n"]) for r in rows if r["year"] is not None)


def meetings_per_year(region=None) -> list[tuple[int, int]]:
    qs = _scoped(Meeting.objects.all(), region, "body__region_id")
    return _per_year(
        qs.annotate(year=ExtractYear("starts_at")).values("year").annotate(n=Count("id")).order_by()
    )


def partnerships_registered_per_year(region=None) -> list[tuple[int, int]]:
    """Partnerships by the year of their registration (whatever their state today)."""
    qs = _scoped(
        Partnership.objects.filter(registered_at__isnull=False), region, "school__region_id"
    )
    return _per_year(
        qs.annotate(year=ExtractYear("registered_at"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by()
    )


def work_orders_done_per_year(region=None) -> list[tuple[int, int]]:
    """Finished work orders by the year of the first history entry with ``erledigt``."""
    done = _scoped(
        WorkOrder.objects.filter(status=WorkOrderStatus.ERLEDIGT), region, "region_id"
    ).values("id")
    firsts = (
        WorkOrder.history.filter(id__in=done, status=WorkOrderStatus.ERLEDIGT)
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("first", flat=True)
    )
    counter = Counter(timezone.localtime(stamp).year for stamp in firsts)
    return sorted(counter.items())
