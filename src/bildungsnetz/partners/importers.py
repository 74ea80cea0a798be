"""Import of institutions from CSV or XLSX, with a row report.

Columns (first row, names case-insensitive; order free; see docs/partners.md):

    schluessel*  name*  art*  plz*  ort*  strasse  breite  laenge  kreis_ags
    email  telefon  internetseite  beschreibung
    kontakt_name  kontakt_funktion  kontakt_email  kontakt_telefon
    kontakt_einwilligung (ja/nein)  kontakt_einwilligung_datum (TT.MM.JJJJ or JJJJ-MM-TT)

* ``schluessel`` identifies an institution across imports: a second import of the same
  file changes nothing; a changed row updates that institution.
* ``art``: the code (``museum``) or the label (``Museum``, ``Bibliothek`` …).
* Without ``breite``/``laenge`` the coordinates are approximated from the postcode.
* A broken file (unreadable, wrong type, required column missing, too big) is refused as a
  whole and nothing is written. Bad rows are rejected with line, field and reason; the
  other rows are imported. With ``dry_run`` nothing is written either way.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.db import transaction

from ..core.errors import DomainError
from ..core.rules import is_land_admin
from ..regions.models import Region
from . import services
from .models import Institution, InstitutionKind
from .rules import is_region_office

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
REQUIRED = ("schluessel", "name", "art", "plz", "ort")
OPTIONAL = (
    "strasse",
    "breite",
    "laenge",
    "kreis_ags",
    "email",
    "telefon",
    "internetseite",
    "beschreibung",
    "kontakt_name",
    "kontakt_funktion",
    "kontakt_email",
    "kontakt_telefon",
    "kontakt_einwilligung",
    "kontakt_einwilligung_datum",
)
COLUMNS = REQUIRED + OPTIONAL
# Service field names -> column names, so a DomainError's field is reported as the column.
FIELD_COLUMNS = {
    "name": "name",
    "kind": "art",
    "plz": "plz",
    "ort": "ort",
    "strasse": "strasse",
    "lat": "breite",
    "lon": "laenge",
    "region": "kreis_ags",
    "email": "email",
    "telefon": "telefon",
    "homepage": "internetseite",
    "description": "beschreibung",
    "consent_date": "kontakt_einwilligung_datum",
}
YES = {"ja", "j", "yes", "y", "1", "x", "true", "wahr"}
NO = {"nein", "n", "no", "0", "", "false", "falsch"}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (German message)."""


@dataclass
class RowResult:
    line: int
    key: str
    name: str
    outcome: str  # "angelegt" | "geändert" | "unverändert" | "abgelehnt"
    field: str = ""
    reason: str = ""


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    dry_run: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def summary(self) -> dict[str, int]:
        return {o: self.count(o) for o in ("angelegt", "geändert", "unverändert", "abgelehnt")}


class RowError(Exception):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column = column
        self.reason = reason


# --- Reading -------------------------------------------------------------------------------


def _normalise_header(value) -> str:
    text = str(value or "").strip().lower().lstrip("\ufeff")
    return text.replace(" ", "_").replace("-", "_")


def read_table(content: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """``[(line number, {column: text}), …]``; raises ImportFileError for broken files."""
    if len(content) > MAX_BYTES:
        raise ImportFileError("Die Datei ist größer als 5 MB.")
    if not content.strip():
        raise ImportFileError("Die Datei ist leer.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        header, records = _read_xlsx(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        header, records = _read_csv(content)
    else:
        raise ImportFileError("Bitte laden Sie eine CSV- oder XLSX-Datei hoch.")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(
            "Es fehlen Pflichtspalten: " + ", ".join(missing) + ". Erwartet wird eine "
            "Kopfzeile mit " + ", ".join(REQUIRED) + "."
        )
    duplicates = sorted({h for h in header if h and header.count(h) > 1})
    if duplicates:
        raise ImportFileError("Spalten kommen doppelt vor: " + ", ".join(duplicates) + ".")
    if len(records) > MAX_ROWS:
        raise ImportFileError(f"Die Datei hat mehr als {MAX_ROWS} Zeilen.")
    rows = []
    for line, values in records:
        if not any(str(v or "").strip() for v in values):
            continue
        row = {}
        for column, value in zip(header, values, strict=False):
            if column in COLUMNS:
                row[column] = "" if value is None else str(value).strip()
        rows.append((line, row))
    return rows


def _read_csv(content: bytes):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportFileError("Die Zeichenkodierung der Datei ist unbekannt (UTF-8 erwartet).")
    if "\x00" in text:
        raise ImportFileError("Die Datei ist keine Textdatei (CSV erwartet).")
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        all_rows = list(reader)
    except csv.Error as exc:
        raise ImportFileError(f"Die CSV-Datei ist beschädigt: {exc}.") from exc
    header = [_normalise_header(h) for h in all_rows[0]]
    return header, [(i + 2, r) for i, r in enumerate(all_rows[1:])]


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ImportFileError("Die XLSX-Datei ist entpackt größer als 50 MB.")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl/zipfile raise many types for broken files
        raise ImportFileError("Die XLSX-Datei ist beschädigt oder keine Excel-Datei.") from exc
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    workbook.close()
    if not rows:
        raise ImportFileError("Die Tabelle ist leer.")
    header = [_normalise_header(h) for h in rows[0]]
    records = []
    for i, values in enumerate(rows[1:]):
        records.append((i + 2, [_xlsx_text(v) for v in values]))
    return header, records


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Parsing a row ---------------------------------------------------------------------------

_KIND_LOOKUP = {}
for _code, _label in InstitutionKind.choices:
    _KIND_LOOKUP[_code] = _code
    _KIND_LOOKUP[str(_label).lower()] = _code
_KIND_LOOKUP.update(
    {
        "umweltbildung": "umweltbildung",
        "naturwissenschaftliche bildung": "umweltbildung",
        "kita": "kita",
        "kindertageseinrichtung": "kita",
        "behörde": "behoerde",
        "vhs": "volkshochschule",
        "theater": "buehne",
        "archive": "archiv",
        "museen": "museum",
        "bibliotheken": "bibliothek",
    }
)


def _kind(value: str) -> str:
    code = _KIND_LOOKUP.get(value.strip().lower())
    if code is None:
        raise RowError("art", f"Unbekannte Art der Einrichtung „{value}“.")
    return code


def _float(value: str, column: str) -> float | None:
    if not value:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError as exc:
        raise RowError(column, f"„{value}“ ist keine Zahl.") from exc


def _date(value: str, column: str) -> datetime.date | None:
    if not value:
        return None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise RowError(column, f"„{value}“ ist kein Datum (TT.MM.JJJJ).")


def _yes(value: str, column: str) -> bool:
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise RowError(column, f"„{value}“: bitte ja oder nein.")


def _region(value: str) -> Region | None:
    if not value:
        return None
    region = Region.objects.filter(ags=value.strip()[:5]).first()
    if region is None:
        raise RowError("kreis_ags", f"Unbekannter Kreisschlüssel „{value}“.")
    return region


# --- Import -----------------------------------------------------------------------------------


def import_institutions(
    content: bytes, filename: str, *, acting_user, dry_run: bool = False
) -> ImportReport:
    """Read, check and import; see the module docstring. Raises ImportFileError."""
    if not (is_land_admin(acting_user) or _office_regions(acting_user)):
        raise DomainError(
            "Einrichtungen importieren nur Bildungsbüros und das Land.", code="forbidden"
        )
    rows = read_table(content, filename)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        seen: dict[str, int] = {}
        for line, row in rows:
            report.rows.append(_import_row(line, row, acting_user=acting_user, seen=seen))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _office_regions(user) -> set[int]:
    from .rules import office_region_ids

    return office_region_ids(user)


def _import_row(line: int, row: dict, *, acting_user, seen: dict[str, int]) -> RowResult:
    key = row.get("schluessel", "")
    name = row.get("name", "")
    result = RowResult(line=line, key=key, name=name, outcome="abgelehnt")
    try:
        if not key:
            raise RowError("schluessel", "Der Schlüssel fehlt.")
        if len(key) > 64:
            raise RowError("schluessel", "Der Schlüssel ist länger als 64 Zeichen.")
        if key in seen:
            raise RowError("schluessel", f"Der Schlüssel steht schon in Zeile {seen[key]}.")
        seen[key] = line
        data = {
            "name": name,
            "kind": _kind(row.get("art", "")),
            "plz": row.get("plz", ""),
            "ort": row.get("ort", ""),
            "strasse": row.get("strasse", ""),
            "email": row.get("email", ""),
            "telefon": row.get("telefon", ""),
            "homepage": row.get("internetseite", ""),
            "description": row.get("beschreibung", ""),
        }
        lat = _float(row.get("breite", ""), "breite")
        lon = _float(row.get("laenge", ""), "laenge")
        region = _region(row.get("kreis_ags", ""))
        contact = None
        if row.get("kontakt_name"):
            contact = {
                "name": row["kontakt_name"],
                "function": row.get("kontakt_funktion", ""),
                "email": row.get("kontakt_email", ""),
                "telefon": row.get("kontakt_telefon", ""),
                "consent_public": _yes(row.get("kontakt_einwilligung", ""), "kontakt_einwilligung"),
                "consent_date": _date(
                    row.get("kontakt_einwilligung_datum", ""), "kontakt_einwilligung_datum"
                ),
            }
        with transaction.atomic():
            result.outcome = _apply(key, data, lat, lon, region, contact, acting_user)
    except RowError as exc:
        result.field, result.reason = exc.column, exc.reason
    except DomainError as exc:
        column = "kreis_ags" if exc.code == "forbidden" else exc.field or ""
        result.field = FIELD_COLUMNS.get(column, column)
        result.reason = exc.message
    return result


def _apply(key, data, lat, lon, region, contact, acting_user) -> str:
    existing = Institution.objects.filter(import_key=key).first()
    if existing is None:
        inst = services.create_institution(
            acting_user=acting_user, data=data, lat=lat, lon=lon, region=region
        )
        Institution.objects.filter(pk=inst.pk).update(import_key=key)
        if contact:
            _save_contact(inst, contact, None, acting_user)
        return "angelegt"
    if not (is_land_admin(acting_user) or is_region_office(acting_user, existing.region_id)):
        raise DomainError(
            "Diese Einrichtung gehört zu einer anderen Region; ändern darf sie nur deren "
            "Bildungsbüro oder das Land.",
            field="region",
        )
    before = existing.updated
    inst = services.update_institution(
        existing, acting_user=acting_user, data=data, lat=lat, lon=lon, region=region
    )
    changed = inst.updated != before
    if contact:
        current = inst.contacts.filter(name=contact["name"]).first()
        if current is None or any(getattr(current, k) != v for k, v in contact.items()):
            _save_contact(inst, contact, current, acting_user)
            changed = True
    return "geändert" if changed else "unverändert"


def _save_contact(inst, contact: dict, current, acting_user) -> None:
    try:
        services.save_contact(inst, acting_user=acting_user, data=contact, contact=current)
    except DomainError as exc:
        column = exc.field or "name"
        column = column if column.startswith("kontakt") else "kontakt_" + column
        column = {"kontakt_consent_date": "kontakt_einwilligung_datum"}.get(column, column)
        raise RowError(column, exc.message) from exc
