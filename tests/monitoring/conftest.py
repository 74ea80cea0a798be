"""Constructed German data for the monitoring tests; every expected number is counted by hand
in the docstring of the fixture that creates it."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.network.models import (
    Body,
    Decision,
    Meeting,
    Membership,
    Network,
    Organisation,
    Person,
    WorkOrder,
)
from bildungsnetz.partners.models import Institution, Partnership
from bildungsnetz.regions.models import Region
from tests.factories import make_school, make_user

BOCHUM, MUENSTER, DORTMUND, HERNE, GELSENKIRCHEN = "05911", "05515", "05913", "05916", "05513"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def aware(year, month, day, hour=17):
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def contracts(db):
    """Five regions with a network record: 3 signed (Bochum, Münster, Dortmund), Herne in
    negotiation, Gelsenkirchen without agreement. The other 48 have no record."""
    states = {
        BOCHUM: ("unterzeichnet", datetime.date(2008, 9, 1)),
        MUENSTER: ("unterzeichnet", datetime.date(2009, 3, 12)),
        DORTMUND: ("unterzeichnet", None),
        HERNE: ("verhandlung", None),
        GELSENKIRCHEN: ("keine", None),
    }
    for ags, (status, signed_on) in states.items():
        Network.objects.create(
            region=Region.objects.get(ags=ags), contract_status=status, signed_on=signed_on
        )


def _member(body, seat, first, last, org_name, **extra):
    org, _ = Organisation.objects.get_or_create(
        region=body.region, name=org_name, defaults={"kind": "sonstige"}
    )
    person = Person.objects.create(
        region=body.region, first_name=first, last_name=last, organisation=org
    )
    return Membership.objects.create(body=body, person=person, organisation=org, seat=seat, **extra)


@pytest.fixture
def bochum_network(db):
    return build_bochum_network()


def build_bochum_network():
    """Bochum: complete Lenkungskreis and Bildungsbüro, empty Bildungskonferenz → 2 of 3.
    Meetings: 2 in 2025, 1 in 2026. Work orders (today = real today): 2 overdue (open and in
    progress, due in the past), 1 open due in the future, 1 done (its due date is past but it
    is done), 1 discarded → done 1, overdue 2, counted 4."""
    bochum = Region.objects.get(ags=BOCHUM)
    lk = Body.objects.create(region=bochum, kind="lenkungskreis", name="Lenkungskreis Bochum")
    _member(lk, "untere_schulaufsicht", "Petra", "Sommer", "Schulamt für die Stadt Bochum")
    _member(lk, "obere_schulaufsicht", "Martin", "Kaiser", "Bezirksregierung Arnsberg")
    _member(lk, "kommune", "Anja", "Lehmann", "Stadt Bochum, Schulverwaltungsamt")
    _member(lk, "kommune", "Yusuf", "Demir", "Stadt Bochum, Jugendamt")
    _member(lk, "schulleitung", "Claudia", "Brandt", "Gymnasium am Ostring")
    _member(lk, "schulleitung", "Bernd", "Hoffmann", "Grundschule Am Park")
    # A deputy never fills a seat: the Lenkungskreis stays complete, not over-filled.
    _member(lk, "kommune", "Jonas", "Becker", "Stadt Bochum, Jugendamt", kind="stellvertretung")
    buero = Body.objects.create(region=bochum, kind="bildungsbuero", name="Bildungsbüro Bochum")
    _member(buero, "landesstelle", "Sabine", "Krüger", "Regionales Bildungsbüro Bochum")
    _member(buero, "kommunale_stelle", "Tobias", "Wolff", "Regionales Bildungsbüro Bochum")
    Body.objects.create(region=bochum, kind="bildungskonferenz", name="Bildungskonferenz Bochum")

    m1 = Meeting.objects.create(
        body=lk, title="Lenkungskreis Frühjahr", starts_at=aware(2025, 3, 4)
    )
    Meeting.objects.create(body=lk, title="Lenkungskreis Herbst", starts_at=aware(2025, 10, 7))
    Meeting.objects.create(body=lk, title="Lenkungskreis Januar", starts_at=aware(2026, 1, 20))
    decision = Decision.objects.create(
        meeting=m1, kind="beschluss", text="Das Bildungsbüro erstellt einen Übergangsbericht."
    )
    today = timezone.localdate()
    day = datetime.timedelta(days=1)

    def order(title, due, status):
        return WorkOrder.objects.create(
            region=bochum, decision=decision, title=title, due_date=due, status=status
        )

    order("Übergangsbericht Kita–Grundschule", today - day, "offen")
    order("Fortbildungsreihe Sprachbildung planen", today - 30 * day, "in_arbeit")
    order("Elternbrief zum Ganztag", today + 10 * day, "offen")
    done = order("Bestandsaufnahme KAoA", today - 60 * day, "in_arbeit")
    done.status = "erledigt"
    done.result = "Bericht im Lenkungskreis vorgestellt."
    done.save()
    order("Messe im Rathaus", today - 5 * day, "verworfen")
    return bochum


@pytest.fixture
def dortmund_meeting(db):
    dortmund = Region.objects.get(ags=DORTMUND)
    body = Body.objects.create(region=dortmund, kind="lenkungskreis", name="Lenkungskreis Dortmund")
    return Meeting.objects.create(body=body, title="Auftakt", starts_at=aware(2026, 2, 3))


def institution(name, kind, lat, lon, *, ags=BOCHUM, verified=True, **extra):
    return Institution.objects.create(
        name=name,
        kind=kind,
        plz="44787",
        ort="Bochum",
        lat=lat,
        lon=lon,
        region=Region.objects.get(ags=ags),
        verified=verified,
        verified_at=timezone.now() if verified else None,
        **extra,
    )


def partnership(school, inst, state, **extra):
    return Partnership.objects.create(
        school=school,
        institution=inst,
        title=f"{school.name} und {inst.name}",
        handlungsfeld="kunst_kultur",
        goals="Gemeinsame Projekte im Schuljahr.",
        activities="Projekttage und Besuche.",
        state=state,
        **extra,
    )


@pytest.fixture
def bochum_partnerships(db):
    """Bochum: 5 open schools and 1 closed school. Counted partnerships (registriert or
    öffentlich) of open schools: 2 (museum, bibliothek), both of the Hellweg school; not
    counted: a draft, an ended one, one of the closed school. → 2 per 5 schools = 40 per
    100 schools; museum 20, bibliothek 20; schools with a partnership 1 of 5 = 20 %."""
    schools = [
        make_school("188001", "02", name="Grundschule Am Hellweg"),
        make_school("188002", "04", name="Hauptschule Wattenscheid"),
        make_school("188003", "20", name="Gymnasium am Ostring"),
        make_school("188004", "10", name="Realschule Querenburg"),
        make_school("188005", "15", name="Gesamtschule Bochum-Mitte"),
    ]
    closed = make_school(
        "188006", "02", name="Grundschule Alte Mühle", closed_at=aware(2020, 7, 31)
    )
    museum = institution("Kunstmuseum Bochum", "museum", 51.4867, 7.2150)
    library = institution("Stadtbücherei Bochum", "bibliothek", 51.4810, 7.2190)
    music = institution("Musikschule Bochum", "musikschule", 51.4790, 7.2200)
    partnership(schools[0], museum, "oeffentlich", registered_at=aware(2025, 5, 2))
    partnership(schools[0], library, "registriert", registered_at=aware(2026, 2, 10))
    partnership(schools[1], museum, "entwurf")
    partnership(schools[2], music, "beendet", registered_at=aware(2024, 6, 1))
    partnership(closed, museum, "oeffentlich", registered_at=aware(2019, 1, 15))
    return schools


@pytest.fixture
def personas(db):
    school = make_school("188101", "02", name="Grundschule Am Park")
    return {
        "land": make_user("referat@msb.example.org", "land", None, first_name="Jens"),
        "buero_bochum": make_user(
            "sommer@bildungsbuero-bochum.example.org", "bildungsbuero", BOCHUM
        ),
        "buero_dortmund": make_user(
            "yilmaz@bildungsbuero-dortmund.example.org", "bildungsbuero", DORTMUND
        ),
        "aufsicht_bochum": make_user("kaiser@schulamt-bochum.example.org", "schulaufsicht", BOCHUM),
        "lenkungskreis_bochum": make_user("demir@bochum.example.org", "lenkungskreis", BOCHUM),
        "schule_bochum": make_user(
            "leitung@gs-am-park.example.org", "schule", BOCHUM, school=school
        ),
    }
