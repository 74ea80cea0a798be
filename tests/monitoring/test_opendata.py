"""Open data: stable columns, nothing unpublished or unconsented, formula-safe CSV,
DCAT-AP.de JSON-LD, and the catalogue page."""

import csv
import io
import json

import pytest

from bildungsnetz.monitoring import opendata
from tests.api.data import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    return seed()


def _csv(client, slug):
    response = client.get(f"/monitoring/offene-daten/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def _json(client, slug):
    response = client.get(f"/monitoring/offene-daten/{slug}.json")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))


EXPECTED_COLUMNS = {
    "regionen": "ags,name,art,regierungsbezirk,regierungsbezirk_name,bezirksregierung,schulamt",
    "einrichtungen": "id,name,art,art_name,bildungspartner_berechtigt,strasse,plz,ort,lat,lon,"
    "kreis_ags,kreis_name,e_mail,telefon,internet,ansprechpersonen,geaendert_am",
    "bildungspartnerschaften": "id,titel,handlungsfeld,handlungsfeld_name,schulnummer,schule,"
    "schule_ort,kreis_ags,kreis_name,einrichtung_id,einrichtung,einrichtung_art,"
    "dritter_partner_id,dritter_partner,dritter_partner_art,beginn,ende,registriert_am,"
    "veroeffentlicht_am",
}


@pytest.mark.parametrize("slug,columns", EXPECTED_COLUMNS.items())
def test_columns_are_stable(client, data, slug, columns):
    """Renaming a column breaks users' scripts: this list changes only on purpose."""
    assert ",".join(opendata.get_dataset(slug).columns) == columns
    response = client.get(f"/monitoring/offene-daten/{slug}.csv")
    header = b"".join(response.streaming_content).decode("utf-8").splitlines()[0]
    assert header == "\ufeff" + columns.replace(",", ";")


def test_every_dataset_downloads_in_both_formats(client, data):
    for dataset in opendata.DATASETS:
        rows = _csv(client, dataset.slug)
        body = _json(client, dataset.slug)
        assert body["dataset"] == dataset.slug
        assert body["columns"] == list(dataset.columns)
        assert body["license"] == dataset.licence.title
        assert len(body["items"]) == len(rows)
        assert all(list(item) == list(dataset.columns) for item in body["items"])


def test_regions_and_networks_cover_all_53(client, data):
    assert len(_csv(client, "regionen")) == 53
    networks = {r["ags"]: r for r in _csv(client, "bildungsnetzwerke")}
    assert len(networks) == 53
    assert networks["05911"]["vereinbarung"] == "unterzeichnet"
    assert networks["05911"]["unterzeichnet_am"] == "2009-05-14"
    assert networks["05515"]["vereinbarung"] == "unbekannt"


def test_institutions_verified_only_and_contacts_only_with_consent(client, data):
    rows = _csv(client, "einrichtungen")
    names = {r["name"] for r in rows}
    assert names == {"LWL-Museum für Kunst und Kultur", "Stadtbücherei Münster"}
    museum = next(r for r in rows if r["id"] == str(data.museum.pk))
    assert museum["ansprechpersonen"] == (
        "Hannah Brinkmann (Museumspädagogik), brinkmann@lwl.example.org"
    )
    everything = json.dumps(_json(client, "einrichtungen"), ensure_ascii=False)
    assert "Verborgen" not in everything and "verborgen@" not in everything
    assert "Villa ten Hompel" not in everything


def test_partnerships_public_only_without_signers_or_contacts(client, data):
    rows = _csv(client, "bildungspartnerschaften")
    assert [r["id"] for r in rows] == [str(data.public_partnership.pk)]
    assert rows[0]["schulnummer"] == "167850" and rows[0]["einrichtung"].startswith("LWL")
    text = json.dumps(_json(client, "bildungspartnerschaften"), ensure_ascii=False)
    for secret in ("Lesezeit im Stadtgraben", "Terhorst", "Kemper", "Brinkmann"):
        assert secret not in text


def test_networks_carry_no_personal_data(client, data):
    text = json.dumps(_json(client, "bildungsnetzwerke"), ensure_ascii=False)
    assert "Lehmann" not in text and "anja.lehmann" not in text


def test_catalogue_published_only_and_formula_safe(client, data):
    rows = _csv(client, "unterstuetzungskatalog")
    titles = {r["titel"] for r in rows}
    assert "Unveröffentlichter Entwurf Museumskoffer" not in titles
    formula = next(r for r in rows if r["id"] == str(data.formula_material.pk))
    assert formula["titel"] == '\'=HYPERLINK("http://example.org";"Klick")'
    assert formula["beschreibung"].startswith("'@SUMME")
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    text = json.dumps(_json(client, "unterstuetzungskatalog"), ensure_ascii=False)
    assert "Interner Hinweis der Redaktion" not in text
    # JSON keeps the original text: it is data, not a spreadsheet.
    item = next(
        i
        for i in _json(client, "unterstuetzungskatalog")["items"]
        if i["id"] == data.formula_material.pk
    )
    assert item["titel"].startswith("=HYPERLINK")


def test_json_values_are_typed(client, data):
    museum = next(i for i in _json(client, "einrichtungen")["items"] if i["id"] == data.museum.pk)
    assert museum["lat"] == pytest.approx(51.9624)
    assert museum["bildungspartner_berechtigt"] is True


def test_unknown_dataset_or_format_is_404(client, data):
    assert client.get("/monitoring/offene-daten/personen.csv").status_code == 404
    assert client.get("/monitoring/offene-daten/regionen.xml").status_code == 404


def test_dcat_catalog_json_ld(client, data):
    response = client.get("/monitoring/offene-daten/katalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    catalog = response.json()
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalog["@context"]["dct"] == "http://purl.org/dc/terms/"
    assert catalog["@context"]["dcatde"] == "http://dcat-ap.de/def/dcatde/"
    assert catalog["dct:publisher"]["foaf:name"] == "Bildungsnetz NRW"
    datasets = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
    assert set(datasets) == {d.slug for d in opendata.DATASETS}
    network = datasets["bildungsnetzwerke"]
    assert network["@type"] == "dcat:Dataset"
    assert network["dct:title"] and network["dct:description"]
    assert network["dcatde:contributorID"]["@id"].startswith("http://dcat-ap.de/def/contributors/")
    assert network["dct:modified"]["@type"] == "xsd:dateTime"
    formats = {}
    for dist in network["dcat:distribution"]:
        assert dist["@type"] == "dcat:Distribution"
        assert dist["dct:license"]["@id"] == "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
        url = dist["dcat:downloadURL"]["@id"]
        assert url.startswith("http://testserver/monitoring/offene-daten/bildungsnetzwerke.")
        formats[dist["dcat:mediaType"]["@id"].rsplit("/", 2)[-2:][1]] = url
        # The advertised URL really serves the data.
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    assert set(formats) == {"csv", "json"}
    partnerships = datasets["bildungspartnerschaften"]["dcat:distribution"][0]
    assert partnerships["dct:license"]["@id"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert "Schulgrunddaten NRW" in partnerships["dcatde:licenseAttributionByText"]


def test_catalogue_page_lists_datasets_with_licence_date_and_links(client, data):
    response = client.get("/monitoring/offene-daten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "TEMPLATE-VARIABLE-MISSING" not in html
    assert "<h1>Offene Daten</h1>" in html
    for dataset in opendata.DATASETS:
        assert dataset.title in html
        assert f"/monitoring/offene-daten/{dataset.slug}.csv" in html
        assert f"/monitoring/offene-daten/{dataset.slug}.json" in html
    assert "Datenlizenz Deutschland – Zero – Version 2.0" in html
    assert "https://www.govdata.de/dl-de/by-2-0" in html
    assert 'href="/monitoring/offene-daten/katalog.jsonld"' in html


def test_download_query_count_does_not_grow_with_rows(client, data, django_assert_max_num_queries):
    from bildungsnetz.partners.models import InstitutionContact
    from tests.partners import factories as f

    for key in ("allwetterzoo", "heimatbund", "bergbau_museum"):
        inst = f.institution(key)
        InstitutionContact.objects.create(institution=inst, name="Kim Nowak", consent_public=False)
    with django_assert_max_num_queries(4):
        response = client.get("/monitoring/offene-daten/einrichtungen.csv")
        assert len(b"".join(response.streaming_content).splitlines()) == 6
