from django.urls import path

from .views import manage, needs, public, searches

app_name = "partners"

urlpatterns = [
    path("", public.index, name="index"),
    path("in-der-naehe/", public.near, name="near"),
    path("wir-sind-dabei/", public.registry, name="registry"),
    path("wir-sind-dabei/export.csv", public.registry_export, {"fmt": "csv"}, name="registry_csv"),
    path(
        "wir-sind-dabei/export.xlsx", public.registry_export, {"fmt": "xlsx"}, name="registry_xlsx"
    ),
    path("einrichtung-anmelden/", public.institution_register, name="institution_register"),
    path("einrichtungen/<int:pk>/", public.institution_detail, name="institution"),
    path("partnerschaften/<int:pk>/", public.partnership_detail, name="partnership"),
    path("bedarfe/", needs.need_list, name="needs"),
    path("bedarfe/neu/", needs.need_create, name="need_create"),
    path("bedarfe/<int:pk>/", needs.need_detail, name="need"),
    path("bedarfe/<int:pk>/bearbeiten/", needs.need_edit, name="need_edit"),
    path("bedarfe/<int:pk>/schliessen/", needs.need_close, name="need_close"),
    path("bedarfe/<int:pk>/antworten/", needs.need_answer, name="need_answer"),
    path("suchen/", searches.search_list, name="searches"),
    path("suchen/speichern/", searches.search_save, name="search_save"),
    path("suchen/<int:pk>/loeschen/", searches.search_delete, name="search_delete"),
    # Signed-in accounts
    path("mein-bereich/", manage.my_partnerships, name="mine"),
    path("partnerschaften/neu/", manage.partnership_create, name="partnership_create"),
    path("partnerschaften/<int:pk>/bearbeiten/", manage.partnership_edit, name="partnership_edit"),
    path(
        "partnerschaften/<int:pk>/unterschrift/", manage.partnership_sign, name="partnership_sign"
    ),
    path(
        "partnerschaften/<int:pk>/schulkonferenz/",
        manage.partnership_schulkonferenz,
        name="partnership_schulkonferenz",
    ),
    path(
        "partnerschaften/<int:pk>/schritt/",
        manage.partnership_transition,
        name="partnership_transition",
    ),
    path(
        "partnerschaften/<int:pk>/bestaetigen/",
        manage.partnership_confirm,
        name="partnership_confirm",
    ),
    path(
        "partnerschaften/<int:pk>/ansprechpersonen/",
        manage.partnership_contacts_edit,
        name="partnership_contacts_edit",
    ),
    path(
        "partnerschaften/<int:pk>/vereinbarung.docx",
        manage.partnership_docx,
        name="partnership_docx",
    ),
    path("partnerschaften/<int:pk>/druck/", manage.partnership_print, name="partnership_print"),
    path("einrichtungen/neu/", manage.institution_create, name="institution_create"),
    path("einrichtungen/import/", manage.institution_import, name="institution_import"),
    path("einrichtungen/<int:pk>/bearbeiten/", manage.institution_edit, name="institution_edit"),
    path("einrichtungen/<int:pk>/pruefen/", manage.institution_verify, name="institution_verify"),
    path(
        "einrichtungen/<int:pk>/ansprechperson/neu/",
        manage.contact_create,
        name="contact_create",
    ),
    path(
        "einrichtungen/<int:pk>/ansprechperson/<int:contact_id>/bearbeiten/",
        manage.contact_edit,
        name="contact_edit",
    ),
    path("einrichtungen/<int:pk>/angebote/neu/", manage.offer_create, name="offer_create"),
    path(
        "einrichtungen/<int:pk>/angebote/<int:offer_id>/bearbeiten/",
        manage.offer_edit,
        name="offer_edit",
    ),
    path("weisse-flecken/", manage.white_spots, name="white_spots"),
    path("weisse-flecken/karte.json", manage.white_spots_map, name="white_spots_map"),
    path("weisse-flecken/export.csv", manage.white_spots, {"fmt": "csv"}, name="white_spots_csv"),
    path(
        "weisse-flecken/export.xlsx", manage.white_spots, {"fmt": "xlsx"}, name="white_spots_xlsx"
    ),
]
