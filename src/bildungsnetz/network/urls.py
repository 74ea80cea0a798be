from django.urls import path

from .views import manage, news, public

app_name = "network"

urlpatterns = [
    path("", public.overview, name="overview"),
    path("praxis/", public.practice_list, name="practices"),
    path("praxis/<int:pk>/", public.practice_detail, name="practice"),
    path("neuigkeiten/", news.news_list, name="neuigkeiten"),
    path("neuigkeiten/atom.xml", news.news_feed, name="neuigkeiten_feed"),
    path("newsletter/", news.newsletter_subscribe, name="newsletter"),
    path("newsletter/bestaetigen/<str:token>/", news.newsletter_confirm, name="newsletter_confirm"),
    path(
        "newsletter/abmelden/<str:token>/",
        news.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("selbstbewertung/", news.self_evaluation_overview, name="selfevaluation_summary"),
    path("<str:ags>/", public.region_page, name="region"),
    path("<str:ags>/neuigkeiten/", news.news_region, name="neuigkeiten_region"),
    path("<str:ags>/neuigkeiten/atom.xml", news.news_feed, name="neuigkeiten_region_feed"),
    path("<str:ags>/neuigkeiten/neu/", manage.news_create, name="news_create"),
    path("<str:ags>/neuigkeiten/<int:pk>/", news.news_detail, name="neuigkeit"),
    path("<str:ags>/neuigkeiten/<int:pk>/bearbeiten/", manage.news_create, name="news_edit"),
    path("<str:ags>/neuigkeiten/<int:pk>/newsletter/", manage.news_send, name="news_send"),
    path(
        "<str:ags>/selbstbewertung/<int:year>/",
        manage.selfevaluation_edit,
        name="selfevaluation_edit",
    ),
    path("<str:ags>/praxis/neu/", manage.practice_create, name="practice_create"),
    path("<str:ags>/praxis/<int:pk>/bearbeiten/", manage.practice_create, name="practice_edit"),
    path("<str:ags>/bearbeiten/", manage.network_edit, name="network_edit"),
    path("<str:ags>/kennzahlen/", manage.figures_edit, name="figures_edit"),
    # actors
    path("<str:ags>/akteure/", manage.actors, name="actors"),
    path(
        "<str:ags>/akteure/organisation/neu/",
        manage.organisation_create,
        name="organisation_create",
    ),
    path(
        "<str:ags>/akteure/organisation/<int:pk>/bearbeiten/",
        manage.organisation_create,
        name="organisation_edit",
    ),
    path("<str:ags>/akteure/person/neu/", manage.person_create, name="person_create"),
    path("<str:ags>/akteure/person/<int:pk>/bearbeiten/", manage.person_create, name="person_edit"),
    path(
        "<str:ags>/akteure/person/<int:pk>/auskunft.json",
        manage.person_export,
        {"fmt": "json"},
        name="person_export_json",
    ),
    path(
        "<str:ags>/akteure/person/<int:pk>/auskunft.csv",
        manage.person_export,
        {"fmt": "csv"},
        name="person_export_csv",
    ),
    path(
        "<str:ags>/akteure/person/<int:pk>/anonymisieren/", manage.person_erase, name="person_erase"
    ),
    # bodies
    path("<str:ags>/gremien/neu/", manage.body_create, name="body_create"),
    path("<str:ags>/gremien/<int:pk>/", public.body_page, name="body"),
    path("<str:ags>/gremien/<int:pk>/bearbeiten/", manage.body_create, name="body_edit"),
    path(
        "<str:ags>/gremien/<int:pk>/mitglieder/neu/",
        manage.membership_create,
        name="membership_create",
    ),
    path(
        "<str:ags>/gremien/<int:pk>/mitglieder/<int:mid>/beenden/",
        manage.membership_end,
        name="membership_end",
    ),
    path(
        "<str:ags>/gremien/<int:pk>/mitglieder/import/",
        manage.members_import,
        name="members_import",
    ),
    path(
        "<str:ags>/gremien/<int:pk>/mitglieder.csv",
        manage.members_export,
        {"fmt": "csv"},
        name="members_export_csv",
    ),
    path(
        "<str:ags>/gremien/<int:pk>/mitglieder.xlsx",
        manage.members_export,
        {"fmt": "xlsx"},
        name="members_export_xlsx",
    ),
    path(
        "<str:ags>/gremien/<int:pk>/kalender.ics", public.body_ical_public, name="body_ical_public"
    ),
    path("<str:ags>/gremien/<int:pk>/kalender/<str:token>.ics", public.body_ical, name="body_ical"),
    path("<str:ags>/gremien/<int:pk>/sitzungen/neu/", manage.meeting_create, name="meeting_create"),
    # meetings
    path("<str:ags>/sitzungen/<int:pk>/", public.meeting_page, name="meeting"),
    path("<str:ags>/sitzungen/<int:pk>/bearbeiten/", manage.meeting_edit, name="meeting_edit"),
    path("<str:ags>/sitzungen/<int:pk>/protokoll/", public.meeting_print, name="meeting_print"),
    path("<str:ags>/sitzungen/<int:pk>/top/neu/", manage.agenda_create, name="agenda_create"),
    path("<str:ags>/sitzungen/<int:pk>/teilnahme/", manage.attendance_edit, name="attendance_edit"),
    path(
        "<str:ags>/sitzungen/<int:pk>/beschluss/neu/",
        manage.decision_create,
        name="decision_create",
    ),
    path("<str:ags>/sitzungen/<int:pk>/einladen/", manage.meeting_invite, name="meeting_invite"),
    path(
        "<str:ags>/sitzungen/<int:pk>/dokumente/neu/",
        manage.document_create,
        name="document_create",
    ),
    path(
        "<str:ags>/sitzungen/<int:pk>/dokumente/<int:did>/",
        public.document_download,
        name="document_download",
    ),
    # work orders
    path(
        "<str:ags>/beschluesse/<int:pk>/auftrag/neu/",
        manage.workorder_create,
        name="workorder_create",
    ),
    path("<str:ags>/auftraege/", manage.workorder_list, name="workorders"),
    path("<str:ags>/auftraege/<int:pk>/", manage.workorder_detail, name="workorder"),
    path(
        "<str:ags>/auftraege/<int:pk>/kommentar/",
        manage.workorder_comment_create,
        name="workorder_comment_create",
    ),
    path(
        "<str:ags>/auftraege/<int:pk>/stand/",
        manage.workorder_transition,
        name="workorder_transition",
    ),
    # Handlungsfelder
    path(
        "<str:ags>/handlungsfelder/neu/", manage.handlungsfeld_create, name="handlungsfeld_create"
    ),
    path(
        "<str:ags>/handlungsfelder/<int:pk>/bearbeiten/",
        manage.handlungsfeld_create,
        name="handlungsfeld_edit",
    ),
    path(
        "<str:ags>/handlungsfelder/<int:pk>/stand/",
        manage.handlungsfeld_report,
        name="handlungsfeld_report",
    ),
]
