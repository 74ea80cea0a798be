"""Personas for the permission grids (adhocracy+ style): one per role and region."""

import pytest

from tests.factories import make_school, make_user

# (persona, role, region AGS) – Bochum is the "own" region of the school under test.
PERSONAS = {
    "anonym": None,
    "schulleitung_eigene_schule": ("schule", "05911"),
    "schulleitung_andere_schule": ("schule", "05911"),
    "partner_bochum": ("partner", "05911"),
    "lenkungskreis_bochum": ("lenkungskreis", "05911"),
    "bildungsbuero_bochum": ("bildungsbuero", "05911"),
    "bildungsbuero_dortmund": ("bildungsbuero", "05913"),
    "schulaufsicht_bochum": ("schulaufsicht", "05911"),
    "schulaufsicht_koeln": ("schulaufsicht", "05315"),
    "land": ("land", None),
}


@pytest.fixture
def school_bochum(db):
    return make_school(
        "188210", "08", name="Förderschule Am Hellweg", kurzbezeichnung="Bochum, FÖ LE Am Hellweg"
    )


@pytest.fixture
def persona(db, school_bochum, client):
    """Log the client in as the named persona; returns the user (None for anonymous)."""

    def login(name: str):
        spec = PERSONAS[name]
        if spec is None:
            return None
        role, ags = spec
        school = None
        if name == "schulleitung_eigene_schule":
            school = school_bochum
        elif name == "schulleitung_andere_schule":
            school = make_school("188999", "02", name="Grundschule Im Grünen")
        user = make_user(
            f"{name}@example.org", role, ags, school=school, first_name="Jana", last_name="Kowalski"
        )
        client.force_login(user)
        return user

    return login
