"""Partner search near a school: ``bildungsnetz near`` and the page "Partner in der Nähe"."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pyproj import Geod

from bildungsnetz.partners.models import LearningOffer
from bildungsnetz.partners.selectors import institutions_near
from bildungsnetz.regions.models import Schulform

from . import factories as f

pytestmark = pytest.mark.django_db
GEOD = Geod(ellps="WGS84")


@pytest.fixture
def muenster(paulinum):
    insts = {key: f.institution(key) for key in f.INSTITUTIONS}
    f.institution("lwl_museum", name="Ungeprüftes Museum am Dom", verified=False)
    return insts


def _near(*args) -> dict:
    out = StringIO()
    call_command("near", *args, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, "exactly one JSON object"
    return json.loads(lines[0])


def test_near_json_shape_sorted_and_checked_against_pyproj(muenster, paulinum):
    data = _near("167850", "--km", "10", "--json")
    assert set(data) == {"schulnummer", "km", "results"}
    assert data["schulnummer"] == "167850"
    assert data["km"] == 10 and isinstance(data["km"], int)
    names = [r["name"] for r in data["results"]]
    # Bochum (60 km) is out, unverified and Kita-less filtering is not implied.
    assert "Stadtbibliothek Bochum" not in names
    assert "Ungeprüftes Museum am Dom" not in names
    assert names[0] == "LWL-Museum für Kunst und Kultur"
    distances = [r["distance_km"] for r in data["results"]]
    assert distances == sorted(distances)
    for r in data["results"]:
        assert set(r) == {"id", "name", "kind", "distance_km"}
        inst = muenster[next(k for k, v in f.INSTITUTIONS.items() if v["name"] == r["name"])]
        assert r["id"] == inst.pk and r["kind"] == inst.kind
        _a, _b, metres = GEOD.inv(paulinum.lon, paulinum.lat, inst.lon, inst.lat)
        assert r["distance_km"] == pytest.approx(metres / 1000, rel=0.005, abs=0.01)
        assert r["distance_km"] == round(r["distance_km"], 2)


def test_near_kind_filter_and_radius(muenster):
    data = _near("167850", "--km", "2.5", "--kind", "museum", "--json")
    assert data["km"] == 2.5
    assert [r["name"] for r in data["results"]] == ["LWL-Museum für Kunst und Kultur"]
    wide = _near("167850", "--km", "80", "--kind", "bibliothek", "--json")
    assert [r["name"] for r in wide["results"]] == [
        "Stadtbücherei Münster",
        "Stadtbibliothek Bochum",
    ]
    assert 55 < wide["results"][1]["distance_km"] < 65


def test_near_refuses_unknown_school_and_bad_radius(muenster):
    with pytest.raises(CommandError, match="keine Schule mit dieser Schulnummer"):
        _near("999999", "--json")
    with pytest.raises(CommandError, match="Radius"):
        _near("167850", "--km", "0", "--json")


def test_near_plain_text_uses_german_decimal_comma(muenster):
    out = StringIO()
    call_command("near", "167850", "--km", "1", stdout=out)
    text = out.getvalue()
    assert "Gymnasium Paulinum (167850), Umkreis 1 km:" in text
    assert "LWL-Museum für Kunst und Kultur (Museum)" in text
    assert "   0,61 km  LWL-Museum" in text


def test_offer_filters_keep_institutions_with_fitting_offers(muenster, paulinum):
    museum, zoo = muenster["lwl_museum"], muenster["allwetterzoo"]
    gym = Schulform.objects.get(code="20")
    art = LearningOffer.objects.create(
        institution=museum,
        title="Bildbetrachtung vor dem Original",
        description="Führung mit Zeichenaufgaben.",
        handlungsfeld="kunst_kultur",
        grade_from=5,
        grade_to=10,
    )
    art.schulformen.set([gym])
    LearningOffer.objects.create(
        institution=zoo,
        title="Artenvielfalt erforschen",
        description="Forschungsauftrag im Zoo.",
        handlungsfeld="natur_technik",
        grade_from=3,
        grade_to=6,
    )
    hits = institutions_near(paulinum.lat, paulinum.lon, 10, handlungsfeld="kunst_kultur")
    assert [h.institution.name for h in hits] == ["LWL-Museum für Kunst und Kultur"]
    assert [o.title for o in hits[0].offers] == ["Bildbetrachtung vor dem Original"]
    # An offer without Schulformen is open to all; the art offer is for Gymnasien only.
    hits = institutions_near(paulinum.lat, paulinum.lon, 10, schulform="02")
    assert [h.institution.name for h in hits] == ["Allwetterzoo Münster – Zooschule"]
    hits = institutions_near(paulinum.lat, paulinum.lon, 10, schulform="20")
    assert {h.institution.name for h in hits} == {
        "LWL-Museum für Kunst und Kultur",
        "Allwetterzoo Münster – Zooschule",
    }


def test_near_search_uses_bounding_box_then_exact_distance(muenster, paulinum):
    """A point inside the box's corner but outside the circle is not a hit."""
    box_corner = f.institution(
        "villa_ten_hompel",
        name="Ecke des Suchrechtecks",
        lat=paulinum.lat + 0.085,
        lon=paulinum.lon + 0.138,
    )
    hits = institutions_near(paulinum.lat, paulinum.lon, 10)
    assert box_corner.pk not in [h.institution.pk for h in hits]


def test_near_query_count_is_constant(muenster, paulinum, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        hits = institutions_near(paulinum.lat, paulinum.lon, 80, handlungsfeld="lesen")
    assert hits == []


def test_near_page_by_school_number_lists_distances(client, muenster):
    html = client.get("/bildungspartner/in-der-naehe/", {"schule": "167850", "km": "3"}).content
    text = html.decode()
    assert "Einrichtungen im Umkreis von 3 km um Gymnasium Paulinum." in text
    assert "LWL-Museum für Kunst und Kultur" in text
    assert "0,6 km entfernt" in text
    assert "Stadtbibliothek Bochum" not in text
    assert 'data-points="[[' in text


def test_near_page_by_name_and_by_postcode(client, muenster):
    by_name = client.get("/bildungspartner/in-der-naehe/", {"schule": "Paulinum", "km": "3"})
    assert "um Gymnasium Paulinum" in by_name.content.decode()
    by_plz = client.get("/bildungspartner/in-der-naehe/", {"plz": "48143", "km": "3"})
    assert "um 48143" in by_plz.content.decode()
    assert "LWL-Museum für Kunst und Kultur" in by_plz.content.decode()


def test_near_page_explains_bad_input(client, muenster):
    text = client.get("/bildungspartner/in-der-naehe/", {"plz": "4814"}).content.decode()
    assert "Die Postleitzahl hat genau fünf Ziffern." in text
    text = client.get("/bildungspartner/in-der-naehe/", {"km": "5"}).content.decode()
    assert "Bitte geben Sie eine Schule oder eine Postleitzahl an." in text
    text = client.get("/bildungspartner/in-der-naehe/", {"schule": "123456"}).content.decode()
    assert "Keine Schule mit der Schulnummer 123456." in text


# --- Pagination of the page "Partner in der Nähe" ------------------------------------------

NEAR_URL = "/bildungspartner/in-der-naehe/"


@pytest.fixture
def many_nearby(paulinum):
    """120 verified places due north of the Paulinum, 55 m apart (museums and libraries
    alternating). Names run against the distance, so a name order would be visible."""
    from bildungsnetz.partners.models import Institution
    from bildungsnetz.regions.models import Region

    region = Region.objects.get(ags="05515")
    Institution.objects.bulk_create(
        Institution(
            name=(
                f"Stadtteilmuseum Münster Nr. {200 - i}"
                if i % 2 == 0
                else f"Stadtteilbücherei Münster Nr. {200 - i}"
            ),
            kind="museum" if i % 2 == 0 else "bibliothek",
            plz="48143",
            ort="Münster",
            lat=paulinum.lat + 0.0005 * (i + 1),
            lon=paulinum.lon,
            region=region,
            geocode_method="import",
            verified=True,
            verified_at=timezone.now(),
        )
        for i in range(120)
    )
    return [200 - i for i in range(120)]  # name numbers, nearest first


def _listed_numbers(html: str) -> list[int]:
    return [
        int(n) for n in re.findall(r'<h3><a href="[^"]+">Stadtteil\w+ Münster Nr\. (\d+)', html)
    ]


def test_near_page_lists_the_50_nearest_then_continues_in_order(client, many_nearby):
    first = client.get(NEAR_URL, {"schule": "167850", "km": "10"}).content.decode()
    assert _listed_numbers(first) == many_nearby[:50]
    assert "120 Einrichtungen im Umkreis von 10 km um Gymnasium Paulinum." in first
    assert "Seite 1 von 3." in first and "Angezeigt werden die Treffer 1 bis 50." in first
    assert '<ol class="hit-list" start="1">' in first
    second = client.get(NEAR_URL, {"schule": "167850", "km": "10", "seite": "2"})
    html = second.content.decode()
    assert _listed_numbers(html) == many_nearby[50:100]
    assert "Seite 2 von 3." in html and '<ol class="hit-list" start="51">' in html
    # The map still shows the whole result, in compact JSON.
    points = json.loads(re.search(r'data-points="([^"]*)"', html).group(1).replace("&quot;", '"'))
    assert len(points) == 120


def test_near_pagination_nav_is_accessible_and_keeps_the_search(client, many_nearby):
    html = client.get(NEAR_URL, {"schule": "167850", "km": "10", "seite": "2"}).content.decode()
    nav = html[html.index('<nav class="pagination"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'aria-label="Seiten des Ergebnisses"' in nav
    assert 'href="?schule=167850&amp;km=10&amp;seite=2" aria-current="page"' in nav
    assert 'href="?schule=167850&amp;km=10&amp;seite=3" rel="next"' in nav
    assert 'href="?schule=167850&amp;km=10&amp;seite=1" rel="prev"' in nav


def test_near_filter_survives_paging(client, many_nearby):
    museums = [n for i, n in enumerate(many_nearby) if i % 2 == 0]
    html = client.get(
        NEAR_URL, {"schule": "167850", "km": "10", "kind": "museum", "seite": "2"}
    ).content.decode()
    assert "60 Einrichtungen im Umkreis" in html and "Seite 2 von 2." in html
    assert _listed_numbers(html) == museums[50:]
    assert "Stadtteilbücherei" not in html.split('<ol class="hit-list"')[1]
    assert "kind=museum&amp;seite=1" in html


@pytest.mark.parametrize("seite", ["99", "0", "zwei"])
def test_near_page_number_out_of_range_or_bad_is_no_error(client, many_nearby, seite):
    response = client.get(NEAR_URL, {"schule": "167850", "km": "10", "seite": seite})
    assert response.status_code == 200
    # Beyond either end: the last page (Django's get_page); not a number: the first page.
    expected = many_nearby[:50] if seite == "zwei" else many_nearby[100:]
    assert _listed_numbers(response.content.decode()) == expected


def test_near_selector_is_not_paginated(many_nearby, paulinum):
    # Other callers (monitoring, saved searches) rely on the complete list.
    assert len(institutions_near(paulinum.lat, paulinum.lon, 10)) == 120
