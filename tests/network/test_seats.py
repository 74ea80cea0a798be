"""The seat checker (pure functions): every variant, every seat, fill/missing/over-filled,
expired and future memberships, deputies and guests."""

import datetime
import itertools

import pytest

from bildungsnetz.network import seats
from bildungsnetz.network.seats import FEHLT, OK, UEBERZAEHLIG, Holder, check_seats, seat_rules

DAY = datetime.date(2026, 11, 22)
YESTERDAY = DAY - datetime.timedelta(days=1)
TOMORROW = DAY + datetime.timedelta(days=1)

VARIANTS = [
    ("lenkungskreis", "kreisfreie_stadt", "standard"),
    ("lenkungskreis", "kreis", "standard"),
    ("lenkungskreis", "staedteregion", "standard"),
    ("lenkungskreis", "kreisfreie_stadt", "chefsache"),
    ("lenkungskreis", "kreis", "chefsache"),
    ("bildungskonferenz", "kreisfreie_stadt", "standard"),
    ("bildungskonferenz", "kreis", "standard"),
    ("bildungskonferenz", "staedteregion", "standard"),
    ("bildungsbuero", "kreisfreie_stadt", "standard"),
]
NAMES = itertools.count(1)


def _holders(seat_code: str, n: int, **extra) -> list[Holder]:
    return [Holder(seat=seat_code, name=f"Mitglied {next(NAMES)}", **extra) for _ in range(n)]


def _full(body, region_kind, variant) -> list[Holder]:
    """Every counted seat filled with exactly its minimum."""
    holders = []
    for seat in seat_rules(body, region_kind, variant):
        if seat.counted:
            holders += _holders(seat.code, seat.min)
    return holders


def _status(result, code):
    return next(s for s in result.seats if s.seat == code)


def _all_seats():
    for body, region_kind, variant in VARIANTS:
        for seat in seat_rules(body, region_kind, variant):
            yield pytest.param(
                body, region_kind, variant, seat, id=f"{body}-{region_kind}-{variant}-{seat.code}"
            )


@pytest.mark.parametrize(("body", "region_kind", "variant"), VARIANTS)
def test_minimum_filling_is_ok_and_empty_body_is_not(body, region_kind, variant):
    full = check_seats(
        body_kind=body,
        region_kind=region_kind,
        variant=variant,
        holders=_full(body, region_kind, variant),
        day=DAY,
    )
    assert full.ok, [s for s in full.seats if s.status != OK]
    empty = check_seats(
        body_kind=body, region_kind=region_kind, variant=variant, holders=[], day=DAY
    )
    assert not empty.ok
    assert empty.missing == sum(s.min for s in seat_rules(body, region_kind, variant) if s.counted)


@pytest.mark.parametrize(("body", "region_kind", "variant", "seat"), list(_all_seats()))
def test_each_seat_missing_ok_overfilled_expired_deputy(body, region_kind, variant, seat):
    others = [h for h in _full(body, region_kind, variant) if h.seat != seat.code]

    def run(extra):
        result = check_seats(
            body_kind=body,
            region_kind=region_kind,
            variant=variant,
            holders=others + extra,
            day=DAY,
        )
        return result, _status(result, seat.code)

    if not seat.counted:  # guests of the Chefsache variant: listed, never counted
        result, row = run(_holders(seat.code, 4, guest=True))
        assert row.status == OK and row.filled == 0 and len(row.members) == 4
        assert row.required == 0
        assert result.ok
        return

    # exactly the minimum
    result, row = run(_holders(seat.code, seat.min))
    assert row.status == OK
    assert row.required == seat.min
    assert row.max == seat.max
    assert row.filled == seat.min
    assert result.ok

    if seat.min > 0:
        # one short → fehlt, with a German explanation naming the gap
        result, row = run(_holders(seat.code, seat.min - 1))
        assert row.status == FEHLT
        assert "Es fehlen 1" in row.explanation
        assert not result.ok
        # expired, future memberships and deputies do not fill the seat
        stale = (
            _holders(seat.code, seat.min - 1)
            + _holders(seat.code, 1, start=datetime.date(2019, 1, 1), end=YESTERDAY)
            + _holders(seat.code, 1, start=TOMORROW)
            + _holders(seat.code, 1, deputy=True)
            + _holders(seat.code, 1, guest=True)
        )
        result, row = run(stale)
        assert row.status == FEHLT
        assert row.filled == seat.min - 1
        # a membership ending today still counts (from ≤ today ≤ to)
        result, row = run(
            _holders(seat.code, seat.min - 1) + _holders(seat.code, 1, start=YESTERDAY, end=DAY)
        )
        assert row.status == OK

    if seat.max is not None:
        result, row = run(_holders(seat.code, seat.max + 1))
        assert row.status == UEBERZAEHLIG
        assert row.filled == seat.max + 1
        assert "1 zu viel" in row.explanation
        assert not result.ok
        result, row = run(_holders(seat.code, seat.max))
        assert row.status == OK
    else:
        result, row = run(_holders(seat.code, seat.min + 5))
        assert row.status == OK


def test_kreisfreie_stadt_lenkungskreis_composition():
    rules = {s.code: (s.min, s.max) for s in seat_rules("lenkungskreis", "kreisfreie_stadt")}
    assert rules == {
        "untere_schulaufsicht": (1, 1),
        "obere_schulaufsicht": (1, 1),
        "kommune": (2, 2),
        "schulleitung": (2, 2),
        "weitere": (0, None),
    }


def test_kreis_lenkungskreis_composition_and_staedteregion_like_kreis():
    rules = {s.code: (s.min, s.max) for s in seat_rules("lenkungskreis", "kreis")}
    assert rules == {
        "untere_schulaufsicht": (1, 1),
        "obere_schulaufsicht": (1, 1),
        "kommune": (2, 2),
        "kreisangehoerige": (2, 2),
        "schulleitung": (3, 3),
        "weitere": (0, None),
    }
    assert seat_rules("lenkungskreis", "staedteregion") == seat_rules("lenkungskreis", "kreis")
    assert seats.variant_name("lenkungskreis", "staedteregion") == "kreis"


def test_chefsache_compositions():
    city = {
        s.code: (s.min, s.max) for s in seat_rules("lenkungskreis", "kreisfreie_stadt", "chefsache")
    }
    assert city == {
        "verwaltungsspitze": (1, 1),
        "dezernat": (2, 3),
        "abteilungsdirektion": (1, 1),
        "obere_schulaufsicht": (1, 1),
        "untere_schulaufsicht": (1, 1),
        "gast": (0, None),
    }
    kreis = {s.code: (s.min, s.max) for s in seat_rules("lenkungskreis", "kreis", "chefsache")}
    assert kreis["buergermeister"] == (2, 3)
    assert kreis["verwaltungsspitze"] == (1, 1)
    assert kreis["dezernat"] == (0, None)
    assert "schulleitung" not in kreis


def test_bildungskonferenz_has_one_spokesperson_per_schulform_and_schultraeger_ranges():
    city = {s.code: (s.min, s.max) for s in seat_rules("bildungskonferenz", "kreisfreie_stadt")}
    for code in (
        "grundschule",
        "foerderschule",
        "hauptschule",
        "realschule",
        "gesamtschule",
        "sekundarschule",
        "gymnasium",
        "berufskolleg",
    ):
        assert city[f"schulleitung_{code}"] == (1, 1)
    assert city["schultraeger"] == (1, 3)
    assert "schultraeger_kreisangehoerig" not in city
    kreis = {s.code: (s.min, s.max) for s in seat_rules("bildungskonferenz", "kreis")}
    assert kreis["schultraeger_kreisangehoerig"] == (1, 2)
    for code in (
        "kompetenzteam",
        "jugendhilfe",
        "agentur_fuer_arbeit",
        "handwerkskammer",
        "ihk",
        "vhs",
        "integrationszentrum",
        "gleichstellung",
    ):
        assert city[code] == (1, 1)
    for code in ("religion", "kultur", "sport", "eltern", "schueler"):
        assert city[code] == (1, None)
    assert city["weitere"] == (0, None)


def test_member_on_unknown_seat_is_reported_as_ueberzaehlig():
    holders = _full("lenkungskreis", "kreisfreie_stadt", "standard") + [
        Holder(seat="buergermeister", name="Thomas Eiskirch")
    ]
    result = check_seats(
        body_kind="lenkungskreis", region_kind="kreisfreie_stadt", holders=holders, day=DAY
    )
    stray = _status(result, seats.UNKNOWN_SEAT)
    assert stray.status == UEBERZAEHLIG
    assert stray.members == ["Thomas Eiskirch"]
    assert not result.ok


def test_json_shape():
    result = check_seats(
        body_kind="lenkungskreis",
        region_kind="kreisfreie_stadt",
        holders=[
            Holder(seat="untere_schulaufsicht", name="Petra Sommer (Schulamt für die Stadt Bochum)")
        ],
        day=DAY,
    )
    data = result.as_json("05911")
    assert set(data) == {"region", "body", "variant", "seats", "ok"}
    assert data["region"] == "05911"
    assert data["body"] == "lenkungskreis"
    assert data["variant"] == "kreisfreie_stadt"
    assert data["ok"] is False
    first = data["seats"][0]
    assert {"seat", "required", "filled", "status", "members", "max"} <= set(first)
    assert first["members"] == ["Petra Sommer (Schulamt für die Stadt Bochum)"]
