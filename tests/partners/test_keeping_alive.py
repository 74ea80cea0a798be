"""Keeping partnerships alive: reminders before the end, yearly confirmation, contact
handover without losing the signatures."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners import services
from bildungsnetz.partners.models import Partnership

from .conftest import DRAFT

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 2)


def _public(paulinum, lwl_museum, **extra):
    return Partnership.objects.create(
        school=paulinum,
        institution=lwl_museum,
        state="oeffentlich",
        registered_at=timezone.now() - datetime.timedelta(days=400),
        published_at=timezone.now() - datetime.timedelta(days=400),
        school_signer="Dr. Markus Terhorst",
        school_signed_on=datetime.date(2025, 9, 1),
        **{**DRAFT, "start_date": datetime.date(2025, 9, 1), **extra},
    )


def test_renewal_reminder_60_days_ahead_once_per_end_date(
    paulinum, lwl_museum, django_capture_on_commit_callbacks
):
    p = _public(paulinum, lwl_museum, end_date=TODAY + datetime.timedelta(days=45))
    p.confirmed_on = TODAY
    p.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(today=TODAY) == {"ende": 1, "bestaetigung": 0}
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"167850@schule.nrw.de", "museum@lwl.org"}
    assert "endet am 17.12.2026" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="partners.partnership.renewal_reminded")
    assert entry.actor is None
    # Idempotent: a second run (or a redelivered job) sends nothing.
    assert services.send_reminders(today=TODAY) == {"ende": 0, "bestaetigung": 0}
    # A new end date re-arms the reminder.
    Partnership.objects.filter(pk=p.pk).update(end_date=TODAY + datetime.timedelta(days=50))
    assert services.send_reminders(today=TODAY)["ende"] == 1


def test_no_renewal_reminder_far_ahead_or_for_drafts(paulinum, lwl_museum):
    _public(paulinum, lwl_museum, end_date=TODAY + datetime.timedelta(days=90))
    Partnership.objects.create(
        school=paulinum,
        institution=lwl_museum,
        state="entwurf",
        **{**DRAFT, "end_date": TODAY + datetime.timedelta(days=10)},
    )
    assert services.send_reminders(today=TODAY)["ende"] == 0


def test_yearly_confirmation_request_and_confirmation(
    paulinum, lwl_museum, museum_account, django_capture_on_commit_callbacks
):
    p = _public(paulinum, lwl_museum)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(today=TODAY)["bestaetigung"] == 1
    assert "noch aktiv ist" in mail.outbox[0].body
    assert services.send_reminders(today=TODAY)["bestaetigung"] == 0  # asked already
    p = services.confirm_active(p, acting_user=museum_account)
    assert p.confirmed_on == timezone.localdate()
    assert AuditEntry.objects.get(action="partners.partnership.confirmed").actor == museum_account
    assert services.send_reminders(today=TODAY)["bestaetigung"] == 0  # confirmed recently


def test_publishing_counts_as_confirmation(draft, land):
    Partnership.objects.filter(pk=draft.pk).update(state="registriert")
    p = services.transition_partnership(draft, acting_user=land, verb="publish")
    assert p.confirmed_on == timezone.localdate()


def test_confirm_only_active_partnerships_by_parties(draft, schule_paulinum, buero_bochum):
    with pytest.raises(DomainError) as err:
        services.confirm_active(draft, acting_user=schule_paulinum)
    assert err.value.field == "state"
    Partnership.objects.filter(pk=draft.pk).update(state="oeffentlich")
    with pytest.raises(DomainError) as err:
        services.confirm_active(draft, acting_user=buero_bochum)
    assert err.value.code == "forbidden"


def test_contact_handover_keeps_signatures_and_is_per_side(
    paulinum, lwl_museum, schule_paulinum, museum_account
):
    p = _public(paulinum, lwl_museum)
    p = services.change_contacts(
        p, acting_user=museum_account, institution_contact="Jonas Albers, Museumspädagogik"
    )
    assert p.institution_contact == "Jonas Albers, Museumspädagogik"
    assert p.school_signer == "Dr. Markus Terhorst" and p.state == "oeffentlich"
    with pytest.raises(DomainError) as err:
        services.change_contacts(p, acting_user=museum_account, school_contact="Jemand")
    assert err.value.code == "forbidden"
    services.change_contacts(p, acting_user=schule_paulinum, school_contact="Frau Özdemir")
    assert AuditEntry.objects.filter(action="partners.partnership.contacts_changed").count() == 2
    Partnership.objects.filter(pk=p.pk).update(state="beendet")
    with pytest.raises(DomainError):
        services.change_contacts(p, acting_user=schule_paulinum, school_contact="Neu")


def test_reminder_command(paulinum, lwl_museum):
    _public(paulinum, lwl_museum)
    out = StringIO()
    call_command("partner_reminders", stdout=out)
    assert out.getvalue().strip() == "Erinnerungen an das Ende: 0, Bitten um Bestätigung: 1."
