"""Who may create, edit, verify and import institutions and edit their contacts and offers.

The Bildungsbüro of the institution's region, the Land, and the institution's own accounts
(which cannot verify themselves). A Bildungsbüro of another region is refused everywhere.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners.models import Institution, InstitutionContact, LearningOffer
from tests.partners.grid import (
    GRID,
    OFFICE,
    assert_refused,
    login_factory,
    make_library,
)


@pytest.fixture
def library(db):
    return make_library()


@pytest.fixture
def museum_bochum(db):
    return make_library(name="Deutsches Bergbau-Museum Bochum", kind="museum", plz="44791")


@pytest.fixture
def as_persona(persona, library, museum_bochum, settings):
    return login_factory(persona, library, museum_bochum, settings)


MANAGERS = OFFICE | {"partner_eigene_einrichtung"}
NEW = {
    "name": "Musikschule Bochum",
    "kind": "musikschule",
    "description": "",
    "strasse": "Westring 32",
    "plz": "44787",
    "ort": "Bochum",
    "email": "",
    "telefon": "",
    "homepage": "",
    "region": "",
    "lat": "",
    "lon": "",
}


@pytest.mark.parametrize("name", GRID)
def test_create_grid(name, as_persona, client, school_bochum):
    user = as_persona(name)
    response = client.post("/bildungspartner/einrichtungen/neu/", NEW)
    created = Institution.objects.filter(name="Musikschule Bochum").first()
    if name in OFFICE:
        assert response.status_code == 302
        assert created.region.ags == "05911" and created.verified
        assert created.geocode_method == "plz_schwerpunkt"
        assert AuditEntry.objects.get(action="partners.institution.created").actor == user
    else:
        assert_refused(response, user)
        assert created is None


@pytest.mark.parametrize("name", GRID)
def test_edit_grid(name, as_persona, client, school_bochum, library):
    user = as_persona(name)
    response = client.post(
        f"/bildungspartner/einrichtungen/{library.pk}/bearbeiten/",
        {**NEW, "name": "Stadtbücherei Bochum – Zentrale", "kind": "bibliothek"},
    )
    library.refresh_from_db()
    if name in MANAGERS:
        assert response.status_code == 302
        assert library.name == "Stadtbücherei Bochum – Zentrale"
        assert library.history.latest().history_user == user
    else:
        assert_refused(response, user)
        assert library.name == "Stadtbibliothek Bochum"


@pytest.mark.parametrize("name", GRID)
def test_verify_grid(name, as_persona, client, school_bochum):
    pending = make_library(
        name="Bochumer Kinder- und Jugendtheater", kind="buehne", verified=False, verified_at=None
    )
    user = as_persona(name)
    response = client.post(f"/bildungspartner/einrichtungen/{pending.pk}/pruefen/")
    pending.refresh_from_db()
    if name in OFFICE:
        assert response.status_code == 302
        assert pending.verified and pending.verified_by == user
    else:
        assert_refused(response, user)
        assert not pending.verified
        assert not AuditEntry.objects.exists()


CSV = b"schluessel;name;art;plz;ort\r\nBO-7;Volkshochschule Bochum;Volkshochschule;44787;Bochum\r\n"


@pytest.mark.parametrize("name", GRID)
def test_import_grid(name, as_persona, client, school_bochum):
    user = as_persona(name)
    response = client.post(
        "/bildungspartner/einrichtungen/import/",
        {"file": SimpleUploadedFile("vhs.csv", CSV, "text/csv"), "dry_run": ""},
    )
    created = Institution.objects.filter(import_key="BO-7").first()
    if name in OFFICE:
        assert response.status_code == 200
        assert "angelegt: 1" in response.content.decode()
        assert created is not None and created.region.ags == "05911"
    elif name == "bildungsbuero_dortmund":
        # May import for Dortmund, but the Bochum row is rejected with a reason.
        assert response.status_code == 200
        assert "eigenen Region" in response.content.decode()
        assert created is None
    else:
        assert_refused(response, user)
        assert created is None


@pytest.mark.parametrize("name", GRID)
def test_contact_grid(name, as_persona, client, school_bochum, library):
    contact = InstitutionContact.objects.create(institution=library, name="Birgit Wolff")
    user = as_persona(name)
    data = {"name": "Birgit Wolff", "function": "Leitung Kinderbibliothek", "email": "",
            "telefon": "", "consent_public": "on", "consent_date": "2026-01-05"}  # fmt: skip
    create = client.post(f"/bildungspartner/einrichtungen/{library.pk}/ansprechperson/neu/", data)
    edit = client.post(
        f"/bildungspartner/einrichtungen/{library.pk}/ansprechperson/{contact.pk}/bearbeiten/",
        data,
    )
    contact.refresh_from_db()
    if name in MANAGERS:
        assert create.status_code == edit.status_code == 302
        assert contact.consent_public and contact.consent_date == datetime.date(2026, 1, 5)
        assert InstitutionContact.objects.count() == 2
    else:
        assert_refused(create, user)
        assert_refused(edit, user)
        assert not contact.consent_public
        assert InstitutionContact.objects.count() == 1


@pytest.mark.parametrize("name", GRID)
def test_offer_grid(name, as_persona, client, school_bochum, library):
    offer = LearningOffer.objects.create(
        institution=library,
        title="Bibliotheksführerschein",
        description="Vier Besuche für Klasse 3.",
        handlungsfeld="lesen",
        grade_from=3,
        grade_to=3,
    )
    user = as_persona(name)
    data = {"title": "Bibliotheksführerschein", "description": "Fünf Besuche.",
            "handlungsfeld": "lesen", "grade_from": "3", "grade_to": "4", "format": "vor_ort",
            "subjects": "Deutsch", "costs": "", "accessibility": "", "available_from": "",
            "available_until": "", "dates_note": "", "active": "on"}  # fmt: skip
    create = client.post(f"/bildungspartner/einrichtungen/{library.pk}/angebote/neu/", data)
    edit = client.post(
        f"/bildungspartner/einrichtungen/{library.pk}/angebote/{offer.pk}/bearbeiten/", data
    )
    offer.refresh_from_db()
    if name in MANAGERS:
        assert create.status_code == edit.status_code == 302
        assert offer.grade_to == 4 and LearningOffer.objects.count() == 2
    else:
        assert_refused(create, user)
        assert_refused(edit, user)
        assert offer.grade_to == 3 and LearningOffer.objects.count() == 1


@pytest.mark.parametrize("name", GRID)
def test_self_registration_is_open_but_stays_unverified(name, as_persona, client, school_bochum):
    user = as_persona(name)
    response = client.post(
        "/bildungspartner/einrichtung-anmelden/",
        {
            **NEW,
            "name": "Theater Traumbaum",
            "kind": "buehne",
            "contact_name": "Lea Kaya",
            "contact_email": "kaya@traumbaum.example.org",
            "contact_function": "",
            "contact_telefon": "",
        },  # fmt: skip
    )
    assert response.status_code == 302
    inst = Institution.objects.get(name="Theater Traumbaum")
    assert not inst.verified and inst.self_registered
    assert inst.contacts.get().consent_public is False
    assert (inst.memberships.filter(user=user).exists()) == (user is not None)
