from django.urls import path

from .views import manage, plan, public

app_name = "catalogue"

urlpatterns = [
    path("", public.index, name="index"),
    path("suche/", public.search, name="search"),
    path("suche/export.csv", public.search_export, {"fmt": "csv"}, name="search_export_csv"),
    path("suche/export.xlsx", public.search_export, {"fmt": "xlsx"}, name="search_export_xlsx"),
    path("vorschlaege/", public.suggest, name="suggest"),
    path("kriterium/<str:number>/", public.criterion_detail, name="criterion"),
    path("material/<int:pk>/", public.material_detail, name="material"),
    # Editors
    path("redaktion/", manage.manage, name="manage"),
    path("redaktion/links/", manage.link_report, name="link_report"),
    path("redaktion/neu/", manage.material_create, name="material_create"),
    path("material/<int:pk>/bearbeiten/", manage.material_edit, name="material_edit"),
    path("material/<int:pk>/status/", manage.material_transition, name="material_transition"),
    path("material/<int:pk>/zusammenfuehren/", manage.material_merge, name="material_merge"),
    path("material/<int:pk>/link-pruefen/", manage.material_check_link, name="material_check_link"),
    path("material/<int:pk>/verlauf/", manage.material_history, name="material_history"),
    # Support plans of schools
    path("material/<int:pk>/in-den-plan/", plan.plan_add, name="plan_add"),
    path("plan/", plan.plan_home, name="plan_home"),
    path("plan/<str:schulnummer>/", plan.plan_detail, name="plan"),
    path("plan/<str:schulnummer>/druck/", plan.plan_print, name="plan_print"),
    path("plan/<str:schulnummer>/export.docx", plan.plan_docx_export, name="plan_docx"),
    path("plan/<str:schulnummer>/freigabe/", plan.plan_share, name="plan_share"),
    path(
        "plan/<str:schulnummer>/eintrag/<int:item_id>/bearbeiten/",
        plan.plan_item_edit,
        name="plan_item_edit",
    ),
    path(
        "plan/<str:schulnummer>/eintrag/<int:item_id>/entfernen/",
        plan.plan_item_delete,
        name="plan_item_delete",
    ),
]
