from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Rechtsform(models.IntegerChoices):
    OEFFENTLICH = 1, _("öffentlich")
    PRIVAT = 2, _("privat")


class Betriebsschluessel(models.IntegerChoices):
    """Operating status (Schuldatei catalogue ``Betriebsschluessel``)."""

    AUFLOESUNG_SCHULJAHRESENDE = 0, _("wird zum Ende des laufenden Schuljahres aufgelöst")
    IN_BETRIEB = 1, _("in Betrieb")
    AUFLOESUNG_SPAETER = 2, _("wird nach dem laufenden Schuljahr aufgelöst")
    BETRIEB_AB_DATUM = 3, _("nimmt den Betrieb zu einem Stichtag auf")
    RUHEND = 4, _("Schulbetrieb ruht")
    GELOESCHT = 5, _("gelöscht, nur für Personaldaten geführt")
    TEILERHEBUNG = 6, _("in Betrieb (nur in einzelnen Erhebungen)")
    AUFGELOEST = 9, _("aufgelöst")


class Foerderschwerpunkt(models.TextChoices):
    """Förderschwerpunkte, coded as the register's Kurzbezeichnung abbreviates them."""

    LERNEN = "LE", _("Lernen")
    SPRACHE = "SQ", _("Sprache")
    EMOTIONAL_SOZIAL = "ES", _("emotionale und soziale Entwicklung")
    GEISTIG = "GG", _("geistige Entwicklung")
    KOERPERLICH_MOTORISCH = "KM", _("körperliche und motorische Entwicklung")
    HOEREN_KOMMUNIKATION = "HK", _("Hören und Kommunikation")
    SEHEN = "SE", _("Sehen")
    KRANKE = "KR", _("Schule für Kranke")


class Bildungsbereich(models.TextChoices):
    """For Förderschulen: the Bildungsbereich (educational track) they teach in."""

    KEINER = "", _("Grund- und Hauptschule (Regelfall)")
    REALSCHULE = "realschule", _("Realschule")
    GYMNASIUM = "gymnasium", _("Gymnasium")
    BERUFSKOLLEG = "berufskolleg", _("Berufskolleg")


class SchoolQuerySet(models.QuerySet):
    def schools(self):
        """Schools only – without the supervision offices (Schulform 0A)."""
        return self.exclude(schulform_id="0A")

    def open(self):
        return self.filter(closed_at__isnull=True).exclude(
            betriebsschluessel=Betriebsschluessel.AUFGELOEST
        )

    def for_region(self, region):
        return self.filter(region=region)


class School(models.Model):
    """A school (or supervision office) of the official register "Schulgrunddaten NRW"."""

    schulnummer = models.CharField(_("Schulnummer"), max_length=6, unique=True)
    schulform = models.ForeignKey(
        "regions.Schulform",
        on_delete=models.PROTECT,
        to_field="code",
        related_name="schools",
        verbose_name=_("Schulform"),
    )
    name_1 = models.CharField(_("Schulbezeichnung, Zeile 1"), max_length=80)
    name_2 = models.CharField(_("Schulbezeichnung, Zeile 2"), max_length=80, blank=True)
    name_3 = models.CharField(_("Schulbezeichnung, Zeile 3"), max_length=80, blank=True)
    name = models.CharField(_("Name"), max_length=250, db_index=True)
    kurzbezeichnung = models.CharField(_("Kurzbezeichnung"), max_length=120, blank=True)
    plz = models.CharField(_("Postleitzahl"), max_length=5, db_index=True)
    ort = models.CharField(_("Ort"), max_length=100)
    strasse = models.CharField(_("Straße"), max_length=150, blank=True)
    telefon = models.CharField(_("Telefon"), max_length=40, blank=True)
    fax = models.CharField(_("Fax"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    homepage = models.URLField(_("Internetseite"), max_length=300, blank=True)
    rechtsform = models.PositiveSmallIntegerField(_("Rechtsform"), choices=Rechtsform.choices)
    traegernummer = models.CharField(_("Trägernummer"), max_length=6, blank=True)
    gemeinde = models.ForeignKey(
        "regions.Gemeinde",
        on_delete=models.PROTECT,
        related_name="schools",
        null=True,
        blank=True,
        verbose_name=_("Gemeinde"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name=_("Kreis / kreisfreie Stadt"),
    )
    regierungsbezirk = models.ForeignKey(
        "regions.Regierungsbezirk",
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name=_("Regierungsbezirk"),
    )
    betriebsschluessel = models.PositiveSmallIntegerField(
        _("Betriebsstatus"), choices=Betriebsschluessel.choices
    )
    betriebsdatum = models.DateField(_("Datum zum Betriebsstatus"), null=True, blank=True)
    utm_east = models.PositiveIntegerField(_("UTM-Rechtswert (EPSG:25832)"))
    utm_north = models.PositiveIntegerField(_("UTM-Hochwert (EPSG:25832)"))
    lat = models.FloatField(_("Breite (WGS84)"), db_index=True)
    lon = models.FloatField(_("Länge (WGS84)"), db_index=True)

    # Recorded by people, not in the register; they change the supervision answer.
    foerderschwerpunkte = models.JSONField(
        _("Förderschwerpunkte"),
        default=list,
        blank=True,
        help_text=_("Kürzel wie LE, ES, SQ; vorbelegt aus der Kurzbezeichnung des Registers."),
    )
    foerderschwerpunkte_quelle = models.CharField(
        _("Quelle der Förderschwerpunkte"),
        max_length=20,
        blank=True,
        choices=[
            ("register", _("aus der Kurzbezeichnung des Registers abgeleitet")),
            ("erfasst", _("von Hand erfasst")),
        ],
    )
    bildungsbereich = models.CharField(
        _("Bildungsbereich (Förderschule)"),
        max_length=20,
        blank=True,
        choices=Bildungsbereich.choices,
    )

    # Register bookkeeping.
    first_imported_at = models.DateTimeField(_("erstmals importiert"), auto_now_add=True)
    last_changed_by_import_at = models.DateTimeField(
        _("zuletzt durch Import geändert"), null=True, blank=True
    )
    closed_at = models.DateTimeField(
        _("nicht mehr im Register seit"),
        null=True,
        blank=True,
        help_text=_("Gesetzt, wenn die Schule in einer neueren Registerdatei fehlt."),
    )

    objects = SchoolQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["last_changed_by_import_at"])

    class Meta:
        verbose_name = _("Schule")
        verbose_name_plural = _("Schulen")
        ordering = ["name", "schulnummer"]
        indexes = [
            models.Index(fields=["region", "schulform"]),
            models.Index(fields=["lat", "lon"]),
        ]

    def __str__(self):
        return f"{self.name} ({self.schulnummer})"

    def get_absolute_url(self):
        return reverse("schools:detail", kwargs={"schulnummer": self.schulnummer})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.betriebsschluessel != Betriebsschluessel.AUFGELOEST

    @property
    def is_authority(self) -> bool:
        return self.schulform_id == "0A"

    @property
    def kreis_ags(self) -> str:
        return self.region.ags


class ImportRun(models.Model):
    """One successful import of the register file: where from, when, by whom, with what result."""

    source = models.CharField(_("Quelle"), max_length=500)
    sha256 = models.CharField(_("SHA-256 der Datei"), max_length=64)
    started_at = models.DateTimeField(_("begonnen"))
    finished_at = models.DateTimeField(_("beendet"))
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ausgeführt von"),
    )
    created = models.PositiveIntegerField(_("angelegt"), default=0)
    updated = models.PositiveIntegerField(_("geändert"), default=0)
    unchanged = models.PositiveIntegerField(_("unverändert"), default=0)
    closed = models.PositiveIntegerField(_("geschlossen"), default=0)
    rejected = models.PositiveIntegerField(_("abgelehnt"), default=0)

    class Meta:
        verbose_name = _("Registerimport")
        verbose_name_plural = _("Registerimporte")
        ordering = ["-started_at"]

    def __str__(self):
        return f"Registerimport {self.started_at:%d.%m.%Y %H:%M} ({self.source})"
