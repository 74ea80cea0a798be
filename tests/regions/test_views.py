"""Region pages /regionen/ and /regionen/<ags>/ and the region list export."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.schools_views.register import make_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    return make_register()


LIST = reverse("regions:list")


def _region_rows(response) -> dict[str, str]:
    """Region name → open school count, from the table."""
    html = response.content.decode()
    return dict(
        re.findall(r'<th scope="row"><a href="/regionen/\d{5}/">([^<]+)</a></th>.*?'
                   r'<td class="num">(\d+)</td>', html, flags=re.S)
    )  # fmt: skip


def test_list_shows_all_53_regions_with_open_school_counts(
    client, register, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):  # Regierungsbezirk choices + one aggregate query
        response = client.get(LIST)
    rows = _region_rows(response)
    assert len(rows) == 53
    # Bochum: two Gymnasien + Weiterbildungskolleg; not the dissolved Hauptschule or the Schulamt.
    assert rows["Bochum"] == "3"
    assert rows["Münster"] == "2"  # without the closed Grundschule Überwasser
    assert rows["Kreis Mettmann"] == "2"
    assert rows["Köln"] == "1"
    assert rows["Düsseldorf"] == "0"
    assert "53 Regionen gefunden." in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Muenster"}, {"Münster"}),
        ({"q": "münster"}, {"Münster"}),
        ({"q": "05911"}, {"Bochum"}),
        ({"q": "0515"}, {"Kreis Kleve", "Kreis Mettmann"}),
        ({"art": "staedteregion"}, {"StädteRegion Aachen"}),
        (
            {"regierungsbezirk": "055", "art": "kreisfreie_stadt"},
            {"Bottrop", "Gelsenkirchen", "Münster"},
        ),  # noqa: E501
        ({"regierungsbezirk": "057", "q": "Lippe"}, {"Kreis Lippe"}),
    ],
)
def test_list_filters(client, db, params, expected):
    assert set(_region_rows(client.get(LIST, params))) == expected


def test_list_filter_form_has_labels(client, db):
    html = client.get(LIST).content.decode()
    for field in ("q", "regierungsbezirk", "art"):
        assert f'<label for="id_{field}">' in html


def test_region_list_exports(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("regions:export_csv"), {"regierungsbezirk": "059"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Kreisschlüssel (AGS)", "Name", "Art", "Regierungsbezirk", "Obere Schulaufsicht",
        "Untere Schulaufsicht", "Offene Schulen",
    ]  # fmt: skip
    bochum = next(row for row in rows if row[0] == "05911")
    assert bochum[1:] == [
        "Bochum", "kreisfreie Stadt", "Arnsberg", "Bezirksregierung Arnsberg",
        bochum[5], "3",
    ]  # fmt: skip
    assert "Bochum" in bochum[5]
    assert len(rows) == 1 + 12  # Regierungsbezirk Arnsberg has 12 Kreise / kreisfreie Städte

    xlsx = client.get(reverse("regions:export_xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 54
    assert sheet.title == "Regionen"


def test_detail_of_a_kreis(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("regions:detail", args=["05158"]))
    html = response.content.decode()
    assert "<h1>Kreis Mettmann</h1>" in html
    assert "Bezirksregierung Düsseldorf" in html
    assert "Schulamt" in html or "für den Kreis Mettmann" in html
    # Gemeinden of the Kreis
    for gemeinde in ("Erkrath", "Haan", "Hilden", "Monheim am Rhein", "Wülfrath"):
        assert f"<li>{gemeinde}</li>" in html
    # Open schools per Schulform, each linking to the filtered directory
    assert '<a href="/schulen/?region=05158&amp;schulform=15">Gesamtschule</a>' in html
    assert '<a href="/schulen/?region=05158&amp;schulform=02">Grundschule</a>' in html
    assert 'data-points-url="/schulen/karte.json?region=05158"' in html


def test_detail_counts_only_open_schools(client, register):
    html = client.get(reverse("regions:detail", args=["05911"])).content.decode()
    counts = dict(re.findall(r'schulform=\d\w">([^<]+)</a></th><td class="num">(\d+)</td>', html))
    assert counts == {"Gymnasium": "2", "Weiterbildungskolleg": "1"}
    assert '<a href="/schulen/?region=05911">Alle Schulen</a></th><td class="num">3</td>' in html
    # A kreisfreie Stadt has no list of Gemeinden.
    assert "Städte und Gemeinden" not in html


def test_linked_directory_shows_the_counted_schools(client, register):
    response = client.get(reverse("schools:list"), {"region": "05911", "schulform": "20"})
    assert "2 Schulen gefunden." in response.content.decode()


def test_unknown_region_is_404(client, db):
    assert client.get(reverse("regions:detail", args=["05999"])).status_code == 404
