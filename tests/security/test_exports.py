"""Every CSV/XLSX export of ours neutralises spreadsheet formulas.

The exports are found through the URL resolver (names with export/csv/xlsx). Each one is
fetched after the names and titles of the records it lists were set to a formula; no cell
may reach the spreadsheet program as a formula (``=``, ``+``, ``-``, ``@``, tab, CR).
"""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_user

from .probes import build_probes
from .world import TARGET_AGS, build_world

PAYLOAD = '=HYPERLINK("http://x","y")'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_WORDS = ("export", "csv", "xlsx")
# Query strings that make an export list the probed records.
QUERY = {
    "catalogue:search_export_csv": "?kriterium=6.6.12",
    "catalogue:search_export_xlsx": "?kriterium=6.6.12",
    "partners:white_spots_csv": f"?region={TARGET_AGS}&km=1",
    "partners:white_spots_xlsx": f"?region={TARGET_AGS}&km=1",
}
# Exports whose name does not say so, and other formats of the same view.
KNOWN_EXPORTS = {
    "monitoring:opendata_download": [
        {"slug": slug, "fmt": "csv"}
        for slug in ("regionen", "bildungsnetzwerke", "bildungspartnerschaften", "einrichtungen")
    ]
    + [{"slug": "unterstuetzungskatalog", "fmt": "csv"}],
    "surveys:report_export": [{"format": "xlsx"}],
}
# Exports whose content cannot carry user text (fixed reference data only), with reason.
NO_USER_TEXT: dict[str, str] = {}


def _poison(world):
    """Names and titles of the probed records become a formula."""
    from bildungsnetz.catalogue.models import Material

    w = world
    type(w["region"]).objects.filter(pk=w["region"].pk).update(name=PAYLOAD)
    type(w["school"]).objects.filter(pk=w["school"].pk).update(name=PAYLOAD)
    type(w["person"]).objects.filter(pk=w["person"].pk).update(
        first_name=PAYLOAD, last_name="-" + PAYLOAD, function="@SUMME(A1)"
    )
    type(w["org"]).objects.filter(pk=w["org"].pk).update(name="+" + PAYLOAD)
    type(w["library"]).objects.filter(pk=w["library"].pk).update(name=PAYLOAD)
    type(w["partnership"]).objects.filter(pk=w["partnership"].pk).update(
        title=PAYLOAD, state="oeffentlich"
    )
    type(w["survey"]).objects.filter(pk=w["survey"].pk).update(title=PAYLOAD)
    type(w["survey_item"]).objects.filter(pk=w["survey_item"].pk).update(text="\t" + PAYLOAD)
    Material.objects.filter(pk=w["material"].pk).update(title=PAYLOAD, status="veroeffentlicht")


def export_probes(world):
    """(name, url) of every export: by name from the resolver, plus KNOWN_EXPORTS."""
    found = []
    for p in build_probes(world):
        if p.missing:
            continue
        if any(word in p.name for word in EXPORT_WORDS) or p.name in KNOWN_EXPORTS:
            found.append((p.name, reverse(p.name, kwargs=p.kwargs) + QUERY.get(p.name, "")))
            for extra in KNOWN_EXPORTS.get(p.name, []):
                found.append((p.name, reverse(p.name, kwargs={**p.kwargs, **extra})))
    return list(dict.fromkeys(found))


def _cells(response) -> list[str]:
    content_type = response["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("text/csv"):
        text = body.decode("utf-8-sig")
        delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
        return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(body))
        cells = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"formula cell {cell.coordinate}: {cell.value}"
                    if isinstance(cell.value, str):
                        # A quote prefix makes Excel show the text as text, never as formula.
                        if cell.value.startswith(TRIGGERS):
                            assert cell.quotePrefix, f"{cell.coordinate}: {cell.value!r}"
                            cells.append("'" + cell.value)
                        else:
                            cells.append(cell.value)
        return cells
    return []


def _is_number(text: str) -> bool:
    try:
        float(text.replace(".", "").replace(",", "."))
    except ValueError:
        return False
    return True


@pytest.mark.django_db
def test_every_export_neutralises_formulas(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world()
    _poison(world)
    land = Client()
    land.force_login(make_user("martina.lehmkuhl@msb.nrw.de", "land", None))
    office = Client()
    office.force_login(make_user("export@bochum.de", "bildungsbuero", TARGET_AGS))
    probes = export_probes(world)
    assert len(probes) >= 10
    problems, probed, spreadsheets = [], [], 0
    for name, url in probes:
        response = land.get(url)
        if response.status_code in (403, 404):
            response = office.get(url)
        if response.status_code != 200:
            problems.append(f"{name} ({url}): {response.status_code}")
            continue
        kind = response["Content-Type"]
        if not (kind.startswith("text/csv") or "spreadsheetml" in kind):
            continue  # JSON, DOCX, calendar: no spreadsheet
        spreadsheets += 1
        cells = _cells(response)
        raw = [c for c in cells if c.startswith(TRIGGERS) and not _is_number(c)]
        if raw:
            problems.append(f"{url}: cells reach the spreadsheet as formulas: {raw[:3]}")
        if not any(PAYLOAD in c for c in cells) and url not in NO_USER_TEXT:
            problems.append(f"{name}: the probe record is not in the export ({url})")
        probed.append(url)
    print(f"export probes: {spreadsheets} CSV/XLSX exports probed: {probed}")
    assert problems == [], "\n".join(problems)
