from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("E-Mail-Adresse fehlt.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an e-mail address. There is no user name."""

    username = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")

    def __str__(self):
        full = self.get_full_name()
        return f"{full} <{self.email}>" if full else self.email


class Role(models.TextChoices):
    BILDUNGSBUERO = "bildungsbuero", _("Bildungsbüro")
    LENKUNGSKREIS = "lenkungskreis", _("Lenkungskreis")
    BILDUNGSKONFERENZ = "bildungskonferenz", _("Bildungskonferenz")
    SCHULE = "schule", _("Schule")
    PARTNER = "partner", _("Außerschulischer Partner")
    SCHULAUFSICHT = "schulaufsicht", _("Schulaufsicht")
    LAND = "land", _("Land (Ministerium)")


class RegionMembership(models.Model):
    """A user's role in one region. The role ``land`` is statewide and has no region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Benutzerkonto"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("Region"),
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("Schule"),
        help_text=_("Nur für die Rolle Schule: die Schule, für die das Konto handelt."),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Rolle in einer Region")
        verbose_name_plural = _("Rollen in Regionen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "role"], name="membership_unique_user_region_role"
            ),
            models.CheckConstraint(
                condition=(Q(role="land") & Q(region__isnull=True))
                | (~Q(role="land") & Q(region__isnull=False)),
                name="membership_land_has_no_region",
            ),
        ]

    def __str__(self):
        where = self.region.name if self.region_id else _("NRW")
        return f"{self.user} – {self.get_role_display()} ({where})"


class AuditEntry(models.Model):
    """A named action on a shared record: who did what, when, in which region."""

    created = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ausgeführt von"),
    )
    action = models.CharField(_("Aktion"), max_length=80, db_index=True)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Region"),
    )
    object_type = models.CharField(_("Objekttyp"), max_length=80)
    object_id = models.CharField(_("Objekt"), max_length=64)
    data = models.JSONField(_("Daten"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-created"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class Page(models.Model):
    """Editable content pages: Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache."""

    slug = models.SlugField(_("Kürzel"), unique=True)
    title_de = models.CharField(_("Titel (Deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)
    body_de = models.TextField(
        _("Text (Deutsch)"),
        help_text=_("Absätze durch Leerzeilen trennen; Zeilen mit '## ' werden Überschriften."),
    )
    body_en = models.TextField(_("Text (Englisch)"), blank=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")
        ordering = ["slug"]

    def __str__(self):
        return self.title_de


class Feedback(models.Model):
    """Messages from the accessibility feedback form (BITV NRW: electronic contact)."""

    class Topic(models.TextChoices):
        BARRIERE = "barriere", _("Barriere melden")
        INHALT = "inhalt", _("Inhalt in zugänglicher Form anfordern")
        SONSTIGES = "sonstiges", _("Sonstiges")

    created = models.DateTimeField(_("eingegangen"), auto_now_add=True)
    topic = models.CharField(_("Anliegen"), max_length=20, choices=Topic.choices)
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse für Rückfragen"), blank=True)
    handled = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_topic_display()} ({self.created:%d.%m.%Y})"
