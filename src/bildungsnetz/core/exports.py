"""CSV and XLSX downloads for every list, safe against spreadsheet formula injection.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be run as a formula by Excel or LibreOffice. Such text is exported as text:
with a leading apostrophe in CSV, as a string cell with Excel's "quote prefix" in XLSX.

CSV is written for German spreadsheet programs: UTF-8 with BOM, ``;`` as separator,
decimal comma. Numbers and dates keep their type in XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FILENAME_ALLOWED = re.compile(r"[^A-Za-z0-9._-]+")

Row = Sequence[Any]


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _text(value: Any) -> str:
    """A cell value as CSV text: German number format, ISO dates, no formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value.tzinfo else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if is_formula_like(text) else text


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    safe = _FILENAME_ALLOWED.sub("-", filename).strip("-") or "export"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


def csv_content(header: Row, rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_text(cell) for cell in header])
    for row in rows:
        writer.writerow([_text(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def csv_response(filename: str, header: Row, rows: Iterable[Row]) -> HttpResponse:
    """A ``;``-separated UTF-8 CSV download (with BOM, so Excel reads the umlauts)."""
    content = csv_content(header, rows).encode("utf-8")
    response = HttpResponse(content, content_type=CSV_CONTENT_TYPE)
    return _attachment(response, filename)


def _xlsx_cell(sheet, value: Any) -> WriteOnlyCell:
    if isinstance(value, datetime.datetime) and value.tzinfo:
        value = timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        # openpyxl treats a str starting with "=" as a formula: force a string cell.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
        return cell
    return WriteOnlyCell(sheet, value=value)


def safe_sheet_title(title: str) -> str:
    return (_SHEET_TITLE_FORBIDDEN.sub(" ", title).strip() or "Export")[:31]


def xlsx_content(header: Row, rows: Iterable[Row], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(safe_sheet_title(title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for value in header:
        cell = _xlsx_cell(sheet, str(value))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, header: Row, rows: Iterable[Row], sheet_title: str
) -> HttpResponse:
    """An XLSX download with one sheet; text cells never become formulas."""
    content = xlsx_content(header, rows, sheet_title)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)


def dated_filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"
