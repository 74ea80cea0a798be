"""Reads for surveys: progress per region, lists for the management pages.

Only counts leave this module — never which invitation belongs to which response (there is
no such link in the database anyway).
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from .models import Instrument, Invitation, Response, Survey, SurveyRegion, SurveyStatus


def _rate(responded: int, invited: int) -> float | None:
    if not invited:
        return None
    return round(min(responded, invited) * 100.0 / invited, 1)


def running_surveys_for_region(region) -> QuerySet[Survey]:
    """Running surveys a region takes part in: its own, statewide ones, and those that list it."""
    region_id = getattr(region, "pk", region)
    return (
        Survey.objects.filter(status=SurveyStatus.LAEUFT)
        .filter(Q(region_id=region_id) | Q(region__isnull=True) | Q(regions__region_id=region_id))
        .select_related("instrument", "region")
        .distinct()
        .order_by("closes_on", "title")
    )


def survey_progress_for_region(region) -> list[dict]:
    """Participation of one region in its running surveys.

    Each entry: ``survey``, ``invited`` (e-mail invitations of the region plus paper
    invitations), ``responded`` (answer sheets from the region), ``response_rate``
    (0–100, ``None`` without invitations) and ``closes_on``. Three queries in total.
    """
    region_id = getattr(region, "pk", region)
    surveys = list(running_surveys_for_region(region_id))
    if not surveys:
        return []
    ids = [s.pk for s in surveys]
    invited = dict(
        Invitation.objects.filter(survey_id__in=ids, region_id=region_id)
        .values_list("survey_id")
        .annotate(n=Count("id"))
        .values_list("survey_id", "n")
    )
    offline = dict(
        SurveyRegion.objects.filter(survey_id__in=ids, region_id=region_id).values_list(
            "survey_id", "invited_offline"
        )
    )
    responded = dict(
        Response.objects.filter(survey_id__in=ids, region_id=region_id)
        .values_list("survey_id")
        .annotate(n=Count("id"))
        .values_list("survey_id", "n")
    )
    rows = []
    for s in surveys:
        n_invited = invited.get(s.pk, 0) + offline.get(s.pk, 0)
        n_responded = responded.get(s.pk, 0)
        rows.append(
            {
                "survey": s,
                "invited": n_invited,
                "responded": n_responded,
                "response_rate": _rate(n_responded, n_invited),
                "closes_on": s.closes_on,
            }
        )
    return rows


def participation_by_region(survey: Survey) -> list[dict]:
    """Counts per taking-part region for the survey detail page (no addresses, no answers).

    Keys: ``region``, ``invited_email``, ``sent``, ``invited_offline``, ``invited``,
    ``responded``, ``response_rate``.
    """
    from bildungsnetz.regions.models import Region

    emails = {
        row["region_id"]: row
        for row in Invitation.objects.filter(survey=survey)
        .values("region_id")
        .annotate(n=Count("id"), sent=Count("id", filter=Q(sent_at__isnull=False)))
    }
    offline = dict(
        SurveyRegion.objects.filter(survey=survey).values_list("region_id", "invited_offline")
    )
    responded = dict(
        Response.objects.filter(survey=survey)
        .values_list("region_id")
        .annotate(n=Count("id"))
        .values_list("region_id", "n")
    )
    region_ids = set(emails) | set(offline) | set(responded)
    if survey.region_id:
        region_ids.add(survey.region_id)
    regions = Region.objects.filter(pk__in=region_ids).order_by("name")
    rows = []
    for r in regions:
        e = emails.get(r.pk, {})
        n_email = e.get("n", 0)
        n_off = offline.get(r.pk, 0)
        n_resp = responded.get(r.pk, 0)
        rows.append(
            {
                "region": r,
                "invited_email": n_email,
                "sent": e.get("sent", 0),
                "invited_offline": n_off,
                "invited": n_email + n_off,
                "responded": n_resp,
                "response_rate": _rate(n_resp, n_email + n_off),
            }
        )
    return rows


def surveys_for_user(user) -> QuerySet[Survey]:
    """Surveys a staff member may see on the management pages: the Land all, a
    Bildungsbüro those of its regions and the statewide ones."""
    from bildungsnetz.core.models import Role
    from bildungsnetz.core.rules import _roles, is_land_admin

    qs = Survey.objects.select_related("instrument", "region").annotate(
        n_responses=Count("responses", distinct=True)
    )
    if is_land_admin(user):
        return qs
    region_ids = [rid for rid, role in _roles(user) if role == Role.BILDUNGSBUERO and rid]
    return qs.filter(Q(region_id__in=region_ids) | Q(region__isnull=True))


def instruments_with_counts() -> QuerySet[Instrument]:
    return Instrument.objects.annotate(
        n_items=Count("items", distinct=True), n_surveys=Count("surveys", distinct=True)
    ).order_by("-builtin", "title")


def instrument_items_by_dimension(instrument: Instrument) -> list[tuple[str, list]]:
    """Items grouped by dimension in order; items without a dimension come last."""
    dims = list(instrument.dimensions.all())
    items = list(instrument.items.select_related("dimension").all())
    groups = []
    for d in dims:
        groups.append((d.name, [i for i in items if i.dimension_id == d.pk]))
    rest = [i for i in items if i.dimension_id is None]
    if rest:
        groups.append((_("Ohne Dimension"), rest))
    return groups
