"""Monitoring: the daily record (Stichtag) of the indicators that have no date of their own.

Figures that carry a date (meetings, registered partnerships, finished work orders) are
counted per year straight from their records; everything else – contracts signed, complete
bodies, partnership density, white spots, link health – is a state, so the periodic job
``monitoring.take_snapshot`` writes its value once per day, for the Land and each region.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Snapshot(models.Model):
    """One indicator value on one day, for the Land (no region) or one region."""

    day = models.DateField(_("Stichtag"), db_index=True)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Region"),
        help_text=_("Leer: ganz NRW."),
    )
    key = models.CharField(_("Kennzahl"), max_length=60)
    value = models.FloatField(_("Wert"), null=True, blank=True)
    total = models.FloatField(_("Bezugsgröße"), null=True, blank=True)
    created = models.DateTimeField(_("erfasst"), auto_now_add=True)

    class Meta:
        verbose_name = _("Stichtagswert")
        verbose_name_plural = _("Stichtagswerte")
        ordering = ["day", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "region", "key"],
                condition=Q(region__isnull=False),
                name="monitoring_snapshot_once_per_region_day",
            ),
            models.UniqueConstraint(
                fields=["day", "key"],
                condition=Q(region__isnull=True),
                name="monitoring_snapshot_once_per_land_day",
            ),
        ]

    def __str__(self):
        return f"{self.day:%d.%m.%Y} {self.key}: {self.value}"
