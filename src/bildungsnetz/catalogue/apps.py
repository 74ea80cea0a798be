from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "bildungsnetz.catalogue"
    label = "catalogue"
    verbose_name = _("Unterstützungsangebote (Referenzrahmen 6.6)")
