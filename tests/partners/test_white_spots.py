"""White spots: schools without an eligible institution nearby or without a partnership."""

import pytest

from bildungsnetz.partners.models import Partnership
from bildungsnetz.partners.selectors import white_spots
from bildungsnetz.regions.models import Region
from bildungsnetz.schools.models import School

from . import factories as f
from .conftest import DRAFT

pytestmark = pytest.mark.django_db


@pytest.fixture
def region_ms(paulinum, lwl_museum):
    f.school("schiller")
    # A school in Münster-Roxel, ~8 km west of the centre.
    f.school("martini", name="Grundschule Roxel", schulnummer="119945", lat=51.9553, lon=7.5083)
    f.institution("kita_sonnenblume")  # not eligible: does not cover anything
    Partnership.objects.create(
        school=paulinum, institution=lwl_museum, state="oeffentlich", **DRAFT
    )
    return Region.objects.get(ags="05515")


def test_white_spots_table(region_ms):
    rows = {r.school.name: r for r in white_spots(region_ms, km=3)}
    assert "Gymnasium Paulinum" not in rows  # museum nearby and a partnership
    schiller = rows["Schiller-Gymnasium"]
    assert not schiller.without_institution and schiller.partnerships == 0
    roxel = rows["Grundschule Roxel"]
    assert roxel.without_institution
    assert roxel.nearest_name == "LWL-Museum für Kunst und Kultur"
    assert 8 < roxel.nearest_km < 9


def test_white_spots_by_kind(region_ms):
    rows = {r.school.name: r for r in white_spots(region_ms, km=3, kind="bibliothek")}
    assert rows["Gymnasium Paulinum"].without_institution
    assert rows["Gymnasium Paulinum"].nearest_km is None


def test_white_spots_page_and_csv_for_the_bildungsbuero(client, region_ms, buero_muenster):
    client.force_login(buero_muenster)
    html = client.get("/bildungspartner/weisse-flecken/", {"region": "05515", "km": "3"})
    text = html.content.decode()
    assert "Grundschule Roxel" in text and "Münster: 2 Schulen in der Liste" in text
    csv = client.get("/bildungspartner/weisse-flecken/export.csv", {"region": "05515", "km": "3"})
    body = csv.content.decode("utf-8-sig")
    assert body.startswith("Schulnummer;Schule;Schulform")
    assert "119945;Grundschule Roxel;Grundschule;Münster;LWL-Museum für Kunst und Kultur;" in body


def test_white_spots_other_region_is_not_offered(client, region_ms, buero_bochum):
    client.force_login(buero_bochum)
    response = client.get("/bildungspartner/weisse-flecken/", {"region": "05515", "km": "3"})
    assert response.status_code == 200
    assert "Grundschule Roxel" not in response.content.decode()
    assert "05515 ist keine gültige Auswahl" in response.content.decode()


def test_white_spots_refused_for_schools_and_anonymous(client, region_ms, schule_paulinum):
    assert client.get("/bildungspartner/weisse-flecken/").status_code == 302
    client.force_login(schule_paulinum)
    assert client.get("/bildungspartner/weisse-flecken/").status_code == 403


def test_white_spots_map_layer_json_same_filter(client, region_ms, buero_muenster):
    client.force_login(buero_muenster)
    page = client.get("/bildungspartner/weisse-flecken/", {"region": "05515", "km": "3"})
    text = page.content.decode()
    assert 'data-points-url="/bildungspartner/weisse-flecken/karte.json?region=05515' in text
    assert "Karte: Schulen ohne Einrichtung im Umkreis" in text
    points = client.get(
        "/bildungspartner/weisse-flecken/karte.json", {"region": "05515", "km": "3"}
    ).json()
    # Only the school without an eligible institution within 3 km (not Schiller: it only
    # lacks a partnership).
    assert [p[2] for p in points] == ["Grundschule Roxel"]
    lat, lon, _name, url, note = points[0]
    assert (lat, lon) == (51.9553, 7.5083)
    assert url == School.objects.get(schulnummer="119945").get_absolute_url()
    assert note.startswith("nächste Einrichtung 8,")
    wide = client.get(
        "/bildungspartner/weisse-flecken/karte.json", {"region": "05515", "km": "10"}
    ).json()
    assert wide == []


@pytest.mark.parametrize("persona", ["anonym", "schule", "buero_bochum"])
def test_white_spots_map_layer_refused(persona, client, region_ms, buero_bochum, schule_paulinum):
    user = {"anonym": None, "schule": schule_paulinum, "buero_bochum": buero_bochum}[persona]
    if user:
        client.force_login(user)
    response = client.get(
        "/bildungspartner/weisse-flecken/karte.json", {"region": "05515", "km": "3"}
    )
    if user is None:
        assert response.status_code == 302
    elif persona == "schule":
        assert response.status_code == 403
    else:
        assert response.status_code == 200 and response.json() == []
