from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.school_list, name="list"),
    path("karte.json", views.school_map_data, name="map_data"),
    path("export.csv", views.school_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.school_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<str:schulnummer>/", views.school_detail, name="detail"),
    path("<str:schulnummer>/foerderung/", views.school_supplement_edit, name="supplement_edit"),
]
