"""The GET filter form of the region list."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Regierungsbezirk, RegionKind


@dataclass(frozen=True)
class RegionFilter:
    query: str = ""
    regierungsbezirk: str = ""
    kind: str = ""


class RegionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name oder Kreisschlüssel"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    regierungsbezirk = forms.ChoiceField(label=_("Regierungsbezirk"), required=False)
    art = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle"))] + RegionKind.choices, required=False
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.fields["regierungsbezirk"].choices = [("", _("alle"))] + [
            (b.code, b.name) for b in Regierungsbezirk.objects.order_by("name")
        ]

    def to_filter(self) -> RegionFilter:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return RegionFilter(
            query=(data.get("q") or "").strip(),
            regierungsbezirk=data.get("regierungsbezirk") or "",
            kind=data.get("art") or "",
        )
