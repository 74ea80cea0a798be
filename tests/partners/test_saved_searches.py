"""Saved near-searches with e-mail alerts for new offers and needs near the place."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners import services
from bildungsnetz.partners.models import LearningOffer, Need, SavedSearch
from bildungsnetz.partners.tasks import send_search_alerts as alert_task

from . import factories as f

pytestmark = pytest.mark.django_db


def _offer(inst, title, handlungsfeld="historisch_politisch"):
    return LearningOffer.objects.create(
        institution=inst,
        title=title,
        description="Führung mit anschließendem Workshop.",
        handlungsfeld=handlungsfeld,
    )


@pytest.fixture
def search(paulinum, buero_muenster):
    """Petra Sommer keeps 'historisch-politisch, 5 km um das Paulinum'."""
    s = services.save_search(
        acting_user=buero_muenster,
        place="Gymnasium Paulinum",
        lat=paulinum.lat,
        lon=paulinum.lon,
        km=5,
        handlungsfeld="historisch_politisch",
    )
    SavedSearch.objects.filter(pk=s.pk).update(
        last_sent=timezone.now() - datetime.timedelta(hours=1)
    )
    s.refresh_from_db()
    return s


def test_alert_mails_new_offers_and_needs_once(
    search, paulinum, schule_paulinum, django_capture_on_commit_callbacks
):
    villa = f.institution("villa_ten_hompel")
    _offer(villa, "Polizei und Verwaltung im NS-Staat")
    _offer(villa, "Kunst nach 1945", "kunst_kultur")  # other Handlungsfeld
    _offer(f.institution("bergbau_museum"), "Zwangsarbeit im Bergbau")  # Bochum: too far
    Need.objects.create(
        school=paulinum,
        created_by=schule_paulinum,
        topic="Gedenkstättenfahrt der Stufe 10 vorbereiten",
        handlungsfeld="historisch_politisch",
        grade_from=10,
        grade_to=10,
        time_frame="Januar 2027",
        description="Vorbereitung in Münster vor der Fahrt.",
    )
    now = timezone.now() + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.send_search_alerts(now=now)
    assert counts == {"searches": 1, "mails": 1}
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["sommer@bildungsbuero-muenster.example.org"]
    assert "Polizei und Verwaltung im NS-Staat – Geschichtsort Villa ten Hompel" in body
    assert "Gedenkstättenfahrt der Stufe 10 vorbereiten – Gymnasium Paulinum" in body
    assert "Kunst nach 1945" not in body and "Zwangsarbeit" not in body
    search.refresh_from_db()
    assert search.last_sent == now
    assert AuditEntry.objects.filter(action="partners.search.alert_sent").count() == 1
    # Idempotent: running again sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.send_search_alerts(now=now)
    assert again == {"searches": 0, "mails": 0} and len(mail.outbox) == 1


def test_nothing_new_no_mail_but_window_moves(search, django_capture_on_commit_callbacks):
    _offer(f.institution("villa_ten_hompel", verified=False), "Noch nicht geprüft")
    later = timezone.now() + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        counts = alert_task.apply().get()
    assert counts["mails"] == 0 and mail.outbox == []
    search.refresh_from_db()
    assert search.last_sent <= later and search.last_sent > timezone.now() - datetime.timedelta(
        minutes=5
    )


def test_save_search_validates(buero_muenster):
    with pytest.raises(DomainError) as exc:
        services.save_search(
            acting_user=buero_muenster, place="Münster", lat=7.62, lon=51.96, km=10
        )
    assert exc.value.field == "lat" and "vertauscht" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.save_search(
            acting_user=buero_muenster, place="Münster", lat=51.96, lon=7.62, km=500
        )
    assert exc.value.field == "km"
    assert not SavedSearch.objects.exists()


def test_save_from_the_near_page_and_delete(client, paulinum, buero_muenster):
    client.force_login(buero_muenster)
    page = client.get("/bildungspartner/in-der-naehe/", {"schule": "167850", "km": "10"})
    assert "Suche speichern" in page.content.decode()
    response = client.post(
        "/bildungspartner/suchen/speichern/",
        {"schule": "167850", "km": "10", "handlungsfeld": "lesen"},
    )
    assert response.status_code == 302 and response["Location"] == "/bildungspartner/suchen/"
    saved = SavedSearch.objects.get()
    assert (saved.place, saved.km, saved.handlungsfeld) == ("Gymnasium Paulinum", 10, "lesen")
    listing = client.get("/bildungspartner/suchen/").content.decode()
    assert "10 km um Gymnasium Paulinum" in listing
    client.post(f"/bildungspartner/suchen/{saved.pk}/loeschen/")
    assert not SavedSearch.objects.exists()
    assert AuditEntry.objects.filter(action="partners.search.deleted").count() == 1
