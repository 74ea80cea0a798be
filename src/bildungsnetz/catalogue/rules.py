"""Who may edit catalogue entries and read or write a school's support plan.

* NRW-wide materials (no region): the Land's editors.
* A region's additions: that region's Bildungsbüro (and the Land, which is statewide).
* A support plan: written by the school's own accounts; read by them, by the Land, and –
  once the school has shared it – by the Schulaufsicht of the school's region.
"""

import rules

from ..core.models import Role
from ..core.rules import _roles, has_role, is_land_admin, is_school_account


def staff_region_ids(user) -> set[int]:
    """Regions in which ``user`` works in the Bildungsbüro."""
    return {rid for rid, role in _roles(user) if role == Role.BILDUNGSBUERO and rid is not None}


@rules.predicate
def is_catalogue_editor(user) -> bool:
    """May edit some part of the catalogue (Land or any region's Bildungsbüro)."""
    return bool(is_land_admin(user) or staff_region_ids(user))


def can_edit_scope(user, region) -> bool:
    """May create or change materials of this scope (``region`` None = NRW-wide)."""
    if is_land_admin(user):
        return True
    return region is not None and has_role(user, region, Role.BILDUNGSBUERO)


@rules.predicate
def can_edit_material(user, material) -> bool:
    return material is not None and can_edit_scope(user, material.region_id)


@rules.predicate
def can_write_plan(user, school) -> bool:
    return school is not None and bool(is_school_account(user, school))


@rules.predicate
def can_read_plan(user, plan) -> bool:
    if plan is None:
        return False
    if is_land_admin(user) or is_school_account(user, plan.school):
        return True
    return plan.shared_with_supervision and has_role(
        user, plan.school.region_id, Role.SCHULAUFSICHT
    )


rules.add_perm("catalogue.change_material", can_edit_material)
rules.add_perm("catalogue.edit_catalogue", is_catalogue_editor)
rules.add_perm("catalogue.change_supportplan", can_write_plan)
rules.add_perm("catalogue.view_supportplan", can_read_plan)
