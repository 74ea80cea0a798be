"""API tokens: created in „Mein Bereich“, secret shown once, hash stored, Bearer auth with
exactly the account's rights (region-scoped), revocation, last use noted."""

import datetime
import re

import pytest
from django.utils import timezone

from bildungsnetz.api import services
from bildungsnetz.api.models import ApiToken
from bildungsnetz.core.models import AuditEntry
from tests.factories import make_user

from .data import seed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data(db):
    return seed()


@pytest.fixture
def buero_bochum(db):
    return make_user("petra.sommer@bochum.example.org", "bildungsbuero", "05911")


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_create_token_through_the_page_shows_secret_once_and_stores_only_hash(client, buero_bochum):
    client.force_login(buero_bochum)
    page = client.get("/konto/api-schluessel/")
    assert page.status_code == 200
    assert "Sie haben noch keinen API-Schlüssel angelegt." in page.content.decode()
    response = client.post("/konto/api-schluessel/neu/", {"name": "Auswertung Bildungsbüro"})
    assert response.status_code == 201
    html = response.content.decode()
    secret = re.search(r'value="(bn_[0-9a-f]{8}_[A-Za-z0-9_-]+)"', html).group(1)
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=buero_bochum)
    assert token.name == "Auswertung Bildungsbüro"
    assert secret.startswith(f"bn_{token.prefix}_")
    assert secret not in token.token_hash and token.token_hash == services.hash_secret(secret)
    # Shown once: the list afterwards names the token by its prefix, never the secret.
    again = client.get("/konto/api-schluessel/").content.decode()
    assert secret not in again and f"bn_{token.prefix}_" in again
    assert AuditEntry.objects.filter(action="api.token.created", actor=buero_bochum).exists()


def test_create_token_without_name_is_refused_with_german_message(client, buero_bochum):
    client.force_login(buero_bochum)
    response = client.post("/konto/api-schluessel/neu/", {"name": "  "})
    assert response.status_code == 400
    assert "Bitte geben Sie eine Bezeichnung für den Schlüssel an." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_at_most_ten_active_tokens(buero_bochum):
    from bildungsnetz.core.errors import DomainError

    for i in range(services.MAX_ACTIVE_TOKENS):
        services.create_token(acting_user=buero_bochum, name=f"Skript {i}")
    with pytest.raises(DomainError, match="bereits 10 gültige Schlüssel"):
        services.create_token(acting_user=buero_bochum, name="Einer zu viel")


def test_valid_token_reads_own_region_and_notes_last_use(client, data, buero_bochum):
    token, secret = services.create_token(acting_user=buero_bochum, name="Skript")
    assert token.last_used_at is None
    response = client.get("/api/v1/networks/05911/work-orders", **bearer(secret))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    titles = [w["titel"] for w in body["items"]]
    assert titles == ["Konzept Sprachbildung in der Kita", "Übergang Kita–Grundschule begleiten"]
    assert body["items"][0]["ueberfaellig"] is True
    assert body["items"][0]["zustaendige_person"] == "Anja Lehmann"
    token.refresh_from_db()
    assert token.last_used_at is not None
    # Persons without consent to publication: visible to the region's own staff only.
    persons = client.get("/api/v1/networks/05911/persons", **bearer(secret)).json()
    assert [p["e_mail"] for p in persons["items"]] == ["anja.lehmann@bochum.example.org"]
    assert persons["items"][0]["einwilligung_veroeffentlichung"] is False


def test_last_used_is_written_at_most_once_a_minute(client, data, buero_bochum):
    token, secret = services.create_token(acting_user=buero_bochum, name="Skript")
    client.get("/api/v1/networks/05911/work-orders", **bearer(secret))
    token.refresh_from_db()
    first = token.last_used_at
    client.get("/api/v1/networks/05911/work-orders", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=5))
    client.get("/api/v1/networks/05911/work-orders", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at > first - datetime.timedelta(minutes=5)


def test_other_region_is_refused_with_403(client, data, buero_bochum):
    _, secret = services.create_token(acting_user=buero_bochum, name="Skript")
    for path in ("/api/v1/networks/05515/work-orders", "/api/v1/networks/05515/persons"):
        response = client.get(path, **bearer(secret))
        assert response.status_code == 403, path
        assert response.json()["detail"] == (
            "Ihr Konto darf die internen Daten der Region Münster nicht lesen."
        )


@pytest.mark.parametrize(
    "role,ags,status",
    [
        ("lenkungskreis", "05911", 200),
        ("schule", "05911", 403),
        ("partner", "05911", 403),
        ("schulaufsicht", "05911", 403),
        ("bildungsbuero", "05913", 403),
        ("land", None, 200),
    ],
)
def test_token_carries_exactly_the_accounts_rights(client, data, role, ags, status):
    user = make_user(f"{role}-{ags}@example.org", role, ags, first_name="Jana")
    _, secret = services.create_token(acting_user=user, name="Skript")
    response = client.get("/api/v1/networks/05911/work-orders", **bearer(secret))
    assert response.status_code == status


def test_revoked_token_is_refused(client, data, buero_bochum):
    token, secret = services.create_token(acting_user=buero_bochum, name="Skript")
    services.revoke_token(token, acting_user=buero_bochum)
    response = client.get("/api/v1/networks/05911/work-orders", **bearer(secret))
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Anmeldung erforderlich")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    [None, "Bearer bn_00000000_falsch", "Bearer ", "Basic cGV0cmE6Z2VoZWlt", "Token abc"],
)
def test_missing_or_wrong_token_is_401(client, data, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/api/v1/networks/05911/persons", **extra)
    assert response.status_code == 401
    assert "API-Schlüssel" in response.json()["detail"]


def test_token_of_deactivated_account_is_refused(client, data, buero_bochum):
    _, secret = services.create_token(acting_user=buero_bochum, name="Skript")
    buero_bochum.is_active = False
    buero_bochum.save()
    assert client.get("/api/v1/networks/05911/work-orders", **bearer(secret)).status_code == 401


def test_logged_in_session_reads_internal_routes_too(client, data, buero_bochum):
    client.force_login(buero_bochum)
    assert client.get("/api/v1/networks/05911/work-orders").status_code == 200
    assert client.get("/api/v1/networks/05515/work-orders").status_code == 403


def test_work_order_filters(client, data, buero_bochum):
    _, secret = services.create_token(acting_user=buero_bochum, name="Skript")
    overdue = client.get(
        "/api/v1/networks/05911/work-orders", {"ueberfaellig": "true"}, **bearer(secret)
    ).json()
    assert [w["id"] for w in overdue["items"]] == [data.overdue_order.pk]
    done = client.get(
        "/api/v1/networks/05911/work-orders", {"stand": "erledigt"}, **bearer(secret)
    ).json()
    assert done["count"] == 0


def test_revoke_page_revokes_only_own_token(client, buero_bochum):
    other = make_user("aylin.yilmaz@dortmund.example.org", "bildungsbuero", "05913")
    mine, _ = services.create_token(acting_user=buero_bochum, name="Meiner")
    theirs, _ = services.create_token(acting_user=other, name="Fremder")
    client.force_login(buero_bochum)
    assert client.post(f"/konto/api-schluessel/{theirs.pk}/widerrufen/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    response = client.post(f"/konto/api-schluessel/{mine.pk}/widerrufen/")
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_at <= timezone.now()
    assert AuditEntry.objects.filter(action="api.token.revoked", object_id=str(mine.pk)).exists()
    assert "widerrufen am" in client.get("/konto/api-schluessel/").content.decode()
