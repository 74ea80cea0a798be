"""Public catalogue pages and the editors' pages, rendered through the real URLs."""

import pytest

from bildungsnetz.catalogue.models import Material

pytestmark = pytest.mark.django_db


def test_overview_lists_all_criteria(client):
    html = client.get("/unterstuetzung/").content.decode()
    assert html.count('class="cat-number"') == 14
    assert "6.6.9</span> Bildungsnetzwerke/kommunale Koordinierungsstellen" in html
    assert "12 landesweite Einträge" in html
    assert "TEMPLATE-VARIABLE-MISSING" not in html


def test_criterion_page_shows_regional_additions_beside_nrw_entries(client, regional_published):
    html = client.get("/unterstuetzung/kriterium/6.6.4/").content.decode()
    assert "Landesweite Angebote" in html and "Regionale Ergänzungen" in html
    assert "Schulpsychologische Beratungsstelle Bochum" in html
    assert "Ergänzung Bochum" in html
    filtered = client.get("/unterstuetzung/kriterium/6.6.4/?region=05913").content.decode()
    assert "Schulpsychologische Beratungsstelle Bochum" not in filtered
    assert client.get("/unterstuetzung/kriterium/6.6.99/").status_code == 404


def test_material_page_shows_facts_and_placeholders(client):
    m = Material.objects.get(title="Mitbestimmung und Teilhabe")
    html = client.get(m.get_absolute_url()).content.decode()
    assert "Paradieser Weg 64" in html and "59494 Soest" in html
    assert "Link folgt" in html and "ohne Angabe" in html
    assert "Redaktion" not in html.split('id="inhalt"')[1].split("<footer")[0]


def test_drafts_are_hidden_from_the_public_but_not_from_their_editors(
    client, regional_draft, buero_bochum, buero_dortmund
):
    url = regional_draft.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(buero_dortmund)
    assert client.get(url).status_code == 404
    client.force_login(buero_bochum)
    html = client.get(url).content.decode()
    assert "nur für die Redaktion sichtbar" in html and "Zur Prüfung einreichen" in html


def test_search_page_with_filters_snippets_and_pagination(client):
    html = client.get("/unterstuetzung/suche/", {"q": "Museen"}).content.decode()
    assert "16 Angebote gefunden." in html
    assert "<mark>Museen</mark>" in html
    assert "Passende Kriterien:" in html
    page1 = client.get("/unterstuetzung/suche/", {"region": "nrw"}).content.decode()
    assert "69 Angebote gefunden." in page1 and "Treffer 1 bis 20" in page1
    assert 'rel="next"' in page1
    page4 = client.get("/unterstuetzung/suche/", {"region": "nrw", "seite": 4}).content.decode()
    assert "Treffer 61 bis 69" in page4
    erlass = client.get("/unterstuetzung/suche/", {"art": "erlass"}).content.decode()
    assert "2 Angebote gefunden." in erlass
    none = client.get("/unterstuetzung/suche/", {"q": "Quantenphysik"}).content.decode()
    assert "0 Angebote gefunden." in none and "Kein Angebot passt" in none


def test_search_page_query_count_is_bounded(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        client.get("/unterstuetzung/suche/", {"q": "Kooperation", "region": "nrw"})


def test_suggest_endpoint(client):
    data = client.get("/unterstuetzung/vorschlaege/", {"q": "Zoosch"}).json()
    assert data["suggestions"][0]["title"] == "Zooschule des Kölner Zoos"
    assert client.get("/unterstuetzung/vorschlaege/", {"q": "Zo"}).json()["suggestions"] == []


def test_editor_pages_show_duplicates_placeholders_and_links(client, land_editor):
    client.force_login(land_editor)
    html = client.get("/unterstuetzung/redaktion/").content.decode()
    assert "Mögliche Dubletten" in html and "gleicher Anbieter und gleicher Titel" in html
    assert "68 Einträge mit offenen Angaben" in html
    links = client.get("/unterstuetzung/redaktion/links/")
    assert links.status_code == 200
    assert "Länger als 12 Monate nicht geprüft" in links.content.decode()


def test_create_form_through_the_rendered_page(client, buero_bochum):
    from bildungsnetz.catalogue.models import Criterion

    client.force_login(buero_bochum)
    form_html = client.get("/unterstuetzung/redaktion/neu/").content.decode()
    assert 'value="05911"' in form_html and 'value="nrw"' not in form_html
    response = client.post(
        "/unterstuetzung/redaktion/neu/",
        {
            "scope": "05911",
            "criterion": Criterion.objects.get(number="6.6.12").pk,
            "title": "Planetarium Bochum – Schulprogramm",
            "description": "Vorführungen und Workshops für Schulklassen zu Astronomie.",
            "kind": "angebot",
            "url": "",
            "tags": "MINT, Astronomie",
            "new_provider_name": "Planetarium Bochum",
            "new_provider_street": "Castroper Straße 67",
            "new_provider_postal_code": "44791",
            "new_provider_city": "Bochum",
        },
    )
    material = Material.objects.get(title="Planetarium Bochum – Schulprogramm")
    assert response.status_code == 302 and response["Location"] == material.get_absolute_url()
    assert material.status == "entwurf" and material.region.ags == "05911"
    assert material.provider.postal_code == "44791"
    bad = client.post(
        "/unterstuetzung/redaktion/neu/",
        {"scope": "05911", "title": "", "description": "", "kind": "angebot"},
    )
    assert bad.status_code == 200
    assert "Bitte korrigieren Sie die folgenden Angaben" in bad.content.decode()
