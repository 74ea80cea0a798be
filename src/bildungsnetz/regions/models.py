from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Regierungsbezirk(models.Model):
    """One of the five Regierungsbezirke; its Bezirksregierung is the obere Schulaufsicht."""

    code = models.CharField(_("Schlüssel"), max_length=3, unique=True)  # "051" … "059"
    name = models.CharField(_("Name"), max_length=100)
    bezirksregierung_schulnummer = models.CharField(
        _("Schulnummer der Bezirksregierung"), max_length=6, blank=True
    )

    class Meta:
        verbose_name = _("Regierungsbezirk")
        verbose_name_plural = _("Regierungsbezirke")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def bezirksregierung_name(self) -> str:
        return f"Bezirksregierung {self.name}"


class RegionKind(models.TextChoices):
    KREISFREIE_STADT = "kreisfreie_stadt", _("kreisfreie Stadt")
    KREIS = "kreis", _("Kreis")
    STAEDTEREGION = "staedteregion", _("StädteRegion")


class RegionQuerySet(models.QuerySet):
    def by_ags(self, ags: str):
        return self.get(ags=ags)


class Region(models.Model):
    """A Kreis, a kreisfreie Stadt or the StädteRegion Aachen: the home of one network."""

    ags = models.CharField(_("Kreisschlüssel (AGS)"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    kind = models.CharField(_("Art"), max_length=20, choices=RegionKind.choices)
    regierungsbezirk = models.ForeignKey(
        Regierungsbezirk,
        on_delete=models.PROTECT,
        related_name="regions",
        verbose_name=_("Regierungsbezirk"),
    )
    traegernummer = models.CharField(_("Trägernummer als Schulträger"), max_length=6, blank=True)

    objects = RegionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:detail", kwargs={"ags": self.ags})

    @property
    def is_kreisfrei(self) -> bool:
        return self.kind == RegionKind.KREISFREIE_STADT


class Schulamt(models.Model):
    """The staatliches Schulamt of a region: the untere Schulaufsicht."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="schulamt", verbose_name=_("Region")
    )
    schulnummer = models.CharField(_("Schulnummer"), max_length=6, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=150)

    class Meta:
        verbose_name = _("Staatliches Schulamt")
        verbose_name_plural = _("Staatliche Schulämter")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Gemeinde(models.Model):
    """A municipality with its 8-digit AGS."""

    ags = models.CharField(_("Gemeindeschlüssel (AGS)"), max_length=8, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="gemeinden", verbose_name=_("Region")
    )
    traeger_bezeichnung = models.CharField(
        _("Bezeichnung als Schulträger"), max_length=150, blank=True
    )

    class Meta:
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Schulform(models.Model):
    """The official Schulform code table (Schuldatei catalogue ``Schulform``)."""

    code = models.CharField(_("Schlüssel"), max_length=2, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=150)
    gruppe = models.CharField(_("Obergruppe"), max_length=2)
    kuerzel = models.CharField(_("Kürzel"), max_length=4, blank=True)
    gueltig_bis = models.DateField(_("gültig bis"), null=True, blank=True)
    frueherer_name = models.CharField(_("früherer Name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("Schulform")
        verbose_name_plural = _("Schulformen")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def is_authority(self) -> bool:
        return self.code == "0A"
