"""core.exports: CSV/XLSX responses, safe against spreadsheet formula injection."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bildungsnetz.core.exports import (
    csv_content,
    csv_response,
    is_formula_like,
    safe_sheet_title,
    xlsx_response,
)

DANGEROUS = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", '=HYPERLINK("http://evil","x")']


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_like_text_gets_an_apostrophe_in_csv(value):
    rows = list(csv.reader(io.StringIO(csv_content(["Wert"], [[value]])[1:]), delimiter=";"))
    assert rows[1] == ["'" + value]
    assert is_formula_like(value)


@pytest.mark.parametrize("value", ["Gymnasium", "02129 1234", "", "a=b", "E-Mail"])
def test_ordinary_text_is_unchanged(value):
    assert not is_formula_like(value)


def test_csv_format_for_german_spreadsheets():
    response = csv_response(
        "Schulen Bochum.csv",
        ["Name", "Breite", "Anzahl", "Datum", "leer", "offen"],
        [["Carolinenschule; Bochum", 51.4661, 3, datetime.date(2026, 11, 22), None, True]],
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="Schulen-Bochum.csv"'
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig") == (
        "Name;Breite;Anzahl;Datum;leer;offen\r\n"
        '"Carolinenschule; Bochum";51,4661;3;2026-11-22;;ja\r\n'
    )
    negative = csv_content(["x"], [[-7.5], [Decimal("-1.25")]])
    assert "-7,5" in negative and "'-" not in negative  # numbers are not text


def test_xlsx_keeps_types_and_stores_formula_like_text_as_text():
    response = xlsx_response(
        "schulen.xlsx", ["Name", "Breite", "Datum"],
        [[v, 51.5, datetime.date(2026, 11, 22)] for v in DANGEROUS],
        "Schulen: Bochum/Witten",
    )  # fmt: skip
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Schulen  Bochum Witten"
    assert sheet["A1"].font.bold
    for row, value in enumerate(DANGEROUS, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.value == value
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert sheet["B2"].value == 51.5
    assert sheet["C2"].value.date() == datetime.date(2026, 11, 22)


def test_sheet_titles_are_valid():
    assert safe_sheet_title("a" * 40) == "a" * 31
    assert safe_sheet_title("[]") == "Export"
