"""Surveys evaluating the networks (seed 001): instruments, invitations, anonymous answers.

Anonymity by construction: an ``Invitation`` knows a person's address and whether the
token was used, a ``Response`` knows only survey and region. Nothing links the two — no
foreign key, no shared timestamp (responses carry no time at all and a random UUID key,
so neither order nor time of submission can be matched to an invitation).
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TargetGroup(models.TextChoices):
    AKTEURE = "akteure", _("Akteure und Partner")
    BUERGERMEISTER = "buergermeister", _("Bürgermeisterinnen und Bürgermeister")
    SCHULEN = "schulen", _("Schulleitungen")
    SONSTIGE = "sonstige", _("Sonstige")


class ItemKind(models.TextChoices):
    AGREEMENT = "zustimmung", _("Vierstufige Zustimmung")
    SINGLE = "einfachauswahl", _("Einfachauswahl")
    TEXT = "freitext", _("Freitext")


class Agreement(models.TextChoices):
    """The four-point scale of seed 001 plus "keine Angabe" (not in the report's base)."""

    VOLL = "voll", _("trifft voll zu")
    EHER = "eher", _("trifft eher zu")
    EHER_NICHT = "eher_nicht", _("trifft eher nicht zu")
    GAR_NICHT = "gar_nicht", _("trifft gar nicht zu")
    KEINE_ANGABE = "keine_angabe", _("keine Angabe")


AGREE_VALUES = (Agreement.VOLL, Agreement.EHER)
VALID_AGREEMENT_VALUES = (
    Agreement.VOLL,
    Agreement.EHER,
    Agreement.EHER_NICHT,
    Agreement.GAR_NICHT,
)


class Instrument(models.Model):
    """A questionnaire: items grouped in dimensions, for one target group."""

    code = models.SlugField(_("Kürzel"), max_length=60, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    target_group = models.CharField(
        _("Zielgruppe"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.AKTEURE
    )
    builtin = models.BooleanField(_("mitgeliefert"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("Fragebogen")
        verbose_name_plural = _("Fragebögen")

    def __str__(self) -> str:
        return self.title


class Dimension(models.Model):
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        related_name="dimensions",
        verbose_name=_("Fragebogen"),
    )
    name = models.CharField(_("Dimension"), max_length=100)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["instrument", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "name"], name="dimension_unique_name")
        ]
        verbose_name = _("Dimension")
        verbose_name_plural = _("Dimensionen")

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="items", verbose_name=_("Fragebogen")
    )
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.PROTECT,
        related_name="items",
        null=True,
        blank=True,
        verbose_name=_("Dimension"),
    )
    code = models.CharField(_("Kennung"), max_length=20)
    text = models.TextField(_("Aussage oder Frage"))
    kind = models.CharField(
        _("Art"), max_length=20, choices=ItemKind.choices, default=ItemKind.AGREEMENT
    )
    # Single choice only: the options in order, e.g. ["Schule", "Kita", "Verwaltung"].
    choices = models.JSONField(_("Antwortmöglichkeiten"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="item_unique_code")
        ]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class SurveyStatus(models.TextChoices):
    ENTWURF = "entwurf", _("Entwurf")
    LAEUFT = "laeuft", _("läuft")
    BEENDET = "beendet", _("beendet")


class Survey(models.Model):
    """One run of an instrument: statewide (``region`` empty, run by the Land) or in one
    region (run by its Bildungsbüro)."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("Fragebogen")
    )
    title = models.CharField(_("Titel"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("Region (leer: landesweit)"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.ENTWURF
    )
    opens_on = models.DateField(_("Beginn"), null=True, blank=True)
    closes_on = models.DateField(_("Einsendeschluss"))
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("Mindestzahl an Antworten je ausgewiesener Gruppe"),
        default=5,
        validators=[MinValueValidator(3)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-closes_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity_threshold__gte=3),
                name="survey_anonymity_threshold_min_3",
            )
        ]
        verbose_name = _("Befragung")
        verbose_name_plural = _("Befragungen")

    def __str__(self) -> str:
        return self.title


class SurveyRegion(models.Model):
    """A region taking part; ``invited_offline`` counts paper invitations (no addresses)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="regions", verbose_name=_("Befragung")
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Region")
    )
    invited_offline = models.PositiveIntegerField(_("auf Papier oder anders eingeladen"), default=0)

    class Meta:
        ordering = ["survey", "region__ags"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "region"], name="surveyregion_unique")
        ]
        verbose_name = _("teilnehmende Region")
        verbose_name_plural = _("teilnehmende Regionen")

    def __str__(self) -> str:
        return f"{self.survey} – {self.region}"


class Invitation(models.Model):
    """An e-mail invitation with a one-time token (only its SHA-256 hash is stored)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("Befragung")
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Region")
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    # Only *that* the token was used — never when, never which response.
    used = models.BooleanField(_("beantwortet"), default=False)

    class Meta:
        ordering = ["survey", "region__ags", "email"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="invitation_unique_email")
        ]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")

    def __str__(self) -> str:
        return self.email


class ResponseSource(models.TextChoices):
    ONLINE = "online", _("online")
    IMPORT = "import", _("importiert")


class Response(models.Model):
    """One submitted questionnaire. No person, no token, no timestamp."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("Befragung")
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Region")
    )
    source = models.CharField(
        _("Herkunft"), max_length=10, choices=ResponseSource.choices, default=ResponseSource.ONLINE
    )
    # Imports: a key of the source row, so that importing the same file twice adds nothing.
    import_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "import_key"],
                condition=~models.Q(import_key=""),
                name="response_unique_import_key",
            )
        ]
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("Antwortbogen")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("Frage")
    )
    # Agreement items: an ``Agreement`` value; single choice: the chosen option.
    value = models.CharField(_("Antwort"), max_length=200, blank=True)
    text = models.TextField(_("Freitext"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_unique_item")
        ]
        indexes = [models.Index(fields=["item", "value"])]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value}"
