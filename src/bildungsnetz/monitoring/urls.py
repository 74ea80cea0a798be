from django.urls import path, re_path

from .views import dashboard, opendata

app_name = "monitoring"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("vergleich.csv", dashboard.comparison_export, {"fmt": "csv"}, name="comparison_csv"),
    path("vergleich.xlsx", dashboard.comparison_export, {"fmt": "xlsx"}, name="comparison_xlsx"),
    path(
        "einrichtungen/<int:pk>/schulen-ohne-partner/",
        dashboard.partner_schools,
        name="partner_schools",
    ),
    path("offene-daten/", opendata.catalogue, name="opendata"),
    path("offene-daten/katalog.jsonld", opendata.catalogue_jsonld, name="opendata_catalog"),
    re_path(
        r"^offene-daten/(?P<slug>[a-z-]+)\.(?P<fmt>csv|json)$",
        opendata.download,
        name="opendata_download",
    ),
    # Only five digits (a Kreisschlüssel), so other paths of this app never collide.
    re_path(r"^(?P<ags>[0-9]{5})/$", dashboard.region, name="region"),
]
