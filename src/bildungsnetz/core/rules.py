"""Permission predicates. Every view and API route asks these, never the role table directly.

Predicates take ``(user, region)``; ``region`` may be ``None`` for statewide objects.
Combine with ``|`` and ``&`` (django-rules).
"""

import rules

from .models import Role


def _roles(user) -> set[tuple[int | None, str]]:
    if not user or not user.is_authenticated:
        return set()
    cached = getattr(user, "_bn_roles", None)
    if cached is None:
        cached = set(user.memberships.values_list("region_id", "role"))
        user._bn_roles = cached
    return cached


def has_role(user, region, *roles_wanted: str) -> bool:
    region_id = getattr(region, "pk", region)
    return any(rid == region_id and role in roles_wanted for rid, role in _roles(user))


@rules.predicate
def is_land_admin(user) -> bool:
    """Staff of the Land (ministry) – statewide rights – or a technical superuser."""
    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or any(role == Role.LAND for _, role in _roles(user))


@rules.predicate
def is_region_staff(user, region) -> bool:
    """Bildungsbüro staff of exactly this region."""
    return region is not None and has_role(user, region, Role.BILDUNGSBUERO)


@rules.predicate
def is_region_supervision(user, region) -> bool:
    """Schulaufsicht (Schulamt or Bezirksregierung) working in this region."""
    return region is not None and has_role(user, region, Role.SCHULAUFSICHT)


@rules.predicate
def is_region_member(user, region) -> bool:
    """Any role in this region."""
    region_id = getattr(region, "pk", region)
    return region is not None and any(rid == region_id for rid, _ in _roles(user))


def region_of(obj):
    return getattr(obj, "region", None)


@rules.predicate
def is_school_account(user, school) -> bool:
    """An account acting for this very school (role ``schule`` bound to the school)."""
    if school is None or not user.is_authenticated:
        return False
    return user.memberships.filter(role=Role.SCHULE, school=school).exists()


@rules.predicate
def can_edit_school_supplement(user, school) -> bool:
    """Förderschwerpunkte and Bildungsbereich of a school: its region's Bildungsbüro or
    Schulaufsicht, the school itself, or the Land."""
    if school is None:
        return False
    region = school.region_id
    return (
        is_land_admin(user)
        or has_role(user, region, Role.BILDUNGSBUERO, Role.SCHULAUFSICHT)
        or is_school_account(user, school)
    )


rules.add_perm("core.change_page", is_land_admin)
rules.add_perm("core.view_feedback", is_land_admin)
rules.add_perm("schools.change_school_supplement", can_edit_school_supplement)
rules.add_perm("regions.change_region", is_land_admin | is_region_staff)


@rules.predicate
def can_read_audit_log(user) -> bool:
    """The Land, and staff of a Bildungsbüro or a Schulaufsicht (for their own regions)."""
    return is_land_admin(user) or any(
        role in (Role.BILDUNGSBUERO, Role.SCHULAUFSICHT) for _, role in _roles(user)
    )


rules.add_perm("core.view_auditentry", can_read_audit_log)
