"""The public registry flags partnerships whose yearly "still active?" confirmation is
overdue: a note on the public page, a badge in the list, and a filter for the office."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.partners import selectors
from bildungsnetz.partners.models import Partnership

from . import factories as f
from .conftest import DRAFT

pytestmark = pytest.mark.django_db
NOTE = "Die jährliche Bestätigung, dass diese Bildungspartnerschaft noch aktiv ist, ist überfällig"


def _public(school, inst, *, days_ago: int, confirmed_days_ago: int | None = None, **extra):
    now = timezone.now()
    today = timezone.localdate()
    return Partnership.objects.create(
        school=school,
        institution=inst,
        state="oeffentlich",
        registered_at=now - datetime.timedelta(days=days_ago),
        published_at=now - datetime.timedelta(days=days_ago),
        confirmed_on=None
        if confirmed_days_ago is None
        else today - datetime.timedelta(days=confirmed_days_ago),
        **{**DRAFT, **extra},
    )


@pytest.fixture
def pair(paulinum, lwl_museum):
    overdue = _public(paulinum, lwl_museum, days_ago=500, title="Kunst im Dialog (seit 2025)")
    fresh = _public(
        f.school("schiller"),
        f.institution("stadtbuecherei_ms"),
        days_ago=800,
        confirmed_days_ago=30,
        title="Lesewelten: Schiller-Gymnasium und Stadtbücherei",
    )
    return overdue, fresh


def test_overdue_rule_python_and_database_agree(pair):
    overdue, fresh = pair
    assert selectors.is_confirmation_overdue(overdue)
    assert not selectors.is_confirmation_overdue(fresh)
    qs = Partnership.objects.filter(selectors.confirmation_overdue_q())
    assert list(qs) == [overdue]
    # Within the grace of four weeks after the yearly request: not yet overdue.
    recent = Partnership(confirmed_on=timezone.localdate() - datetime.timedelta(days=380))
    assert not selectors.is_confirmation_overdue(recent)


def test_public_page_shows_the_german_note(client, pair):
    overdue, fresh = pair
    text = client.get(overdue.get_absolute_url()).content.decode()
    assert NOTE in text and "seit der Registrierung nicht bestätigt" in text
    assert NOTE not in client.get(fresh.get_absolute_url()).content.decode()
    listing = client.get("/bildungspartner/wir-sind-dabei/").content.decode()
    assert listing.count("Bestätigung überfällig") == 1


def test_overdue_filter_for_the_bildungsbuero(client, pair, buero_muenster):
    overdue, fresh = pair
    # The public does not get the filter; the parameter is ignored.
    anonymous = client.get("/bildungspartner/wir-sind-dabei/", {"bestaetigung": "ueberfaellig"})
    text = anonymous.content.decode()
    assert 'name="bestaetigung"' not in text
    assert fresh.title in text and overdue.title in text
    client.force_login(buero_muenster)
    office = client.get("/bildungspartner/wir-sind-dabei/", {"bestaetigung": "ueberfaellig"})
    text = office.content.decode()
    assert 'name="bestaetigung"' in text
    assert overdue.title in text and fresh.title not in text
    assert office.context["counts"]["partnerships"] == 1
