from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Gemeinde, Regierungsbezirk, Region, Schulamt, Schulform


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ags", "kind", "regierungsbezirk"]
    list_filter = ["kind", "regierungsbezirk"]
    search_fields = ["name", "ags"]


admin.site.register(Regierungsbezirk)
admin.site.register(Schulamt)
admin.site.register(Schulform)


@admin.register(Gemeinde)
class GemeindeAdmin(admin.ModelAdmin):
    list_display = ["name", "ags", "region"]
    search_fields = ["name", "ags"]
