"""Personal API tokens. Only a hash of the secret is stored; the secret is shown once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token of one account: it acts with exactly this account's rights."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("Konto"),
    )
    name = models.CharField(
        _("Bezeichnung"), max_length=100, help_text=_("Wofür Sie den Schlüssel verwenden.")
    )
    prefix = models.CharField(_("Kennung"), max_length=12, db_index=True)
    token_hash = models.CharField(_("Prüfsumme"), max_length=64, unique=True)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("zuletzt verwendet"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="api_token_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
