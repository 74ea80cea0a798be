"""The register import: the real file (scale and figures), re-imports, broken files, URLs."""

import csv
import datetime as dt
import functools
import json
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db.models import Count
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.schools.importers import (
    ImportResult,
    Outcome,
    RegisterFileError,
    RowOutcome,
    foerderschwerpunkte_from_kurzbezeichnung,
    import_register,
    join_name_lines,
    public_source,
)
from bildungsnetz.schools.models import ImportRun, School
from tests.factories import make_user

from .register_files import (
    FIXTURES,
    REAL_REGISTER,
    REAL_ROWS,
    REAL_STATS,
    SCHOOLS,
    data_line,
    read_real_rows,
    real_register_lines,
    render,
    school_row,
    write_register,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 2, 6, 30, tzinfo=dt.UTC)


def db_snapshot() -> dict:
    """What an import may change: schools, their history, import runs, audit entries."""
    return {
        "schools": list(School.objects.order_by("schulnummer").values()),
        "history": School.history.count(),
        "runs": ImportRun.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def read_report(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so that Excel shows umlauts"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


# --- the real register -------------------------------------------------------------------


def test_real_register_imports_every_row_and_matches_the_published_figures():
    stats = json.loads(REAL_STATS.read_text(encoding="utf-8"))

    result = import_register(REAL_REGISTER, now=NOW)

    assert result.summary_line() == "created=5507 updated=0 unchanged=0 closed=0 rejected=0"
    assert School.objects.count() == REAL_ROWS == stats["rows"]
    per_schulform = dict(
        School.objects.values_list("schulform_id").annotate(n=Count("id")).order_by()
    )
    assert per_schulform == {
        code: item["rows"] for code, item in stats["rows_by_schulform"].items()
    }
    per_rechtsform = dict(
        School.objects.values_list("rechtsform").annotate(n=Count("id")).order_by()
    )
    assert per_rechtsform == {int(k): v for k, v in stats["rows_by_rechtsform"].items()}
    assert School.objects.schools().count() == stats["schools"] == 5448
    assert School.objects.schools().open().count() == stats["active_schools"] == 5413

    for code, expected in stats["by_regierungsbezirk"].items():
        in_bezirk = School.objects.filter(regierungsbezirk__code=code)
        assert in_bezirk.count() == expected["rows"], expected["name"]
        assert in_bezirk.schools().count() == expected["schools"], expected["name"]
        assert in_bezirk.schools().open().count() == expected["active_schools"], expected["name"]

    per_kreis = dict(School.objects.values_list("region__ags").annotate(n=Count("id")).order_by())
    assert len(stats["by_kreis"]) == len(per_kreis) == 53
    assert per_kreis == {ags: item["rows"] for ags, item in stats["by_kreis"].items()}
    schools_per_kreis = dict(
        School.objects.schools().values_list("region__ags").annotate(n=Count("id")).order_by()
    )
    assert schools_per_kreis == {ags: item["schools"] for ags, item in stats["by_kreis"].items()}


def test_real_register_coordinates_names_and_foerderschwerpunkte():
    import_register(REAL_REGISTER, now=NOW)

    # The one row with EPSG "null" still has UTM values, so it gets coordinates (Bochum).
    studienkolleg = School.objects.get(schulnummer="100000")
    assert (studienkolleg.utm_east, studienkolleg.utm_north) == (378180, 5701853)
    assert studienkolleg.lat == pytest.approx(51.4547, abs=1e-3)
    assert studienkolleg.lon == pytest.approx(7.2467, abs=1e-3)

    hildegardis = School.objects.get(schulnummer="169158")  # Klinikstr. 1, Bochum city centre
    assert hildegardis.region.name == "Bochum"
    assert hildegardis.regierungsbezirk.code == "059"
    assert hildegardis.lat == pytest.approx(51.484, abs=0.005)
    assert hildegardis.lon == pytest.approx(7.228, abs=0.005)
    assert hildegardis.name == (
        "Hildegardis-Schule, Europaschule in NRW Städt. Gymnasium für Jungen und Mädchen "
        "mit zweisprachig. deutsch-französ. Zweig"
    )
    assert hildegardis.telefon == "0234 516070"
    assert hildegardis.email == "169158@schule.nrw.de"

    bounds = School.objects.values_list("lat", "lon")
    assert all(50.3 < lat < 52.6 and 5.8 < lon < 9.5 for lat, lon in bounds), "inside NRW"

    achtenbeck = School.objects.get(schulnummer="156255")  # "Herten, FÖ LE, SQ, ES …"
    assert achtenbeck.foerderschwerpunkte == ["LE", "SQ", "ES"]
    assert achtenbeck.foerderschwerpunkte_quelle == "register"
    foerderschulen = School.objects.filter(schulform_id__in=["08", "85", "87", "88"])
    assert foerderschulen.filter(foerderschwerpunkte_quelle="register").count() >= 455
    assert not School.objects.exclude(schulform_id__in=["08", "85", "87", "88"]).exclude(
        foerderschwerpunkte=[]
    )


def test_reimport_is_idempotent_applies_changes_closes_and_reopens(tmp_path):
    first = import_register(REAL_REGISTER, now=NOW)
    assert first.created == REAL_ROWS
    history_after_first = School.history.count()
    assert history_after_first == REAL_ROWS

    # A person records the Förderschwerpunkte; the register must not overwrite them.
    achtenbeck = School.objects.get(schulnummer="156255")
    achtenbeck.foerderschwerpunkte = ["ES"]
    achtenbeck.foerderschwerpunkte_quelle = "erfasst"
    achtenbeck.save()

    second = import_register(REAL_REGISTER, now=NOW + dt.timedelta(days=7))
    assert second.summary_line() == "created=0 updated=0 unchanged=5507 closed=0 rejected=0"
    assert School.history.count() == history_after_first + 1  # only the person's save

    lines = real_register_lines()
    changed = [line.replace('"Klinikstr. 1"', '"Klinikstr. 3"') for line in lines]
    assert changed != lines
    removed = [line for line in changed if not line.startswith('"169160";')]
    assert len(removed) == len(lines) - 1
    new_school = school_row()  # 198101, not in the real register
    assert all(row["Schulnummer"] != "198101" for row in read_real_rows())
    modified = tmp_path / "schuldaten.csv"
    modified.write_text("".join(removed) + data_line(new_school) + "\n", encoding="utf-8")
    report = tmp_path / "bericht.csv"

    third = import_register(modified, now=NOW + dt.timedelta(days=14), report_path=report)

    assert third.summary_line() == "created=1 updated=1 unchanged=5505 closed=1 rejected=0"
    hildegardis = School.objects.get(schulnummer="169158")
    assert hildegardis.strasse == "Klinikstr. 3"
    assert hildegardis.last_changed_by_import_at == NOW + dt.timedelta(days=14)
    last = hildegardis.history.first()
    assert (last.history_type, last.history_change_reason) == ("~", "schools.register.imported")
    assert last.prev_record.strasse == "Klinikstr. 1"
    graf_engelbert = School.objects.get(schulnummer="169160")  # kept, never deleted
    assert graf_engelbert.closed_at == NOW + dt.timedelta(days=14)
    assert not graf_engelbert.is_open
    assert School.objects.get(schulnummer="198101").name == (
        "Städt. Gemeinschaftsgrundschule Am Kortländer - Primarstufe -"
    )
    achtenbeck.refresh_from_db()
    assert (achtenbeck.foerderschwerpunkte, achtenbeck.foerderschwerpunkte_quelle) == (
        ["ES"],
        "erfasst",
    )
    rows = {row["Schulnummer"]: row for row in read_report(report)}
    assert rows["169158"]["Ergebnis"] == "geändert"
    assert rows["169158"]["Feld"] == "Strasse"
    assert rows["169158"]["Grund"] == "Strasse: „Klinikstr. 1“ → „Klinikstr. 3“"
    assert rows["169160"] == {
        "Zeile": "",
        "Schulnummer": "169160",
        "Ergebnis": "geschlossen",
        "Feld": "",
        "Grund": "Nicht mehr im Register; als geschlossen markiert.",
    }
    assert rows["198101"]["Ergebnis"] == "angelegt"
    assert rows["198101"]["Zeile"] == str(len(removed) + 1)

    # The original file again: the closed school reappears, the new one is closed.
    fourth = import_register(REAL_REGISTER, now=NOW + dt.timedelta(days=21))
    assert fourth.summary_line() == "created=0 updated=2 unchanged=5505 closed=1 rejected=0"
    graf_engelbert.refresh_from_db()
    assert graf_engelbert.closed_at is None
    assert School.objects.get(schulnummer="198101").closed_at is not None


def test_mass_closure_guard_refuses_a_file_with_only_100_rows(tmp_path, settings):
    settings.SCHOOL_IMPORT_MAX_CLOSURE_SHARE = 0.2
    import_register(REAL_REGISTER, now=NOW)
    partial = tmp_path / "schuldaten.csv"
    partial.write_text("".join(real_register_lines()[: 2 + 100]), encoding="utf-8")
    before = db_snapshot()

    with pytest.raises(DomainError) as refused:
        import_register(partial, now=NOW + dt.timedelta(days=1))

    assert refused.value.code == "mass_closure"
    assert "5407 von 5507 offenen Schulen (98 %)" in refused.value.message
    assert "höchstens 20 %" in refused.value.message
    assert "nichts geändert" in refused.value.message
    assert db_snapshot() == before

    allowed = import_register(partial, now=NOW + dt.timedelta(days=1), allow_mass_closure=True)
    assert allowed.summary_line() == "created=0 updated=0 unchanged=100 closed=5407 rejected=0"
    assert School.objects.filter(closed_at__isnull=True).count() == 100


# --- small files -------------------------------------------------------------------------


def test_small_register_creates_schools_with_every_register_field(tmp_path):
    result = import_register(write_register(tmp_path / "schuldaten.csv", SCHOOLS), now=NOW)

    assert result.summary_line() == "created=6 updated=0 unchanged=0 closed=0 rejected=0"
    assert [item.line for item in result.outcomes] == [3, 4, 5, 6, 7, 8]
    nippes = School.objects.get(schulnummer="198103")
    assert nippes.name == "Städt. Gesamtschule Köln-Nippes - Sekundarstufe I und II -"
    assert (nippes.name_1, nippes.name_2) == ("Städt. Gesamt-", "schule Köln-Nippes")
    assert nippes.telefon == "0221 35587010"
    assert nippes.fax == ""
    assert nippes.gemeinde.ags == "05315000"
    assert nippes.region.name == "Köln"
    assert nippes.regierungsbezirk.code == "053"
    assert nippes.betriebsdatum == dt.date(2014, 8, 1)
    assert nippes.lat == pytest.approx(50.97, abs=0.02)
    assert nippes.lon == pytest.approx(6.95, abs=0.02)
    assert nippes.first_imported_at is not None
    assert nippes.last_changed_by_import_at == NOW

    aasee = School.objects.get(schulnummer="198104")
    assert aasee.foerderschwerpunkte == ["LE", "ES", "SQ"]
    assert aasee.foerderschwerpunkte_quelle == "register"
    bethel = School.objects.get(schulnummer="198106")
    assert (bethel.rechtsform, bethel.betriebsschluessel) == (2, 2)
    assert bethel.betriebsdatum == dt.date(2026, 7, 31)
    assert School.objects.get(schulnummer="198105").homepage == ""
    assert School.objects.get(schulnummer="198101").foerderschwerpunkte_quelle == ""


@pytest.mark.parametrize(
    ("variant", "transform"),
    [
        ("ohne sep-Zeile", lambda text: text.split("\n", 1)[1]),
        ("mit BOM", lambda text: "\ufeff" + text),
        ("Windows-Zeilenenden", lambda text: text.replace("\n", "\r\n")),
        (
            "Kopfzeile ohne Semikolon am Ende",
            lambda text: text.replace("UTMHochwert;", "UTMHochwert"),
        ),
    ],
)
def test_accepted_file_variants(tmp_path, variant, transform):
    path = tmp_path / "schuldaten.csv"
    path.write_text(transform(render(SCHOOLS)), encoding="utf-8", newline="")

    result = import_register(path)

    assert result.created == 6, variant
    assert result.rejected == 0, variant


def test_an_existing_school_is_updated_only_in_the_changed_fields(tmp_path):
    import_register(write_register(tmp_path / "a.csv", SCHOOLS), now=NOW)
    school = School.objects.get(schulnummer="198102")
    school.bildungsbereich = ""  # a field the register does not know
    moved = [
        school_row(**{**row, "PLZ": "44149", "Strasse": "Lindenhorster Str. 122"})
        if row["Schulnummer"] == "198102"
        else row
        for row in SCHOOLS
    ]

    result = import_register(write_register(tmp_path / "b.csv", moved), now=NOW + dt.timedelta(1))

    assert result.summary_line() == "created=0 updated=1 unchanged=5 closed=0 rejected=0"
    [updated] = [item for item in result.outcomes if item.outcome == Outcome.UPDATED]
    assert updated.field == "PLZ, Strasse"
    assert updated.reason == (
        "PLZ: „44147“ → „44149“; Strasse: „Lindenhorster Str. 120“ → „Lindenhorster Str. 122“"
    )
    school.refresh_from_db()
    assert (school.plz, school.strasse) == ("44149", "Lindenhorster Str. 122")
    history = school.history.first()
    assert history.diff_against(history.prev_record).changed_fields == ["plz", "strasse"]


def test_register_derived_foerderschwerpunkte_follow_the_register_recorded_ones_stay(tmp_path):
    import_register(write_register(tmp_path / "a.csv", SCHOOLS), now=NOW)
    School.objects.filter(schulnummer="198101").update(
        schulform_id="08", foerderschwerpunkte=["HK"], foerderschwerpunkte_quelle="erfasst"
    )
    renamed = [
        {**row, "Kurzbezeichnung": "Münster, FÖ GG, KM Aaseeschule"}
        if row["Schulnummer"] == "198104"
        else row
        for row in SCHOOLS
    ]

    import_register(write_register(tmp_path / "b.csv", renamed), now=NOW)

    aasee = School.objects.get(schulnummer="198104")
    assert (aasee.foerderschwerpunkte, aasee.foerderschwerpunkte_quelle) == (
        ["GG", "KM"],
        "register",
    )
    recorded = School.objects.get(schulnummer="198101")  # back to 02 by the register
    assert recorded.schulform_id == "02"
    assert (recorded.foerderschwerpunkte, recorded.foerderschwerpunkte_quelle) == (
        ["HK"],
        "erfasst",
    )


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("empty.csv", "Die Datei ist leer."),
        ("comma_delimited.csv", "Die Datei ist mit Komma getrennt; erwartet wird Semikolon"),
        (
            "wrong_header.csv",
            "Die Kopfzeile (Zeile 2) passt nicht zu den Schulgrunddaten NRW (23 Spalten): "
            "es fehlen die Spalten „PLZ“, „EPSG“; unerwartet sind die Spalten „Postleitzahl“.",
        ),
        (
            "latin1.csv",
            "Die Datei ist nicht UTF-8-kodiert (ungültiges Byte 0xE4 in Zeile 3); sie ist "
            "vermutlich Windows-1252 bzw. ISO-8859-1 (Latin-1)-kodiert. Bitte als UTF-8 speichern.",
        ),
        (
            "truncated.csv",
            "Die Datei ist unvollständig: die letzte Zeile 5 hat nur 18 von 23 Feldern. "
            "Wurde der Download abgebrochen?",
        ),
    ],
)
def test_broken_files_are_refused_and_nothing_changes(tmp_path, fixture, expected):
    import_register(write_register(tmp_path / "vorher.csv", SCHOOLS[3:]), now=NOW)
    before = db_snapshot()

    with pytest.raises(RegisterFileError) as refused:
        import_register(FIXTURES / fixture)

    assert expected in refused.value.message
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (lambda text: text[: text.rindex("Niehler")], "Zeile 5 endet mitten in einem Feld"),
        (
            lambda text: "sep=,\n" + text.split("\n", 1)[1],
            "Die erste Zeile „sep=,“ nennt Komma als Trennzeichen; erwartet wird Semikolon",
        ),
        (lambda text: "\n".join(text.split("\n")[:2]) + "\n", "nur die Kopfzeile"),
        (lambda text: "sep=;\n\n", "keine Kopfzeile"),
        (lambda text: text.replace('"Bochum";', '"Bo"chum";', 1), "Zeile 3: fehlerhafte"),
        (lambda text: text.split("\n", 1)[1].replace(";", "\t"), "mit Tabulator getrennt"),
        (lambda text: text.replace(";", "\t"), "„sep=“ nennt Tabulator als Trennzeichen"),
        (lambda text: text.replace("ä", "Ã¤"), "doppelt kodierte Umlaute"),
    ],
    ids=[
        "quote-open",
        "sep-comma",
        "header-only",
        "no-header",
        "stray-quote",
        "tabs",
        "sep-tab",
        "mojibake",
    ],
)
def test_more_broken_files_are_refused(tmp_path, content, expected):
    path = tmp_path / "schuldaten.csv"
    path.write_text(content(render(SCHOOLS[:3])), encoding="utf-8")

    with pytest.raises(RegisterFileError) as refused:
        import_register(path)

    assert expected in refused.value.message
    assert not School.objects.exists()
    assert not ImportRun.objects.exists()


def test_utf16_file_is_refused_with_its_encoding_named(tmp_path):
    path = write_register(tmp_path / "schuldaten.csv", SCHOOLS, encoding="utf-16")

    with pytest.raises(RegisterFileError, match="UTF-16-kodiert"):
        import_register(path)


def test_missing_file_is_refused_in_german(tmp_path):
    with pytest.raises(RegisterFileError, match="kann nicht gelesen werden"):
        import_register(tmp_path / "gibt-es-nicht.csv")


def test_rows_with_bad_fields_are_rejected_and_reported_the_others_imported(tmp_path):
    report = tmp_path / "bericht.csv"

    result = import_register(FIXTURES / "bad_fields.csv", report_path=report, now=NOW)

    assert result.summary_line() == "created=3 updated=0 unchanged=0 closed=0 rejected=2"
    assert [str(item) for item in result.rejections()] == [
        "Zeile 4, Feld „Gemeindeschluessel“: „0591100“ ist kein achtstelliger Gemeindeschlüssel.",
        "Zeile 6, Feld „PLZ“: „4478“ ist keine fünfstellige Postleitzahl.",
    ]
    assert sorted(School.objects.values_list("schulnummer", flat=True)) == [
        "198101",
        "198102",
        "198103",
    ]
    assert read_report(report) == [
        {"Zeile": "3", "Schulnummer": "198101", "Ergebnis": "angelegt", "Feld": "", "Grund": ""},
        {
            "Zeile": "4",
            "Schulnummer": "198107",
            "Ergebnis": "abgelehnt",
            "Feld": "Gemeindeschluessel",
            "Grund": "„0591100“ ist kein achtstelliger Gemeindeschlüssel.",
        },
        {"Zeile": "5", "Schulnummer": "198102", "Ergebnis": "angelegt", "Feld": "", "Grund": ""},
        {
            "Zeile": "6",
            "Schulnummer": "198108",
            "Ergebnis": "abgelehnt",
            "Feld": "PLZ",
            "Grund": "„4478“ ist keine fünfstellige Postleitzahl.",
        },
        {"Zeile": "7", "Schulnummer": "198103", "Ergebnis": "angelegt", "Feld": "", "Grund": ""},
    ]


def test_a_rejected_row_does_not_close_its_school(tmp_path):
    import_register(write_register(tmp_path / "a.csv", SCHOOLS), now=NOW)
    broken = [{**row, "PLZ": "ABCDE"} if row["Schulnummer"] == "198105" else row for row in SCHOOLS]

    result = import_register(write_register(tmp_path / "b.csv", broken), now=NOW)

    assert result.summary_line() == "created=0 updated=0 unchanged=5 closed=0 rejected=1"
    haan = School.objects.get(schulnummer="198105")
    assert haan.closed_at is None
    assert haan.plz == "42781"


def test_repeated_schulnummer_and_wrong_field_count_are_rejected(tmp_path):
    path = tmp_path / "schuldaten.csv"
    text = render(SCHOOLS[:2] + [SCHOOLS[0]])
    lines = text.split("\n")
    lines.insert(3, '"198109";"02";"Grundschule Am Park"')
    path.write_text("\n".join(lines), encoding="utf-8")

    result = import_register(path)

    assert [str(item) for item in result.rejections()] == [
        "Zeile 4: Die Zeile hat 3 statt 23 Felder.",
        "Zeile 6, Feld „Schulnummer“: „198101“ steht schon in Zeile 3.",
    ]
    assert result.created == 2


def test_import_is_audited_and_attributed(tmp_path):
    petra = make_user("petra.sommer@bezreg-muenster.nrw.de", first_name="Petra")

    result = import_register(
        write_register(tmp_path / "schuldaten.csv", SCHOOLS), acting_user=petra, now=NOW
    )

    run = result.import_run
    assert run == ImportRun.objects.get()
    assert (run.created, run.rejected, run.acting_user) == (6, 0, petra)
    assert run.started_at == NOW <= run.finished_at
    assert run.source.endswith("schuldaten.csv")
    assert len(run.sha256) == 64
    entry = AuditEntry.objects.get(action="schools.register.imported")
    assert entry.actor == petra
    assert (entry.object_type, entry.object_id) == ("schools.importrun", str(run.pk))
    assert entry.data["created"] == 6
    assert entry.data["sha256"] == run.sha256
    assert School.objects.get(schulnummer="198101").history.first().history_user == petra


# --- URLs --------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 – the base class's signature
        pass


@pytest.fixture
def register_server(tmp_path):
    """A local HTTP server on 127.0.0.1 serving tmp_path (no internet)."""
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_import_from_an_http_url(tmp_path, register_server):
    write_register(tmp_path / "schuldaten.csv", SCHOOLS)

    result = import_register(f"{register_server}/schuldaten.csv", now=NOW)

    assert result.created == 6
    assert result.import_run.source == f"{register_server}/schuldaten.csv"


def test_http_error_is_refused_in_german(register_server):
    with pytest.raises(RegisterFileError, match="antwortet mit HTTP 404"):
        import_register(f"{register_server}/fehlt.csv")
    assert not School.objects.exists()


def test_import_from_a_file_url(tmp_path):
    path = write_register(tmp_path / "schuldaten.csv", SCHOOLS)

    assert import_register(path.as_uri()).created == 6


# --- pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (("Städt. Gesamt-", "schule", ""), "Städt. Gesamtschule"),
        (
            ("Freie Waldorfschule Rudolf Steiner Schu-", "le", ""),
            "Freie Waldorfschule Rudolf Steiner Schule",
        ),
        (
            ("Private Ökumenische Montessori-", "Gesamtschule", ""),
            "Private Ökumenische Montessori-Gesamtschule",
        ),
        (
            ("Städt. Kath. Grundschule", "- Primarstufe -", ""),
            "Städt. Kath. Grundschule - Primarstufe -",
        ),
        (
            ("Gesamtschule der Stadt", "Tönisvorst  -Sekundarstufen I und II-", ""),
            "Gesamtschule der Stadt Tönisvorst -Sekundarstufen I und II-",
        ),
        (("Grundschule", "", "Am Park"), "Grundschule Am Park"),
    ],
)
def test_name_lines_are_joined_sensibly(lines, name):
    assert join_name_lines(*lines) == name


@pytest.mark.parametrize(
    ("kurzbezeichnung", "codes"),
    [
        ("Bochum, FÖ LE,ES, SQ Schule am Park", ("LE", "ES", "SQ")),
        ("Essen,FÖLE,ES,SQ,GG,KM Schule am Hellweg", ("LE", "ES", "SQ", "GG", "KM")),
        ("Bielefeld,FÖBK KM,LE,ES,GGKerschenstein.", ("KM", "LE", "ES", "GG")),
        ("Hövelhof, FÖ BK, ES, LE Salvator Sek.II", ("ES", "LE")),
        ("Kaarst, FÖ,LE,ES,GG Martinusschule", ("LE", "ES", "GG")),
        ("Duisburg, FÖ LE Eschenstr.", ("LE",)),
        ("Mönchengladbach, FÖ KM LVR-Förderschule", ("KM",)),
        ("Bergisch Gladbach,FÖ LE,ES,SB Mitte-Nord", ("LE", "ES")),
        ("Köln, FS SQ Heinrich-Welsch-Schule", ("SQ",)),
        ("Bad Honnef, FÖ BK Nell-Breuning", ()),
        ("Haan, GE Walder Straße", ()),
    ],
)
def test_foerderschwerpunkte_are_read_from_the_kurzbezeichnung(kurzbezeichnung, codes):
    assert foerderschwerpunkte_from_kurzbezeichnung(kurzbezeichnung) == codes


def test_summary_line_and_report_without_database(tmp_path):
    result = ImportResult(
        source="schuldaten.csv",
        outcomes=[
            RowOutcome(3, "198101", Outcome.CREATED),
            RowOutcome(4, "=HYPERLINK()", Outcome.REJECTED, "Schulnummer", "kaputt"),
            RowOutcome(None, "198102", Outcome.CLOSED, "", "Nicht mehr im Register."),
        ],
    )

    assert result.summary_line() == "created=1 updated=0 unchanged=0 closed=1 rejected=1"
    result.write_report(tmp_path / "bericht.csv")
    rows = read_report(tmp_path / "bericht.csv")
    assert [row["Ergebnis"] for row in rows] == ["angelegt", "abgelehnt", "geschlossen"]
    assert rows[1]["Schulnummer"] == "'=HYPERLINK()", "no formula in Excel"
    assert (tmp_path / "bericht.csv").read_bytes().splitlines()[0] == (
        b"\xef\xbb\xbfZeile;Schulnummer;Ergebnis;Feld;Grund"
    )


def test_now_defaults_to_the_current_time(tmp_path):
    before = timezone.now()
    import_register(write_register(tmp_path / "schuldaten.csv", SCHOOLS[:1]))
    assert School.objects.get().last_changed_by_import_at >= before


def test_unreachable_url_is_refused_in_german():
    with socket.socket() as probe:  # a port on 127.0.0.1 that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(RegisterFileError, match="ist nicht erreichbar"):
        import_register(f"http://127.0.0.1:{port}/schuldaten.csv")


def test_recorded_source_drops_credentials():
    assert public_source("https://import:geheim@daten.example.nrw/schuldaten.csv?jahr=2021") == (
        "https://daten.example.nrw/schuldaten.csv?jahr=2021"
    )
    assert public_source("/srv/register/schuldaten.csv") == "/srv/register/schuldaten.csv"
