"""Bedarfsbörse: who may post, edit, close and answer a need.

A need of the Bochum school is edited and closed only by the school's own account, the
Bildungsbüro Bochum and the Land; a Bildungsbüro of another region is refused. Any account
of a verified institution may answer an open need.
"""

import pytest
from django.utils import timezone

from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners.models import Need, NeedAnswer, SavedSearch
from tests.partners.grid import GRID, OFFICE, assert_refused, login_factory, make_library

EDITORS = OFFICE | {"schulleitung_eigene_schule"}
ANSWERERS = {"partner_eigene_einrichtung", "partner_andere_einrichtung"}
DATA = {
    "topic": "Leseförderung: Lesepaten für die Klassen 5 und 6",
    "handlungsfeld": "lesen",
    "grade_from": "5",
    "grade_to": "6",
    "time_frame": "ab Februar 2027, wöchentlich",
    "description": "Wir suchen eine Bibliothek für regelmäßige Lesestunden mit Lesepaten.",
}


@pytest.fixture
def library(db):
    return make_library()


@pytest.fixture
def museum_bochum(db):
    return make_library(name="Deutsches Bergbau-Museum Bochum", kind="museum", plz="44791")


@pytest.fixture
def as_persona(persona, library, museum_bochum, settings):
    return login_factory(persona, library, museum_bochum, settings)


@pytest.fixture
def need(school_bochum):
    return Need.objects.create(
        school=school_bochum,
        **{**DATA, "grade_from": 5, "grade_to": 6},
    )


@pytest.mark.parametrize("name", GRID)
def test_create_grid(name, as_persona, client, school_bochum):
    user = as_persona(name)
    response = client.post("/bildungspartner/bedarfe/neu/", {**DATA, "school": school_bochum.pk})
    created = Need.objects.filter(school=school_bochum).first()
    if name in EDITORS:
        assert response.status_code == 302
        assert created is not None and created.created_by == user
        assert AuditEntry.objects.get(action="partners.need.created").actor == user
    else:
        assert_refused(response, user)
        assert created is None


@pytest.mark.parametrize("name", GRID)
def test_edit_grid(name, as_persona, client, need):
    user = as_persona(name)
    response = client.post(
        f"/bildungspartner/bedarfe/{need.pk}/bearbeiten/",
        {**DATA, "topic": "Lesepaten gesucht (geändert)"},
    )
    need.refresh_from_db()
    if name in EDITORS:
        assert response.status_code == 302
        assert need.topic == "Lesepaten gesucht (geändert)"
        assert need.history.latest().history_user == user
    else:
        assert_refused(response, user)
        assert need.topic == DATA["topic"]


@pytest.mark.parametrize("name", GRID)
def test_close_grid(name, as_persona, client, need):
    user = as_persona(name)
    response = client.post(f"/bildungspartner/bedarfe/{need.pk}/schliessen/")
    need.refresh_from_db()
    if name in EDITORS:
        assert response.status_code == 302
        assert need.status == "geschlossen"
        assert AuditEntry.objects.get(action="partners.need.closed").actor == user
    else:
        assert_refused(response, user)
        assert need.status == "offen"


@pytest.mark.parametrize("name", GRID)
def test_answer_grid(name, as_persona, client, need, library, museum_bochum):
    user = as_persona(name)
    inst = library if name == "partner_eigene_einrichtung" else museum_bochum
    response = client.post(
        f"/bildungspartner/bedarfe/{need.pk}/antworten/",
        {"institution": inst.pk, "message": "Unsere Kinderbibliothek stellt gern Lesepaten."},
    )
    if name in ANSWERERS:
        assert response.status_code == 302
        answer = NeedAnswer.objects.get()
        assert answer.author == user and answer.institution == inst
    else:
        assert_refused(response, user)
        assert not NeedAnswer.objects.exists()


def test_answer_for_a_foreign_institution_is_refused(as_persona, client, need, museum_bochum):
    as_persona("partner_eigene_einrichtung")
    response = client.post(
        f"/bildungspartner/bedarfe/{need.pk}/antworten/",
        {"institution": museum_bochum.pk, "message": "Im Namen des Museums."},
    )
    assert response.status_code == 302
    assert not NeedAnswer.objects.exists()


# --- Saved searches: every signed-in account keeps its own; nobody deletes another's. ---


@pytest.mark.parametrize("name", GRID)
def test_search_save_grid(name, as_persona, client, school_bochum):
    user = as_persona(name)
    response = client.post(
        "/bildungspartner/suchen/speichern/", {"schule": school_bochum.schulnummer, "km": "10"}
    )
    if user is None:
        assert_refused(response, user)
        assert not SavedSearch.objects.exists()
    else:
        assert response.status_code == 302
        assert SavedSearch.objects.get().user == user


@pytest.mark.parametrize("name", GRID)
def test_search_delete_grid(name, as_persona, client, school_bochum, django_user_model):
    owner = django_user_model.objects.create_user(email="eigentuemerin@example.org", password="x")
    search = SavedSearch.objects.create(
        user=owner, place="Förderschule Am Hellweg", lat=51.48, lon=7.22, km=10,
        last_sent=timezone.now(),
    )  # fmt: skip
    user = as_persona(name)
    response = client.post(f"/bildungspartner/suchen/{search.pk}/loeschen/")
    assert_refused(response, user)
    assert SavedSearch.objects.filter(pk=search.pk).exists()
