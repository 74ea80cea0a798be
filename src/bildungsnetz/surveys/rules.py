"""Who may do what with surveys.

The Land runs statewide surveys and maintains instruments. A Bildungsbüro runs surveys of
its own region and, within a statewide survey, invites and imports answers for its own
region only. Predicates take ``(user, obj)`` as in ``core.rules``.
"""

import rules

from ..core.models import Role
from ..core.rules import _roles, is_land_admin, is_region_staff


def office_region_ids(user) -> list[int]:
    """Regions in which the user works in the Bildungsbüro."""
    return [rid for rid, role in _roles(user) if role == Role.BILDUNGSBUERO and rid]


@rules.predicate
def can_manage_instruments(user) -> bool:
    return is_land_admin(user)


@rules.predicate
def can_use_surveys(user) -> bool:
    """Sees the survey pages at all: the Land or any Bildungsbüro."""
    return is_land_admin(user) or bool(office_region_ids(user))


@rules.predicate
def can_create_survey(user, region) -> bool:
    """Statewide (``region`` None): the Land; for a region: the Land or its Bildungsbüro."""
    if region is None:
        return is_land_admin(user)
    return is_land_admin(user) or is_region_staff(user, region)


@rules.predicate
def can_manage_survey(user, survey) -> bool:
    """Open, close, send invitations for the whole survey: the Land; a regional survey
    also its region's Bildungsbüro."""
    if survey is None:
        return False
    if is_land_admin(user):
        return True
    return survey.region_id is not None and is_region_staff(user, survey.region_id)


@rules.predicate
def can_view_survey(user, survey) -> bool:
    """Regional surveys: the Land and that Bildungsbüro; statewide: the Land and every
    Bildungsbüro (each sees and works on its own region)."""
    if survey is None:
        return False
    if is_land_admin(user):
        return True
    if survey.region_id is None:
        return bool(office_region_ids(user))
    return is_region_staff(user, survey.region_id)


def can_work_in_region(user, survey, region) -> bool:
    """Invite, send, import answers for ``region`` within ``survey``."""
    if survey is None or region is None:
        return False
    region_id = getattr(region, "pk", region)
    if survey.region_id is not None and survey.region_id != region_id:
        return False  # a regional survey has only its own region
    if is_land_admin(user):
        return True
    return is_region_staff(user, region_id)


def regions_for(user, survey):
    """Regions the user may work on within the survey (invite, import)."""
    from ..regions.models import Region

    qs = Region.objects.order_by("name")
    if survey.region_id is not None:
        qs = qs.filter(pk=survey.region_id)
    if is_land_admin(user):
        return qs
    return qs.filter(pk__in=office_region_ids(user))


rules.add_perm("surveys.manage_instruments", can_manage_instruments)
rules.add_perm("surveys.view_surveys", can_use_surveys)
rules.add_perm("surveys.view_survey", can_view_survey)
rules.add_perm("surveys.manage_survey", can_manage_survey)
