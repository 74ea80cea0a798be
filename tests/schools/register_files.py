"""Real-looking register rows (invented schools in real municipalities) and file writers.

The real register is read from ``../shared/data/nrw/`` next to the project, never copied.
"""

import csv
from pathlib import Path

from bildungsnetz.schools.importers import COLUMNS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data" / "nrw"
REAL_REGISTER = SHARED_DATA / "schuldaten.csv"
REAL_STATS = SHARED_DATA / "schuldaten_stats.json"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "register"
REAL_ROWS = 5507


def school_row(**values: str) -> dict[str, str]:
    """A Grundschule in Bochum; keyword arguments replace columns (``E_Mail`` → ``E-Mail``)."""
    row = {
        "Schulnummer": "198101",
        "Schulform": "02",
        "Schulbezeichnung_1": "Städt. Gemeinschaftsgrundschule",
        "Schulbezeichnung_2": "Am Kortländer",
        "Schulbezeichnung_3": "- Primarstufe -",
        "Kurzbezeichnung": "Bochum, GG Am Kortländer",
        "PLZ": "44787",
        "Ort": "Bochum",
        "Strasse": "Kortländer Str. 4",
        "Telefonvorwahl": "0234",
        "Telefon": "9101010",
        "Faxvorwahl": "0234",
        "Fax": "9101011",
        "E-Mail": "198101@schule.nrw.de",
        "Homepage": "https://www.gs-am-kortlaender.de",
        "Rechtsform": "1",
        "Traegernummer": "10273",
        "Gemeindeschluessel": "05911000",
        "Schulbetriebsschluessel": "1",
        "Schulbetriebsdatum": "01.08.1973",
        "EPSG": "EPSG:25832",
        "UTMRechtswert": "377210",
        "UTMHochwert": "5704905",
    }
    row.update({key.replace("E_Mail", "E-Mail"): value for key, value in values.items()})
    return row


SCHOOLS = [
    school_row(),
    school_row(
        Schulnummer="198102",
        Schulform="20",
        Schulbezeichnung_1="Städt. Gymnasium an der Lindenhorster",
        Schulbezeichnung_2="Straße",
        Schulbezeichnung_3="",
        Kurzbezeichnung="Dortmund, Gym Lindenhorster Str.",
        PLZ="44147",
        Ort="Dortmund",
        Strasse="Lindenhorster Str. 120",
        Telefonvorwahl="0231",
        Telefon="5027400",
        Faxvorwahl="0231",
        Fax="5027401",
        E_Mail="198102@schule.nrw.de",
        Homepage="http://www.gymnasium-lindenhorst.de",
        Traegernummer="10320",
        Gemeindeschluessel="05913000",
        UTMRechtswert="393150",
        UTMHochwert="5711400",
    ),
    school_row(
        Schulnummer="198103",
        Schulform="15",
        Schulbezeichnung_1="Städt. Gesamt-",
        Schulbezeichnung_2="schule Köln-Nippes",
        Schulbezeichnung_3="- Sekundarstufe I und II -",
        Kurzbezeichnung="Köln, GE Nippes",
        PLZ="50733",
        Ort="Köln",
        Strasse="Niehler Str. 250",
        Telefonvorwahl="0221",
        Telefon="35587010",
        Faxvorwahl="",
        Fax="",
        E_Mail="198103@schule.nrw.de",
        Homepage="https://www.ge-nippes.de",
        Traegernummer="10131",
        Gemeindeschluessel="05315000",
        Schulbetriebsdatum="01.08.2014",
        UTMRechtswert="356600",
        UTMHochwert="5648900",
    ),
    school_row(
        Schulnummer="198104",
        Schulform="08",
        Schulbezeichnung_1="Förderschule Lernen, Emotionale und",
        Schulbezeichnung_2="soziale Entwicklung, Sprache",
        Schulbezeichnung_3="- Primarstufe und Sekundarstufe I -",
        Kurzbezeichnung="Münster, FÖ LE,ES, SQ Aaseeschule",
        PLZ="48149",
        Ort="Münster",
        Strasse="Hüfferstr. 12",
        Telefonvorwahl="0251",
        Telefon="4921300",
        Faxvorwahl="0251",
        Fax="4921309",
        E_Mail="198104@schule.nrw.de",
        Homepage="https://www.aaseeschule-muenster.de",
        Traegernummer="10464",
        Gemeindeschluessel="05515000",
        UTMRechtswert="404500",
        UTMHochwert="5757600",
    ),
    school_row(
        Schulnummer="198105",
        Schulform="10",
        Schulbezeichnung_1="Städt. Realschule Haan",
        Schulbezeichnung_2="",
        Schulbezeichnung_3="",
        Kurzbezeichnung="Haan, RS Walder Straße",
        PLZ="42781",
        Ort="Haan",
        Strasse="Walder Str. 19",
        Telefonvorwahl="02129",
        Telefon="911610",
        Faxvorwahl="",
        Fax="",
        E_Mail="198105@schule.nrw.de",
        Homepage="",
        Traegernummer="11435",
        Gemeindeschluessel="05158008",
        UTMRechtswert="361800",
        UTMHochwert="5673500",
    ),
    school_row(
        Schulnummer="198106",
        Schulform="30",
        Schulbezeichnung_1="Private Berufskolleg Bethel",
        Schulbezeichnung_2="staatl. anerk. Ersatzschule",
        Schulbezeichnung_3="",
        Kurzbezeichnung="Bielefeld, BK Bethel",
        PLZ="33617",
        Ort="Bielefeld",
        Strasse="Remterweg 13",
        Telefonvorwahl="0521",
        Telefon="1443900",
        Faxvorwahl="",
        Fax="",
        E_Mail="198106@schule.nrw.de",
        Homepage="https://www.bk-bethel.de",
        Rechtsform="2",
        Traegernummer="82410",
        Gemeindeschluessel="05711000",
        Schulbetriebsschluessel="2",
        Schulbetriebsdatum="31.07.2026",
        UTMRechtswert="467900",
        UTMHochwert="5762400",
    ),
]


def data_line(row: dict[str, str], delimiter: str = ";") -> str:
    return delimiter.join('"' + row[name].replace('"', '""') + '"' for name in COLUMNS)


def render(rows: list[dict[str, str]], *, sep_line: bool = True, delimiter: str = ";") -> str:
    """The register's layout: ``sep=;``, header ending in ";", every value double-quoted."""
    lines = ["sep=;"] if sep_line else []
    lines.append(delimiter.join(COLUMNS) + delimiter)
    lines.extend(data_line(row, delimiter) for row in rows)
    return "\n".join(lines) + "\n"


def write_register(path: Path, rows: list[dict[str, str]], **options) -> Path:
    encoding = options.pop("encoding", "utf-8")
    path.write_bytes(render(rows, **options).encode(encoding))
    return path


def read_real_rows() -> list[dict[str, str]]:
    """The real register's data rows (skipping ``sep=;``), for choosing examples in tests."""
    with REAL_REGISTER.open(encoding="utf-8", newline="") as handle:
        next(handle)
        return list(csv.DictReader(handle, delimiter=";"))


def real_register_lines() -> list[str]:
    """The real file's lines: [0] is ``sep=;``, [1] the header, then one line per school."""
    return REAL_REGISTER.read_text(encoding="utf-8").splitlines(keepends=True)
