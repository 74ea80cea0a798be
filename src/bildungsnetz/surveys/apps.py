from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "bildungsnetz.surveys"
    label = "surveys"
    verbose_name = _("Befragungen")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
