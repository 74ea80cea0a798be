"""E-mail login (django-allauth), closed self-registration, login rate limits, TOTP."""

import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, make_user


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters(db):
    cache.clear()


def test_login_page_uses_site_layout_with_labelled_fields(client):
    response = client.get("/konto/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link"' in html  # our base layout
    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html
    assert "Anmelden" in html


def test_login_with_email_address_reaches_my_area(client):
    make_user("petra.sommer@bochum.de", "bildungsbuero", "05911")
    response = client.post(
        "/konto/login/", {"login": "Petra.Sommer@bochum.de", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/mein-bereich/"
    assert "Bildungsbüro" in response.content.decode()


def test_wrong_password_gives_a_german_error_and_no_session(client):
    make_user("petra.sommer@bochum.de")
    response = client.post(
        "/konto/login/", {"login": "petra.sommer@bochum.de", "password": "falsch-falsch"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "error-summary" in response.content.decode()


def test_failed_logins_are_limited_per_account(client):
    make_user("klaus.becker@dortmund.de")
    for _ in range(5):
        client.post("/konto/login/", {"login": "klaus.becker@dortmund.de", "password": "nein"})
    # The correct password is refused while the account is locked by the rate limit.
    response = client.post(
        "/konto/login/", {"login": "klaus.becker@dortmund.de", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert "Zu viele" in response.content.decode() or response.status_code == 429


def test_self_registration_is_closed_by_default(client):
    response = client.get("/konto/signup/")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert "Registrierung" in response.content.decode() or "geschlossen" in (
        response.content.decode()
    )
    response = client.post(
        "/konto/signup/",
        {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    from bildungsnetz.core.models import User

    assert not User.objects.filter(email="neu@example.org").exists()


def test_totp_second_factor_can_be_activated_and_is_then_required(client):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    make_user("anna.yilmaz@koeln.de", "schulaufsicht", "05315")
    client.post("/konto/login/", {"login": "anna.yilmaz@koeln.de", "password": PASSWORD})
    # Setting up a second factor asks for the password once more (reauthentication).
    assert client.get("/konto/2fa/totp/activate/").status_code == 302
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    response = client.get("/konto/2fa/totp/activate/")
    assert response.status_code == 200
    assert 'class="skip-link"' in response.content.decode()
    secret = response.context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post("/konto/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(type="totp", user__email="anna.yilmaz@koeln.de").exists()

    client.logout()
    response = client.post("/konto/login/", {"login": "anna.yilmaz@koeln.de", "password": PASSWORD})
    # The password alone is not enough any more: the second step asks for the code.
    assert response.status_code == 302 and "/2fa/authenticate" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_my_area_lists_roles_with_their_links(client):
    from tests.factories import make_school

    school = make_school("188001", "02", name="Grundschule Am Park")
    user = make_user("schulleitung@gs-am-park.de", "schule", "05911", school=school)
    client.force_login(user)
    html = client.get("/mein-bereich/").content.decode()
    assert "<title>Mein Bereich – Bildungsnetz NRW</title>" in html
    assert "/schulen/?region=05911" in html
    assert "/unterstuetzung/plan/188001/" in html
    assert "Redaktion des Unterstützungskatalogs" not in html
