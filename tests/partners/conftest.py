"""Personas and data for the Bildungspartner tests (Münster is the home region)."""

import datetime

import pytest

from tests.factories import make_user

from . import factories as f


@pytest.fixture
def paulinum(db):
    return f.school("paulinum")


@pytest.fixture
def lwl_museum(db):
    return f.institution("lwl_museum")


@pytest.fixture
def schule_paulinum(paulinum):
    """Dr. Markus Terhorst, Schulleitung Gymnasium Paulinum."""
    return make_user(
        "schulleitung@paulinum.example.org",
        "schule",
        "05515",
        school=paulinum,
        first_name="Markus",
        last_name="Terhorst",
    )


@pytest.fixture
def museum_account(lwl_museum):
    """Hannah Brinkmann, Museumspädagogik LWL-Museum."""
    return f.partner_account("brinkmann@lwl.example.org", lwl_museum)


@pytest.fixture
def buero_muenster(db):
    """Petra Sommer, Regionales Bildungsbüro Münster."""
    return make_user("sommer@bildungsbuero-muenster.example.org", "bildungsbuero", "05515")


@pytest.fixture
def buero_bochum(db):
    return make_user(
        "yilmaz@bildungsbuero-bochum.example.org",
        "bildungsbuero",
        "05911",
        first_name="Aylin",
        last_name="Yilmaz",
    )


@pytest.fixture
def land(db):
    return make_user("weber@msb.example.org", "land", None, first_name="Thomas", last_name="Weber")


DRAFT = {
    "title": "Kunst im Dialog: Paulinum und LWL-Museum",
    "handlungsfeld": "kunst_kultur",
    "goals": "Schülerinnen und Schüler erschließen Kunstwerke der Sammlung im Original.",
    "activities": "Zwei Projekttage je Halbjahr in der Jahrgangsstufe 8; Ausstellung im Foyer.",
    "organisation": "Anmeldung vier Wochen vorher; Eintritt frei für die Partnerschule.",
    "school_contact": "Frau Dr. Kemper, Fachvorsitz Kunst",
    "institution_contact": "Frau Brinkmann, Museumspädagogik",
    "start_date": datetime.date(2026, 8, 1),
    "end_date": None,
}


@pytest.fixture
def draft(paulinum, lwl_museum, schule_paulinum):
    from bildungsnetz.partners import services

    return services.create_partnership(
        acting_user=schule_paulinum, school=paulinum, institution=lwl_museum, data=dict(DRAFT)
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Personas are created in nearly every test; hashing their passwords is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
