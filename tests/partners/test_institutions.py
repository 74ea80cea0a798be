"""Institutions, contacts and offers: geocoding by postcode, region derivation,
self-registration and verification, consent for public contacts."""

import datetime

import pytest

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners import geocoding, services
from bildungsnetz.partners.models import Institution, PartnerMembership
from bildungsnetz.regions.models import Region, Schulform

from . import factories as f

pytestmark = pytest.mark.django_db

MUSEUM = {
    "name": "Stadtmuseum Münster",
    "kind": "museum",
    "strasse": "Salzstraße 28",
    "plz": "48143",
    "ort": "Münster",
}


@pytest.fixture
def schools_48143(paulinum):
    return [paulinum, f.school("martini"), f.school("schiller")]


def test_postcode_centroid_is_the_mean_of_the_open_schools(schools_48143):
    paulinum, martini, _schiller = schools_48143
    lat, lon = geocoding.plz_centroid("48143")
    assert lat == pytest.approx((paulinum.lat + martini.lat) / 2, abs=1e-6)
    assert lon == pytest.approx((paulinum.lon + martini.lon) / 2, abs=1e-6)
    assert geocoding.plz_centroid("99999") is None
    assert geocoding.region_for_plz("48143").ags == "05515"


def test_office_creates_verified_institution_located_by_postcode(schools_48143, buero_muenster):
    inst = services.create_institution(acting_user=buero_muenster, data=MUSEUM)
    assert inst.geocode_method == "plz_schwerpunkt"
    assert (inst.lat, inst.lon) == geocoding.plz_centroid("48143")
    assert inst.region.ags == "05515"
    assert inst.verified and inst.verified_by == buero_muenster
    assert inst.history.latest().history_user == buero_muenster
    assert AuditEntry.objects.get(action="partners.institution.created").actor == buero_muenster


def test_given_coordinates_win_and_no_postcode_match_means_no_coordinates(buero_muenster):
    muenster = Region.objects.get(ags="05515")
    inst = services.create_institution(
        acting_user=buero_muenster, data=MUSEUM, lat=51.9617, lon=7.6279, region=muenster
    )
    assert (inst.lat, inst.lon, inst.geocode_method) == (51.9617, 7.6279, "import")
    other = services.create_institution(
        acting_user=buero_muenster,
        data={**MUSEUM, "name": "Kunsthalle Münster", "plz": "48155"},
        region=muenster,
    )
    assert (other.lat, other.lon, other.geocode_method) == (None, None, "keine")


def test_region_must_be_derivable_or_chosen(buero_muenster):
    with pytest.raises(DomainError) as err:
        services.create_institution(acting_user=buero_muenster, data=MUSEUM)
    assert err.value.field == "region"
    assert not Institution.objects.exists()


def test_bildungsbuero_cannot_create_in_another_region(schools_48143, buero_bochum, land):
    with pytest.raises(DomainError) as err:
        services.create_institution(acting_user=buero_bochum, data=MUSEUM)
    assert err.value.code == "forbidden"
    assert services.create_institution(acting_user=land, data=MUSEUM).region.ags == "05515"


@pytest.mark.parametrize(
    "change,field",
    [
        ({"name": "  "}, "name"),
        ({"kind": "zirkus"}, "kind"),
        ({"plz": "4814"}, "plz"),
        ({"plz": "48l43"}, "plz"),
        ({"ort": ""}, "ort"),
        ({"email": "kein-mail"}, "email"),
        ({"homepage": "nicht eine adresse"}, "homepage"),
    ],
)
def test_institution_validation_names_the_field(change, field, schools_48143, land):
    with pytest.raises(DomainError) as err:
        services.create_institution(acting_user=land, data={**MUSEUM, **change})
    assert err.value.field == field
    assert not Institution.objects.exists()


def test_swapped_coordinates_are_caught(schools_48143, land):
    with pytest.raises(DomainError) as err:
        services.create_institution(acting_user=land, data=MUSEUM, lat=7.6279, lon=51.9617)
    assert err.value.field == "lat"
    assert "vertauscht" in err.value.message
    with pytest.raises(DomainError) as err:
        services.create_institution(acting_user=land, data=MUSEUM, lat=51.9617, lon=None)
    assert err.value.field == "lat"


def test_duplicate_name_and_postcode_is_refused(schools_48143, land):
    services.create_institution(acting_user=land, data=MUSEUM)
    with pytest.raises(DomainError) as err:
        services.create_institution(
            acting_user=land, data={**MUSEUM, "name": "stadtmuseum münster"}
        )
    assert err.value.field == "name"


def test_update_relocates_on_new_postcode_and_audits_fields(schools_48143, land):
    inst = services.create_institution(acting_user=land, data=MUSEUM)
    updated = services.update_institution(inst, acting_user=land, data={**MUSEUM, "plz": "48149"})
    assert (updated.lat, updated.lon) == geocoding.plz_centroid("48149")
    entry = AuditEntry.objects.get(action="partners.institution.changed")
    assert entry.data["fields"] == ["lat", "lon", "plz"]
    again = services.update_institution(updated, acting_user=land, data={**MUSEUM, "plz": "48149"})
    assert again.updated == updated.updated  # nothing changed, nothing written
    assert AuditEntry.objects.filter(action="partners.institution.changed").count() == 1


def test_partner_account_edits_its_institution_but_not_another(museum_account, lwl_museum):
    services.update_institution(
        lwl_museum,
        acting_user=museum_account,
        data={"description": "Kunst vom Mittelalter bis heute."},
    )
    other = f.institution("stadtbuecherei_ms")
    with pytest.raises(DomainError) as err:
        services.update_institution(other, acting_user=museum_account, data={"name": "X"})
    assert err.value.code == "forbidden"


def test_self_registration_is_pending_until_verified(schools_48143, buero_muenster, buero_bochum):
    inst = services.register_institution(
        data={**MUSEUM, "kind": "musikschule", "name": "Westfälische Schule für Musik"},
        contact={"name": "Jonas Albers", "email": "albers@musikschule.example.org"},
    )
    assert not inst.verified and inst.self_registered
    assert inst not in Institution.objects.public()
    assert inst.contacts.get().consent_public is False
    with pytest.raises(DomainError):
        services.verify_institution(inst, acting_user=buero_bochum)
    services.verify_institution(inst, acting_user=buero_muenster)
    inst.refresh_from_db()
    assert inst.verified and inst.verified_by == buero_muenster and inst.verified_at
    assert inst in Institution.objects.public()
    with pytest.raises(DomainError, match="bereits geprüft"):
        services.verify_institution(inst, acting_user=buero_muenster)


def test_self_registration_needs_a_contact_and_binds_the_logged_in_account(schools_48143):
    from tests.factories import make_user

    with pytest.raises(DomainError) as err:
        services.register_institution(data=MUSEUM, contact={"name": "", "email": "a@b.de"})
    assert err.value.field == "contact_name"
    user = make_user("albers@musikschule.example.org", "partner", "05515")
    inst = services.register_institution(
        data=MUSEUM, contact={"name": "Jonas Albers", "email": user.email}, acting_user=user
    )
    assert PartnerMembership.objects.filter(user=user, institution=inst).exists()


def test_public_contact_needs_a_dated_consent(lwl_museum, museum_account):
    with pytest.raises(DomainError) as err:
        services.save_contact(
            lwl_museum,
            acting_user=museum_account,
            data={"name": "Hannah Brinkmann", "consent_public": True, "consent_date": None},
        )
    assert err.value.field == "consent_date"
    contact = services.save_contact(
        lwl_museum,
        acting_user=museum_account,
        data={
            "name": "Hannah Brinkmann",
            "email": "brinkmann@lwl.example.org",
            "consent_public": True,
            "consent_date": datetime.date(2026, 1, 15),
        },
    )
    assert contact.consent_public
    assert AuditEntry.objects.get(action="partners.contact.saved").data["oeffentlich"] is True


@pytest.mark.parametrize(
    "change,field",
    [
        ({"title": ""}, "title"),
        ({"description": " "}, "description"),
        ({"handlungsfeld": "sport"}, "handlungsfeld"),
        ({"grade_from": 0}, "grade_from"),
        ({"grade_to": 14}, "grade_to"),
        ({"grade_from": 9, "grade_to": 7}, "grade_to"),
        (
            {
                "available_from": datetime.date(2026, 9, 1),
                "available_until": datetime.date(2026, 8, 1),
            },
            "available_until",
        ),
    ],
)
def test_offer_validation_names_the_field(change, field, lwl_museum, museum_account):
    data = {
        "title": "Mittelalter entdecken",
        "description": "Führung durch die Sammlung",
        "handlungsfeld": "historisch_politisch",
        "grade_from": 5,
        "grade_to": 7,
    }
    with pytest.raises(DomainError) as err:
        services.save_offer(lwl_museum, acting_user=museum_account, data={**data, **change})
    assert err.value.field == field


def test_offer_with_schulformen_is_saved_and_audited(lwl_museum, museum_account):
    offer = services.save_offer(
        lwl_museum,
        acting_user=museum_account,
        data={
            "title": "Mittelalter entdecken",
            "description": "Führung durch die Sammlung mit Rätselbogen.",
            "handlungsfeld": "historisch_politisch",
            "grade_from": 5,
            "grade_to": 7,
            "costs": "kostenfrei für Partnerschulen",
        },
        schulformen=Schulform.objects.filter(code__in=["20", "15"]),
    )
    assert sorted(offer.schulformen.values_list("code", flat=True)) == ["15", "20"]
    assert AuditEntry.objects.get(action="partners.offer.created").actor == museum_account
