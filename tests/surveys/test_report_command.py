"""``bildungsnetz survey_report SURVEY_ID [--json]``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from .report_data import SOEST, make_survey

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("survey_report", *args, stdout=out)
    return out.getvalue()


def test_json_is_exactly_one_object_with_the_documented_shape():
    survey = make_survey()
    text = _run(str(survey.pk), "--json")
    data = json.loads(text)  # fails on anything but a single JSON document
    assert text.strip().startswith("{") and text.count("\n") <= 1
    assert list(data) == ["survey", "items", "dimensions", "regions", "overall"]
    assert data["survey"] == {
        "id": survey.pk,
        "title": "Evaluation der Bildungsnetzwerke 2026",
        "instrument": "rbn-test-auswertung",
        "target_group": "akteure",
        "anonymity_threshold": 5,
    }
    assert data["items"] == [
        {
            "code": "A1",
            "text": "Ich kenne die Ziele des Bildungsnetzwerks.",
            "dimension": "Transparenz",
            "n": 19,
            "agree_pct": 1300 / 19,
        },
        {
            "code": "A2",
            "text": "Die Gremien des Netzwerks sind mir bekannt.",
            "dimension": "Transparenz",
            "n": 20,
            "agree_pct": 35.0,
        },
        {
            "code": "B1",
            "text": "Meine Einrichtung wird in Planungen einbezogen.",
            "dimension": "Beteiligung",
            "n": 16,
            "agree_pct": 68.75,
        },
    ]
    assert data["dimensions"] == [
        {"name": "Transparenz", "agree_pct": (1300 / 19 + 35.0) / 2},
        {"name": "Beteiligung", "agree_pct": 68.75},
    ]
    assert data["regions"] == [
        {"ags": "05911", "invited": 10, "responded": 6, "response_rate": 60.0},
        {"ags": "05754", "invited": 4, "responded": None, "response_rate": None,
         "suppressed": True},
        {"ags": SOEST, "invited": 5, "responded": None, "response_rate": None,
         "suppressed": True},
        {"ags": "05570", "invited": 3, "responded": None, "response_rate": None,
         "suppressed": True},
        {"ags": "05515", "invited": 16, "responded": 8, "response_rate": 50.0},
    ]  # fmt: skip
    assert data["overall"] == {"invited": 38, "responded": 21, "response_rate": 2100 / 38}


def test_json_with_everything_suppressed():
    survey = make_survey(sheets={SOEST: [{"A1": "voll", "A2": "eher"}] * 4})
    data = json.loads(_run(str(survey.pk), "--json"))
    assert data["items"][0] == {
        "code": "A1",
        "text": "Ich kenne die Ziele des Bildungsnetzwerks.",
        "dimension": "Transparenz",
        "n": None,
        "agree_pct": None,
        "suppressed": True,
    }
    assert data["dimensions"][0] == {"name": "Transparenz", "agree_pct": None, "suppressed": True}
    assert data["overall"] == {
        "invited": 5,
        "responded": None,
        "response_rate": None,
        "suppressed": True,
    }


def test_readable_table_in_german_rounds_half_up():
    survey = make_survey()
    text = _run(str(survey.pk))
    assert "Rücklauf gesamt: 21 von 38 (55 %)" in text
    assert "B1" in text and "69 %" in text  # 68.75
    assert "weniger als 5 Antworten" in text
    assert "Kreis Soest" in text and " 4 " not in text.split("Kreis Soest", 1)[1].split("\n")[0]


def test_unknown_survey_is_a_clear_error():
    with pytest.raises(CommandError, match="keine Befragung"):
        _run("999999", "--json")
