"""Who may write catalogue entries: the Land everywhere, a Bildungsbüro only its region's
additions. Other regions get 404 (scoped fetch), other roles 403, anonymous the login."""

import pytest

from bildungsnetz.catalogue import services
from bildungsnetz.catalogue.models import Criterion, Material, MaterialKind
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.regions.models import Region
from tests.factories import make_user

ALL = [
    "anonym",
    "schulleitung_eigene_schule",
    "partner_bochum",
    "lenkungskreis_bochum",
    "bildungsbuero_bochum",
    "bildungsbuero_dortmund",
    "schulaufsicht_bochum",
    "land",
]
EDITORS_OF_BOCHUM = {"bildungsbuero_bochum", "land"}


@pytest.fixture
def bochum_draft(db):
    author = make_user("anna.kruse@bochum.de", "bildungsbuero", "05911", first_name="Anna")
    return services.create_material(
        acting_user=author,
        region=Region.objects.get(ags="05911"),
        data={
            "criterion": Criterion.objects.get(number="6.6.12"),
            "title": "Stadtarchiv Bochum – Angebote für Schulen",
            "description": "Archivführungen und Quellenarbeit für Schulklassen.",
            "kind": MaterialKind.ANGEBOT,
        },
    )


def _denied(response, user, *, cross_region=False):
    if user is None:
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    elif cross_region:
        assert response.status_code == 404
    else:
        assert response.status_code == 403


def _form(material, **extra):
    data = {
        "criterion": material.criterion_id,
        "title": "Stadtarchiv Bochum – Schulangebote 2026",
        "description": material.description,
        "kind": material.kind,
        "url": "",
        "tags": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("name", ALL)
def test_edit_regional_entry_grid(name, persona, client, bochum_draft):
    user = persona(name)
    response = client.post(
        f"/unterstuetzung/material/{bochum_draft.pk}/bearbeiten/", _form(bochum_draft)
    )
    bochum_draft.refresh_from_db()
    if name in EDITORS_OF_BOCHUM:
        assert response.status_code == 302
        assert bochum_draft.title == "Stadtarchiv Bochum – Schulangebote 2026"
        assert AuditEntry.objects.get(action="catalogue.material.changed").actor == user
    else:
        _denied(response, user, cross_region=name == "bildungsbuero_dortmund")
        assert bochum_draft.title == "Stadtarchiv Bochum – Angebote für Schulen"
        assert not AuditEntry.objects.filter(action="catalogue.material.changed").exists()


@pytest.mark.parametrize("name", ALL)
def test_edit_nrw_wide_entry_grid(name, persona, client):
    user = persona(name)
    material = Material.objects.get(title="Qualitätsanalyse NRW")
    response = client.post(
        f"/unterstuetzung/material/{material.pk}/bearbeiten/",
        _form(material, title="Qualitätsanalyse NRW (neu)"),
    )
    material.refresh_from_db()
    if name == "land":
        assert response.status_code == 302 and material.title == "Qualitätsanalyse NRW (neu)"
    else:
        _denied(response, user, cross_region=name.startswith("bildungsbuero"))
        assert material.title == "Qualitätsanalyse NRW"


@pytest.mark.parametrize("name", ALL)
def test_transition_grid(name, persona, client, bochum_draft):
    user = persona(name)
    response = client.post(
        f"/unterstuetzung/material/{bochum_draft.pk}/status/", {"verb": "submit"}
    )
    bochum_draft.refresh_from_db()
    if name in EDITORS_OF_BOCHUM:
        assert response.status_code == 302 and bochum_draft.status == "in_pruefung"
    else:
        _denied(response, user, cross_region=name == "bildungsbuero_dortmund")
        assert bochum_draft.status == "entwurf"


@pytest.mark.parametrize("name", ALL)
def test_create_in_bochum_grid(name, persona, client):
    user = persona(name)
    response = client.post(
        "/unterstuetzung/redaktion/neu/",
        {
            "scope": "05911",
            "criterion": Criterion.objects.get(number="6.6.12").pk,
            "title": "Kunstmuseum Bochum – Museumspädagogik",
            "description": "Führungen und Werkstätten für Schulklassen.",
            "kind": "angebot",
        },
    )
    created = Material.objects.filter(title="Kunstmuseum Bochum – Museumspädagogik")
    if name in EDITORS_OF_BOCHUM:
        assert response.status_code == 302 and created.get().region.ags == "05911"
    elif name == "bildungsbuero_dortmund":
        # Bochum is not offered as a scope: the form refuses it with a message.
        assert response.status_code == 200
        assert "Bitte korrigieren Sie die folgenden Angaben" in response.content.decode()
        assert not created.exists()
    else:
        _denied(response, user)
        assert not created.exists()


@pytest.mark.parametrize("name", ALL)
def test_merge_grid(name, persona, client, bochum_draft):
    user = persona(name)
    target = services.create_material(
        acting_user=make_user("ben.otto@bochum.de", "bildungsbuero", "05911"),
        region=bochum_draft.region,
        data={
            "criterion": bochum_draft.criterion,
            "title": "Stadtarchiv Bochum",
            "description": "Archivpädagogik.",
            "kind": MaterialKind.ANGEBOT,
        },
    )
    response = client.post(
        f"/unterstuetzung/material/{bochum_draft.pk}/zusammenfuehren/", {"into": target.pk}
    )
    bochum_draft.refresh_from_db()
    if name in EDITORS_OF_BOCHUM:
        assert response.status_code == 302 and bochum_draft.status == "archiviert"
    else:
        _denied(response, user, cross_region=name == "bildungsbuero_dortmund")
        assert bochum_draft.status == "entwurf"


@pytest.mark.parametrize("name", ALL)
def test_check_link_grid(name, persona, client, bochum_draft):
    """An entry without URL: editors get a message, nobody triggers network access."""
    user = persona(name)
    response = client.post(f"/unterstuetzung/material/{bochum_draft.pk}/link-pruefen/")
    if name in EDITORS_OF_BOCHUM:
        assert response.status_code == 302
        assert response["Location"] == bochum_draft.get_absolute_url()
    else:
        _denied(response, user, cross_region=name == "bildungsbuero_dortmund")
    bochum_draft.refresh_from_db()
    assert bochum_draft.link_checked_at is None


def test_editor_pages_are_refused_to_non_editors(persona, client):
    persona("schulaufsicht_bochum")
    assert client.get("/unterstuetzung/redaktion/").status_code == 403
    assert client.get("/unterstuetzung/redaktion/links/").status_code == 403
    assert client.get("/unterstuetzung/redaktion/neu/").status_code == 403
