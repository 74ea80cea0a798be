"""Eligibility rules of Bildungspartner NRW (SPEC §3), called directly."""

import pytest

from bildungsnetz.core.errors import DomainError
from bildungsnetz.partners.models import ELIGIBLE_KINDS, InstitutionKind
from bildungsnetz.partners.services import (
    check_eligibility,
    is_authority_kind,
    is_eligible_kind,
)

from . import factories as f

pytestmark = pytest.mark.django_db


def test_exactly_the_ten_initiative_kinds_are_eligible():
    assert {str(k) for k in ELIGIBLE_KINDS} == {
        "archiv",
        "bibliothek",
        "buehne",
        "gedenkstaette",
        "medienzentrum",
        "museum",
        "musikschule",
        "umweltbildung",
        "sportverein",
        "volkshochschule",
    }
    for kind in ("kita", "verband", "unternehmen", "stiftung", "behoerde", "sonstige"):
        assert not is_eligible_kind(kind)
    assert is_authority_kind("behoerde")
    assert not is_authority_kind("verband")


@pytest.mark.parametrize("kind", sorted(ELIGIBLE_KINDS))
def test_an_eligible_kind_partners_on_its_own(kind, paulinum):
    inst = f.institution("lwl_museum", kind=kind)
    assert inst.is_eligible
    check_eligibility(school=paulinum, institution=inst)  # no error


@pytest.mark.parametrize("kind", ["verband", "unternehmen", "stiftung", "behoerde", "sonstige"])
def test_an_ineligible_kind_without_third_partner_is_refused_naming_the_field(kind, paulinum):
    inst = f.institution("heimatbund", kind=kind)
    with pytest.raises(DomainError) as err:
        check_eligibility(school=paulinum, institution=inst)
    assert err.value.field == "third_institution"
    assert "keiner der zehn Initiativen" in err.value.message
    assert "dritten Partner" in err.value.message
    assert str(InstitutionKind(kind).label) in err.value.message


def test_an_ineligible_kind_with_an_eligible_third_partner_is_accepted(paulinum):
    verband = f.institution("heimatbund")
    archiv = f.institution("villa_ten_hompel", kind="archiv")
    check_eligibility(school=paulinum, institution=verband, third_institution=archiv)


def test_an_ineligible_kind_with_an_authority_as_third_partner_is_accepted(paulinum):
    verband = f.institution("heimatbund")
    amt = f.institution("umweltamt_ms")
    assert amt.is_authority
    check_eligibility(school=paulinum, institution=verband, third_institution=amt)


@pytest.mark.parametrize("third_kind", ["verband", "unternehmen", "stiftung", "sonstige"])
def test_an_ineligible_third_partner_is_refused(third_kind, paulinum):
    verband = f.institution("heimatbund")
    third = f.institution("umweltamt_ms", kind=third_kind)
    with pytest.raises(DomainError) as err:
        check_eligibility(school=paulinum, institution=verband, third_institution=third)
    assert err.value.field == "third_institution"
    assert "Einrichtung der zehn Initiativen oder eine Behörde" in err.value.message


def test_a_kita_is_refused_outright_even_with_an_eligible_third_partner(paulinum):
    kita = f.institution("kita_sonnenblume")
    museum = f.institution("lwl_museum")
    for third in (None, museum):
        with pytest.raises(DomainError) as err:
            check_eligibility(school=paulinum, institution=kita, third_institution=third)
        assert err.value.field == "institution"
        assert "Kindertageseinrichtungen können keine Bildungspartnerschaft" in err.value.message


def test_a_kita_cannot_be_the_third_partner(paulinum):
    with pytest.raises(DomainError) as err:
        check_eligibility(
            school=paulinum,
            institution=f.institution("lwl_museum"),
            third_institution=f.institution("kita_sonnenblume"),
        )
    assert err.value.field == "third_institution"
    assert "Kindertageseinrichtung" in err.value.message


def test_the_third_partner_must_differ_from_the_institution(paulinum):
    museum = f.institution("lwl_museum")
    with pytest.raises(DomainError) as err:
        check_eligibility(school=paulinum, institution=museum, third_institution=museum)
    assert err.value.field == "third_institution"


def test_a_closed_school_or_a_supervision_office_cannot_partner(lwl_museum):
    closed = f.school("schiller", betriebsschluessel=9)
    with pytest.raises(DomainError) as err:
        check_eligibility(school=closed, institution=lwl_museum)
    assert err.value.field == "school"
    assert "Schiller-Gymnasium" in err.value.message
    office = f.school("martini", schulform="0A", name="Schulamt für die Stadt Münster")
    with pytest.raises(DomainError) as err:
        check_eligibility(school=office, institution=lwl_museum)
    assert err.value.field == "school"
