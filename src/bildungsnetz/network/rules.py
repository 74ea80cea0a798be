"""Permission predicates of the network app (combine with ``|`` and ``&``).

* The region's Bildungsbüro and the Land edit a region's network.
* Lenkungskreis members (and editors) read the region's internal records: non-public
  meetings and minutes, work orders, personal data of actors.
* Everyone reads what is marked public.
"""

import rules

from ..core.models import Role
from ..core.rules import has_role, is_land_admin, is_region_staff


@rules.predicate
def can_edit_network(user, region) -> bool:
    return region is not None and bool(is_land_admin(user) or is_region_staff(user, region))


@rules.predicate
def can_read_internal(user, region) -> bool:
    if region is None:
        return False
    return bool(can_edit_network(user, region) or has_role(user, region, Role.LENKUNGSKREIS))


rules.add_perm("network.change_network", can_edit_network)
rules.add_perm("network.view_internal", can_read_internal)


@rules.predicate
def can_comment_work_orders(user, region) -> bool:
    """The region's Bildungsbüro (and the Land) and its Lenkungskreis members."""
    return bool(can_read_internal(user, region))


rules.add_perm("network.comment_workorder", can_comment_work_orders)
