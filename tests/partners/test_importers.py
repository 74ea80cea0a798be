"""Import of institutions from CSV/XLSX: row report, idempotency, broken files."""

import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from bildungsnetz.core.errors import DomainError
from bildungsnetz.partners.importers import ImportFileError, import_institutions
from bildungsnetz.partners.models import Institution

from . import factories as f

pytestmark = pytest.mark.django_db

HEADER = (
    "schluessel;name;art;strasse;plz;ort;breite;laenge;email;kontakt_name;kontakt_email;"
    "kontakt_einwilligung;kontakt_einwilligung_datum;kreis_ags"
)
ROWS = [
    "MS-001;LWL-Museum für Kunst und Kultur;Museum;Domplatz 10;48143;Münster;51,9624;7,6257;"
    "museum@lwl.org;Hannah Brinkmann;brinkmann@lwl.example.org;ja;15.01.2026;",
    "MS-002;Stadtbücherei Münster;bibliothek;Alter Steinweg 11;48143;Münster;;;;;;;;",
    "MS-003;Zirkus Quatsch;Zirkus;Hafenweg 1;48155;Münster;;;;;;;;",
    "MS-004;Villa ten Hompel;Gedenkstätte;Kaiser-Wilhelm-Ring 28;4814;Münster;;;;;;;;",
    "MS-005;Allwetterzoo Münster;Umweltbildung;Sentruper Straße 315;48161;Münster;"
    "7,585;51,949;;;;;;",
    "MS-006;Westfälischer Heimatbund;Verband;Kaiser-Wilhelm-Ring 3;48145;Münster;;;;"
    "Jonas Albers;;ja;;05515",
]


def csv_bytes(rows=ROWS, header=HEADER) -> bytes:
    return ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


@pytest.fixture
def register(paulinum):
    return [paulinum, f.school("schiller")]


def test_csv_import_row_report_with_line_field_and_reason(register, buero_muenster):
    report = import_institutions(csv_bytes(), "einrichtungen.csv", acting_user=buero_muenster)
    outcome = {r.key: (r.outcome, r.line, r.field, r.reason) for r in report.rows}
    assert outcome["MS-001"][0] == "angelegt"
    assert outcome["MS-002"][0] == "angelegt"
    assert outcome["MS-003"] == ("abgelehnt", 4, "art", "Unbekannte Art der Einrichtung „Zirkus“.")
    assert outcome["MS-004"][:3] == ("abgelehnt", 5, "plz")
    assert "fünf Ziffern" in outcome["MS-004"][3]
    assert outcome["MS-005"][:3] == ("abgelehnt", 6, "breite")
    assert "vertauscht" in outcome["MS-005"][3]
    assert outcome["MS-006"][:3] == ("abgelehnt", 7, "kontakt_einwilligung_datum")
    assert report.summary == {"angelegt": 2, "geändert": 0, "unverändert": 0, "abgelehnt": 4}
    museum = Institution.objects.get(import_key="MS-001")
    assert (museum.lat, museum.lon, museum.geocode_method) == (51.9624, 7.6257, "import")
    assert museum.verified and museum.region.ags == "05515"
    assert museum.contacts.get().consent_public
    library = Institution.objects.get(import_key="MS-002")
    assert library.geocode_method == "plz_schwerpunkt"
    # A rejected row leaves nothing behind, not even the institution of a bad contact.
    assert not Institution.objects.filter(import_key="MS-006").exists()


def test_second_import_is_idempotent_and_changes_update(register, buero_muenster):
    import_institutions(csv_bytes(), "a.csv", acting_user=buero_muenster)
    again = import_institutions(csv_bytes(), "a.csv", acting_user=buero_muenster)
    assert again.summary == {"angelegt": 0, "geändert": 0, "unverändert": 2, "abgelehnt": 4}
    changed = [ROWS[0].replace("Domplatz 10", "Domplatz 10a"), ROWS[1]]
    third = import_institutions(csv_bytes(changed), "a.csv", acting_user=buero_muenster)
    assert third.summary["geändert"] == 1 and third.summary["unverändert"] == 1
    assert Institution.objects.get(import_key="MS-001").strasse == "Domplatz 10a"
    assert Institution.objects.count() == 2


def test_xlsx_import(register, buero_muenster):
    wb = Workbook()
    sheet = wb.active
    sheet.append(["Schluessel", "Name", "Art", "PLZ", "Ort", "Breite", "Laenge", "Kreis_AGS"])
    sheet.append(
        ["BO-1", "Stadtbibliothek Bochum", "Bibliothek", 44787, "Bochum", 51.481, 7.2165, "05911"]
    )
    sheet.append(["BO-2", "Deutsches Bergbau-Museum Bochum", "museum", "44791", "Bochum"])
    buffer = io.BytesIO()
    wb.save(buffer)
    from tests.factories import make_user

    buero_bochum = make_user("bo@example.org", "bildungsbuero", "05911")
    report = import_institutions(buffer.getvalue(), "bochum.xlsx", acting_user=buero_bochum)
    assert report.rows[0].outcome == "angelegt"
    assert Institution.objects.get(import_key="BO-1").plz == "44787"
    # 44791 has no school in the register: no region can be derived.
    assert (report.rows[1].outcome, report.rows[1].field) == ("abgelehnt", "kreis_ags")


def test_bildungsbuero_imports_only_its_own_region(register, buero_bochum):
    report = import_institutions(csv_bytes(ROWS[:2]), "a.csv", acting_user=buero_bochum)
    assert [r.outcome for r in report.rows] == ["abgelehnt", "abgelehnt"]
    assert report.rows[0].field == "kreis_ags"
    assert "eigenen Region" in report.rows[0].reason
    assert not Institution.objects.exists()


@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"", "a.csv", "leer"),
        (b"name;art;plz\nA;museum;48143\n", "a.csv", "Pflichtspalten: schluessel, ort"),
        (b"\x00\x01\x02 not a sheet", "a.xlsx", "beschädigt"),
        (b"schluessel;name", "a.pdf", "CSV- oder XLSX-Datei"),
        (b"x" * (5 * 1024 * 1024 + 1), "a.csv", "größer als 5 MB"),
        (b"schluessel;name;name;art;plz;ort\n", "a.csv", "doppelt"),
    ],
)
def test_broken_files_are_refused_whole(content, name, message, register, buero_muenster):
    with pytest.raises(ImportFileError, match=message):
        import_institutions(content, name, acting_user=buero_muenster)
    assert not Institution.objects.exists()


def test_duplicate_key_in_one_file_is_rejected(register, buero_muenster):
    report = import_institutions(
        csv_bytes([ROWS[0], ROWS[0].replace("LWL-Museum", "LWL Museum")]),
        "a.csv",
        acting_user=buero_muenster,
    )
    assert report.rows[1].outcome == "abgelehnt"
    assert report.rows[1].reason == "Der Schlüssel steht schon in Zeile 2."


def test_dry_run_writes_nothing(register, buero_muenster):
    report = import_institutions(csv_bytes(), "a.csv", acting_user=buero_muenster, dry_run=True)
    assert report.summary["angelegt"] == 2
    assert not Institution.objects.exists()


def test_only_offices_import(register, schule_paulinum):
    with pytest.raises(DomainError):
        import_institutions(csv_bytes(), "a.csv", acting_user=schule_paulinum)


def test_management_command_reports_rows(register, buero_muenster, tmp_path):
    path = tmp_path / "einrichtungen.csv"
    path.write_bytes(csv_bytes())
    out = StringIO()
    call_command("import_institutions", str(path), "--as", buero_muenster.email, stdout=out)
    text = out.getvalue()
    assert "Zeile 4, Spalte art: Unbekannte Art der Einrichtung „Zirkus“." in text
    assert "2 angelegt, 0 geändert, 0 unverändert, 4 abgelehnt." in text
    with pytest.raises(CommandError, match="kein Konto"):
        call_command("import_institutions", str(path), "--as", "niemand@example.org")
    bad = tmp_path / "kaputt.xlsx"
    bad.write_bytes(b"PK\x03\x04 kaputt")
    with pytest.raises(CommandError, match="kaputt.xlsx: Die XLSX-Datei ist beschädigt"):
        call_command("import_institutions", str(bad), "--as", buero_muenster.email)
