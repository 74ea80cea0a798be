"""Writes of the api app: create and revoke personal API tokens (audited)."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..core import audit
from ..core.errors import DomainError
from .models import ApiToken

TOKEN_PREFIX = "bn_"
MAX_ACTIVE_TOKENS = 10
# last_used_at is written at most once per minute per token (one UPDATE, no history row).
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    """SHA-256 suffices: the secret has 192 random bits, so it cannot be guessed offline."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(*, acting_user, name: str) -> tuple[ApiToken, str]:
    """A new token for the acting user; returns it and the secret (shown exactly once)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("Bitte geben Sie eine Bezeichnung für den Schlüssel an.", field="name")
    if len(name) > 100:
        raise DomainError("Die Bezeichnung darf höchstens 100 Zeichen lang sein.", field="name")
    active = ApiToken.objects.select_for_update().filter(user=acting_user).active()
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise DomainError(
            f"Sie haben bereits {MAX_ACTIVE_TOKENS} gültige Schlüssel. Widerrufen Sie zuerst "
            "einen nicht mehr benötigten Schlüssel.",
            field="name",
        )
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(24)}"
    token = ApiToken.objects.create(
        user=acting_user, name=name, prefix=prefix, token_hash=hash_secret(secret)
    )
    audit.log("api.token.created", actor=acting_user, obj=token, data={"prefix": prefix})
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, acting_user) -> ApiToken:
    if token.user_id != acting_user.pk:
        raise DomainError("Sie können nur Ihre eigenen Schlüssel widerrufen.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.log("api.token.revoked", actor=acting_user, obj=token, data={"prefix": token.prefix})
    return token


def user_for_secret(secret: str):
    """The active account behind a presented secret, or None; notes the time of use."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_secret(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
