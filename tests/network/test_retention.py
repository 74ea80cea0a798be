"""Retention: inactive persons are anonymised after NETWORK_PERSON_RETENTION_DAYS."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.core.models import AuditEntry
from bildungsnetz.network import tasks
from bildungsnetz.network.models import Membership, Person
from bildungsnetz.network.services import apply_retention, retention_candidates

TODAY = datetime.date(2026, 11, 20)


def _age(person, days):
    Person.objects.filter(pk=person.pk).update(
        created=timezone.now() - datetime.timedelta(days=days + 400)
    )


@pytest.fixture
def former_member(person, lenkungskreis):
    p = person("Bernd", "Hoffmann", email="bernd.hoffmann@example.org")
    _age(p, 2000)
    Membership.objects.create(
        body=lenkungskreis,
        person=p,
        seat="schulleitung",
        start=datetime.date(2018, 8, 1),
        end=datetime.date(2022, 7, 31),
    )
    return p


def test_inactive_person_past_period_is_anonymised_once(former_member):
    assert apply_retention(TODAY) == 1
    former_member.refresh_from_db()
    assert former_member.anonymised_at is not None
    assert former_member.last_name == "" and former_member.email == ""
    assert former_member.memberships.count() == 1  # records stay
    assert AuditEntry.objects.filter(action="network.person.retention_anonymised").count() == 1
    assert apply_retention(TODAY) == 0
    assert AuditEntry.objects.filter(action="network.person.retention_anonymised").count() == 1


def test_active_member_and_recent_activity_are_kept(person, lenkungskreis, former_member):
    active = person("Claudia", "Brandt")
    _age(active, 3000)
    Membership.objects.create(
        body=lenkungskreis, person=active, seat="schulleitung", start=datetime.date(2015, 8, 1)
    )
    recent = person("Anja", "Lehmann")
    _age(recent, 3000)
    Membership.objects.create(
        body=lenkungskreis,
        person=recent,
        seat="kommune",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    assert [p.last_name for p in retention_candidates(TODAY)] == ["Hoffmann"]


def test_period_is_read_from_settings_at_call_time(settings, former_member):
    settings.NETWORK_PERSON_RETENTION_DAYS = 10 * 365
    assert retention_candidates(TODAY) == []
    settings.NETWORK_PERSON_RETENTION_DAYS = 365
    assert [p.pk for p in retention_candidates(TODAY)] == [former_member.pk]


def test_task_runs_the_retention(former_member):
    assert tasks.apply_retention.run() == 1
    assert Person.objects.get(pk=former_member.pk).full_name == "anonymisierte Person"
