"""Fixtures of the survey tests: the built-in instruments exist after migrate."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.regions.models import Region
from bildungsnetz.surveys import services
from bildungsnetz.surveys.models import Instrument
from tests.factories import make_user


@pytest.fixture
def land(db):
    return make_user("referat.rbn@msb.nrw.de", "land", first_name="Ulrike", last_name="Brand")


@pytest.fixture
def buero_bochum(db):
    return make_user("bildungsbuero@bochum.de", "bildungsbuero", "05911")


@pytest.fixture
def buero_dortmund(db):
    return make_user("bildungsbuero@dortmund.de", "bildungsbuero", "05913", first_name="Timo")


@pytest.fixture
def bochum(db):
    return Region.objects.get(ags="05911")


@pytest.fixture
def dortmund(db):
    return Region.objects.get(ags="05913")


@pytest.fixture
def akteure(db):
    return Instrument.objects.get(code="rbn-akteure")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def statewide(land, akteure, today):
    """A running statewide survey of the actors' instrument, closing in three weeks."""
    survey = services.create_survey(
        instrument=akteure,
        title="RBN-Befragung Akteure 2027",
        closes_on=today + datetime.timedelta(days=21),
        by=land,
    )
    return services.open_survey(survey, by=land)


@pytest.fixture
def regional(buero_bochum, akteure, bochum, today):
    survey = services.create_survey(
        instrument=akteure,
        title="Befragung der Akteure im Bildungsnetzwerk Bochum",
        closes_on=today + datetime.timedelta(days=14),
        by=buero_bochum,
        region=bochum,
    )
    return services.open_survey(survey, by=buero_bochum)


def token_from(mail) -> str:
    """The one-time token from the link in an invitation mail."""
    marker = "/befragungen/teilnehmen/"
    start = mail.body.index(marker) + len(marker)
    return mail.body[start:].split("/", 1)[0]


ALL_AGREE = {f"A{i}": "voll" for i in range(1, 10)}
