"""URLconf for the header probes: the product's URLs plus two views that fail on purpose
(an unexpected error and an unreachable database)."""

from django.db import OperationalError
from django.urls import path

from bildungsnetz.urls import handler404, handler500
from bildungsnetz.urls import urlpatterns as product_urls

__all__ = ["handler404", "handler500", "urlpatterns"]


def unexpected_error(request):
    raise RuntimeError("Absichtlicher Fehler für die Sicherheitsprobe")


def database_unreachable(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [
    path("probe/fehler/", unexpected_error),
    path("probe/datenbank-weg/", database_unreachable),
    *product_urls,
]
