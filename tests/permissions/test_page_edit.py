"""Editable content pages (Impressum, Datenschutz, …): only the Land's editors write."""

import pytest

from bildungsnetz.core.models import Page


@pytest.fixture
def impressum(db):
    return Page.objects.update_or_create(
        slug="impressum",
        defaults={"title_de": "Impressum", "body_de": "Betreiber: Land NRW"},
    )[0]


@pytest.mark.parametrize(
    "name,allowed",
    [
        ("anonym", False),
        ("schulleitung_eigene_schule", False),
        ("partner_bochum", False),
        ("bildungsbuero_bochum", False),
        ("schulaufsicht_bochum", False),
        ("land", True),
    ],
)
def test_post_page_edit_grid(name, allowed, persona, client, impressum):
    user = persona(name)
    response = client.post(
        "/seiten/impressum/bearbeiten/",
        {
            "title_de": "Impressum",
            "body_de": "Neuer Text",
            "title_en": "Legal notice",
            "body_en": "New text",
        },
    )
    impressum.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert impressum.body_de == "Neuer Text"
    else:
        assert response.status_code == (302 if user is None else 403)
        assert impressum.body_de == "Betreiber: Land NRW"
