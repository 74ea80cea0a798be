"""Who sees which monitoring figures.

* Public (everyone, no login): the statewide dashboard and each region's page with the
  figures that are aggregated counts of public or non-personal records – contracts, bodies
  complete, meetings per year, partnerships, white spots, link health.
* Internal: work orders (done, overdue, done per year) are records of a network's internal
  work. The Land sees them for every region; a region's Bildungsbüro, Schulaufsicht and
  Lenkungskreis see them for their own region only.
"""

import rules

from ..core.models import Role
from ..core.rules import has_role, is_land_admin


@rules.predicate
def can_view_internal_figures(user, region) -> bool:
    if is_land_admin(user):
        return True
    return region is not None and has_role(
        user, region, Role.BILDUNGSBUERO, Role.SCHULAUFSICHT, Role.LENKUNGSKREIS
    )


rules.add_perm("monitoring.view_internal_figures", can_view_internal_figures)
