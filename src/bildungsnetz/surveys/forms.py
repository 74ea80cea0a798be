"""Forms of the survey pages. They parse input; rules live in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.rules import is_land_admin
from ..regions.models import Region
from .models import Instrument, ItemKind, TargetGroup
from .rules import office_region_ids

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STATEWIDE = "landesweit"


class SurveyForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Fragebogen"), queryset=Instrument.objects.filter(items__isnull=False).distinct()
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    region = forms.ChoiceField(label=_("Region"))
    opens_on = forms.DateField(
        label=_("Beginn"), required=False, widget=DATE_WIDGET,
        help_text=_("Leer: ab dem Start der Befragung."),
    )  # fmt: skip
    closes_on = forms.DateField(
        label=_("Einsendeschluss"), widget=DATE_WIDGET,
        help_text=_("Nach diesem Tag werden keine Antworten mehr angenommen."),
    )  # fmt: skip
    anonymity_threshold = forms.IntegerField(
        label=_("Mindestzahl an Antworten je ausgewiesener Gruppe"),
        initial=5,
        help_text=_(
            "Ergebnisse einer Region oder Gruppe mit weniger Antworten werden nicht gezeigt "
            "(mindestens 3)."
        ),
    )

    def __init__(self, *args, user, edit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_land_admin(user):
            regions = Region.objects.order_by("name")
            choices = [(STATEWIDE, _("landesweit (alle Regionen)"))]
        else:
            regions = Region.objects.filter(pk__in=office_region_ids(user)).order_by("name")
            choices = []
        self.fields["region"].choices = choices + [(r.ags, r.name) for r in regions]
        if edit:
            for name in ("instrument", "region"):
                del self.fields[name]

    def clean_region(self):
        value = self.cleaned_data["region"]
        if value == STATEWIDE:
            return None
        return Region.objects.get(ags=value)


class InvitationForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    addresses = forms.CharField(
        label=_("E-Mail-Adressen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Eine Adresse je Zeile. Doppelte Adressen werden nur einmal eingeladen."),
    )
    file = forms.FileField(
        label=_("oder CSV-Datei mit Adressen"),
        required=False,
        help_text=_("Eine Adresse je Zeile; in einer Tabelle zählt die Zelle mit dem @."),
    )
    invited_offline = forms.IntegerField(
        label=_("Zusätzlich auf Papier eingeladen (Anzahl)"),
        required=False,
        min_value=0,
        help_text=_("Zählt für die Rücklaufquote; leer lassen, wenn unverändert."),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        if regions.count() == 1:
            self.fields["region"].initial = regions.first()

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("addresses") or ""
        if upload:
            raw = upload.read()
            if len(raw) > 2 * 1024 * 1024:
                self.add_error("file", _("Die Datei ist größer als 2 MB."))
                return data
            if b"\x00" in raw or raw.startswith(b"PK\x03\x04"):  # XLSX, ZIP, other binaries
                self.add_error("file", _("Die Datei ist keine CSV- oder Textdatei."))
                return data
            try:
                text += "\n" + raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text += "\n" + raw.decode("cp1252", errors="replace")
        data["text"] = text
        if not text.strip() and data.get("invited_offline") is None:
            raise forms.ValidationError(
                _("Bitte geben Sie Adressen ein, laden Sie eine Datei hoch oder nennen Sie die "
                  "Zahl der Papiereinladungen.")
            )  # fmt: skip
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei mit Antworten"),
        help_text=_(
            "Spalten: region (Kreisschlüssel), optional bogen (Nummer des Bogens) und je Frage "
            "ihre Kennung, z. B. A1. Werte wie „trifft voll zu“ oder „voll“, „keine Angabe“; "
            "leer = nicht beantwortet. Trennzeichen Semikolon oder Komma."
        ),
    )


class InstrumentForm(forms.Form):
    code = forms.SlugField(
        label=_("Kürzel"), max_length=60,
        help_text=_("Kleinbuchstaben, Ziffern und Bindestriche, z. B. schulleitungen-2027."),
    )  # fmt: skip
    title = forms.CharField(label=_("Titel"), max_length=200)
    target_group = forms.ChoiceField(label=_("Zielgruppe"), choices=TargetGroup.choices)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, edit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if edit:
            del self.fields["code"]


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Kennung"), max_length=20, help_text=_("z. B. C1"))
    text = forms.CharField(label=_("Aussage oder Frage"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Art"), choices=ItemKind.choices)
    dimension = forms.CharField(
        label=_("Dimension"), required=False, max_length=100,
        help_text=_("z. B. Transparenz, Beteiligung oder Nutzen; neue Namen werden angelegt."),
    )  # fmt: skip
    choices = forms.CharField(
        label=_("Antwortmöglichkeiten"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nur bei Einfachauswahl: eine Möglichkeit je Zeile."),
    )  # fmt: skip

    def __init__(self, *args, edit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if edit:
            del self.fields["code"]
