"""Parsing one register row (pure): the columns, the checks and the derived values.

A row with a bad field becomes a :class:`RowError` naming the line, the CSV column and the
reason; good rows become :class:`ParsedRow`. ``codes`` (:class:`ReferenceCodes`) are the code
tables a row is checked against.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from pyproj import Transformer

from ...regions.models import Gemeinde, Region, Schulform
from ..models import Betriebsschluessel, Foerderschwerpunkt

COLUMNS: tuple[str, ...] = (
    "Schulnummer",
    "Schulform",
    "Schulbezeichnung_1",
    "Schulbezeichnung_2",
    "Schulbezeichnung_3",
    "Kurzbezeichnung",
    "PLZ",
    "Ort",
    "Strasse",
    "Telefonvorwahl",
    "Telefon",
    "Faxvorwahl",
    "Fax",
    "E-Mail",
    "Homepage",
    "Rechtsform",
    "Traegernummer",
    "Gemeindeschluessel",
    "Schulbetriebsschluessel",
    "Schulbetriebsdatum",
    "EPSG",
    "UTMRechtswert",
    "UTMHochwert",
)
EPSG_UTM32 = "EPSG:25832"
# Plausible UTM 32N range for NRW (the real file spans 282,942–529,105 / 5,584,531–5,813,538).
UTM_EAST_RANGE = (270_000, 540_000)
UTM_NORTH_RANGE = (5_570_000, 5_830_000)
# Schulformen whose Kurzbezeichnung lists Förderschwerpunkte ("Bochum, FÖ LE,ES, SQ Name").
FOERDERSCHUL_FORMEN = frozenset({"08", "85", "87", "88"})

_MAX_LENGTHS = {
    "Schulbezeichnung_1": 80,
    "Schulbezeichnung_2": 80,
    "Schulbezeichnung_3": 80,
    "Kurzbezeichnung": 120,
    "Ort": 100,
    "Strasse": 150,
    # "Vorwahl Nummer" fits the model's 40 characters.
    "Telefonvorwahl": 10,
    "Telefon": 29,
    "Faxvorwahl": 10,
    "Fax": 29,
    "E-Mail": 254,
    "Homepage": 300,
}
_FSP_MARKER = re.compile(r"(?:^|[\s,])F[ÖS]\s*,?\s*(?:BK(?![A-Za-zÄÖÜäöüß]))?")
_FSP_CODE = re.compile(
    r"[\s,]*(" + "|".join(Foerderschwerpunkt.values) + r")(?=[\s,]|$|[A-ZÄÖÜ][a-zäöüß])"
)
_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class ReferenceCodes:
    """The code tables a row is checked against."""

    schulformen: frozenset[str]
    gemeinden: frozenset[str]  # 8-digit AGS
    regions: frozenset[str]  # 5-digit AGS of Kreise / kreisfreie Städte

    @classmethod
    def from_db(cls) -> ReferenceCodes:
        return cls(
            schulformen=frozenset(Schulform.objects.values_list("code", flat=True)),
            gemeinden=frozenset(Gemeinde.objects.values_list("ags", flat=True)),
            regions=frozenset(Region.objects.values_list("ags", flat=True)),
        )


@dataclass(frozen=True)
class RowError:
    line: int
    field: str | None  # the CSV column name
    reason: str
    schulnummer: str = ""

    def __str__(self) -> str:
        where = f"Zeile {self.line}"
        if self.field:
            where += f", Feld „{self.field}“"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ParsedRow:
    line: int
    schulnummer: str
    schulform: str
    name_1: str
    name_2: str
    name_3: str
    name: str
    kurzbezeichnung: str
    plz: str
    ort: str
    strasse: str
    telefon: str
    fax: str
    email: str
    homepage: str
    rechtsform: int
    traegernummer: str
    gemeinde_ags: str
    betriebsschluessel: int
    betriebsdatum: dt.date | None
    utm_east: int
    utm_north: int
    lat: float
    lon: float
    foerderschwerpunkte: tuple[str, ...]

    @property
    def region_ags(self) -> str:
        return self.gemeinde_ags[:5]


class _Invalid(Exception):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column = column
        self.reason = reason


def parse_row(
    fields: Mapping[str, str | None], line: int, codes: ReferenceCodes | None = None
) -> ParsedRow | RowError:
    """Check one register row; never raises. ``codes`` defaults to the database tables."""
    codes = codes if codes is not None else ReferenceCodes.from_db()
    value = {column: (fields.get(column) or "").strip() for column in COLUMNS}
    try:
        return _parse(value, line, codes)
    except _Invalid as exc:
        return RowError(line, exc.column, exc.reason, schulnummer=value["Schulnummer"])


def _parse(v: dict[str, str], line: int, codes: ReferenceCodes) -> ParsedRow:
    schulnummer = _digits(v, "Schulnummer", 6, "ist keine sechsstellige Schulnummer")
    _check_lengths(v)
    schulform = _known(v, "Schulform", codes.schulformen, "ist keine bekannte Schulform")
    gemeinde_ags = _gemeindeschluessel(v["Gemeindeschluessel"], codes)
    east, north = _utm(v)
    lat, lon = utm_to_wgs84(east, north)
    return ParsedRow(
        line=line,
        schulnummer=schulnummer,
        schulform=schulform,
        name_1=_required(v, "Schulbezeichnung_1"),
        name_2=v["Schulbezeichnung_2"],
        name_3=v["Schulbezeichnung_3"],
        name=join_name_lines(
            v["Schulbezeichnung_1"], v["Schulbezeichnung_2"], v["Schulbezeichnung_3"]
        ),
        kurzbezeichnung=v["Kurzbezeichnung"],
        plz=_digits(v, "PLZ", 5, "ist keine fünfstellige Postleitzahl"),
        ort=_required(v, "Ort"),
        strasse=v["Strasse"],
        telefon=_phone(v, "Telefonvorwahl", "Telefon"),
        fax=_phone(v, "Faxvorwahl", "Fax"),
        email=_email(v["E-Mail"]),
        homepage=_homepage(v["Homepage"]),
        rechtsform=int(_known(v, "Rechtsform", {"1", "2"}, "ist keine Rechtsform (1 oder 2)")),
        traegernummer=_traegernummer(v["Traegernummer"]),
        gemeinde_ags=gemeinde_ags,
        betriebsschluessel=int(
            _known(
                v,
                "Schulbetriebsschluessel",
                {str(code) for code in Betriebsschluessel.values},
                "ist kein bekannter Schulbetriebsschlüssel",
            )
        ),
        betriebsdatum=_date(v["Schulbetriebsdatum"]),
        utm_east=east,
        utm_north=north,
        lat=lat,
        lon=lon,
        foerderschwerpunkte=(
            foerderschwerpunkte_from_kurzbezeichnung(v["Kurzbezeichnung"])
            if schulform in FOERDERSCHUL_FORMEN
            else ()
        ),
    )


def _check_lengths(v: dict[str, str]) -> None:
    for column, limit in _MAX_LENGTHS.items():
        if len(v[column]) > limit:
            raise _Invalid(column, f"Der Wert ist länger als {limit} Zeichen.")


def _required(v: dict[str, str], column: str) -> str:
    if not v[column]:
        raise _Invalid(column, "Das Feld ist leer, es ist aber ein Pflichtfeld.")
    return v[column]


def _digits(v: dict[str, str], column: str, count: int, reason: str) -> str:
    text = v[column]
    if not (len(text) == count and text.isascii() and text.isdigit()):
        raise _Invalid(column, f"„{text}“ {reason}.")
    return text


def _known(v: dict[str, str], column: str, allowed: Iterable[str], reason: str) -> str:
    text = v[column]
    if text not in allowed:
        raise _Invalid(column, f"„{text}“ {reason}.")
    return text


def _gemeindeschluessel(text: str, codes: ReferenceCodes) -> str:
    column = "Gemeindeschluessel"
    if not (len(text) == 8 and text.isascii() and text.isdigit()):
        raise _Invalid(column, f"„{text}“ ist kein achtstelliger Gemeindeschlüssel.")
    if not text.startswith("05"):
        raise _Invalid(column, f"„{text}“ liegt nicht in Nordrhein-Westfalen (erwartet: 05…).")
    if text not in codes.gemeinden:
        raise _Invalid(column, f"„{text}“ ist keine bekannte Gemeinde in Nordrhein-Westfalen.")
    if text[:5] not in codes.regions:
        raise _Invalid(column, f"Der Kreis „{text[:5]}“ zu „{text}“ ist unbekannt.")
    return text


def _utm(v: dict[str, str]) -> tuple[int, int]:
    epsg = v["EPSG"]
    if epsg not in (EPSG_UTM32, "null", ""):
        raise _Invalid(
            "EPSG", f"Koordinatensystem „{epsg}“ wird nicht unterstützt (erwartet: {EPSG_UTM32})."
        )
    east = _coordinate(v, "UTMRechtswert", UTM_EAST_RANGE)
    north = _coordinate(v, "UTMHochwert", UTM_NORTH_RANGE)
    return east, north


def _coordinate(v: dict[str, str], column: str, bounds: tuple[int, int]) -> int:
    text = v[column]
    if not re.fullmatch(r"[0-9]{1,9}", text):
        raise _Invalid(column, f"„{text}“ ist keine ganze Zahl in Metern.")
    number = int(text)
    low, high = bounds
    if not low <= number <= high:
        raise _Invalid(
            column, f"{number} liegt außerhalb von Nordrhein-Westfalen (erwartet: {low}–{high})."
        )
    return number


def _join_phone(prefix: str, number: str) -> str:
    return " ".join(part for part in (prefix, number) if part)


def _phone(v: dict[str, str], prefix_column: str, number_column: str) -> str:
    return _join_phone(v[prefix_column], v[number_column])


def _email(text: str) -> str:
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise _Invalid("E-Mail", f"„{text}“ ist keine gültige E-Mail-Adresse.") from None
    return text


def _homepage(text: str) -> str:
    if text:
        try:
            _url_validator(text)
        except ValidationError:
            raise _Invalid(
                "Homepage", f"„{text}“ ist keine gültige Internetadresse (http:// oder https://)."
            ) from None
    return text


def _traegernummer(text: str) -> str:
    if text and not re.fullmatch(r"[0-9]{1,6}", text):
        raise _Invalid("Traegernummer", f"„{text}“ ist keine Trägernummer (bis zu 6 Ziffern).")
    return text


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    match = re.fullmatch(r"([0-9]{2})\.([0-9]{2})\.([0-9]{4})", text)
    try:
        if match is None:
            raise ValueError(text)
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    except ValueError:
        raise _Invalid(
            "Schulbetriebsdatum", f"„{text}“ ist kein gültiges Datum im Format TT.MM.JJJJ."
        ) from None


def join_name_lines(*lines: str) -> str:
    """Join the three 40-character name lines; a word split with "-" is joined again.

    "Gesamt-" + "schule" → "Gesamtschule"; "Montessori-" + "Gesamtschule" →
    "Montessori-Gesamtschule"; "Gesamtschule" + "- Sekundarstufe I -" keeps the space.
    """
    name = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if name and re.search(r"\w-$", name):
            name = name[:-1] + line if line[0].islower() else name + line
        elif name:
            name = f"{name} {line}"
        else:
            name = line
    return " ".join(name.split())


def foerderschwerpunkte_from_kurzbezeichnung(kurzbezeichnung: str) -> tuple[str, ...]:
    """Förderschwerpunkt codes listed after "FÖ" (or "FÖ BK") in a Förderschule's short name.

    "Bochum, FÖ LE,ES, SQ Name" → ("LE", "ES", "SQ"). A heuristic, see data/README.md.
    """
    marker = _FSP_MARKER.search(kurzbezeichnung)
    if marker is None:
        return ()
    codes: list[str] = []
    position = marker.end()
    while match := _FSP_CODE.match(kurzbezeichnung, position):
        if match.group(1) not in codes:
            codes.append(match.group(1))
        position = match.end()
    return tuple(codes)


@functools.cache
def _transformer() -> Transformer:
    return Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)


def utm_to_wgs84(east: float, north: float) -> tuple[float, float]:
    """UTM zone 32N (EPSG:25832) → WGS84 ``(lat, lon)``, rounded to 6 decimals (~10 cm)."""
    lon, lat = _transformer().transform(east, north)
    return round(lat, 6), round(lon, 6)
