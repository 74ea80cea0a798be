"""The school directory /schulen/: filters, sorting, pagination, map data, query counts."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_school

pytestmark = pytest.mark.django_db

LIST = reverse("schools:list")
MAP = reverse("schools:map_data")


def _numbers(response) -> list[str]:
    """Schulnummern in table order (the last column of each row)."""
    html = response.content.decode()
    if "<tbody>" not in html:
        return []
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<td>(\d{6})</td>\s*</tr>", tbody)


def test_default_lists_open_schools_without_authorities(client, register):
    response = client.get(LIST)
    assert response.status_code == 200
    assert set(_numbers(response)) == {
        "100011", "106434", "169158", "100121", "164045", "100065", "100058", "100010"
    }  # fmt: skip
    assert "8 Schulen gefunden." in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Gesamtschule Haan"}, {"100011"}),
        ({"schulform": "20"}, {"169158", "100121", "100010"}),
        ({"schulform": ["02", "15"]}, {"106434", "100065", "100011"}),
        ({"schulform": "0A"}, {"600911"}),
        ({"schulform": ["0A", "25"], "region": "05911"}, {"600911", "164045"}),
        ({"region": "05158"}, {"100011", "106434"}),
        ({"regierungsbezirk": "055"}, {"100065", "100058"}),
        ({"regierungsbezirk": "059", "schulform": "20"}, {"169158", "100121"}),
        ({"rechtsform": "privat"}, {"100121", "100010"}),
        ({"rechtsform": "oeffentlich", "region": "05911"}, {"169158", "164045"}),
        ({"status": "geschlossen"}, {"187070", "188090"}),
        ({"status": "alle", "region": "05515"}, {"100065", "100058", "188090"}),
        ({"status": "alle", "q": "Hauptschule"}, {"187070"}),
        ({"q": "Muenster", "schulform": "02"}, {"100065"}),
    ],
)
def test_filters(client, register, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert set(_numbers(response)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["100121", "100010", "169158", "164045", "100011", "100065", "100058"]),
        ("ort", ["100121", "169158", "164045", "100011", "100010", "100065", "100058"]),
        ("schulnummer", ["100010", "100011", "100058", "100065", "100121", "164045", "169158"]),
        ("schulform", ["100011", "100065", "100121", "100010", "169158", "164045", "100058"]),
    ],
)
def test_sorting(client, register, sort, expected):
    register["106434"].delete()  # keeps the expected lists short
    response = client.get(LIST, {"sortierung": sort})
    assert _numbers(response) == expected


def test_invalid_filter_values_are_reported_not_fatal(client, register):
    response = client.get(LIST, {"region": "99999", "sortierung": "bogus", "seite": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Einige Filter konnten nicht angewendet werden" in html
    assert len(_numbers(response)) == 8


def test_pagination_keeps_filters_and_has_accessible_nav(client, db):
    for i in range(120):
        make_school(f"19{i:04d}", "02", name=f"Gemeinschaftsgrundschule Nummer {i:03d}")
    response = client.get(LIST, {"q": "Gemeinschaftsgrundschule", "seite": "2"})
    html = response.content.decode()
    assert len(_numbers(response)) == 50
    assert "120 Schulen gefunden." in html
    assert "Angezeigt werden die Treffer 51 bis 100." in html
    assert '<nav class="pagination" aria-label="Seiten des Ergebnisses">' in html
    assert 'aria-current="page"><span class="visually-hidden">Seite </span>2</a>' in html
    assert "?q=Gemeinschaftsgrundschule&amp;seite=3" in html
    assert "Gefundene Schulen, Seite 2 von 3" in html
    last = client.get(LIST, {"q": "Gemeinschaftsgrundschule", "seite": "99"})
    assert len(_numbers(last)) == 20


def test_form_has_labels_and_keeps_values(client, register):
    response = client.get(LIST, {"q": "Haan", "schulform": "15", "status": "alle"})
    html = response.content.decode()
    for field in ("q", "region", "regierungsbezirk", "rechtsform", "status", "sortierung"):
        assert f'<label for="id_{field}">' in html
    assert 'value="Haan"' in html
    assert re.search(r'<input type="checkbox" name="schulform" value="15"[^>]*checked', html)
    assert re.search(r'<option value="alle" selected>', html)
    assert 'aria-describedby="id_q_helptext"' in html
    assert "export.csv?q=Haan&amp;schulform=15&amp;status=alle" in html


def test_list_query_count_is_pinned(client, register, django_assert_max_num_queries):
    for i in range(60):
        make_school(f"19{i:04d}", "02", name=f"Gemeinschaftsgrundschule Nummer {i:03d}")
    # 3 choice lists + count + page
    with django_assert_max_num_queries(5):
        response = client.get(
            LIST, {"q": "Gemeinschaftsgrundschule", "region": "05911", "schulform": "02"}
        )
    assert len(_numbers(response)) == 50


def test_map_data_is_compact_and_filtered(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(MAP, {"region": "05158"})
    assert response["Content-Type"] == "application/json"
    points = sorted(response.json(), key=lambda p: p[3])
    assert points == [
        [51.1929, 7.0078, register["100011"].name, "/schulen/100011/", "Gesamtschule"],
        [51.1875, 6.9958, register["106434"].name, "/schulen/106434/", "Grundschule"],
    ]


def test_map_data_follows_the_same_search(client, register):
    points = client.get(MAP, {"q": "Muenster"}).json()
    assert {p[3] for p in points} == {"/schulen/100065/", "/schulen/100058/"}


def test_page_works_without_javascript_map_is_supplementary(client, register):
    html = client.get(LIST).content.decode()
    # The map section is hidden until map.js runs and is marked as supplementary.
    assert re.search(r'<section id="karte-bereich"[^>]* hidden>', html)
    assert 'class="map js-map" aria-hidden="true"' in html
    assert "Die Karte ist eine ergänzende Ansicht" in html
    assert 'data-points-url="/schulen/karte.json?"' in html
    assert "<script>" not in html and "style=" not in html
