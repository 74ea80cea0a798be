"""Who may record Förderschwerpunkte and Bildungsbereich of a school (a write view)."""

import pytest

from bildungsnetz.core.models import AuditEntry

ALLOWED = {"schulleitung_eigene_schule", "bildungsbuero_bochum", "schulaufsicht_bochum", "land"}


@pytest.mark.parametrize(
    "name",
    [
        "anonym",
        "schulleitung_eigene_schule",
        "schulleitung_andere_schule",
        "partner_bochum",
        "lenkungskreis_bochum",
        "bildungsbuero_bochum",
        "bildungsbuero_dortmund",
        "schulaufsicht_bochum",
        "schulaufsicht_koeln",
        "land",
    ],
)
def test_post_supplement_grid(name, persona, client, school_bochum):
    user = persona(name)
    url = f"/schulen/{school_bochum.schulnummer}/foerderung/"
    response = client.post(url, {"foerderschwerpunkte": ["HK"], "bildungsbereich": ""})
    school_bochum.refresh_from_db()
    if name in ALLOWED:
        assert response.status_code == 302
        assert school_bochum.foerderschwerpunkte == ["HK"]
        entry = AuditEntry.objects.get(action="schools.school.supplement_changed")
        assert entry.actor == user
        assert entry.region == school_bochum.region
        history = school_bochum.history.latest()
        assert history.history_user == user
    else:
        assert response.status_code in (302, 403) if user is None else response.status_code == 403
        if user is None:
            assert "/konto/login/" in response["Location"]
        assert school_bochum.foerderschwerpunkte == []
        assert not AuditEntry.objects.exists()


def test_supplement_rejects_foerderschwerpunkt_on_a_grundschule_with_german_message(
    persona, client
):
    from tests.factories import make_school

    school = make_school("188500", "02", name="Grundschule Querenburg")
    persona("bildungsbuero_bochum")
    response = client.post(
        f"/schulen/{school.schulnummer}/foerderung/",
        {"foerderschwerpunkte": ["LE"], "bildungsbereich": ""},
    )
    assert response.status_code == 200
    assert "nur bei Förderschulen" in response.content.decode()
    school.refresh_from_db()
    assert school.foerderschwerpunkte == []


def test_supplement_change_moves_supervision_shown_on_school_page(persona, client, school_bochum):
    persona("bildungsbuero_bochum")
    client.post(
        f"/schulen/{school_bochum.schulnummer}/foerderung/",
        {"foerderschwerpunkte": ["LE"], "bildungsbereich": ""},
    )
    page = client.get(f"/schulen/{school_bochum.schulnummer}/").content.decode()
    assert "Schulamt für die Stadt Bochum" in page
    client.post(
        f"/schulen/{school_bochum.schulnummer}/foerderung/",
        {"foerderschwerpunkte": ["LE"], "bildungsbereich": "gymnasium"},
    )
    page = client.get(f"/schulen/{school_bochum.schulnummer}/").content.decode()
    assert "Bildungsbereich Gymnasium" in page
