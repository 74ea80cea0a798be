from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ImportRun, School


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["schulnummer", "name", "schulform", "ort", "region", "betriebsschluessel"]
    list_filter = ["schulform", "regierungsbezirk", "rechtsform", "betriebsschluessel"]
    search_fields = ["schulnummer", "name", "ort"]
    raw_id_fields = ["gemeinde"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Register imports as a record: written only by ``import_register``, never by hand."""

    list_display = [
        "started_at",
        "finished_at",
        "source",
        "created",
        "updated",
        "unchanged",
        "closed",
        "rejected",
        "acting_user",
    ]
    list_select_related = ["acting_user"]
    date_hierarchy = "started_at"
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
