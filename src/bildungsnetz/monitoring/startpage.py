"""The blocks of "Mein Bereich", one set per role. Each block is short (a few rows) and
names the full list it comes from; the query count per block is fixed (no N+1)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from ..core.geo import bounding_box, within_km
from ..core.models import Role
from ..core.rules import is_land_admin
from ..partners.models import (
    Institution,
    Partnership,
    PartnershipState,
)
from ..schools.models import School
from . import indicators as ind

BLOCK_ROWS = 5
NEARBY_KM = 10
PARTNER_SCHOOL_KM = 10
EXPIRING_DAYS = 90
LIVING_PARTNERSHIP = (
    PartnershipState.REGISTRIERT,
    PartnershipState.OEFFENTLICH,
    PartnershipState.RUHEND,
)


def school_blocks(school: School, user) -> dict:
    """A principal's view of the own school: supervision, partnerships, offers nearby,
    support plan, the next meetings of the region's network."""
    from ..catalogue.models import SupportPlan
    from ..network.selectors import visible_meetings
    from ..partners.selectors import annotate_for_display, institutions_near
    from ..regions.supervision import supervision_for_school

    school = School.objects.select_related("region__schulamt", "regierungsbezirk", "schulform").get(
        pk=school.pk
    )
    partnerships = (
        Partnership.objects.filter(school=school)
        .exclude(state=PartnershipState.BEENDET)
        .select_related("institution")
        .order_by("-created", "-id")
    )
    nearby = []
    if school.lat is not None and school.lon is not None:
        nearby = institutions_near(school.lat, school.lon, NEARBY_KM)[:BLOCK_ROWS]
        annotate_for_display(nearby)
    plan = SupportPlan.objects.filter(school=school).annotate(n_items=Count("items")).first()
    meetings = (
        visible_meetings(school.region, user)
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")[:BLOCK_ROWS]
    )
    return {
        "school": school,
        "supervision": supervision_for_school(school),
        "partnerships": list(partnerships[:BLOCK_ROWS]),
        "partnerships_url": reverse("partners:mine"),
        "nearby": nearby,
        "nearby_km": NEARBY_KM,
        "nearby_url": reverse("partners:near")
        + "?"
        + urlencode({"schule": school.schulnummer, "km": NEARBY_KM}),
        "plan_items": plan.n_items if plan else 0,
        "plan_url": reverse("catalogue:plan", kwargs={"schulnummer": school.schulnummer}),
        "meetings": list(meetings),
        "meetings_url": reverse("network:region", kwargs={"ags": school.region.ags}),
    }


def schools_without_partner_of_kind(
    institution: Institution, *, km: float = PARTNER_SCHOOL_KM
) -> list[tuple[School, float]]:
    """Open schools within ``km`` of the institution that have no living partnership
    (registered, public or resting) with an institution of the same kind, nearest first."""
    if institution.lat is None or institution.lon is None:
        return []
    box = bounding_box(institution.lat, institution.lon, km)
    partnered = Partnership.objects.filter(state__in=LIVING_PARTNERSHIP).filter(
        Q(institution__kind=institution.kind) | Q(third_institution__kind=institution.kind)
    )
    candidates = (
        School.objects.schools()
        .open()
        .filter(**box.as_filter())
        .exclude(pk__in=partnered.values("school_id"))
        .select_related("schulform")
        .only("id", "schulnummer", "name", "ort", "lat", "lon", "schulform__name")
        .order_by("name", "schulnummer")
    )
    return within_km(institution.lat, institution.lon, list(candidates), km)


def partner_blocks(user) -> list[dict]:
    """For each institution the account acts for: schools nearby without such a partner."""
    institutions = (
        Institution.objects.filter(memberships__user=user)
        .select_related("region")
        .order_by("name", "id")
    )
    blocks = []
    for inst in institutions:
        schools = schools_without_partner_of_kind(inst)
        blocks.append(
            {
                "institution": inst,
                "km": PARTNER_SCHOOL_KM,
                "count": len(schools),
                "schools": schools[:BLOCK_ROWS],
                "list_url": reverse("monitoring:partner_schools", kwargs={"pk": inst.pk}),
                "needs_url": reverse("partners:needs")
                + ("?" + urlencode({"region": inst.region.ags}) if inst.region_id else ""),
                "offer_url": reverse("partners:offer_create", kwargs={"pk": inst.pk}),
            }
        )
    return blocks


def office_blocks(region, *, day: datetime.date | None = None) -> dict:
    """For a Bildungsbüro: overdue work orders, incomplete bodies, agreements ending soon,
    survey progress, broken catalogue links – all of its region."""
    from ..catalogue.models import Material
    from ..catalogue.selectors import broken_links
    from ..network.selectors import work_orders
    from ..surveys.selectors import survey_progress_for_region

    day = day or timezone.localdate()
    overdue = work_orders(region, overdue_only=True, day=day).order_by("due_date", "pk")
    status = ind.body_status_by_region(region, day=day).get(region.pk, {})
    labels = dict(ind.BodyKind.choices)
    bodies = [
        {
            "kind": kind,
            "label": labels[kind],
            "exists": kind in status,
            "complete": status.get(kind, False),
        }
        for kind in ind.OBLIGATORY_BODIES
    ]
    expiring = (
        Partnership.objects.for_region(region)
        .filter(
            state__in=LIVING_PARTNERSHIP,
            end_date__gte=day,
            end_date__lte=day + datetime.timedelta(days=EXPIRING_DAYS),
        )
        .select_related("school", "institution")
        .order_by("end_date", "pk")
    )
    broken = broken_links(Material.objects.for_region(region))
    return {
        "region": region,
        "overdue": list(overdue[:BLOCK_ROWS]),
        "overdue_count": overdue.count(),
        "overdue_url": reverse("network:workorders", kwargs={"ags": region.ags})
        + "?ueberfaellig=1",
        "bodies": [b for b in bodies if not b["complete"]],
        "bodies_url": reverse("network:region", kwargs={"ags": region.ags}),
        "expiring": list(expiring[:BLOCK_ROWS]),
        "expiring_days": EXPIRING_DAYS,
        "expiring_url": reverse("partners:mine"),
        "surveys": survey_progress_for_region(region),
        "broken": list(broken[:BLOCK_ROWS]),
        "broken_count": broken.count(),
        "broken_url": reverse("catalogue:link_report"),
        "monitoring_url": reverse("monitoring:region", kwargs={"ags": region.ags}),
    }


def land_block() -> dict:
    """Statewide headline figures for the Land's staff (cheap ones only)."""
    return {
        "figures": [ind.contracts_signed(None), ind.bodies_complete(None)]
        + ind.work_order_figures(None),
        "url": reverse("monitoring:dashboard"),
    }


def start_page(user) -> dict:
    """Everything "Mein Bereich" shows beyond the role list, by the user's roles."""
    memberships = list(user.memberships.select_related("region", "school"))
    schools = [m.school for m in memberships if m.role == Role.SCHULE and m.school_id]
    offices = [m.region for m in memberships if m.role == Role.BILDUNGSBUERO and m.region_id]
    supervision = [m.region for m in memberships if m.role == Role.SCHULAUFSICHT and m.region_id]
    return {
        "memberships": memberships,
        "school_blocks": [school_blocks(s, user) for s in schools],
        "partner_blocks": partner_blocks(user),
        "office_blocks": [office_blocks(r) for r in offices],
        "supervision_regions": supervision,
        "land_block": land_block() if is_land_admin(user) else None,
    }
