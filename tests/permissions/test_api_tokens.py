"""API keys (Mein Bereich → API-Schlüssel): every account manages only its own keys.

There is no region to cross here; the boundary is the account. Anonymous visitors are sent
to the login, and another account's key is not found (404) and stays valid.
"""

import pytest

from bildungsnetz.api import services
from bildungsnetz.api.models import ApiToken
from tests.factories import make_user

from .conftest import PERSONAS


@pytest.fixture
def foreign_token(db):
    owner = make_user("referat@msb.example.org", "land", None, first_name="Jens", last_name="Adler")
    return services.create_token(acting_user=owner, name="Ministerium Auswertung")[0]


@pytest.mark.parametrize("name", list(PERSONAS))
def test_create_token_grid(name, persona, client):
    user = persona(name)
    response = client.post("/konto/api-schluessel/neu/", {"name": "Mein Skript"})
    if user is None:
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
        assert not ApiToken.objects.exists()
    else:
        assert response.status_code == 201
        # The key belongs to the creating account – never to anyone else.
        assert list(ApiToken.objects.values_list("user_id", flat=True)) == [user.pk]


@pytest.mark.parametrize("name", list(PERSONAS))
def test_revoke_foreign_token_grid(name, persona, client, foreign_token):
    user = persona(name)
    response = client.post(f"/konto/api-schluessel/{foreign_token.pk}/widerrufen/")
    foreign_token.refresh_from_db()
    assert foreign_token.revoked_at is None
    assert response.status_code == (302 if user is None else 404)


def test_get_is_not_allowed_on_write_views(client, persona, foreign_token):
    persona("bildungsbuero_bochum")
    assert client.get("/konto/api-schluessel/neu/").status_code == 405
    assert client.get(f"/konto/api-schluessel/{foreign_token.pk}/widerrufen/").status_code == 405
