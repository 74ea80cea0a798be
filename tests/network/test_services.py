"""Services of the network app: contract record and derived counts, actors and consent,
DSGVO export and erasure, memberships, figures, meetings, work orders, reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.network import meeting_services, services
from bildungsnetz.network.calendar import calendar_text
from bildungsnetz.network.forms import FiguresForm
from bildungsnetz.network.models import (
    Attendance,
    Body,
    Decision,
    Invitation,
    Meeting,
    Membership,
    Network,
    Person,
    Reminder,
    WorkOrder,
)
from bildungsnetz.network.selectors import published_counts, statewide_overview
from bildungsnetz.regions.models import Region

from .conftest import aware

TODAY = timezone.localdate()


# --- Network record and the statewide overview ---------------------------------------------


def test_records_start_unknown_and_counts_are_derived(bochum, dortmund, buero_bochum, land):
    overview = statewide_overview()
    assert overview["total"] == 53
    assert overview["signed"] == 0
    assert overview["first_signed"] is None
    unknown = next(r for r in overview["by_status"] if r["status"] == "unbekannt")
    assert unknown["count"] == 53

    services.update_network(
        bochum,
        acting_user=buero_bochum,
        data={"contract_status": "unterzeichnet", "signed_on": datetime.date(2008, 9, 1)},
    )
    services.update_network(
        dortmund, acting_user=land, data={"contract_status": "unterzeichnet", "signed_on": None}
    )
    overview = statewide_overview()
    assert overview["signed"] == 2
    assert overview["signed_without_date"] == 1
    assert overview["first_signed"] == datetime.date(2008, 9, 1)
    assert overview["by_year"] == [{"year": 2008, "new": 1, "total": 1}]
    entry = AuditEntry.objects.filter(action="network.network.changed").first()
    assert entry.region in (bochum, dortmund)


def test_published_counts_are_reference_only():
    counts = published_counts()
    assert [c["unterzeichnet"] for c in counts] == [23, 51, 50]
    assert all(c["von"] == 53 for c in counts)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"contract_status": "verhandlung", "signed_on": datetime.date(2010, 1, 1)}, "signed_on"),
        (
            {"contract_status": "unterzeichnet", "signed_on": TODAY + datetime.timedelta(days=3)},
            "signed_on",
        ),
        ({"contract_status": "unterzeichnet", "ended_on": datetime.date(2020, 1, 1)}, "ended_on"),
        (
            {
                "contract_status": "beendet",
                "signed_on": datetime.date(2012, 5, 1),
                "ended_on": datetime.date(2011, 1, 1),
            },
            "ended_on",
        ),
        ({"land_posts": Decimal("-1")}, "land_posts"),
    ],
)
def test_network_validation_names_the_field(bochum, buero_bochum, data, field):
    with pytest.raises(DomainError) as exc:
        services.update_network(bochum, acting_user=buero_bochum, data=data)
    assert exc.value.field == field
    assert not Network.objects.filter(region=bochum).exists()


def test_other_region_staff_cannot_edit(dortmund, buero_bochum):
    with pytest.raises(DomainError) as exc:
        services.update_network(dortmund, acting_user=buero_bochum, data={"office_name": "X"})
    assert exc.value.code == "forbidden"


# --- Actors, consent, DSGVO -------------------------------------------------------------------


def test_public_name_needs_recorded_consent(bochum, buero_bochum, org):
    schulamt = org()
    person = services.save_person(
        bochum,
        acting_user=buero_bochum,
        data={"first_name": "Petra", "last_name": "Sommer", "organisation": schulamt},
    )
    assert not person.is_public
    assert person.public_name() == "Name nicht veröffentlicht"
    with pytest.raises(DomainError) as exc:
        services.save_person(
            bochum, acting_user=buero_bochum, person=person, data={"consent_public": True}
        )
    assert exc.value.field == "consent_purpose"
    person.refresh_from_db()
    services.save_person(
        bochum,
        acting_user=buero_bochum,
        person=person,
        data={
            "consent_public": True,
            "consent_purpose": "Nennung als Ansprechperson auf der Netzwerkseite",
            "consent_given_on": TODAY,
        },
    )
    assert person.is_public and person.public_name() == "Petra Sommer"
    services.withdraw_consent(person, acting_user=buero_bochum)
    person.refresh_from_db()
    assert not person.is_public
    assert person.consent_withdrawn_on == TODAY


def test_person_from_other_region_organisation_is_refused(bochum, dortmund, buero_bochum):
    from bildungsnetz.network.models import Organisation

    foreign = Organisation.objects.create(region=dortmund, name="Stadt Dortmund", kind="kommune")
    with pytest.raises(DomainError) as exc:
        services.save_person(
            bochum,
            acting_user=buero_bochum,
            data={"first_name": "Jana", "last_name": "Kowalski", "organisation": foreign},
        )
    assert exc.value.field == "organisation"
    assert not Person.objects.exists()


def test_export_and_erase_keep_minutes_and_memberships(
    bochum, buero_bochum, full_lenkungskreis, org
):
    member = full_lenkungskreis.memberships.get(seat="untere_schulaufsicht")
    petra = member.person
    petra.email = "petra.sommer@schulamt-bochum.de"
    petra.save()
    meeting = meeting_services.save_meeting(
        full_lenkungskreis,
        acting_user=buero_bochum,
        data={
            "title": "3. Sitzung 2026",
            "starts_at": aware(2026, 3, 4),
            "minutes": "Frau Sommer berichtet.",
        },
    )
    Attendance.objects.create(meeting=meeting, person=petra, status="anwesend")
    decision = Decision.objects.create(
        meeting=meeting, kind="beschluss", text="KAoA-Bericht erstellen"
    )

    data = services.export_person(petra, acting_user=buero_bochum)
    assert data["person"]["nachname"] == "Sommer"
    assert data["person"]["e_mail"] == "petra.sommer@schulamt-bochum.de"
    assert data["mitgliedschaften"][0]["sitz"] == "untere_schulaufsicht"
    assert data["teilnahmen"][0]["status"] == "anwesend"

    services.erase_person(petra, acting_user=buero_bochum)
    petra.refresh_from_db()
    assert petra.anonymised_at is not None
    assert (petra.first_name, petra.last_name, petra.email) == ("", "", "")
    assert str(petra) == "anonymisierte Person"
    assert not Person.history.filter(id=petra.pk, last_name="Sommer").exists()
    # history of the organisation, memberships, attendance, decisions stay
    assert Membership.objects.filter(pk=member.pk, person=petra).exists()
    assert Attendance.objects.filter(meeting=meeting, person=petra).exists()
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert member.organisation.history.exists() or member.organisation.pk
    assert AuditEntry.objects.filter(action="network.person.erased").count() == 1
    assert "Sommer" not in str(list(AuditEntry.objects.values_list("data", flat=True)))
    # erasing twice is harmless
    services.erase_person(petra, acting_user=buero_bochum)
    assert AuditEntry.objects.filter(action="network.person.erased").count() == 1


# --- Bodies and memberships ------------------------------------------------------------------


def test_membership_service_validates_seat_period_and_region(
    bochum, dortmund, buero_bochum, lenkungskreis, person
):
    petra = person()
    m = services.add_membership(
        lenkungskreis,
        acting_user=buero_bochum,
        data={"person": petra, "seat": "untere_schulaufsicht", "start": datetime.date(2024, 8, 1)},
    )
    assert m.pk and m.is_active()
    with pytest.raises(DomainError) as exc:
        services.add_membership(
            lenkungskreis, acting_user=buero_bochum, data={"person": petra, "seat": "landrat"}
        )
    assert exc.value.field == "seat"
    with pytest.raises(DomainError) as exc:
        services.add_membership(
            lenkungskreis,
            acting_user=buero_bochum,
            data={
                "person": petra,
                "seat": "kommune",
                "start": datetime.date(2025, 1, 1),
                "end": datetime.date(2024, 1, 1),
            },
        )
    assert exc.value.field == "end"
    stranger = person("Jana", "Kowalski", region=dortmund)
    with pytest.raises(DomainError) as exc:
        services.add_membership(
            lenkungskreis, acting_user=buero_bochum, data={"person": stranger, "seat": "kommune"}
        )
    assert exc.value.field == "person"
    with pytest.raises(DomainError) as exc:
        services.add_membership(
            lenkungskreis,
            acting_user=buero_bochum,
            data={"person": stranger, "seat": "kommune", "kind": "gast"},
        )
    assert Membership.objects.count() == 1


def test_only_one_lenkungskreis_per_region_and_chefsache_only_for_it(
    bochum, buero_bochum, lenkungskreis
):
    with pytest.raises(DomainError) as exc:
        services.save_body(
            bochum, acting_user=buero_bochum, data={"kind": "lenkungskreis", "name": "Zweiter LK"}
        )
    assert exc.value.field == "kind"
    with pytest.raises(DomainError) as exc:
        services.save_body(
            bochum,
            acting_user=buero_bochum,
            data={"kind": "bildungskonferenz", "name": "BK", "variant": "chefsache"},
        )
    assert exc.value.field == "variant"
    ag = services.save_body(
        bochum,
        acting_user=buero_bochum,
        data={"kind": "arbeitsgruppe", "name": "AG Übergang Kita–Grundschule"},
    )
    assert ag.pk and Body.objects.filter(region=bochum).count() == 2


def test_ended_membership_no_longer_counts(buero_bochum, full_lenkungskreis):
    from bildungsnetz.network.selectors import seat_check

    member = full_lenkungskreis.memberships.get(seat="obere_schulaufsicht")
    services.end_membership(
        member, acting_user=buero_bochum, end=TODAY - datetime.timedelta(days=1)
    )
    result = seat_check(full_lenkungskreis.region, "lenkungskreis")
    seat = next(s for s in result.seats if s.seat == "obere_schulaufsicht")
    assert seat.status == "fehlt"


# --- Region figures --------------------------------------------------------------------------


def test_figures_density_is_derived(bochum, buero_bochum):
    duesseldorf = Region.objects.get(ags="05111")
    land_user = buero_bochum
    from tests.factories import make_user

    land_user = make_user("land@msb.nrw.de", "land")
    figures = services.save_figures(
        duesseldorf,
        acting_user=land_user,
        data={"year": 2018, "area_km2": Decimal("217.41"), "population": 612178},
    )
    assert figures.density == 2816


@pytest.mark.parametrize(
    ("area", "population", "field", "text"),
    [
        ("217,41", "612.178 km²", "population", "Einwohnerinnen und Einwohner"),
        ("217,41 km²", "612.178", "area_km2", "Fläche in km²"),
        ("217,41", "zwölf", "population", "ohne Einheit"),
        ("217,41", "612,5", "population", "ganze Zahl"),
    ],
)
def test_figures_form_refuses_units_naming_the_field(area, population, field, text):
    form = FiguresForm({"year": 2018, "area_km2": area, "population": population})
    assert not form.is_valid()
    assert field in form.errors
    assert text in form.errors[field][0]


def test_figures_form_reads_german_numbers():
    form = FiguresForm({"year": 2018, "area_km2": "217,41", "population": "612.178"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["area_km2"] == Decimal("217.41")
    assert form.cleaned_data["population"] == 612178


@pytest.mark.parametrize(
    ("area", "population", "field"),
    [
        (Decimal("217.41"), 0, "population"),
        (Decimal("217.41"), 20_000_001, "population"),
        (Decimal("0"), 612178, "area_km2"),
        (Decimal("-3"), 612178, "area_km2"),
    ],
)
def test_implausible_figures_refused(bochum, buero_bochum, area, population, field):
    with pytest.raises(DomainError) as exc:
        services.save_figures(
            bochum,
            acting_user=buero_bochum,
            data={"year": 2024, "area_km2": area, "population": population},
        )
    assert exc.value.field == field


# --- Meetings, invitations, work orders, reminders -----------------------------------------


@pytest.fixture
def meeting(buero_bochum, full_lenkungskreis):
    for m in full_lenkungskreis.memberships.select_related("person"):
        m.person.email = f"{m.person.last_name.lower()}@example.org"
        m.person.save()
    start = timezone.now() + datetime.timedelta(days=14)
    return meeting_services.save_meeting(
        full_lenkungskreis,
        acting_user=buero_bochum,
        data={
            "title": "Sitzung des Lenkungskreises",
            "starts_at": start,
            "location": "Rathaus Bochum, Raum 120",
        },
    )


def test_invitations_sent_after_commit_once(
    buero_bochum, meeting, django_capture_on_commit_callbacks
):
    meeting_services.add_agenda_item(
        meeting, acting_user=buero_bochum, data={"title": "Bericht aus dem Bildungsbüro"}
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        count = meeting_services.request_invitations(meeting, acting_user=buero_bochum)
    assert count == 6
    assert mail.outbox == []  # nothing before commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 6
    first = mail.outbox[0]
    assert "Einladung: Sitzung des Lenkungskreises" in first.subject
    assert "TOP 1: Bericht aus dem Bildungsbüro" in first.body
    assert first.attachments[0][0] == "sitzung.ics"
    # a redelivered job sends nothing twice
    assert meeting_services.deliver_invitations(meeting.pk) == 0
    assert len(mail.outbox) == 6
    assert Invitation.objects.filter(meeting=meeting).count() == 6


def test_invitation_refused_without_addresses(buero_bochum, lenkungskreis):
    meeting = Meeting.objects.create(
        body=lenkungskreis,
        title="Leere Runde",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    with pytest.raises(DomainError, match="E-Mail-Adresse"):
        meeting_services.request_invitations(meeting, acting_user=buero_bochum)


@pytest.fixture
def decision(buero_bochum, meeting):
    return meeting_services.add_decision(
        meeting,
        acting_user=buero_bochum,
        data={
            "kind": "beschluss",
            "text": "Das Bildungsbüro legt ein Konzept zum Übergang Kita–Grundschule vor.",
        },
    )


def test_work_order_transitions_are_checked(buero_bochum, decision):
    order = meeting_services.create_work_order(
        decision,
        acting_user=buero_bochum,
        data={
            "title": "Konzept Übergang Kita–Grundschule",
            "due_date": TODAY + datetime.timedelta(days=30),
        },
    )
    assert order.status == "offen"
    with pytest.raises(DomainError) as exc:
        meeting_services.transition_work_order(order, acting_user=buero_bochum, to="erledigt")
    assert "offen" in exc.value.message
    order = meeting_services.transition_work_order(order, acting_user=buero_bochum, to="in_arbeit")
    with pytest.raises(DomainError) as exc:
        meeting_services.transition_work_order(order, acting_user=buero_bochum, to="erledigt")
    assert exc.value.field == "result"
    order = meeting_services.transition_work_order(
        order,
        acting_user=buero_bochum,
        to="erledigt",
        result="Konzept im Lenkungskreis vorgestellt",
    )
    assert order.status == "erledigt"
    with pytest.raises(DomainError):
        meeting_services.transition_work_order(order, acting_user=buero_bochum, to="offen")
    assert AuditEntry.objects.filter(action="network.workorder.transitioned").count() == 2


def test_reminders_before_and_after_due_date_are_idempotent(buero_bochum, decision, person):
    owner = person("Kornelia", "Kronenberg", email="k.kronenberg@example.org")
    order = meeting_services.create_work_order(
        decision,
        acting_user=buero_bochum,
        data={
            "title": "Bildungsbericht 2026",
            "owner_person": owner,
            "due_date": TODAY + datetime.timedelta(days=5),
        },
    )
    far = meeting_services.create_work_order(
        decision,
        acting_user=buero_bochum,
        data={"title": "Leitbild überarbeiten", "due_date": TODAY + datetime.timedelta(days=60)},
    )
    assert meeting_services.send_reminders(TODAY) == 1
    assert mail.outbox[0].to == ["k.kronenberg@example.org"]
    assert "Erinnerung" in mail.outbox[0].subject
    assert meeting_services.send_reminders(TODAY) == 0  # idempotent
    late = order.due_date + datetime.timedelta(days=1)
    assert meeting_services.send_reminders(late) == 1
    assert "Überfällig" in mail.outbox[1].subject
    assert meeting_services.send_reminders(late + datetime.timedelta(days=3)) == 0
    assert Reminder.objects.filter(work_order=order).count() == 2
    assert not Reminder.objects.filter(work_order=far).exists()
    # done orders are not reminded
    meeting_services.transition_work_order(order, acting_user=buero_bochum, to="verworfen")
    WorkOrder.objects.filter(pk=order.pk).update(due_date=TODAY + datetime.timedelta(days=2))
    assert meeting_services.send_reminders(TODAY) == 0


def test_reminder_command_runs(buero_bochum, decision):
    from io import StringIO

    from django.core.management import call_command

    WorkOrder.objects.create(
        region=decision.meeting.body.region,
        decision=decision,
        title="Netzwerkkarte aktualisieren",
        due_date=TODAY - datetime.timedelta(days=2),
    )
    services.update_network(
        decision.meeting.body.region,
        acting_user=buero_bochum,
        data={"office_email": "bildungsbuero@bochum.de"},
    )
    out = StringIO()
    call_command("network_reminders", stdout=out)
    assert "1 Erinnerung" in out.getvalue()
    assert mail.outbox[-1].to == ["bildungsbuero@bochum.de"]


def test_ical_text_escapes_and_folds(meeting):
    meeting.title = "Sitzung; Thema: Übergang, Schule–Beruf " + "x" * 80
    text = calendar_text("Lenkungskreis Bochum", [meeting])
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Sitzung\\; Thema: Übergang\\, Schule–Beruf" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "LOCATION:Rathaus Bochum\\, Raum 120" in text


def test_duesseldorf_demo_is_idempotent_and_derives_density(db):
    from bildungsnetz.network.demo import load_duesseldorf
    from bildungsnetz.network.models import Handlungsfeld, RegionFigures

    load_duesseldorf()
    load_duesseldorf()
    figures = RegionFigures.objects.get(region__ags="05111")
    assert figures.density == 2816
    assert Handlungsfeld.objects.filter(region__ags="05111").count() == 3
    assert Person.objects.filter(region__ags="05111", last_name="Kessler").count() == 1
    assert not Person.objects.get(last_name="Kessler").is_public


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 Message accepted for delivery"

    import socket

    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_invitations_travel_through_a_real_smtp_server(
    buero_bochum, meeting, settings, smtp_server, django_capture_on_commit_callbacks
):
    import email

    controller, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    with django_capture_on_commit_callbacks(execute=True):
        count = meeting_services.request_invitations(meeting, acting_user=buero_bochum)
    assert count == 6
    assert len(inbox.messages) == 6
    recipients = sorted(r for env in inbox.messages for r in env.rcpt_tos)
    assert len(set(recipients)) == 6 and all(r.endswith("@example.org") for r in recipients)
    message = email.message_from_bytes(inbox.messages[0].content)
    assert "Sitzung des Lenkungskreises" in str(
        email.header.make_header(email.header.decode_header(message["Subject"]))
    )
    parts = [p.get_filename() for p in message.walk() if p.get_filename()]
    assert parts == ["sitzung.ics"]
