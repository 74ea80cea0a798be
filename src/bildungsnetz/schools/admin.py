from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import School


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["schulnummer", "name", "schulform", "ort", "region", "betriebsschluessel"]
    list_filter = ["schulform", "regierungsbezirk", "rechtsform", "betriebsschluessel"]
    search_fields = ["schulnummer", "name", "ort"]
    raw_id_fields = ["gemeinde"]
