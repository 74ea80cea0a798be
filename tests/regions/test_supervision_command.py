import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_school


@pytest.mark.django_db
def test_supervision_json_for_a_grundschule_in_bochum(capsys):
    make_school("188001", "02", gemeinde_ags="05911000")
    call_command("supervision", "188001", "--json")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, "exactly one JSON object"
    data = json.loads(out[0])
    assert data == {
        "schulnummer": "188001",
        "schulform": "02",
        "kreis_ags": "05911",
        "regierungsbezirk": "059",
        "fachaufsicht": {
            "behoerde": "Schulamt für die Stadt Bochum",
            "ebene": "untere",
            "bereich": "05911",
        },
        "dienstaufsicht": {
            "behoerde": "Schulamt für die Stadt Bochum",
            "ebene": "untere",
            "bereich": "05911",
        },
        "regel": "Grundschule: Das Schulamt führt Fach- und Dienstaufsicht.",
        "hinweis": None,
    }


@pytest.mark.django_db
def test_supervision_json_for_a_gymnasium_in_kreis_mettmann(capsys):
    make_school("165432", "20", gemeinde_ags="05158008", name="Städtisches Gymnasium Haan")
    call_command("supervision", "165432", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["kreis_ags"] == "05158"
    assert data["regierungsbezirk"] == "051"
    assert data["fachaufsicht"] == {
        "behoerde": "Bezirksregierung Düsseldorf",
        "ebene": "obere",
        "bereich": "051",
    }
    assert data["dienstaufsicht"]["behoerde"] == "Bezirksregierung Düsseldorf"


@pytest.mark.django_db
def test_recorded_foerderschwerpunkt_changes_the_answer(capsys):
    school = make_school("199001", "08", name="Förderschule an der Ruhr")
    call_command("supervision", "199001", "--json")
    undecided = json.loads(capsys.readouterr().out)
    assert undecided["fachaufsicht"] is None and undecided["hinweis"]

    school.foerderschwerpunkte = ["HK"]
    school.save()
    call_command("supervision", "199001", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["fachaufsicht"]["ebene"] == "obere"
    assert data["hinweis"] is None


@pytest.mark.django_db
def test_unknown_schulnummer_exits_1_with_german_message(capsys):
    with pytest.raises(CommandError) as exc:
        call_command("supervision", "999999", "--json")
    assert exc.value.returncode == 1
    assert "keine Schule mit dieser Schulnummer" in str(exc.value)


@pytest.mark.django_db
def test_console_script_prints_one_json_object_and_exit_code(tmp_path):
    import os
    import subprocess
    import sys

    # The real console script against an unknown number: exit code 1, German message.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    subprocess.run(
        [sys.executable, "-m", "bildungsnetz", "migrate", "-v", "0"], env=env, check=True
    )
    proc = subprocess.run(
        [sys.executable, "-m", "bildungsnetz", "supervision", "123456", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "Schulnummer 123456" in proc.stderr
    assert proc.stdout == ""
