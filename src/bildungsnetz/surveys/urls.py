from django.urls import path

from .views import instruments, manage, public
from .views import report as report_views

app_name = "surveys"

urlpatterns: list = [
    path("", manage.survey_list, name="list"),
    path("neu/", manage.survey_create, name="create"),
    path("<int:pk>/", manage.survey_detail, name="detail"),
    path("<int:pk>/bearbeiten/", manage.survey_edit, name="edit"),
    path("<int:pk>/starten/", manage.survey_open, name="open"),
    path("<int:pk>/beenden/", manage.survey_close, name="close"),
    path("<int:pk>/einladungen/", manage.invitations, name="invitations"),
    path("<int:pk>/einladungen/versenden/", manage.invitations_send, name="invitations_send"),
    path("<int:pk>/einladungen/neu-senden/", manage.invitation_resend, name="invitation_resend"),
    path("<int:pk>/antworten-importieren/", manage.response_import, name="import"),
    path("frageboegen/", instruments.instrument_list, name="instruments"),
    path("frageboegen/neu/", instruments.instrument_create, name="instrument_create"),
    path("frageboegen/<int:pk>/", instruments.instrument_detail, name="instrument"),
    path("frageboegen/<int:pk>/bearbeiten/", instruments.instrument_edit, name="instrument_edit"),
    path("frageboegen/<int:pk>/fragen/neu/", instruments.item_create, name="item_create"),
    path(
        "frageboegen/<int:pk>/fragen/<int:item_pk>/bearbeiten/",
        instruments.item_edit,
        name="item_edit",
    ),
    # Public: the one-time answer link from the invitation mail.
    path("teilnehmen/danke/", public.thanks, name="thanks"),
    path("teilnehmen/<str:token>/", public.answer, name="answer"),
    # Report (helper B): page and CSV/XLSX export.
    path("<int:pk>/auswertung/", report_views.report, name="report"),
    path(
        "<int:pk>/auswertung/export.<str:format>", report_views.report_export, name="report_export"
    ),
]
