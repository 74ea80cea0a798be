"""Who may draft, edit, sign, record the Schulkonferenz and move a Bildungspartnerschaft.

Every write view of the workflow, every persona, including a Bildungsbüro of another
region (refused) and the accounts of another institution (refused).
"""

import pytest

from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners.models import Partnership
from tests.partners.grid import (
    GRID,
    OFFICE,
    PARTIES,
    assert_refused,
    login_factory,
    make_library,
    make_partnership,
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


CREATE = {
    "title": "Lesen macht stark",
    "handlungsfeld": "lesen",
    "goals": "Freude am Lesen wecken.",
    "activities": "Monatlicher Bibliotheksbesuch.",
    "organisation": "",
    "school_contact": "",
    "institution_contact": "",
    "start_date": "2026-08-01",
    "end_date": "",
    "third_institution": "",
}


@pytest.mark.parametrize("name", GRID)
def test_create_grid(name, as_persona, client, school_bochum, library):
    user = as_persona(name)
    response = client.post(
        "/bildungspartner/partnerschaften/neu/",
        {**CREATE, "school": school_bochum.pk, "institution": library.pk},
    )
    if name in OFFICE | PARTIES:
        assert response.status_code == 302, response.content.decode()[:3000]
        p = Partnership.objects.get()
        assert (p.school, p.institution, p.state) == (school_bochum, library, "entwurf")
        entry = AuditEntry.objects.get(action="partners.partnership.created")
        assert entry.actor == user and entry.region == school_bochum.region
        assert p.history.get().history_user == user
    else:
        assert_refused(response, user)
        assert not Partnership.objects.exists()
        assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", GRID)
def test_edit_draft_grid(name, as_persona, client, school_bochum, library):
    p = make_partnership(school_bochum, library)
    user = as_persona(name)
    response = client.post(
        f"/bildungspartner/partnerschaften/{p.pk}/bearbeiten/",
        {**CREATE, "title": "Geändert"},
    )
    p.refresh_from_db()
    if name in OFFICE | PARTIES:
        assert response.status_code == 302
        assert p.title == "Geändert"
        assert AuditEntry.objects.get(action="partners.partnership.changed").actor == user
    else:
        assert_refused(response, user)
        assert p.title != "Geändert"
        assert not AuditEntry.objects.exists()


SIGNERS = {
    "schule": {"schulleitung_eigene_schule"} | OFFICE,
    "einrichtung": {"partner_eigene_einrichtung"} | OFFICE,
}


@pytest.mark.parametrize("side", ["schule", "einrichtung"])
@pytest.mark.parametrize("name", GRID)
def test_sign_grid(name, side, as_persona, client, school_bochum, library):
    p = make_partnership(school_bochum, library)
    user = as_persona(name)
    response = client.post(
        f"/bildungspartner/partnerschaften/{p.pk}/unterschrift/",
        {"side": side, "signer": "Jana Kowalski", "signed_on": "2026-01-12"},
    )
    p.refresh_from_db()
    if name in SIGNERS[side]:
        assert response.status_code == 302
        assert p.signature(side)[0] == "Jana Kowalski"
        assert AuditEntry.objects.get(action="partners.partnership.signed").actor == user
    else:
        assert_refused(response, user)
        assert p.signature(side) == ("", None)
        assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", GRID)
def test_schulkonferenz_grid(name, as_persona, client, school_bochum, library):
    p = make_partnership(school_bochum, library, state="unterzeichnet")
    user = as_persona(name)
    response = client.post(
        f"/bildungspartner/partnerschaften/{p.pk}/schulkonferenz/",
        {"schulkonferenz_date": "2026-01-20"},
    )
    p.refresh_from_db()
    if name in {"schulleitung_eigene_schule"} | OFFICE:
        assert response.status_code == 302
        assert p.state == "schulkonferenz"
    else:
        assert_refused(response, user)
        assert p.state == "unterzeichnet" and p.schulkonferenz_date is None


TRANSITIONS = {
    # verb: (state before, state after, who may)
    "submit": ("schulkonferenz", "eingereicht", PARTIES | OFFICE),
    "register": ("eingereicht", "registriert", OFFICE),
    "publish": ("registriert", "oeffentlich", OFFICE),
    "return": ("eingereicht", "entwurf", OFFICE),
    "end": ("oeffentlich", "beendet", PARTIES | OFFICE),
}


@pytest.mark.parametrize("verb", sorted(TRANSITIONS))
@pytest.mark.parametrize("name", GRID)
def test_transition_grid(name, verb, as_persona, client, school_bochum, library):
    before, after, allowed = TRANSITIONS[verb]
    p = make_partnership(school_bochum, library, state=before)
    user = as_persona(name)
    response = client.post(
        f"/bildungspartner/partnerschaften/{p.pk}/schritt/", {"verb": verb, "notiz": ""}
    )
    p.refresh_from_db()
    if name in allowed:
        assert response.status_code == 302
        assert p.state == after
        assert AuditEntry.objects.get().actor == user
    else:
        if before == "oeffentlich" and user is not None:
            assert response.status_code == 403  # visible to all, changeable by few
        assert_refused(response, user)
        assert p.state == before
        assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", GRID)
def test_agreement_documents_grid(name, as_persona, client, school_bochum, library):
    p = make_partnership(school_bochum, library)
    user = as_persona(name)
    for url in (
        f"/bildungspartner/partnerschaften/{p.pk}/vereinbarung.docx",
        f"/bildungspartner/partnerschaften/{p.pk}/druck/",
    ):
        response = client.get(url)
        if name in OFFICE | PARTIES:
            assert response.status_code == 200
        else:
            assert_refused(response, user)
            assert response.status_code != 200


def test_draft_detail_is_hidden_from_other_regions(as_persona, client, school_bochum, library):
    p = make_partnership(school_bochum, library)
    as_persona("bildungsbuero_dortmund")
    assert client.get(f"/bildungspartner/partnerschaften/{p.pk}/").status_code == 404


@pytest.mark.parametrize("name", GRID)
def test_confirm_active_grid(name, as_persona, client, school_bochum, library):
    p = make_partnership(school_bochum, library, state="oeffentlich")
    user = as_persona(name)
    response = client.post(f"/bildungspartner/partnerschaften/{p.pk}/bestaetigen/")
    p.refresh_from_db()
    if name in PARTIES | OFFICE:
        assert response.status_code == 302
        assert p.confirmed_on is not None
    else:
        assert_refused(response, user)
        assert p.confirmed_on is None


@pytest.mark.parametrize("name", GRID)
def test_contact_handover_grid(name, as_persona, client, school_bochum, library):
    p = make_partnership(school_bochum, library, state="registriert")
    user = as_persona(name)
    data = {"school_contact": "Herr Nowak", "institution_contact": "Frau Berg"}
    response = client.post(f"/bildungspartner/partnerschaften/{p.pk}/ansprechpersonen/", data)
    p.refresh_from_db()
    changed = {
        "schulleitung_eigene_schule": ("Herr Nowak", ""),
        "partner_eigene_einrichtung": ("", "Frau Berg"),
        "bildungsbuero_bochum": ("Herr Nowak", "Frau Berg"),
        "land": ("Herr Nowak", "Frau Berg"),
    }
    if name in changed:
        assert response.status_code == 302
        assert (p.school_contact, p.institution_contact) == changed[name]
    else:
        assert_refused(response, user)
        assert (p.school_contact, p.institution_contact) == ("", "")
