"""The product's URLs plus the benchmark floor: a bare view through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from bildungsnetz.urls import handler404, handler500  # noqa: F401
from bildungsnetz.urls import urlpatterns as product_urls

FLOOR_BYTES = 30_000
_BODY = ("<p>" + "x" * 96 + "</p>\n") * (FLOOR_BYTES // 104)


def floor(request):
    return HttpResponse(_BODY)


urlpatterns = [path("_bench/floor/", floor), *product_urls]
