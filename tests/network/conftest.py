"""Fixtures for the network tests: Bochum (kreisfreie Stadt) with real-looking actors."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.network.models import Body, Membership, Organisation, Person
from bildungsnetz.regions.models import Region
from tests.factories import make_user


@pytest.fixture
def bochum(db):
    return Region.objects.get(ags="05911")


@pytest.fixture
def dortmund(db):
    return Region.objects.get(ags="05913")


@pytest.fixture
def buero_bochum(db):
    return make_user("petra.sommer@bochum.de", "bildungsbuero", "05911")


@pytest.fixture
def land(db):
    return make_user("referat@msb.nrw.de", "land", None, first_name="Jens", last_name="Adler")


@pytest.fixture
def org(bochum):
    def make(name="Schulamt für die Stadt Bochum", kind="schulamt", **extra):
        return Organisation.objects.create(region=bochum, name=name, kind=kind, **extra)

    return make


@pytest.fixture
def person(bochum):
    def make(first="Petra", last="Sommer", organisation=None, region=None, **extra):
        return Person.objects.create(
            region=region or bochum,
            first_name=first,
            last_name=last,
            organisation=organisation,
            **extra,
        )

    return make


@pytest.fixture
def lenkungskreis(bochum):
    return Body.objects.create(region=bochum, kind="lenkungskreis", name="Lenkungskreis Bochum")


@pytest.fixture
def seat_member(person, org):
    """Add a member on a seat directly (fixtures only; tests of the service use the service)."""

    def add(body, seat, first, last, org_name, kind="mitglied", **extra):
        organisation = Organisation.objects.filter(region=body.region, name=org_name).first()
        organisation = organisation or org(org_name, "sonstige")
        p = person(first, last, organisation=organisation)
        return Membership.objects.create(
            body=body, person=p, organisation=organisation, seat=seat, kind=kind, **extra
        )

    return add


@pytest.fixture
def full_lenkungskreis(lenkungskreis, seat_member):
    """A complete Lenkungskreis of a kreisfreie Stadt (Bochum)."""
    seat_member(
        lenkungskreis, "untere_schulaufsicht", "Petra", "Sommer", "Schulamt für die Stadt Bochum"
    )
    seat_member(
        lenkungskreis, "obere_schulaufsicht", "Martin", "Kaiser", "Bezirksregierung Arnsberg"
    )
    seat_member(lenkungskreis, "kommune", "Anja", "Lehmann", "Stadt Bochum, Schulverwaltungsamt")
    seat_member(lenkungskreis, "kommune", "Yusuf", "Demir", "Stadt Bochum, Jugendamt")
    seat_member(lenkungskreis, "schulleitung", "Claudia", "Brandt", "Gymnasium am Ostring")
    seat_member(lenkungskreis, "schulleitung", "Bernd", "Hoffmann", "Grundschule Am Park")
    return lenkungskreis


def aware(year, month, day, hour=17, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())
