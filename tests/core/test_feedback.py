"""The accessibility feedback form (BITV NRW: an electronic way to report barriers)."""

import pytest
from django.core import mail

from bildungsnetz.core.models import Feedback


@pytest.mark.django_db
def test_feedback_is_stored_and_mailed_to_the_contact(
    client, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_EMAIL = "barrierefreiheit@bildungsnetz.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/barrierefreiheit/rueckmeldung/",
            {
                "topic": "barriere",
                "page_url": "/schulen/",
                "message": "Die Karte lässt sich nicht mit der Tastatur bedienen.",
                "name": "Jürgen Özdemir",
                "email": "j.oezdemir@example.org",
            },
        )
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert item.topic == "barriere" and item.name == "Jürgen Özdemir"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["barrierefreiheit@bildungsnetz.example.org"]
    assert "nicht mit der Tastatur" in mail.outbox[0].body


@pytest.mark.django_db
def test_feedback_without_message_names_the_field_and_stores_nothing(client):
    response = client.post("/barrierefreiheit/rueckmeldung/", {"topic": "barriere", "message": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Nachricht" in html
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_feedback_form_changes_no_shared_record_for_anonymous_users(client):
    """The only write of this public form is a Feedback row; nothing else is touched."""
    from bildungsnetz.core.models import AuditEntry

    client.post(
        "/barrierefreiheit/rueckmeldung/",
        {"topic": "sonstiges", "message": "Bitte die Schriftgröße erhöhen."},
    )
    assert Feedback.objects.count() == 1
    assert AuditEntry.objects.count() == 0
