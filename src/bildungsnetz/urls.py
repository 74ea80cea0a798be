from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .api.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("konto/api-schluessel/", include("bildungsnetz.api.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("bildungsnetz.core.urls")),
    path("regionen/", include("bildungsnetz.regions.urls")),
    path("schulen/", include("bildungsnetz.schools.urls")),
    path("netzwerk/", include("bildungsnetz.network.urls")),
    path("unterstuetzung/", include("bildungsnetz.catalogue.urls")),
    path("bildungspartner/", include("bildungsnetz.partners.urls")),
    path("befragungen/", include("bildungsnetz.surveys.urls")),
    path("monitoring/", include("bildungsnetz.monitoring.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "bildungsnetz.core.views.not_found"
handler500 = "bildungsnetz.core.views.server_error"
