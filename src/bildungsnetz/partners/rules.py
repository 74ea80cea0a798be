"""Who may do what with institutions, offers and partnerships.

* The parties of a partnership: the school's own account (role ``schule`` bound to the
  school) and the accounts bound to the institution (``PartnerMembership``; also the
  third partner's accounts).
* The office: the Bildungsbüro of the school's region, and the Land (statewide; it runs
  the Bildungspartner office). A Bildungsbüro of another region is refused.
* Institutions: the Bildungsbüro of the institution's region, the Land, and the
  institution's own accounts (the latter cannot verify themselves).
"""

import rules

from ..core.models import Role
from ..core.rules import _roles, has_role, is_land_admin, is_school_account
from .models import PartnershipState


def institution_ids(user) -> set[int]:
    """Institutions the user acts for (cached on the user object for one request)."""
    if not user or not user.is_authenticated:
        return set()
    cached = getattr(user, "_bn_partner_institutions", None)
    if cached is None:
        cached = set(user.partner_memberships.values_list("institution_id", flat=True))
        user._bn_partner_institutions = cached
    return cached


def office_region_ids(user) -> set[int]:
    """Regions in whose Bildungsbüro the user works."""
    return {rid for rid, role in _roles(user) if role == Role.BILDUNGSBUERO and rid is not None}


def is_region_office(user, region_id) -> bool:
    return region_id is not None and has_role(user, region_id, Role.BILDUNGSBUERO)


@rules.predicate
def is_institution_account(user, institution) -> bool:
    return institution is not None and institution.pk in institution_ids(user)


@rules.predicate
def can_manage_institution(user, institution) -> bool:
    """Edit an institution's data, contacts and offers."""
    if institution is None:
        return False
    return bool(
        is_land_admin(user)
        or is_region_office(user, institution.region_id)
        or is_institution_account(user, institution)
    )


@rules.predicate
def can_verify_institution(user, institution) -> bool:
    """Confirm a (self-registered) institution: its region's Bildungsbüro or the Land."""
    if institution is None:
        return False
    return bool(is_land_admin(user) or is_region_office(user, institution.region_id))


@rules.predicate
def can_import_institutions(user) -> bool:
    return bool(is_land_admin(user) or office_region_ids(user))


def is_school_party(user, partnership) -> bool:
    return bool(is_school_account(user, partnership.school))


def is_institution_party(user, partnership) -> bool:
    ids = institution_ids(user)
    return partnership.institution_id in ids or (
        partnership.third_institution_id is not None and partnership.third_institution_id in ids
    )


@rules.predicate
def is_partnership_party(user, partnership) -> bool:
    if partnership is None:
        return False
    return is_school_party(user, partnership) or is_institution_party(user, partnership)


@rules.predicate
def is_partnership_office(user, partnership) -> bool:
    """The Bildungspartner office for this partnership: Land or the school's Bildungsbüro."""
    if partnership is None:
        return False
    return bool(is_land_admin(user) or is_region_office(user, partnership.school.region_id))


@rules.predicate
def can_view_partnership(user, partnership) -> bool:
    if partnership is None:
        return False
    if partnership.state == PartnershipState.OEFFENTLICH:
        return True
    return bool(
        is_partnership_party(user, partnership)
        or is_partnership_office(user, partnership)
        or has_role(user, partnership.school.region_id, Role.SCHULAUFSICHT)
    )


def can_start_partnership(user, school, institution) -> bool:
    """Draft a new agreement for this school and institution."""
    if school is None or institution is None:
        return False
    return bool(
        is_land_admin(user)
        or is_region_office(user, school.region_id)
        or is_school_account(user, school)
        or is_institution_account(user, institution)
    )


@rules.predicate
def can_edit_partnership(user, partnership) -> bool:
    """Change the text of the agreement: only while it is a draft."""
    if partnership is None or partnership.state != PartnershipState.ENTWURF:
        return False
    return bool(is_partnership_party(user, partnership) or is_partnership_office(user, partnership))


def can_sign(user, partnership, side: str) -> bool:
    """Record the signature of one side: that side's own account, or the office."""
    if partnership is None or partnership.state != PartnershipState.ENTWURF:
        return False
    if is_partnership_office(user, partnership):
        return True
    if side == "schule":
        return is_school_party(user, partnership)
    if side == "einrichtung":
        return partnership.institution_id in institution_ids(user)
    if side == "dritter":
        return partnership.third_institution_id in institution_ids(user)
    return False


@rules.predicate
def can_record_schulkonferenz(user, partnership) -> bool:
    """The Schulkonferenz is the school's body: the school's account or the office."""
    if partnership is None:
        return False
    return bool(is_school_party(user, partnership) or is_partnership_office(user, partnership))


@rules.predicate
def can_act_as_party(user, partnership) -> bool:
    """Submit, pause, resume or end: any party or the office."""
    return bool(is_partnership_party(user, partnership) or is_partnership_office(user, partnership))


# Transition verb -> predicate of who may perform it.
TRANSITION_RULES = {
    "submit": can_act_as_party,
    "register": is_partnership_office,
    "publish": is_partnership_office,
    "return": is_partnership_office,
    "pause": can_act_as_party,
    "resume": can_act_as_party,
    "end": can_act_as_party,
}


def can_transition(user, partnership, verb: str) -> bool:
    predicate = TRANSITION_RULES.get(verb)
    return bool(predicate and partnership is not None and predicate(user, partnership))


@rules.predicate
def can_view_white_spots(user) -> bool:
    return bool(is_land_admin(user) or office_region_ids(user))


rules.add_perm("partners.change_institution", can_manage_institution)
rules.add_perm("partners.verify_institution", can_verify_institution)
rules.add_perm("partners.import_institutions", can_import_institutions)
rules.add_perm("partners.view_partnership", can_view_partnership)
rules.add_perm("partners.change_partnership", can_edit_partnership)
rules.add_perm("partners.register_partnership", is_partnership_office)


# --- Needs pinboard ----------------------------------------------------------------------


def can_post_need(user, school) -> bool:
    """Post a need for a school: the school's own account, its region's Bildungsbüro, Land."""
    if school is None or not user or not user.is_authenticated:
        return False
    return bool(
        is_land_admin(user)
        or is_region_office(user, school.region_id)
        or is_school_account(user, school)
    )


@rules.predicate
def can_edit_need(user, need) -> bool:
    """Change or close a need (and read its answers): same people as for posting."""
    return need is not None and can_post_need(user, need.school)


@rules.predicate
def can_answer_need(user, need) -> bool:
    """Any account acting for an institution may answer an open need."""
    return bool(need is not None and need.is_open and institution_ids(user))


rules.add_perm("partners.change_need", can_edit_need)
