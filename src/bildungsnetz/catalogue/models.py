"""Referenzrahmen Schulqualität NRW, dimension 6.6: criteria, materials, support plans."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# A link not checked for longer than this counts as stale (editors' list, flags).
STALE_AFTER_DAYS = 365


class Dimension(models.Model):
    """A dimension of the Referenzrahmen (here only 6.6)."""

    number = models.CharField(_("Nummer"), max_length=10, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Zusammenfassung"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dimension")
        verbose_name_plural = _("Dimensionen")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.title}"


class Criterion(models.Model):
    """One criterion 6.6.x with its key statements ("Aufschließende Aussagen")."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("Dimension")
    )
    number = models.CharField(_("Nummer"), max_length=12, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))
    title = models.CharField(_("Titel"), max_length=250)
    key_statements = models.JSONField(
        _("Aufschließende Aussagen"),
        default=list,
        blank=True,
        help_text=_("Stichpunkte des Referenzrahmens, einer je Eintrag."),
    )
    key_statements_open = models.BooleanField(
        _("Aufzählung nicht abschließend"),
        default=False,
        help_text=_("Die Quelle endet die Aufzählung mit „…“."),
    )
    explanation = models.TextField(_("Erläuterung (zusammengefasst)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kriterium")
        verbose_name_plural = _("Kriterien")
        ordering = ["position"]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("catalogue:criterion", kwargs={"number": self.number})


class Provider(models.Model):
    """The organisation that offers a material, with its postal address as the source gives it."""

    name = models.CharField(_("Name"), max_length=300)
    street = models.CharField(_("Straße und Hausnummer"), max_length=150, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")
        ordering = ["name", "postal_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "street", "postal_code", "city"], name="catalogue_provider_unique"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def address_lines(self) -> list[str]:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return [line for line in (self.street, place) if line]

    @property
    def address_complete(self) -> bool:
        return bool(self.street and self.postal_code and self.city)


class MaterialKind(models.TextChoices):
    PORTAL = "portal", _("Portal")
    ERLASS = "erlass", _("Erlass")
    STATISTIK = "statistik", _("Statistik")
    HANDREICHUNG = "handreichung", _("Handreichung")
    VEROEFFENTLICHUNG = "veroeffentlichung", _("Veröffentlichung")
    VEREINBARUNG = "vereinbarung", _("Vereinbarung")
    ANGEBOT = "angebot", _("Angebot vor Ort")
    OHNE_ANGABE = "ohne_angabe", _("ohne Angabe")


class MaterialStatus(models.TextChoices):
    ENTWURF = "entwurf", _("Entwurf")
    IN_PRUEFUNG = "in_pruefung", _("zur Prüfung eingereicht")
    VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")
    ARCHIVIERT = "archiviert", _("archiviert")


class MaterialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=MaterialStatus.VEROEFFENTLICHT)

    def nrw_wide(self):
        return self.filter(region__isnull=True)

    def for_region(self, region):
        return self.filter(region=region)


class Material(models.Model):
    """A support offer or document for one criterion, NRW-wide (no region) or regional."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="materials", verbose_name=_("Kriterium")
    )
    title = models.CharField(_("Titel"), max_length=300)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("Anbieter"),
    )
    citation = models.CharField(
        _("Quellenangabe"),
        max_length=500,
        blank=True,
        help_text=_("Bibliografische Angabe, wenn die Quelle statt eines Anbieters eine nennt."),
    )
    description = models.TextField(_("Beschreibung"))
    kind = models.CharField(_("Art"), max_length=20, choices=MaterialKind.choices)
    url = models.URLField(_("Adresse (URL)"), max_length=500, blank=True)
    link_text = models.CharField(
        _("Linktext der Quelle"), max_length=120, blank=True, help_text=_("z. B. „Übersicht“")
    )
    link_pending = models.BooleanField(
        _("Link folgt"),
        default=False,
        help_text=_("Die Quelle kündigt den Link nur an („Link folgt“)."),
    )
    checked_on = models.DateField(_("eingesehen am"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue_materials",
        verbose_name=_("Region"),
        help_text=_("Leer: landesweites Angebot. Sonst: Ergänzung dieser Region."),
    )
    tags = models.CharField(
        _("Schlagwörter"), max_length=300, blank=True, help_text=_("Durch Kommas getrennt.")
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=MaterialStatus.choices,
        default=MaterialStatus.ENTWURF,
        db_index=True,
    )
    source_key = models.CharField(
        _("Quellenschlüssel"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Kennung des ausgelieferten Referenzinhalts (z. B. rr66-10-06)."),
    )
    editorial_note = models.TextField(_("Hinweis der Redaktion (intern)"), blank=True)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    # Link health: written by the link checker with queryset updates (no history rows).
    link_status = models.PositiveSmallIntegerField(_("letzter HTTP-Status"), null=True, blank=True)
    link_final_url = models.URLField(_("Ziel nach Weiterleitungen"), max_length=500, blank=True)
    link_redirects = models.JSONField(_("Weiterleitungen"), default=list, blank=True)
    link_checked_at = models.DateTimeField(_("Link geprüft am"), null=True, blank=True)
    link_error = models.CharField(_("Fehler der Linkprüfung"), max_length=300, blank=True)

    objects = MaterialQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "link_status",
            "link_final_url",
            "link_redirects",
            "link_checked_at",
            "link_error",
            "updated",
        ]
    )

    class Meta:
        verbose_name = _("Material")
        verbose_name_plural = _("Materialien")
        ordering = ["criterion__position", "title", "id"]
        indexes = [models.Index(fields=["criterion", "status"], name="catalogue_material_crit_st")]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(link_pending=True) & ~Q(url="")),
                name="catalogue_material_pending_has_no_url",
                violation_error_message=_(
                    "Entweder eine Adresse angeben oder „Link folgt“ ankreuzen, nicht beides."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalogue:material", kwargs={"pk": self.pk})

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def is_nrw_wide(self) -> bool:
        return self.region_id is None

    @property
    def link_broken(self) -> bool:
        if not self.link_checked_at:
            return False
        return bool(self.link_error) or (self.link_status or 0) >= 400

    @property
    def check_is_stale(self) -> bool:
        """Neither the source's date nor our link check is younger than 12 months."""
        limit = timezone.localdate() - datetime.timedelta(days=STALE_AFTER_DAYS)
        checked = self.link_checked_at.date() if self.link_checked_at else None
        latest = max([d for d in (self.checked_on, checked) if d], default=None)
        return latest is None or latest < limit

    def quality_flags(self) -> list[tuple[str, str]]:
        """``[(code, German text)]`` of the data-quality problems of this entry."""
        flags = []
        if self.link_pending:
            flags.append(("link_folgt", _("Link folgt: die Quelle nennt noch keine Adresse")))
        elif not self.url:
            flags.append(("url_fehlt", _("Adresse fehlt: die Quelle nennt nur „Externer Link“")))
        if self.checked_on is None:
            flags.append(("datum_fehlt", _("Datum „eingesehen am“ fehlt")))
        elif self.check_is_stale:
            flags.append(("veraltet", _("zuletzt vor mehr als 12 Monaten eingesehen")))
        if self.provider_id is None:
            flags.append(("anbieter_fehlt", _("Anbieter fehlt")))
        elif not self.provider.address_complete:
            flags.append(("adresse_unvollstaendig", _("Postanschrift des Anbieters unvollständig")))
        if self.kind == MaterialKind.OHNE_ANGABE:
            flags.append(("art_fehlt", _("Art ohne Angabe")))
        if self.link_broken:
            flags.append(("link_defekt", _("Link bei der letzten Prüfung nicht erreichbar")))
        return flags


class SearchTerm(models.Model):
    """The search index: one stemmed term of one criterion or material with its weight.

    Written only by ``services.index_material`` / ``index_criterion`` (and the data
    migration); read by ``selectors.search``.
    """

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    term = models.CharField(max_length=60, db_index=True)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("Suchbegriff")
        verbose_name_plural = _("Suchindex")
        constraints = [
            models.CheckConstraint(
                condition=Q(material__isnull=True, criterion__isnull=False)
                | Q(material__isnull=False, criterion__isnull=True),
                name="catalogue_searchterm_one_document",
            ),
            models.UniqueConstraint(
                fields=["material", "term"], name="catalogue_searchterm_material_term"
            ),
            models.UniqueConstraint(
                fields=["criterion", "term"], name="catalogue_searchterm_criterion_term"
            ),
        ]

    def __str__(self):
        return self.term


class SupportPlan(models.Model):
    """A school's support plan: the materials it uses per criterion."""

    school = models.OneToOneField(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="support_plan",
        verbose_name=_("Schule"),
    )
    shared_with_supervision = models.BooleanField(
        _("für die Schulaufsicht freigegeben"), default=False
    )
    shared_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        verbose_name = _("Unterstützungsplan")
        verbose_name_plural = _("Unterstützungspläne")

    def __str__(self):
        return str(_("Unterstützungsplan")) + " – " + self.school.name

    def get_absolute_url(self):
        return reverse("catalogue:plan", kwargs={"schulnummer": self.school.schulnummer})


class PlanItemStatus(models.TextChoices):
    GEPLANT = "geplant", _("geplant")
    IN_NUTZUNG = "in_nutzung", _("in Nutzung")
    ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")


class PlanItem(models.Model):
    plan = models.ForeignKey(
        SupportPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("Plan")
    )
    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="plan_items", verbose_name=_("Material")
    )
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    status = models.CharField(
        _("Stand"), max_length=20, choices=PlanItemStatus.choices, default=PlanItemStatus.GEPLANT
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Eintrag im Unterstützungsplan")
        verbose_name_plural = _("Einträge im Unterstützungsplan")
        ordering = ["material__criterion__position", "material__title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "material"], name="catalogue_planitem_unique")
        ]

    def __str__(self):
        return self.material.title
