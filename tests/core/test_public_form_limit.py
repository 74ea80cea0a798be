"""Public forms without login accept a limited number of POSTs per address and hour."""

import pytest

from bildungsnetz.core.models import Feedback
from bildungsnetz.network.models import NewsletterSubscription
from bildungsnetz.partners.models import Institution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _low_limit(settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 3


def _feedback(client, n, **extra):
    return client.post(
        "/barrierefreiheit/rueckmeldung/",
        {"topic": "barriere", "message": f"Kontrast der Karte zu schwach ({n})"},
        **extra,
    )


def test_feedback_beyond_the_limit_gets_a_german_429_and_stores_nothing(client):
    assert [_feedback(client, n).status_code for n in range(3)] == [302, 302, 302]
    response = _feedback(client, 4)
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert Feedback.objects.count() == 3


def test_the_limit_counts_per_address(client):
    for n in range(3):
        _feedback(client, n, REMOTE_ADDR="10.0.0.1")
    assert _feedback(client, 4, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert _feedback(client, 5, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert Feedback.objects.count() == 4


def test_behind_the_proxy_the_last_forwarded_hop_counts(client, settings):
    settings.BEHIND_PROXY = True
    for n in range(3):
        _feedback(client, n, HTTP_X_FORWARDED_FOR="203.0.113.9, 10.1.1.1")
    # A client cannot escape by inventing earlier hops: the proxy's own entry is last.
    blocked = _feedback(client, 4, HTTP_X_FORWARDED_FOR="198.51.100.7, 10.1.1.1")
    assert blocked.status_code == 429
    assert _feedback(client, 5, HTTP_X_FORWARDED_FOR="10.1.1.2").status_code == 302


def test_reading_the_form_is_never_limited(client):
    for n in range(3):
        _feedback(client, n)
    assert client.get("/barrierefreiheit/rueckmeldung/").status_code == 200


def test_newsletter_subscription_is_limited(client):
    codes = [
        client.post(
            "/netzwerk/newsletter/", {"email": f"leser{n}@example.org", "region": ""}
        ).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert NewsletterSubscription.objects.count() == 3


def test_self_registration_is_limited(client):
    before = Institution.objects.count()
    for _ in range(3):
        client.post("/bildungspartner/einrichtung-anmelden/", {"name": ""})
    response = client.post("/bildungspartner/einrichtung-anmelden/", {"name": "Stadtarchiv"})
    assert response.status_code == 429
    assert Institution.objects.count() == before
