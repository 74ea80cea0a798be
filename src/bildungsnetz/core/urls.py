from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("mein-bereich/", views.dashboard, name="dashboard"),
    path("suche/", views.search, name="search"),
    path("protokoll/", views.audit_log, name="audit_log"),
    path("barrierefreiheit/rueckmeldung/", views.feedback, name="feedback"),
    path("seiten/<slug:slug>/", views.page, name="page"),
    path("seiten/<slug:slug>/bearbeiten/", views.page_edit, name="page_edit"),
]
