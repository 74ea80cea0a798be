"""The GET filter form of the school directory, and the parsed filter it yields."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from ..regions.models import Regierungsbezirk, Region, Schulform
from .models import Rechtsform

AUTHORITY_SCHULFORM = "0A"


class Status:
    OPEN = "offen"
    CLOSED = "geschlossen"
    ALL = "alle"


STATUS_CHOICES = [
    (Status.OPEN, _("nur offene Schulen")),
    (Status.CLOSED, _("nur geschlossene Schulen")),
    (Status.ALL, _("alle")),
]

RECHTSFORM_CHOICES = [
    ("", _("alle")),
    ("oeffentlich", _("öffentlich")),
    ("privat", _("privat")),
]
RECHTSFORM_VALUES = {"oeffentlich": Rechtsform.OEFFENTLICH, "privat": Rechtsform.PRIVAT}

SORT_CHOICES = [
    ("name", _("Name")),
    ("ort", _("Ort")),
    ("schulnummer", _("Schulnummer")),
    ("schulform", _("Schulform")),
]


@dataclass(frozen=True)
class SchoolFilter:
    query: str = ""
    schulformen: tuple[str, ...] = ()
    region_ags: str = ""
    regierungsbezirk: str = ""
    rechtsform: int | None = None
    status: str = Status.OPEN
    sort: str = "name"


class SchoolFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=200,
        help_text=_("Name, Ort, Straße, PLZ oder Schulnummer; Wortanfänge genügen."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    schulform = forms.MultipleChoiceField(
        label=_("Schulform"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ChoiceField(label=_("Kreis / kreisfreie Stadt"), required=False)
    regierungsbezirk = forms.ChoiceField(label=_("Regierungsbezirk"), required=False)
    rechtsform = forms.ChoiceField(
        label=_("Rechtsform"), choices=RECHTSFORM_CHOICES, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    sortierung = forms.ChoiceField(label=_("Sortierung"), choices=SORT_CHOICES, required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.fields["schulform"].choices = [
            (s.code, s.name) for s in Schulform.objects.exclude(code="00").order_by("name")
        ]
        self.fields["region"].choices = [("", _("alle"))] + [
            (r.ags, r.name) for r in Region.objects.order_by("name")
        ]
        self.fields["regierungsbezirk"].choices = [("", _("alle"))] + [
            (b.code, b.name) for b in Regierungsbezirk.objects.order_by("name")
        ]

    def to_filter(self) -> SchoolFilter:
        """The filter the (bound) form describes; invalid parts are ignored, not fatal."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        rechtsform = RECHTSFORM_VALUES.get(data.get("rechtsform") or "")
        return SchoolFilter(
            query=(data.get("q") or "").strip(),
            schulformen=tuple(data.get("schulform") or ()),
            region_ags=data.get("region") or "",
            regierungsbezirk=data.get("regierungsbezirk") or "",
            rechtsform=int(rechtsform) if rechtsform is not None else None,
            status=data.get("status") or Status.OPEN,
            sort=data.get("sortierung") or "name",
        )
