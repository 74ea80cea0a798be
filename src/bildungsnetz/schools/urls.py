from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.school_list, name="list"),
    path("<str:schulnummer>/", views.school_detail, name="detail"),
    path("<str:schulnummer>/foerderung/", views.school_supplement_edit, name="supplement_edit"),
]
