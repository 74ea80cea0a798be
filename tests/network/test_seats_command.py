"""`bildungsnetz seats AGS body --json` prints exactly one JSON object."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bildungsnetz.network.models import Body


def _run(*args) -> str:
    out = StringIO()
    call_command("seats", *args, stdout=out)
    return out.getvalue()


def test_complete_lenkungskreis_is_ok(full_lenkungskreis):
    data = json.loads(_run("05911", "lenkungskreis", "--json"))
    assert data["region"] == "05911"
    assert data["body"] == "lenkungskreis"
    assert data["variant"] == "kreisfreie_stadt"
    assert data["ok"] is True
    seat = next(s for s in data["seats"] if s["seat"] == "kommune")
    assert seat["required"] == 2 and seat["filled"] == 2 and seat["status"] == "ok"
    assert "Anja Lehmann (Stadt Bochum, Schulverwaltungsamt)" in seat["members"]


def test_output_is_exactly_one_json_object(full_lenkungskreis):
    text = _run("05911", "lenkungskreis", "--json").strip()
    assert text.count("\n") == 0
    assert isinstance(json.loads(text), dict)


def test_expired_member_makes_seat_missing(full_lenkungskreis, seat_member):
    member = full_lenkungskreis.memberships.get(seat="obere_schulaufsicht")
    member.end = datetime.date(2020, 7, 31)
    member.save()
    data = json.loads(_run("05911", "lenkungskreis", "--json"))
    seat = next(s for s in data["seats"] if s["seat"] == "obere_schulaufsicht")
    assert seat["status"] == "fehlt"
    assert seat["filled"] == 0
    assert data["ok"] is False


def test_overfilled_and_deputy(full_lenkungskreis, seat_member):
    seat_member(full_lenkungskreis, "schulleitung", "Sabine", "Wolff", "Realschule Querenburg")
    seat_member(
        full_lenkungskreis, "kommune", "Ralf", "Becker", "Stadt Bochum", kind="stellvertretung"
    )
    data = json.loads(_run("05911", "lenkungskreis", "--json"))
    schulleitung = next(s for s in data["seats"] if s["seat"] == "schulleitung")
    assert schulleitung["status"] == "ueberzaehlig"
    assert schulleitung["filled"] == 3
    kommune = next(s for s in data["seats"] if s["seat"] == "kommune")
    assert kommune["status"] == "ok" and kommune["filled"] == 2


def test_region_without_body_reports_all_missing_for_a_kreis(db):
    data = json.loads(_run("05554", "bildungskonferenz", "--json"))
    assert data["variant"] == "kreis"
    assert data["ok"] is False
    assert {s["status"] for s in data["seats"]} == {"fehlt", "ok"}  # "weitere" is optional
    assert any(s["seat"] == "schultraeger_kreisangehoerig" for s in data["seats"])


def test_chefsache_variant_in_json(bochum):
    Body.objects.create(region=bochum, kind="lenkungskreis", name="LK", variant="chefsache")
    data = json.loads(_run("05911", "lenkungskreis", "--json"))
    assert data["variant"] == "chefsache_kreisfreie_stadt"
    assert any(s["seat"] == "verwaltungsspitze" for s in data["seats"])


def test_unknown_region_is_an_error(db):
    with pytest.raises(CommandError, match="Keine Region"):
        _run("05999", "lenkungskreis", "--json")


def test_text_output_names_status(full_lenkungskreis):
    text = _run("05911", "lenkungskreis")
    assert "Besetzung vollständig." in text
    assert "Bochum" in text
