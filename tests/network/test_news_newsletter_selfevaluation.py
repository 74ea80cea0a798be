"""News with Atom feeds, newsletter with double opt-in and one-click unsubscribe, and the
self-evaluation in the eight development fields with its statewide summary."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.db import IntegrityError
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.network import news_services
from bildungsnetz.network.models import (
    DevelopmentField,
    NewsItem,
    NewsletterSubscription,
    SelfEvaluation,
)
from bildungsnetz.network.selectors import self_evaluation_summary
from bildungsnetz.network.services import save_self_evaluation
from tests.factories import make_user


def _entries(rating=3, **overrides):
    entries = {
        code: {
            "rating": rating,
            "strengths": "Verlässliche Zusammenarbeit mit dem Schulamt",
            "options": "Kreisangehörige Städte stärker einbinden",
        }
        for code in DevelopmentField.values
    }
    entries.update(overrides)
    return entries


# --- Self-evaluation --------------------------------------------------------------------


def test_self_evaluation_saves_eight_fields_once_per_year(bochum, buero_bochum):
    save_self_evaluation(bochum, acting_user=buero_bochum, year=2024, entries=_entries())
    save_self_evaluation(
        bochum,
        acting_user=buero_bochum,
        year=2024,
        entries=_entries(lenkungskreis={"rating": 4, "strengths": "Chefsache", "options": ""}),
    )
    assert SelfEvaluation.objects.filter(region=bochum, year=2024).count() == 8
    lk = SelfEvaluation.objects.get(region=bochum, year=2024, field="lenkungskreis")
    assert (lk.rating, lk.strengths) == (4, "Chefsache")
    entries = AuditEntry.objects.filter(action="network.selfevaluation.saved")
    assert entries.count() == 2
    assert entries.order_by("pk").last().data == {"year": 2024, "fields": ["lenkungskreis"]}


def test_self_evaluation_needs_every_rating_and_a_sane_year(bochum, buero_bochum):
    with pytest.raises(DomainError) as exc:
        save_self_evaluation(
            bochum,
            acting_user=buero_bochum,
            year=2024,
            entries=_entries(zivilgesellschaft={"rating": 5}),
        )
    assert exc.value.field == "zivilgesellschaft_rating"
    with pytest.raises(DomainError) as exc:
        save_self_evaluation(
            bochum, acting_user=buero_bochum, year=timezone.localdate().year + 1, entries=_entries()
        )
    assert exc.value.field == "year"
    assert not SelfEvaluation.objects.exists()


def test_self_evaluation_is_unique_in_the_database(bochum):
    SelfEvaluation.objects.create(region=bochum, year=2023, field="lenkungskreis", rating=2)
    with pytest.raises(IntegrityError):
        SelfEvaluation.objects.create(region=bochum, year=2023, field="lenkungskreis", rating=3)


def test_other_region_may_not_evaluate_bochum(bochum, db):
    dortmund_staff = make_user("lea.schmitz@dortmund.de", "bildungsbuero", "05913")
    with pytest.raises(DomainError) as exc:
        save_self_evaluation(bochum, acting_user=dortmund_staff, year=2024, entries=_entries())
    assert exc.value.code == "forbidden"


def test_statewide_summary_is_derived(client, bochum, dortmund, buero_bochum, land):
    save_self_evaluation(bochum, acting_user=buero_bochum, year=2024, entries=_entries(3))
    save_self_evaluation(
        dortmund,
        acting_user=land,
        year=2024,
        entries=_entries(2, bildungskonferenz={"rating": 4}),
    )
    save_self_evaluation(dortmund, acting_user=land, year=2022, entries=_entries(1))
    years = self_evaluation_summary()
    assert [y["year"] for y in years] == [2024, 2022]
    fields = {f["code"]: f for f in years[0]["fields"]}
    assert str(fields["lenkungskreis"]["mean"]) == "2.5"
    assert str(fields["bildungskonferenz"]["mean"]) == "3.5"
    assert fields["lenkungskreis"]["regions"] == 2
    assert years[0]["regions"] == 2 and years[1]["regions"] == 1
    page = client.get("/netzwerk/selbstbewertung/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Näher an die Kommunalpolitik" in html
    assert "3,5" in html or "3.5" in html


def test_region_page_shows_self_evaluation_to_readers_only(client, bochum, buero_bochum):
    save_self_evaluation(bochum, acting_user=buero_bochum, year=2024, entries=_entries())
    assert "Kreisangehörige Städte stärker" not in client.get("/netzwerk/05911/").content.decode()
    client.force_login(buero_bochum)
    html = client.get("/netzwerk/05911/").content.decode()
    assert "Selbstbewertung 2024" in html
    assert "Kreisangehörige Städte stärker einbinden" in html


def test_self_evaluation_form_fills_a_year(client, bochum, buero_bochum):
    client.force_login(buero_bochum)
    data = {}
    for code in DevelopmentField.values:
        data[f"{code}_rating"] = "2"
        data[f"{code}_strengths"] = "Bildungskonferenz tagt jährlich"
        data[f"{code}_options"] = ""
    assert client.get("/netzwerk/05911/selbstbewertung/2023/").status_code == 200
    response = client.post("/netzwerk/05911/selbstbewertung/2023/", data)
    assert response.status_code == 302
    assert SelfEvaluation.objects.filter(region=bochum, year=2023, rating=2).count() == 8
    data["lenkungskreis_rating"] = ""
    response = client.post("/netzwerk/05911/selbstbewertung/2023/", data)
    assert response.status_code == 200
    assert client.get("/netzwerk/05911/selbstbewertung/1999/").status_code == 404


# --- News and feeds ---------------------------------------------------------------------


@pytest.fixture
def news(bochum, dortmund):
    now = timezone.now()
    public = NewsItem.objects.create(
        region=bochum,
        title="Bildungskonferenz 2025 zum Übergang Schule–Beruf",
        text="Am 12. November lädt das Bildungsbüro Bochum in das Rathaus ein.",
        published_at=now - datetime.timedelta(days=1),
        is_public=True,
    )
    draft = NewsItem.objects.create(
        region=bochum, title="Entwurf: Haushaltsplanung", text="Intern.", is_public=False
    )
    scheduled = NewsItem.objects.create(
        region=bochum,
        title="Neue Leitung im Bildungsbüro",
        text="Ab März.",
        published_at=now + datetime.timedelta(days=10),
        is_public=True,
    )
    other = NewsItem.objects.create(
        region=dortmund,
        title="Dortmunder Sprachbildungstag",
        text="Workshops für Kitas und Grundschulen.",
        published_at=now - datetime.timedelta(days=2),
        is_public=True,
    )
    return {"public": public, "draft": draft, "scheduled": scheduled, "other": other}


def test_public_lists_show_only_published_news(client, news):
    statewide = client.get("/netzwerk/neuigkeiten/").content.decode()
    assert "Bildungskonferenz 2025" in statewide
    assert "Dortmunder Sprachbildungstag" in statewide
    assert "Haushaltsplanung" not in statewide
    assert "Neue Leitung" not in statewide
    region = client.get("/netzwerk/05911/neuigkeiten/").content.decode()
    assert "Bildungskonferenz 2025" in region
    assert "Dortmunder" not in region
    assert client.get(news["public"].get_absolute_url()).status_code == 200
    assert client.get(news["draft"].get_absolute_url()).status_code == 404
    assert client.get(f"/netzwerk/05913/neuigkeiten/{news['public'].pk}/").status_code == 404
    assert "Bildungskonferenz 2025" in client.get("/netzwerk/05911/").content.decode()


def test_editor_sees_drafts(client, news, buero_bochum):
    client.force_login(buero_bochum)
    assert client.get(news["draft"].get_absolute_url()).status_code == 200
    assert "Haushaltsplanung" in client.get("/netzwerk/05911/neuigkeiten/").content.decode()


def test_atom_feeds(client, news):
    response = client.get("/netzwerk/neuigkeiten/atom.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert 'xmlns="http://www.w3.org/2005/Atom"' in xml
    assert "Bildungskonferenz 2025 zum Übergang Schule–Beruf" in xml
    assert "Dortmunder Sprachbildungstag" in xml
    assert "Haushaltsplanung" not in xml and "Neue Leitung" not in xml
    assert news["public"].get_absolute_url() in xml
    regional = client.get("/netzwerk/05911/neuigkeiten/atom.xml").content.decode()
    assert "Bildungskonferenz 2025" in regional
    assert "Dortmunder" not in regional
    assert client.get("/netzwerk/99999/neuigkeiten/atom.xml").status_code == 404


# --- Newsletter -------------------------------------------------------------------------


def _link(body, kind):
    return re.search(rf"http://testserver(/netzwerk/newsletter/{kind}/[^/\s]+/)", body).group(1)


def test_double_opt_in_and_one_click_unsubscribe(
    client, bochum, news, buero_bochum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/netzwerk/newsletter/", {"email": "Anna.Becker@example.org", "region": "05911"}
        )
    assert response.status_code == 302
    subscription = NewsletterSubscription.objects.get()
    assert (subscription.email, subscription.region) == ("anna.becker@example.org", bochum)
    assert subscription.confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna.becker@example.org"]
    confirm = _link(mail.outbox[0].body, "bestaetigen")

    page = client.get(confirm)
    assert page.status_code == 200
    assert "Anmeldung bestätigen" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # a GET (link preview) confirms nothing
    assert client.post(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    mail.outbox.clear()
    client.force_login(buero_bochum)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/netzwerk/05911/neuigkeiten/{news['public'].pk}/newsletter/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.subject == (
        "Neuigkeit aus Bochum: Bildungskonferenz 2025 zum Übergang Schule–Beruf"
    )
    unsubscribe = _link(letter.body, "abmelden")
    assert letter.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert letter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    news["public"].refresh_from_db()
    assert news["public"].newsletter_sent_at is not None
    # A redelivered job (worker died after sending) sends nobody the item twice.
    assert news_services.deliver_newsletter(news["public"].pk, "http://testserver") == 0
    assert len(mail.outbox) == 1

    client.logout()
    page = client.get(unsubscribe)
    assert page.status_code == 200
    assert "Abbestellen" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None
    # one-click POST from the mail client: no session, no CSRF token
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert not news_services.newsletter_recipients(bochum).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "network.newslettersubscription.requested",
        "network.newslettersubscription.confirmed",
        "network.newslettersubscription.unsubscribed",
        "network.newsitem.newsletter_requested",
    } <= actions


def test_confirmation_link_expires_after_seven_days(client, db):
    subscription = NewsletterSubscription.objects.create(email="jonas.wagner@example.org")
    token = signing.dumps(
        {"id": subscription.pk, "e": subscription.email}, salt=news_services.CONFIRM_SALT
    )
    later = timezone.now() + datetime.timedelta(days=8)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(f"/netzwerk/newsletter/bestaetigen/{token}/")
    assert response.status_code == 400
    assert "abgelaufen" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_forged_or_swapped_tokens_are_refused(client, db):
    subscription = NewsletterSubscription.objects.create(email="lena.fischer@example.org")
    assert client.post("/netzwerk/newsletter/abmelden/nichtsigniert/").status_code == 400
    confirm_token = signing.dumps(
        {"id": subscription.pk, "e": subscription.email}, salt=news_services.CONFIRM_SALT
    )
    # a confirmation token is no unsubscribe token (different salt)
    assert client.post(f"/netzwerk/newsletter/abmelden/{confirm_token}/").status_code == 400
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None


def test_known_address_gets_no_second_mail(db, django_capture_on_commit_callbacks):
    NewsletterSubscription.objects.create(
        email="max.klein@example.org", confirmed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        news_services.subscribe(email="max.klein@example.org", base_url="http://testserver/")
    assert mail.outbox == []
    assert NewsletterSubscription.objects.count() == 1


def test_resubscribe_after_unsubscribe_needs_new_confirmation(
    db, django_capture_on_commit_callbacks
):
    NewsletterSubscription.objects.create(
        email="max.klein@example.org",
        confirmed_at=timezone.now() - datetime.timedelta(days=30),
        unsubscribed_at=timezone.now() - datetime.timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        subscription = news_services.subscribe(
            email="max.klein@example.org", base_url="http://testserver/"
        )
    assert subscription.confirmed_at is None and subscription.unsubscribed_at is None
    assert len(mail.outbox) == 1


def test_unpublished_news_cannot_be_sent(news, buero_bochum, django_capture_on_commit_callbacks):
    NewsletterSubscription.objects.create(email="eva.wolf@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DomainError):
            news_services.send_news_as_newsletter(
                news["draft"], acting_user=buero_bochum, base_url="http://testserver/"
            )
    assert mail.outbox == []
