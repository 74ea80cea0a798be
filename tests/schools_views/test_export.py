"""CSV and XLSX export of the filtered directory (all pages)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_school

pytestmark = pytest.mark.django_db

HEADER = [
    "Schulnummer", "Name", "Schulform", "Straße", "PLZ", "Ort", "Kreis", "Regierungsbezirk",
    "Rechtsform", "Status", "Telefon", "E-Mail", "Internetseite", "Breite", "Länge",
]  # fmt: skip


def _csv_rows(response) -> list[list[str]]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


def test_csv_export_of_the_filtered_result(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("schools:export_csv"), {"region": "05158", "q": "Haan"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="schulen-')
    rows = _csv_rows(response)
    assert rows[0] == HEADER
    by_number = {row[0]: row for row in rows[1:]}
    assert set(by_number) == {"100011", "106434"}
    assert by_number["100011"] == [
        "100011",
        "Städt. Gesamtschule Schule d. Sekundarstufe I u. II",
        "Gesamtschule",
        "Walder Str. 15",
        "42781",
        "Haan",
        "Kreis Mettmann",
        "Düsseldorf",
        "öffentlich",
        "offen",
        "02129 3754950",
        "100011@schule.nrw.de",
        "http://www.gesamtschule-haan.de",
        "51,1929",
        "7,0078",
    ]


def test_export_covers_all_pages(client, db):
    for i in range(120):
        make_school(f"19{i:04d}", "02", name=f"Gemeinschaftsgrundschule Nummer {i:03d}")
    rows = _csv_rows(client.get(reverse("schools:export_csv")))
    assert len(rows) == 121


def test_xlsx_export(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("schools:export_xlsx"), {"status": "geschlossen"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_rows(response)
    assert list(rows[0]) == HEADER
    assert {row[0] for row in rows[1:]} == {"187070", "188090"}
    assert {row[9] for row in rows[1:]} == {"geschlossen"}
    assert isinstance(rows[1][13], float)


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://example.com/x","Hier klicken")', "+49 Schule", "-2+3", "@SUM(A1)"],
)
def test_formula_injection_is_neutralised(client, db, name):
    make_school("199001", "02", name=name, strasse="\tTabstraße 1")
    rows = _csv_rows(client.get(reverse("schools:export_csv")))
    assert rows[1][1] == "'" + name
    assert rows[1][3] == "'\tTabstraße 1"

    response = client.get(reverse("schools:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["B2"]
    assert cell.value == name
    assert cell.data_type == "s"  # text, never a formula
    assert cell.quotePrefix is True
