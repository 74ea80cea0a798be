"""Reading the register file: the raw bytes of a path or URL, checked as a whole.

Encoding, ``sep=;`` line, delimiter, header and a truncated last row are checked before
anything is written; a bad file is refused as a whole with a German :class:`RegisterFileError`.
The result is a :class:`RegisterFile` of data records keyed by column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import DomainError
from .rows import COLUMNS, RowError

DELIMITER = ";"
FETCH_TIMEOUT_SECONDS = 60
MAX_FILE_BYTES = 100 * 1024 * 1024


class RegisterFileError(DomainError):
    """The file as a whole cannot be imported (nothing was written)."""


@dataclass(frozen=True)
class RegisterFile:
    """The checked content of a register file: data records keyed by column."""

    sha256: str
    records: list[tuple[int, dict[str, str]]]
    row_errors: list[RowError]


def read_source(source: str | Path) -> bytes:
    """The raw bytes of a path or an http(s)/file URL."""
    text = str(source)
    if re.match(r"(?i)(https?|file)://", text):
        return _fetch(text)
    path = Path(text)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RegisterFileError(
            f"Die Datei „{path}“ kann nicht gelesen werden: {exc.strerror or exc}."
        ) from exc
    return _limited(data)


def public_source(source: str | Path) -> str:
    """The source as recorded and shown: a URL without user name and password."""
    parts = urllib.parse.urlsplit(str(source))
    if parts.hostname and (parts.username or parts.password):
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return str(source)


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Bildungsnetz NRW Registerimport"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            return _limited(response.read(MAX_FILE_BYTES + 1))
    except urllib.error.HTTPError as exc:
        raise RegisterFileError(
            f"Die Adresse „{public_source(url)}“ antwortet mit HTTP {exc.code} ({exc.reason})."
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RegisterFileError(
            f"Die Adresse „{public_source(url)}“ ist nicht erreichbar: {reason}."
        ) from exc


def _limited(data: bytes) -> bytes:
    if len(data) > MAX_FILE_BYTES:
        raise RegisterFileError(
            f"Die Datei ist größer als {MAX_FILE_BYTES // (1024 * 1024)} MB; "
            "das ist keine Registerdatei."
        )
    return data


def read_register(data: bytes) -> RegisterFile:
    """Check the file as a whole and split it into records; raise RegisterFileError if bad."""
    text = _decode(data)
    if not text.strip():
        raise RegisterFileError("Die Datei ist leer.")
    lines = text.splitlines(keepends=True)
    first_line = 1
    if lines[0].strip().lower().startswith("sep="):
        _check_sep_line(lines[0].rstrip("\r\n"))
        lines, first_line = lines[1:], 2
    if not "".join(lines).strip():
        raise RegisterFileError("Die Datei enthält keine Kopfzeile und keine Daten.")
    _check_delimiter(lines[0])
    rows = _split(lines, first_line)
    header_line, header = rows[0]
    columns = _check_header(header, header_line)
    records, row_errors = _records(rows[1:], columns)
    return RegisterFile(hashlib.sha256(data).hexdigest(), records, row_errors)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RegisterFileError(
            "Die Datei ist UTF-16-kodiert; erwartet wird UTF-8. Bitte als UTF-8 speichern."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        guess = _guess_legacy_encoding(data)
        raise RegisterFileError(
            f"Die Datei ist nicht UTF-8-kodiert (ungültiges Byte 0x{byte} in Zeile {line})"
            + (f"; sie ist vermutlich {guess}-kodiert" if guess else "")
            + ". Bitte als UTF-8 speichern."
        ) from exc
    if re.search("Ã[¤¶¼„–œŸ]", text):
        raise RegisterFileError(
            "Die Datei enthält doppelt kodierte Umlaute (z. B. „Ã¶“ statt „ö“); sie wurde "
            "wohl als Windows-1252 gelesen und erneut als UTF-8 gespeichert."
        )
    return text


def _guess_legacy_encoding(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return "ISO-8859-1 (Latin-1)" if b"\xf6" in data or b"\xfc" in data else None
    if re.search("[äöüÄÖÜß]", text):
        return "Windows-1252 bzw. ISO-8859-1 (Latin-1)"
    return None


_DELIMITER_NAMES = {",": "Komma", "\t": "Tabulator", "|": "senkrechter Strich"}


def _check_sep_line(line: str) -> None:
    declared = line[len("sep=") :]
    if declared != DELIMITER:
        name = _DELIMITER_NAMES.get(declared, f"„{declared}“" if declared else "kein Zeichen")
        raise RegisterFileError(
            f"Die erste Zeile „{line.strip()}“ nennt {name} als Trennzeichen; "
            f"erwartet wird Semikolon („sep={DELIMITER}“)."
        )


def _check_delimiter(header_line: str) -> None:
    if DELIMITER in header_line:
        return
    for char, name in _DELIMITER_NAMES.items():
        if char in header_line:
            raise RegisterFileError(
                f"Die Datei ist mit {name} getrennt; erwartet wird Semikolon („;“) "
                "wie in den Schulgrunddaten NRW."
            )
    raise RegisterFileError(
        "Die Kopfzeile enthält kein Semikolon; das ist keine Datei der Schulgrunddaten NRW."
    )


def _split(lines: list[str], first_line: int) -> list[tuple[int, list[str]]]:
    """CSV records with the line each starts on; unbalanced quotes refuse the file."""
    reader = csv.reader(io.StringIO("".join(lines), newline=""), delimiter=DELIMITER, strict=True)
    rows: list[tuple[int, list[str]]] = []
    consumed = 0
    try:
        for record in reader:
            start, consumed = first_line + consumed, reader.line_num
            if record:
                rows.append((start, record))
    except csv.Error as exc:
        line = first_line + consumed
        if "unexpected end of data" in str(exc):
            raise RegisterFileError(
                f"Die Datei ist unvollständig: Zeile {line} endet mitten in einem Feld "
                "(Anführungszeichen nicht geschlossen). Wurde der Download abgebrochen?"
            ) from exc
        raise RegisterFileError(
            f"Zeile {line}: fehlerhafte Anführungszeichen ({exc}); die Datei ist beschädigt."
        ) from exc
    return rows


def _check_header(header: list[str], line: int) -> list[str]:
    columns = [name.strip() for name in header]
    while columns and not columns[-1]:
        columns.pop()  # the register's header ends with ";"
    missing = [name for name in COLUMNS if name not in columns]
    unexpected = [name for name in columns if name not in COLUMNS]
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    problems = []
    if missing:
        problems.append("es fehlen die Spalten " + _quoted(missing))
    if unexpected:
        problems.append("unerwartet sind die Spalten " + _quoted(unexpected))
    if duplicates:
        problems.append("doppelt sind die Spalten " + _quoted(duplicates))
    if problems:
        raise RegisterFileError(
            f"Die Kopfzeile (Zeile {line}) passt nicht zu den Schulgrunddaten NRW "
            f"({len(COLUMNS)} Spalten): " + "; ".join(problems) + "."
        )
    return columns


def _quoted(names: list[str]) -> str:
    return ", ".join(f"„{name or '(leer)'}“" for name in names)


def _records(
    rows: list[tuple[int, list[str]]], columns: list[str]
) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """Data rows keyed by column; a short last row means a truncated file."""
    if not rows:
        raise RegisterFileError("Die Datei enthält nur die Kopfzeile und keine Schulen.")
    expected = len(columns)
    records: list[tuple[int, dict[str, str]]] = []
    errors: list[RowError] = []
    for index, (line, values) in enumerate(rows):
        if len(values) > expected and not any(value.strip() for value in values[expected:]):
            values = values[:expected]  # a trailing ";" like the header's
        if len(values) == expected:
            records.append((line, dict(zip(columns, values, strict=True))))
        elif len(values) < expected and index == len(rows) - 1:
            raise RegisterFileError(
                f"Die Datei ist unvollständig: die letzte Zeile {line} hat nur {len(values)} "
                f"von {expected} Feldern. Wurde der Download abgebrochen?"
            )
        else:
            errors.append(
                RowError(
                    line,
                    None,
                    f"Die Zeile hat {len(values)} statt {expected} Felder.",
                    schulnummer=values[0].strip() if values else "",
                )
            )
    return records, errors
