"""The public registry "Wir sind dabei", its export and the read-only API."""

import datetime
import json
import re
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from bildungsnetz.partners.models import Institution, InstitutionContact, Partnership
from bildungsnetz.regions.models import Region
from tests.factories import make_school

from . import factories as f
from .conftest import DRAFT

pytestmark = pytest.mark.django_db


def _partnership(school, inst, state, *, third=None, **extra):
    return Partnership.objects.create(
        school=school,
        institution=inst,
        third_institution=third,
        state=state,
        registered_at=timezone.now() if state in ("registriert", "oeffentlich") else None,
        **{**DRAFT, **extra},
    )


@pytest.fixture
def registry(paulinum, lwl_museum):
    schiller = f.school("schiller")
    bochum = f.school("graf_engelbert")
    library = f.institution("stadtbuecherei_ms")
    bochum_lib = f.institution("stadtbibliothek_bochum")
    verband, amt = f.institution("heimatbund"), f.institution("umweltamt_ms")
    InstitutionContact.objects.create(
        institution=lwl_museum,
        name="Hannah Brinkmann",
        email="brinkmann@lwl.example.org",
        consent_public=True,
        consent_date=datetime.date(2026, 1, 15),
    )
    InstitutionContact.objects.create(
        institution=lwl_museum, name="Geheime Person", email="privat@example.org"
    )
    return {
        "public_art": _partnership(paulinum, lwl_museum, "oeffentlich"),
        "public_read": _partnership(
            schiller, library, "oeffentlich", title="Lesezeit", handlungsfeld="lesen"
        ),
        "public_bochum": _partnership(
            bochum,
            bochum_lib,
            "oeffentlich",
            title="Bibliotheksführerschein",
            handlungsfeld="lesen",
        ),
        "public_third": _partnership(
            schiller,
            verband,
            "oeffentlich",
            third=amt,
            title="Heimat erkunden",
            handlungsfeld="natur_technik",
        ),
        "registered_only": _partnership(paulinum, library, "registriert", title="Noch intern"),
        "draft": _partnership(bochum, lwl_museum, "entwurf", title="Geheimer Entwurf"),
    }


def test_registry_lists_only_public_partnerships_with_counts(client, registry):
    html = client.get("/bildungspartner/wir-sind-dabei/").content.decode()
    for title in ("Kunst im Dialog", "Lesezeit", "Bibliotheksführerschein", "Heimat erkunden"):
        assert title in html
    assert "Noch intern" not in html and "Geheimer Entwurf" not in html
    assert '<dd id="anzahl-partnerschaften">4</dd>' in html
    assert '<dd id="anzahl-schulen">3</dd>' in html
    assert '<dd id="anzahl-einrichtungen">5</dd>' in html  # incl. the third partner


def test_registry_filters_by_region_kind_and_handlungsfeld(client, registry):
    html = client.get("/bildungspartner/wir-sind-dabei/", {"region": "05911"}).content.decode()
    assert "Bibliotheksführerschein" in html and "Lesezeit" not in html
    html = client.get(
        "/bildungspartner/wir-sind-dabei/", {"handlungsfeld": "lesen", "region": "05515"}
    ).content.decode()
    assert '<dd id="anzahl-partnerschaften">1</dd>' in html and "Lesezeit" in html
    html = client.get("/bildungspartner/wir-sind-dabei/", {"kind": "behoerde"}).content.decode()
    assert "Heimat erkunden" in html and "Lesezeit" not in html


def test_registry_views_of_institutions_and_schools(client, registry):
    html = client.get(
        "/bildungspartner/wir-sind-dabei/", {"ansicht": "einrichtungen", "region": "05515"}
    ).content.decode()
    assert "LWL-Museum für Kunst und Kultur" in html and "Stadtbibliothek Bochum" not in html
    html = client.get("/bildungspartner/wir-sind-dabei/", {"ansicht": "schulen"}).content.decode()
    assert "Graf-Engelbert-Schule" in html and "Schiller-Gymnasium" in html


def test_registry_csv_export(client, registry):
    response = client.get("/bildungspartner/wir-sind-dabei/export.csv", {"region": "05515"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("Schule;Schulnummer;Schulform")
    assert len(lines) == 4  # header + 3 public partnerships in Münster
    assert "Gymnasium Paulinum;167850;Gymnasium" in text
    assert "Noch intern" not in text
    xlsx = client.get("/bildungspartner/wir-sind-dabei/export.xlsx")
    assert xlsx.content[:2] == b"PK"


def test_registry_query_count_does_not_grow_with_rows(
    client, registry, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        client.get("/bildungspartner/wir-sind-dabei/")


def test_institution_page_shows_only_consented_contacts(client, registry, lwl_museum):
    html = client.get(f"/bildungspartner/einrichtungen/{lwl_museum.pk}/").content.decode()
    assert "Hannah Brinkmann" in html
    assert "Geheime Person" not in html and "privat@example.org" not in html
    assert "Kunst im Dialog" in html


def test_unverified_institution_and_non_public_partnership_are_404_for_the_public(client, registry):
    pending = f.institution("allwetterzoo", verified=False)
    assert client.get(f"/bildungspartner/einrichtungen/{pending.pk}/").status_code == 404
    hidden = registry["registered_only"]
    assert client.get(f"/bildungspartner/partnerschaften/{hidden.pk}/").status_code == 404
    public = registry["public_art"]
    html = client.get(f"/bildungspartner/partnerschaften/{public.pk}/").content.decode()
    assert "Kunst im Dialog" in html
    assert "Frau Dr. Kemper" not in html  # agreement contacts are not public


def test_api_institutions_public_fields_only(client, registry, lwl_museum):
    f.institution("allwetterzoo", verified=False)
    data = client.get("/api/v1/institutions", {"region": "05515", "limit": 50}).json()
    names = [i["name"] for i in data["items"]]
    assert "Allwetterzoo Münster – Zooschule" not in names
    assert data["count"] == len(names) == 4
    museum = next(i for i in data["items"] if i["id"] == lwl_museum.pk)
    assert museum["contacts"] == [
        {
            "name": "Hannah Brinkmann",
            "function": "",
            "email": "brinkmann@lwl.example.org",
            "telefon": "",
        }
    ]
    assert museum["eligible"] is True and museum["kind_label"] == "Museum"
    assert museum["kreis_ags"] == "05515"
    one = client.get(f"/api/v1/institutions/{lwl_museum.pk}").json()
    assert one["name"] == "LWL-Museum für Kunst und Kultur"
    assert client.get("/api/v1/institutions/999999").status_code == 404
    only_museums = client.get("/api/v1/institutions", {"kind": "museum"}).json()
    assert {i["kind"] for i in only_museums["items"]} == {"museum"}


def test_api_partnerships_public_only_without_personal_data(client, registry):
    data = client.get("/api/v1/partnerships", {"handlungsfeld": "lesen"}).json()
    assert data["count"] == 2
    assert {p["title"] for p in data["items"]} == {"Lesezeit", "Bibliotheksführerschein"}
    item = data["items"][0]
    assert set(item) == {
        "id", "title", "handlungsfeld", "handlungsfeld_label", "school", "institution",
        "third_institution", "start_date", "end_date", "registered_at", "web_url",
    }  # fmt: skip
    assert "Kemper" not in str(data) and "signer" not in str(data)
    third = client.get("/api/v1/partnerships", {"kind": "behoerde"}).json()["items"][0]
    assert third["third_institution"]["kind"] == "behoerde"
    assert client.get("/api/v1/partnerships", {"region": "05911"}).json()["count"] == 1


# --- Pagination of "Wir sind dabei" ---------------------------------------------------------

REGISTRY_URL = "/bildungspartner/wir-sind-dabei/"


@pytest.fixture
def many_partnerships(registry):
    """55 more public partnerships in Münster: Grundschule Nr. 10..64 with Stadtteilbücherei
    Nr. 10..64 (handlungsfeld "lesen"), so every registry view has two pages."""
    region = Region.objects.get(ags="05515")
    for n in range(10, 65):
        school = make_school(
            f"1699{n:02d}", "02", gemeinde_ags="05515000", name=f"Grundschule Münster Nr. {n}"
        )
        inst = Institution.objects.create(
            name=f"Stadtteilbücherei Münster Nr. {n}",
            kind="bibliothek",
            plz="48143",
            ort="Münster",
            lat=51.96,
            lon=7.62,
            region=region,
            geocode_method="import",
            verified=True,
            verified_at=timezone.now(),
        )
        _partnership(school, inst, "oeffentlich", title=f"Lesepate Nr. {n}", handlungsfeld="lesen")
    return registry


def _numbers(html: str, prefix: str) -> list[int]:
    return [int(n) for n in re.findall(re.escape(prefix) + r" Nr\. (\d+)</a>", html)]


def test_registry_partnerships_are_paginated_with_total_count(client, many_partnerships):
    first = client.get(REGISTRY_URL).content.decode()
    assert '<dd id="anzahl-partnerschaften">59</dd>' in first  # the total, not the page
    assert first.count('<th scope="row">') == 50
    assert "Seite 1 von 2." in first and "Angezeigt werden die Treffer 1 bis 50." in first
    second = client.get(REGISTRY_URL, {"seite": "2"}).content.decode()
    assert second.count('<th scope="row">') == 9
    assert "Seite 2 von 2." in second and "Angezeigt werden die Treffer 51 bis 59." in second
    assert 'href="?seite=2" aria-current="page"' in second
    # Order continues: nothing shown twice, nothing lost.
    titles = _numbers(first, "Lesepate") + _numbers(second, "Lesepate")
    assert sorted(titles) == list(range(10, 65)) and len(set(titles)) == 55


def test_registry_institution_and_school_views_are_paginated_in_name_order(
    client, many_partnerships
):
    pages = [
        client.get(REGISTRY_URL, {"ansicht": "einrichtungen", "seite": s}).content.decode()
        for s in ("1", "2")
    ]
    # Name order: four fixture institutions sort before "Stadtteilbücherei …", the
    # Westfälischer Heimatbund after them; 60 in all.
    assert _numbers(pages[0], "Stadtteilbücherei Münster") == list(range(10, 56))
    assert pages[0].count('<th scope="row">') == 50
    assert _numbers(pages[1], "Stadtteilbücherei Münster") == list(range(56, 65))
    assert pages[1].count('<th scope="row">') == 10
    assert 'href="?ansicht=einrichtungen&amp;seite=1" rel="prev"' in pages[1]
    schools = client.get(REGISTRY_URL, {"ansicht": "schulen", "seite": "2"}).content.decode()
    assert "Seite 2 von 2." in schools
    assert 'href="?ansicht=schulen&amp;seite=2" aria-current="page"' in schools


def test_registry_filter_survives_paging_and_view_tabs_start_at_page_one(client, many_partnerships):
    html = client.get(REGISTRY_URL, {"handlungsfeld": "lesen", "seite": "2"}).content.decode()
    # 55 Lesepaten + Lesezeit + Bibliotheksführerschein = 57 → 7 on page 2.
    assert '<dd id="anzahl-partnerschaften">57</dd>' in html
    assert html.count('<th scope="row">') == 7 and "Kunst im Dialog" not in html
    assert 'href="?handlungsfeld=lesen&amp;seite=1" rel="prev"' in html
    # Tabs and export links carry the filter but not the page number.
    assert 'href="?ansicht=schulen&amp;handlungsfeld=lesen"' in html
    assert 'export.csv?handlungsfeld=lesen"' in html


def test_registry_out_of_range_page_gives_the_last_page(client, many_partnerships):
    response = client.get(REGISTRY_URL, {"ansicht": "einrichtungen", "seite": "999"})
    assert response.status_code == 200
    assert _numbers(response.content.decode(), "Stadtteilbücherei Münster") == list(range(56, 65))


def test_registry_exports_stay_complete(client, many_partnerships):
    response = client.get("/bildungspartner/wir-sind-dabei/export.csv", {"seite": "2"})
    lines = response.content.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 1 + 59
    xlsx = client.get("/bildungspartner/wir-sind-dabei/export.xlsx", {"seite": "2"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet.max_row == 1 + 59


def test_registry_map_keeps_all_institutions(client, many_partnerships):
    html = client.get(REGISTRY_URL, {"seite": "2"}).content.decode()
    raw = re.search(r'data-points="([^"]*)"', html).group(1).replace("&quot;", '"')
    assert len(json.loads(raw)) == 5 + 55


def test_registry_map_points_match_the_institution_pages(many_partnerships):
    from bildungsnetz.partners import selectors

    points = selectors.institution_map_points(
        selectors.registry_institutions(selectors.RegistryFilter())
    )
    by_url = {p[3]: p for p in points}
    for inst in Institution.objects.public().filter(name__startswith="Stadtteilbücherei"):
        lat, lon, name, _url, label = by_url[inst.get_absolute_url()]
        assert (lat, lon, name, label) == (51.96, 7.62, inst.name, "Bibliothek")
