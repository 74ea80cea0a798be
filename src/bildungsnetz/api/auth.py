"""Authentication of the API: ``Authorization: Bearer <token>`` or the browser session.

A token acts with exactly its account's rights: routes ask the same predicates
(``core.rules``, ``<app>/rules.py``) with ``request.user`` as the pages do.
"""

from ninja.security import HttpBearer, django_auth

from .services import user_for_secret


class ApiTokenAuth(HttpBearer):
    """A personal API token (created under „Mein Bereich“ → API-Schlüssel)."""

    openapi_description = (
        "Persönlicher API-Schlüssel (`bn_…`), anzulegen unter Mein Bereich → API-Schlüssel."
    )

    def authenticate(self, request, token):
        user = user_for_secret(token)
        if user is None:
            return None
        request.user = user
        return user


token_auth = ApiTokenAuth()
# Non-public routes: a token, or the logged-in browser session (safe methods only).
internal_auth = [token_auth, django_auth]
