"""``bildungsnetz import_schools PATH_OR_URL [--report FILE] [--allow-mass-closure]``."""

import io
import os
import re
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from bildungsnetz.schools.models import ImportRun, School

from .register_files import FIXTURES, PROJECT_ROOT, SCHOOLS, write_register

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r"created=\d+ updated=\d+ unchanged=\d+ closed=\d+ rejected=\d+")


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_schools", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_summary_is_the_last_line(tmp_path):
    out, err = run(str(write_register(tmp_path / "schuldaten.csv", SCHOOLS)))

    last = out.strip().splitlines()[-1]
    assert SUMMARY.fullmatch(last)
    assert last == "created=6 updated=0 unchanged=0 closed=0 rejected=0"
    assert err == ""
    assert School.objects.count() == 6


def test_rejected_rows_go_to_stderr_in_german_and_the_report_is_written(tmp_path):
    report = tmp_path / "bericht.csv"

    out, err = run(str(FIXTURES / "bad_fields.csv"), "--report", str(report))

    assert out.strip().splitlines()[-1] == "created=3 updated=0 unchanged=0 closed=0 rejected=2"
    assert err.splitlines() == [
        "Abgelehnt: Zeile 4, Feld „Gemeindeschluessel“: „0591100“ ist kein achtstelliger "
        "Gemeindeschlüssel.",
        "Abgelehnt: Zeile 6, Feld „PLZ“: „4478“ ist keine fünfstellige Postleitzahl.",
    ]
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Zeile;Schulnummer;Ergebnis;Feld;Grund"
    assert "4;198107;abgelehnt;Gemeindeschluessel;„0591100“ ist kein achtstelliger " in lines[2]
    assert len(lines) == 1 + 5


def test_source_defaults_to_the_setting(tmp_path, settings):
    settings.SCHOOL_REGISTER_SOURCE = str(write_register(tmp_path / "schuldaten.csv", SCHOOLS))

    out, _ = run()

    assert out.strip().endswith("created=6 updated=0 unchanged=0 closed=0 rejected=0")


def test_refused_file_raises_a_command_error_with_exit_code_1():
    with pytest.raises(CommandError) as refused:
        run(str(FIXTURES / "latin1.csv"))

    assert refused.value.returncode == 1
    assert str(refused.value).startswith(
        "Import abgelehnt, nichts wurde geändert: Die Datei ist nicht UTF-8-kodiert"
    )
    assert not School.objects.exists()
    assert not ImportRun.objects.exists()


def test_refused_file_exits_with_1_and_a_german_message_on_the_console():
    """The real console script; the file is refused before the database is touched."""
    completed = subprocess.run(
        [sys.executable, "-m", "bildungsnetz", "import_schools", FIXTURES / "comma_delimited.csv"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bildungsnetz.settings"},
        timeout=120,
        check=False,
    )

    assert completed.returncode == 1
    assert "Import abgelehnt, nichts wurde geändert: Die Datei ist mit Komma getrennt" in (
        completed.stderr
    )
    assert completed.stdout == ""


def test_mass_closure_needs_the_option(tmp_path, settings):
    settings.SCHOOL_IMPORT_MAX_CLOSURE_SHARE = 0.2
    run(str(write_register(tmp_path / "alle.csv", SCHOOLS)))
    two = str(write_register(tmp_path / "zwei.csv", SCHOOLS[:2]))

    with pytest.raises(CommandError, match="4 von 6 offenen Schulen"):
        run(two)
    assert School.objects.filter(closed_at__isnull=True).count() == 6

    out, _ = run(two, "--allow-mass-closure")
    assert out.strip().endswith("created=0 updated=0 unchanged=2 closed=4 rejected=0")


def test_report_folder_must_exist(tmp_path):
    source = str(write_register(tmp_path / "schuldaten.csv", SCHOOLS))

    with pytest.raises(CommandError, match="Ordner für den Bericht"):
        run(source, "--report", str(tmp_path / "fehlt" / "bericht.csv"))

    assert not School.objects.exists()
