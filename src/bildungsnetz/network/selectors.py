"""Reads of the network app. Everything region-scoped; visibility follows rules.py."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..regions.models import Region
from . import seats
from .models import (
    Body,
    BodyKind,
    ContractStatus,
    Handlungsfeld,
    Meeting,
    Membership,
    MembershipKind,
    Network,
    WorkOrder,
    WorkOrderStatus,
)
from .rules import can_read_internal

PUBLISHED = Path(__file__).parent / "data" / "published_counts.json"


def get_region_or_404(ags: str) -> Region:
    """The region of a request (twin: api/routers/network.py uses the same lookup)."""
    try:
        return Region.objects.select_related("regierungsbezirk").get(ags=ags)
    except Region.DoesNotExist as exc:
        raise Http404 from exc


def get_body_or_404(region: Region, pk: int) -> Body:
    try:
        return Body.objects.for_region(region).select_related("region").get(pk=pk)
    except Body.DoesNotExist as exc:
        raise Http404 from exc


def get_meeting_or_404(region: Region, pk: int, user) -> Meeting:
    try:
        meeting = Meeting.objects.for_region(region).select_related("body__region").get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    if not meeting_visible(meeting, user):
        raise Http404
    return meeting


def meeting_visible(meeting: Meeting, user) -> bool:
    return meeting.is_public or can_read_internal(user, meeting.body.region)


def visible_meetings(region: Region, user):
    qs = Meeting.objects.for_region(region).select_related("body__region")  # for the links
    if not can_read_internal(user, region):
        qs = qs.filter(is_public=True)
    return qs


def published_counts() -> list[dict]:
    """Counts published in the seeds – shown for comparison, never used as data."""
    return json.loads(PUBLISHED.read_text(encoding="utf-8"))


def statewide_overview() -> dict:
    """Counts derived from the network records of all 53 regions."""
    regions = list(Region.objects.select_related("regierungsbezirk", "network").order_by("name"))
    rows = []
    statuses = Counter()
    signed_dates = []
    for region in regions:
        network = getattr(region, "network", None)
        status = network.contract_status if network else ContractStatus.UNBEKANNT
        statuses[status] += 1
        signed_on = network.signed_on if network else None
        if status == ContractStatus.UNTERZEICHNET and signed_on:
            signed_dates.append(signed_on)
        rows.append(
            {
                "region": region,
                "status": status,
                "status_label": ContractStatus(status).label,
                "signed_on": signed_on,
                "office_name": network.office_name if network else "",
            }
        )
    signed = statuses[ContractStatus.UNTERZEICHNET]
    by_year = Counter(d.year for d in signed_dates)
    cumulative, total = [], 0
    for year in sorted(by_year):
        total += by_year[year]
        cumulative.append({"year": year, "new": by_year[year], "total": total})
    return {
        "rows": rows,
        "total": len(regions),
        "signed": signed,
        "signed_without_date": signed - len(signed_dates),
        "first_signed": min(signed_dates) if signed_dates else None,
        "by_status": [
            {"status": s, "label": s.label, "count": statuses[s]} for s in ContractStatus
        ],
        "by_year": cumulative,
    }


def member_label(membership: Membership, *, public: bool) -> str:
    person = membership.person
    name = person.public_name() if public else person.full_name
    org = membership.organisation.name if membership.organisation_id else ""
    return f"{name} ({org})" if org else name


def body_memberships(body: Body):
    return body.memberships.select_related(
        "person", "organisation", "handlungsfeld", "deputy_for__person"
    ).order_by("seat", "person__last_name")


def seat_check(
    region: Region, body_kind: str, *, day: datetime.date | None = None, public: bool = False
) -> seats.CheckResult:
    """The seat checklist of the region's body of this kind (empty when it has none)."""
    body = Body.objects.filter(region=region, kind=body_kind).first()
    return seat_check_for_body(body, region=region, body_kind=body_kind, day=day, public=public)


def seat_check_for_body(
    body: Body | None,
    *,
    region: Region,
    body_kind: str | None = None,
    day: datetime.date | None = None,
    public: bool = False,
) -> seats.CheckResult:
    holders = []
    if body is not None:
        holders = [
            seats.Holder(
                seat=m.seat,
                name=member_label(m, public=public),
                start=m.start,
                end=m.end,
                deputy=m.kind == MembershipKind.STELLVERTRETUNG,
                guest=m.kind == MembershipKind.GAST,
            )
            for m in body_memberships(body)
        ]
    return seats.check_seats(
        body_kind=body.kind if body else body_kind,
        region_kind=region.kind,
        variant=body.variant if body else "standard",
        holders=holders,
        day=day or timezone.localdate(),
    )


def region_bodies(region: Region):
    return Body.objects.for_region(region).order_by("kind", "name")


def handlungsfelder(region: Region, user):
    qs = Handlungsfeld.objects.for_region(region).prefetch_related("responsible", "status_reports")
    if not can_read_internal(user, region):
        qs = qs.filter(is_public=True)
    return qs


def work_orders(region: Region, *, overdue_only: bool = False, day=None):
    day = day or timezone.localdate()
    qs = WorkOrder.objects.for_region(region).select_related(
        "owner_organisation", "owner_person", "decision__meeting__body"
    )
    if overdue_only:
        qs = qs.filter(
            status__in=[WorkOrderStatus.OFFEN, WorkOrderStatus.IN_ARBEIT], due_date__lt=day
        )
    return qs


def work_orders_by_handlungsfeld(region: Region) -> list[dict]:
    """Controlling view: work orders grouped by the Handlungsfeld of their agenda item."""
    groups: dict = {}
    for order in work_orders(region).select_related("decision__agenda_item__handlungsfeld"):
        item = order.decision.agenda_item
        hf = item.handlungsfeld if item and item.handlungsfeld_id else None
        key = hf.title if hf else ""
        group = groups.setdefault(key, Counter())
        group[order.status] += 1
        if order.is_overdue():
            group["ueberfaellig"] += 1
    return [
        {
            "handlungsfeld": key,
            **{s: c[s] for s in WorkOrderStatus.values},
            "ueberfaellig": c["ueberfaellig"],
        }
        for key, c in sorted(groups.items())
    ]


def network_or_blank(region: Region) -> Network:
    try:
        return region.network
    except Network.DoesNotExist:
        return Network(region=region)


def public_members(body: Body, day=None):
    day = day or timezone.localdate()
    return (
        body_memberships(body)
        .active_on(day)
        .filter(Q(kind=MembershipKind.MITGLIED) | Q(kind=MembershipKind.GAST))
    )


OBLIGATORY_KINDS = [BodyKind.LENKUNGSKREIS, BodyKind.BILDUNGSKONFERENZ, BodyKind.BILDUNGSBUERO]


def practice_examples(*, q: str = "", region_ags: str = "", topic: str = "", public_only=True):
    """The searchable gallery: free text over title, summary, partners and outcome."""
    from .models import PracticeExample

    qs = PracticeExample.objects.select_related("region", "handlungsfeld", "contact")
    if public_only:
        qs = qs.public()
    if region_ags:
        qs = qs.filter(region__ags=region_ags)
    if topic:
        qs = qs.filter(topic=topic)
    for word in q.split()[:8]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(partners__icontains=word)
            | Q(outcome__icontains=word)
            | Q(region__name__icontains=word)
        )
    return qs


def get_practice_example_or_404(pk: int, user):
    """Public examples for everyone; unpublished ones for readers of their region."""
    from .models import PracticeExample

    try:
        example = PracticeExample.objects.select_related("region", "handlungsfeld", "contact").get(
            pk=pk
        )
    except PracticeExample.DoesNotExist as exc:
        raise Http404 from exc
    if not (example.is_public or can_read_internal(user, example.region)):
        raise Http404
    return example


# --- Self-evaluation --------------------------------------------------------------------


def self_evaluation_years(region) -> list[dict]:
    """The region's self-evaluations, newest year first, fields in the order of SPEC §2."""
    from .models import DevelopmentField, SelfEvaluation

    order = {code: i for i, code in enumerate(DevelopmentField.values)}
    by_year: dict[int, list] = {}
    for record in SelfEvaluation.objects.for_region(region):
        by_year.setdefault(record.year, []).append(record)
    return [
        {"year": year, "records": sorted(by_year[year], key=lambda r: order[r.field])}
        for year in sorted(by_year, reverse=True)
    ]


def self_evaluation_records(region, year: int) -> list:
    from .models import SelfEvaluation

    return list(SelfEvaluation.objects.for_region(region).filter(year=year))


def self_evaluation_summary() -> list[dict]:
    """Statewide, derived from the records: per year and field the mean rating (one
    decimal) and the number of regions that rated it. Newest year first."""
    from decimal import ROUND_HALF_UP, Decimal

    from django.db.models import Avg, Count

    from .models import DevelopmentField, SelfEvaluation

    rows = SelfEvaluation.objects.values("year", "field").annotate(
        mean=Avg("rating"), regions=Count("region", distinct=True)
    )
    table: dict[int, dict] = {}
    for row in rows:
        mean = Decimal(str(row["mean"])).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        table.setdefault(row["year"], {})[row["field"]] = {
            "mean": mean,
            "regions": row["regions"],
        }
    years = []
    for year in sorted(table, reverse=True):
        fields = [
            {
                "code": code,
                "label": label,
                "mean": table[year].get(code, {}).get("mean"),
                "regions": table[year].get(code, {}).get("regions", 0),
            }
            for code, label in DevelopmentField.choices
        ]
        regions = SelfEvaluation.objects.filter(year=year).values("region").distinct().count()
        years.append({"year": year, "fields": fields, "regions": regions})
    return years


# --- News -------------------------------------------------------------------------------


def public_news(region=None):
    from .models import NewsItem

    qs = NewsItem.objects.published().select_related("region")
    return qs.filter(region=region) if region is not None else qs


def region_news(region, user):
    """Published news; the region's editors also see drafts and scheduled items."""
    from .models import NewsItem
    from .rules import can_edit_network

    if can_edit_network(user, region):
        return NewsItem.objects.for_region(region).select_related("region")
    return public_news(region)


def overview_map_points(rows: list[dict]) -> list[list]:
    """One marker per region for the overview map: [lat, lon, name, url, status text].

    The reference tables have no region coordinates; a region's marker sits at the mean
    position of its open schools (one grouped query). Regions without schools get none.
    """
    from django.db.models import Avg

    from ..schools.models import School

    centres = {
        row["region_id"]: (row["lat"], row["lon"])
        for row in School.objects.schools()
        .open()
        .values("region_id")
        .annotate(lat=Avg("lat"), lon=Avg("lon"))
        .order_by()
    }
    points = []
    for row in rows:
        region = row["region"]
        if region.pk in centres:
            lat, lon = centres[region.pk]
            label = str(_("Vereinbarung: %(status)s")) % {"status": row["status_label"]}
            points.append(
                [
                    round(lat, 5),
                    round(lon, 5),
                    region.name,
                    reverse("network:region", args=[region.ags]),
                    label,
                ]
            )
    return points
