"""Survey engine: instruments, surveys, invitations, answering, reminders, closing date."""

import datetime

import pytest
from django.core import mail

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.surveys import services
from bildungsnetz.surveys.models import (
    Answer,
    Instrument,
    Invitation,
    ItemKind,
    Response,
    SurveyRegion,
    SurveyStatus,
)
from bildungsnetz.surveys.selectors import survey_progress_for_region

from .conftest import ALL_AGREE, token_from


def test_builtin_instruments_exist_after_migrate(db):
    akteure = Instrument.objects.get(code="rbn-akteure")
    mayors = Instrument.objects.get(code="rbn-buergermeister")
    assert akteure.title == "RBN-Befragung Akteure und Partner"
    assert mayors.title == "RBN-Befragung Bürgermeisterinnen und Bürgermeister"
    assert akteure.target_group == "akteure" and mayors.target_group == "buergermeister"

    def layout(inst):
        return [(d.name, [i.code for i in d.items.order_by("position")])
                for d in inst.dimensions.all()]  # fmt: skip

    assert layout(akteure) == [
        ("Transparenz", ["A1", "A2", "A3"]),
        ("Beteiligung", ["A4", "A5", "A6"]),
        ("Nutzen", ["A7", "A8", "A9"]),
    ]
    assert layout(mayors) == [
        ("Transparenz", ["B1", "B2", "B3"]),
        ("Beteiligung", ["B4", "B5"]),
        ("Nutzen", ["B6", "B7", "B8", "B9"]),
    ]
    assert all(i.kind == ItemKind.AGREEMENT for i in akteure.items.all())
    assert "Handlungsfelder" in akteure.items.get(code="A2").text
    assert "politischen Vertretung" in mayors.items.get(code="B3").text


def test_builtin_instrument_cannot_be_edited(land, akteure):
    with pytest.raises(DomainError, match="Mitgelieferte"):
        services.add_item(akteure, code="A10", text="Zusatz", kind="freitext", by=land)


def test_create_instrument_with_items_in_dimensions(land):
    inst = services.create_instrument(
        code="schulleitungen-2027", title="Befragung der Schulleitungen", target_group="schulen",
        by=land,
    )  # fmt: skip
    services.add_item(
        inst, code="S1", text="Die Angebote des Netzwerks sind bekannt.", kind="zustimmung",
        dimension="Transparenz", by=land,
    )  # fmt: skip
    item = services.add_item(
        inst, code="S2", text="Welche Schulform leiten Sie?", kind="einfachauswahl",
        choices="Grundschule\nGesamtschule\nGymnasium", dimension="Angaben zur Person", by=land,
    )  # fmt: skip
    assert item.choices == ["Grundschule", "Gesamtschule", "Gymnasium"]
    assert [d.name for d in inst.dimensions.all()] == ["Transparenz", "Angaben zur Person"]
    assert AuditEntry.objects.filter(action="surveys.item.created", actor=land).count() == 2
    with pytest.raises(DomainError, match="Kennung") as exc:
        services.add_item(inst, code="s1", text="Doppelt", kind="zustimmung", by=land)
    assert exc.value.field == "code"
    with pytest.raises(DomainError, match="mindestens zwei") as exc:
        services.add_item(inst, code="S3", text="Eine?", kind="einfachauswahl", choices="Ja",
                          by=land)  # fmt: skip
    assert exc.value.field == "choices"


def test_instrument_only_by_land(buero_bochum):
    with pytest.raises(DomainError) as exc:
        services.create_instrument(code="x", title="X", target_group="akteure", by=buero_bochum)
    assert exc.value.code == "forbidden"


def test_threshold_never_below_three(land, akteure, today):
    with pytest.raises(DomainError) as exc:
        services.create_survey(
            instrument=akteure, title="Test", closes_on=today, by=land, anonymity_threshold=2
        )
    assert exc.value.field == "anonymity_threshold"
    assert "Mindestzahl" in exc.value.message and "3" in exc.value.message
    survey = services.create_survey(
        instrument=akteure, title="Test", closes_on=today, by=land, anonymity_threshold=3
    )
    assert survey.anonymity_threshold == 3


def test_closing_date_in_past_refused(land, akteure, today):
    with pytest.raises(DomainError) as exc:
        services.create_survey(
            instrument=akteure, title="Test", closes_on=today - datetime.timedelta(days=1), by=land
        )
    assert exc.value.field == "closes_on"


def test_bildungsbuero_creates_only_for_own_region(buero_bochum, akteure, dortmund, today):
    for region in (None, dortmund):
        with pytest.raises(DomainError) as exc:
            services.create_survey(
                instrument=akteure, title="Fremd", closes_on=today, by=buero_bochum, region=region
            )
        assert exc.value.code == "forbidden"


def test_regional_survey_has_its_region(regional, bochum, buero_bochum):
    assert regional.status == SurveyStatus.LAEUFT
    assert SurveyRegion.objects.filter(survey=regional, region=bochum).exists()
    assert AuditEntry.objects.filter(action="surveys.survey.opened", actor=buero_bochum).exists()


def test_add_invitations_row_by_row_and_idempotent(statewide, bochum, land):
    raw = (
        "E-Mail\n"
        "anna.schulz@vhs-bochum.de\n"
        "keine-adresse\n"
        "Anna.Schulz@vhs-bochum.de\n"
        "\n"
        "kita.regenbogen@bochum.de;Kita Regenbogen\n"
    )
    report = services.add_invitations(statewide, bochum, raw, land)
    assert report.accepted == ["anna.schulz@vhs-bochum.de", "kita.regenbogen@bochum.de"]
    assert report.duplicate == ["anna.schulz@vhs-bochum.de"]
    assert len(report.rejected) == 1
    row, value, reason = report.rejected[0]
    assert value == "keine-adresse" and "keine gültige E-Mail-Adresse" in reason
    again = services.add_invitations(statewide, bochum, raw, land)
    assert again.accepted == [] and len(again.duplicate) == 3
    assert Invitation.objects.filter(survey=statewide).count() == 2


def test_bildungsbuero_invites_only_own_region(statewide, bochum, dortmund, buero_bochum):
    report = services.add_invitations(
        statewide, bochum, ["a.becker@ruhr-uni-bochum.de"], buero_bochum
    )
    assert report.accepted
    with pytest.raises(DomainError) as exc:
        services.add_invitations(statewide, dortmund, ["x@dortmund.de"], buero_bochum)
    assert exc.value.code == "forbidden"
    assert not Invitation.objects.filter(region=dortmund).exists()


def _invite_and_send(survey, region, user, emails, callbacks):
    services.add_invitations(survey, region, emails, user)
    with callbacks(execute=True):
        services.send_invitations(
            survey, by=user, region=region, base_url="https://bildungsnetz.nrw.de/"
        )


def test_invitation_job_mails_once_with_one_time_token(
    statewide, bochum, land, django_capture_on_commit_callbacks
):
    _invite_and_send(
        statewide, bochum, land, ["m.yilmaz@bochum.de"], django_capture_on_commit_callbacks
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["m.yilmaz@bochum.de"]
    assert "Einladung zur Befragung: RBN-Befragung Akteure 2027" == message.subject
    assert "https://bildungsnetz.nrw.de/befragungen/teilnehmen/" in message.body
    assert "anonym" in message.body
    token = token_from(message)
    inv = Invitation.objects.get(email="m.yilmaz@bochum.de")
    assert inv.sent_at is not None
    assert inv.token_hash == services.hash_token(token) and token not in inv.token_hash
    # A redelivered job sends nothing twice.
    assert services.deliver_invitations(statewide.pk) == 0
    assert len(mail.outbox) == 1
    # The token works exactly once.
    response = services.submit_response(token, ALL_AGREE)
    assert response.region == bochum and response.answers.count() == 9
    inv.refresh_from_db()
    assert inv.used
    with pytest.raises(DomainError, match="bereits geantwortet") as exc:
        services.submit_response(token, ALL_AGREE)
    assert exc.value.code == "used_token"
    assert Response.objects.count() == 1


def test_unknown_token_refused(statewide):
    with pytest.raises(DomainError, match="nicht gültig") as exc:
        services.submit_response("ausgedacht-123", ALL_AGREE)
    assert exc.value.code == "unknown_token"


def test_resend_rotates_token(statewide, bochum, land, django_capture_on_commit_callbacks):
    _invite_and_send(
        statewide, bochum, land, ["j.wagner@bochum.de"], django_capture_on_commit_callbacks
    )
    old = token_from(mail.outbox[0])
    inv = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_invitation(inv, by=land)
    assert len(mail.outbox) == 2
    new = token_from(mail.outbox[1])
    assert new != old
    with pytest.raises(DomainError) as exc:
        services.submit_response(old, ALL_AGREE)
    assert exc.value.code == "unknown_token"
    services.submit_response(new, ALL_AGREE)
    assert Response.objects.count() == 1


def test_invitations_not_sent_for_draft(land, akteure, bochum, today):
    survey = services.create_survey(instrument=akteure, title="Entwurf", closes_on=today, by=land)
    services.add_invitations(survey, bochum, ["a@bochum.de"], land)
    with pytest.raises(DomainError, match="gestartet"):
        services.send_invitations(survey, by=land)


def test_answer_validation_names_items(statewide, bochum, land, django_capture_on_commit_callbacks):
    _invite_and_send(
        statewide, bochum, land, ["l.hoffmann@bochum.de"], django_capture_on_commit_callbacks
    )
    token = token_from(mail.outbox[0])
    with pytest.raises(services.AnswerErrors) as exc:
        services.submit_response(token, {**ALL_AGREE, "A3": "weiß nicht", "A5": "sehr"})
    assert set(exc.value.errors) == {"A3", "A5"}
    assert "weiß nicht" in exc.value.errors["A3"]
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    assert not Invitation.objects.get().used
    with pytest.raises(DomainError, match="mindestens eine"):
        services.submit_response(token, {})
    response = services.submit_response(
        token, {"A1": "trifft eher nicht zu", "A2": "keine Angabe", "A3": ""}
    )
    values = dict(response.answers.values_list("item__code", "value"))
    assert values == {"A1": "eher_nicht", "A2": "keine_angabe"}


def test_single_choice_and_free_text(land, bochum, today, django_capture_on_commit_callbacks):
    inst = services.create_instrument(code="kurz", title="Kurzbefragung", target_group="sonstige",
                                      by=land)  # fmt: skip
    services.add_item(inst, code="K1", text="Ihr Bereich?", kind="einfachauswahl",
                      choices=["Schule", "Kita", "Verwaltung"], by=land)  # fmt: skip
    services.add_item(inst, code="K2", text="Was wünschen Sie sich?", kind="freitext", by=land)
    survey = services.open_survey(
        services.create_survey(instrument=inst, title="Kurz", closes_on=today, by=land), by=land
    )
    _invite_and_send(
        survey, bochum, land, ["p.klein@bochum.de"], django_capture_on_commit_callbacks
    )
    token = token_from(mail.outbox[0])
    with pytest.raises(services.AnswerErrors) as exc:
        services.submit_response(token, {"K1": "Hochschule", "K2": "x" * 2001})
    assert "Schule, Kita, Verwaltung" in exc.value.errors["K1"]
    assert "zu lang" in exc.value.errors["K2"]
    response = services.submit_response(token, {"K1": "kita", "K2": "Mehr Austausch."})
    answers = {a.item.code: (a.value, a.text) for a in response.answers.all()}
    assert answers == {"K1": ("Kita", ""), "K2": ("", "Mehr Austausch.")}


def test_closing_date_stops_answers(
    statewide, bochum, land, today, django_capture_on_commit_callbacks
):
    _invite_and_send(
        statewide, bochum, land, ["s.weber@bochum.de"], django_capture_on_commit_callbacks
    )
    token = token_from(mail.outbox[0])
    statewide.closes_on = today - datetime.timedelta(days=1)
    statewide.save()
    with pytest.raises(DomainError, match="beendet") as exc:
        services.submit_response(token, ALL_AGREE)
    assert exc.value.code == "closed"
    result = services.send_reminders()
    statewide.refresh_from_db()
    assert statewide.status == SurveyStatus.BEENDET and result["closed"] == 1
    assert Response.objects.count() == 0


def test_closed_survey_refuses_answers(statewide, bochum, land, django_capture_on_commit_callbacks):
    _invite_and_send(
        statewide, bochum, land, ["s.weber@bochum.de"], django_capture_on_commit_callbacks
    )
    token = token_from(mail.outbox[0])
    services.close_survey(statewide, by=land)
    with pytest.raises(DomainError, match="beendet"):
        services.submit_response(token, ALL_AGREE)
    assert AuditEntry.objects.filter(action="surveys.survey.closed", actor=land).exists()


def test_reminders_once_only_to_those_without_answer(
    statewide, bochum, land, today, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://bildungsnetz.nrw.de"
    settings.SURVEY_REMINDER_DAYS_BEFORE = 5
    _invite_and_send(
        statewide, bochum, land, ["a@vhs-bochum.de", "b@vhs-bochum.de"],
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    tokens = {m.to[0]: token_from(m) for m in mail.outbox}
    services.submit_response(tokens["a@vhs-bochum.de"], ALL_AGREE)
    # Three weeks before the closing date: too early.
    assert services.send_reminders(today)["reminded"] == 0
    day = statewide.closes_on - datetime.timedelta(days=4)
    assert services.send_reminders(day)["reminded"] == 1
    reminder = mail.outbox[-1]
    assert reminder.to == ["b@vhs-bochum.de"] and reminder.subject.startswith("Erinnerung")
    assert "https://bildungsnetz.nrw.de/befragungen/teilnehmen/" in reminder.body
    # Only once.
    assert services.send_reminders(day)["reminded"] == 0
    assert len(mail.outbox) == 3
    # The reminder's link works, the first one no longer.
    with pytest.raises(DomainError):
        services.submit_response(tokens["b@vhs-bochum.de"], ALL_AGREE)
    services.submit_response(token_from(reminder), ALL_AGREE)
    assert Response.objects.count() == 2


def test_progress_for_region(statewide, regional, bochum, dortmund, land, buero_bochum,
                             django_capture_on_commit_callbacks):  # fmt: skip
    _invite_and_send(statewide, bochum, land, ["a@bochum.de", "b@bochum.de", "c@bochum.de"],
                     django_capture_on_commit_callbacks)  # fmt: skip
    services.set_offline_invitations(statewide, bochum, 5, land)
    services.add_invitations(statewide, dortmund, ["d@dortmund.de"], land)
    services.submit_response(token_from(mail.outbox[0]), ALL_AGREE)
    services.submit_response(token_from(mail.outbox[1]), ALL_AGREE)
    rows = {r["survey"].pk: r for r in survey_progress_for_region(bochum)}
    assert set(rows) == {statewide.pk, regional.pk}
    row = rows[statewide.pk]
    assert (row["invited"], row["responded"]) == (8, 2)
    assert row["response_rate"] == 25.0 and row["closes_on"] == statewide.closes_on
    assert rows[regional.pk]["invited"] == 0 and rows[regional.pk]["response_rate"] is None
    dortmund_rows = {r["survey"].pk: r for r in survey_progress_for_region(dortmund)}
    assert set(dortmund_rows) == {statewide.pk}
    assert (dortmund_rows[statewide.pk]["invited"], dortmund_rows[statewide.pk]["responded"]) == (
        1,
        0,
    )
    services.close_survey(statewide, by=land)
    assert [r["survey"].pk for r in survey_progress_for_region(bochum)] == [regional.pk]


def test_resend_to_address_is_silent_about_answers(
    statewide, bochum, land, django_capture_on_commit_callbacks
):
    _invite_and_send(statewide, bochum, land, ["w.vogel@bochum.de", "x.roth@bochum.de"],
                     django_capture_on_commit_callbacks)  # fmt: skip
    tokens = {m.to[0]: token_from(m) for m in mail.outbox}
    services.submit_response(tokens["w.vogel@bochum.de"], ALL_AGREE)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resend_to_address(statewide, "W.Vogel@bochum.de", by=land) is False
        assert services.resend_to_address(statewide, "niemand@bochum.de", by=land) is False
        assert services.resend_to_address(statewide, "x.roth@bochum.de", by=land) is True
    assert [m.to[0] for m in mail.outbox[2:]] == ["x.roth@bochum.de"]
    with pytest.raises(DomainError) as exc:
        services.resend_to_address(statewide, "kaputt", by=land)
    assert exc.value.field == "email"


def test_reminder_job_is_a_registered_periodic_task(settings):
    from bildungsnetz.celery import app
    from bildungsnetz.surveys import tasks  # noqa: F401

    assert settings.PERIODIC_JOBS["befragungen_erinnern"] == ("surveys.send_reminders", 86400)
    assert "surveys.send_reminders" in app.tasks
    assert "surveys.deliver_invitations" in app.tasks


def test_regional_survey_invites_only_its_region(regional, dortmund, land):
    with pytest.raises(DomainError, match="nur für Bochum") as exc:
        services.add_invitations(regional, dortmund, ["y@dortmund.de"], land)
    assert exc.value.field == "region"
    assert not Invitation.objects.exists()
