from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.region_list_view, name="list"),
    path("export.csv", views.region_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.region_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<str:ags>/", views.region_detail, name="detail"),
]
