"""Property tests for ``parse_row``: valid rows parse, a corrupted field is named, no crash.

The code tables come from ``../shared/data/nrw/`` (the same facts the migration loads), so these
tests need no database.
"""

import csv
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bildungsnetz.schools.importers import (
    COLUMNS,
    UTM_EAST_RANGE,
    UTM_NORTH_RANGE,
    ParsedRow,
    ReferenceCodes,
    RowError,
    parse_row,
)

from .register_files import SHARED_DATA


def _codes(filename: str, column: str) -> frozenset[str]:
    with (SHARED_DATA / filename).open(encoding="utf-8", newline="") as handle:
        return frozenset(row[column] for row in csv.DictReader(handle))


CODES = ReferenceCodes(
    schulformen=_codes("schulformen.csv", "code"),
    gemeinden=_codes("gemeinden.csv", "ags"),
    regions=_codes("kreise.csv", "ags"),
)
GERMAN = "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"
digits = st.text("0123456789", min_size=1, max_size=12)


def words(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    text = st.text(GERMAN + " .-", min_size=min_size, max_size=max_size)
    return text.filter(lambda value: len(value.strip()) >= min_size)


def fixed_digits(count: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=count, max_size=count)


@st.composite
def valid_rows(draw) -> dict[str, str]:
    schulnummer = draw(fixed_digits(6))
    return {
        "Schulnummer": schulnummer,
        "Schulform": draw(st.sampled_from(sorted(CODES.schulformen))),
        "Schulbezeichnung_1": draw(words()),
        "Schulbezeichnung_2": draw(words(0)),
        "Schulbezeichnung_3": draw(words(0)),
        "Kurzbezeichnung": draw(words(0)),
        "PLZ": draw(fixed_digits(5)),
        "Ort": draw(words(max_size=30)),
        "Strasse": draw(words(0)),
        "Telefonvorwahl": draw(st.sampled_from(["", "0234", "02129", "0221"])),
        "Telefon": draw(st.text("0123456789", max_size=10)),
        "Faxvorwahl": draw(st.sampled_from(["", "0231"])),
        "Fax": draw(st.text("0123456789", max_size=10)),
        "E-Mail": draw(st.sampled_from(["", f"{schulnummer}@schule.nrw.de"])),
        "Homepage": draw(
            st.sampled_from(["", "https://www.schule-am-park.de", "http://gs-bochum.de/start"])
        ),
        "Rechtsform": draw(st.sampled_from(["1", "2"])),
        "Traegernummer": draw(st.sampled_from(["", "0", "10273", "83150"])),
        "Gemeindeschluessel": draw(st.sampled_from(sorted(CODES.gemeinden))),
        "Schulbetriebsschluessel": draw(st.sampled_from(["0", "1", "2", "3", "4", "5", "6", "9"])),
        "Schulbetriebsdatum": draw(
            st.one_of(
                st.just(""),
                st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).map(
                    lambda day: day.strftime("%d.%m.%Y")
                ),
            )
        ),
        "EPSG": draw(st.sampled_from(["EPSG:25832", "EPSG:25832", "null"])),
        "UTMRechtswert": str(draw(st.integers(*UTM_EAST_RANGE))),
        "UTMHochwert": str(draw(st.integers(*UTM_NORTH_RANGE))),
    }


# Values that are wrong for exactly one column (whatever the other columns hold).
CORRUPTIONS: dict[str, st.SearchStrategy[str]] = {
    "Schulnummer": st.one_of(
        st.text("0123456789", max_size=5),
        st.text("0123456789", min_size=7, max_size=9),
        st.just("10001x"),
    ),
    "Schulform": st.sampled_from(["", "9Z", "XY", "2", "020", "Grundschule"]),
    "Schulbezeichnung_1": st.sampled_from(["", "   "]),
    "Kurzbezeichnung": st.text(GERMAN, min_size=121, max_size=130),
    "PLZ": st.one_of(st.text("0123456789", max_size=4), st.just("4478a"), st.just("447870")),
    "Ort": st.just(""),
    "E-Mail": st.sampled_from(["schule.nrw.de", "100000@", "a b@schule.nrw.de"]),
    "Homepage": st.sampled_from(["www.schule.de", "ftp://schule.de", "http://", "schule"]),
    "Rechtsform": st.sampled_from(["", "0", "3", "öffentlich"]),
    "Traegernummer": st.sampled_from(["1234567", "10-273", "A1"]),
    "Telefonvorwahl": st.text("0123456789", min_size=11, max_size=20),
    "Fax": st.text("0123456789 /-", min_size=30, max_size=60),
    "Gemeindeschluessel": st.one_of(
        st.text("0123456789", max_size=7),
        st.just("09162000"),  # München
        st.just("05999999"),
        st.just("0591100x"),
    ),
    "Schulbetriebsschluessel": st.sampled_from(["", "7", "8", "10", "in Betrieb"]),
    "Schulbetriebsdatum": st.sampled_from(["2021-08-01", "31.02.2021", "1.8.2021", "01.13.2021"]),
    "EPSG": st.sampled_from(["EPSG:4326", "EPSG:31466", "25832"]),
    "UTMRechtswert": st.one_of(
        st.integers(0, UTM_EAST_RANGE[0] - 1).map(str),
        st.integers(UTM_EAST_RANGE[1] + 1, 10**9 - 1).map(str),
        st.sampled_from(["", "378180.5", "-378180", "abc"]),
    ),
    "UTMHochwert": st.one_of(
        st.integers(0, UTM_NORTH_RANGE[0] - 1).map(str),
        st.integers(UTM_NORTH_RANGE[1] + 1, 10**9 - 1).map(str),
        st.sampled_from(["", "5701853,0", "nördlich"]),
    ),
}


@given(row=valid_rows(), line=st.integers(3, 6000))
@settings(max_examples=150, deadline=None)
def test_any_valid_row_parses_and_keeps_its_values(row, line):
    parsed = parse_row(row, line, CODES)

    assert isinstance(parsed, ParsedRow), str(parsed)
    assert parsed.line == line
    assert parsed.schulnummer == row["Schulnummer"]
    assert parsed.schulform == row["Schulform"]
    assert parsed.plz == row["PLZ"]
    assert parsed.ort == row["Ort"].strip()
    assert parsed.name_1 == row["Schulbezeichnung_1"].strip()
    assert parsed.name.startswith(" ".join(row["Schulbezeichnung_1"].split())[:-1])
    assert parsed.gemeinde_ags == row["Gemeindeschluessel"]
    assert parsed.region_ags == row["Gemeindeschluessel"][:5]
    assert str(parsed.rechtsform) == row["Rechtsform"]
    assert str(parsed.betriebsschluessel) == row["Schulbetriebsschluessel"]
    date_text = parsed.betriebsdatum.strftime("%d.%m.%Y") if parsed.betriebsdatum else ""
    assert date_text == row["Schulbetriebsdatum"]
    assert (str(parsed.utm_east), str(parsed.utm_north)) == (
        row["UTMRechtswert"],
        row["UTMHochwert"],
    )
    assert 49.5 < parsed.lat < 53.5 and 4.5 < parsed.lon < 10.5
    assert parsed.email == row["E-Mail"]


@given(
    row=valid_rows(),
    column_and_value=st.sampled_from(sorted(CORRUPTIONS)).flatmap(
        lambda column: st.tuples(st.just(column), CORRUPTIONS[column])
    ),
)
@settings(max_examples=300, deadline=None)
def test_a_corrupted_field_is_named_in_the_error(row, column_and_value):
    column, value = column_and_value
    row[column] = value

    error = parse_row(row, 17, CODES)

    assert isinstance(error, RowError), f"{column}={value!r} was accepted"
    assert error.field == column
    assert error.line == 17
    assert str(error).startswith(f"Zeile 17, Feld „{column}“: ")
    assert error.reason.endswith(".")


@given(
    fields=st.dictionaries(
        st.sampled_from(COLUMNS + ("", "Unbekannt")),
        st.one_of(st.none(), st.text(max_size=60)),
    ),
    line=st.integers(-5, 10**6),
)
@settings(max_examples=300, deadline=None)
def test_the_parser_never_raises(fields, line):
    result = parse_row(fields, line, CODES)

    assert isinstance(result, ParsedRow | RowError)


@given(row=valid_rows(), junk=st.one_of(st.text(max_size=40), st.text(min_size=80, max_size=400)))
@settings(max_examples=150, deadline=None)
def test_any_single_field_replaced_by_junk_never_raises(row, junk):
    for column in COLUMNS:
        result = parse_row({**row, column: junk}, 5, CODES)
        assert isinstance(result, ParsedRow | RowError)
        if isinstance(result, RowError):
            assert result.field == column, (column, junk, str(result))
