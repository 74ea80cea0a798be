"""The catalogue search result exports as CSV and XLSX, best hit first."""

import io

import openpyxl
import pytest


@pytest.mark.django_db
def test_search_result_exports_as_csv_and_xlsx(client):
    page = client.get("/unterstuetzung/suche/", {"q": "Schulpsychologie"})
    assert "/unterstuetzung/suche/export.csv?q=Schulpsychologie" in page.content.decode()
    response = client.get("/unterstuetzung/suche/export.csv", {"q": "Schulpsychologie"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Kriterium;Titel;Anbieter;Art")
    assert len(lines) - 1 == page.context["page"].paginator.count
    first_hit = page.context["hits"][0].material
    assert first_hit.title in lines[1]

    response = client.get("/unterstuetzung/suche/export.xlsx", {"q": "Schulpsychologie"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Kriterium"
    assert sheet["B2"].value == first_hit.title
    assert sheet.max_row == len(lines)
