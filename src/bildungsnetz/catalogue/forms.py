from django import forms
from django.utils.translation import gettext_lazy as _

from ..regions.models import Region
from .models import Criterion, Material, MaterialKind, PlanItemStatus, Provider
from .selectors import NRW_WIDE, SearchFilter, filter_choices

NRW_SCOPE = "nrw"


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Suchbegriffe"),
        required=False,
        max_length=200,
        help_text=_("z. B. Schulpsychologie, Museen, Praktikum, Fortbildung"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kriterium = forms.ChoiceField(label=_("Kriterium"), required=False)
    art = forms.ChoiceField(label=_("Art"), required=False)
    anbieter = forms.ChoiceField(label=_("Anbieter"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = filter_choices()
        self.fields["kriterium"].choices = [("", _("alle Kriterien"))] + [
            (n, f"{n} {t}") for n, t in choices["criteria"]
        ]
        self.fields["art"].choices = [("", _("alle Arten"))] + list(MaterialKind.choices)
        self.fields["anbieter"].choices = [("", _("alle Anbieter"))] + [
            (p, p) for p in choices["providers"]
        ]
        self.fields["region"].choices = [
            ("", _("landesweit und alle Regionen")),
            (NRW_WIDE, _("nur landesweite Angebote")),
        ] + [(ags, name) for ags, name in choices["regions"]]

    def to_filter(self) -> SearchFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return SearchFilter(
            query=data.get("q", ""),
            criterion=data.get("kriterium", ""),
            kind=data.get("art", ""),
            provider=data.get("anbieter", ""),
            region=data.get("region", ""),
        )


class MaterialForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Adresse (URL)"), required=False, max_length=500, assume_scheme="https"
    )
    new_provider_name = forms.CharField(
        label=_("Neuer Anbieter: Name"),
        required=False,
        max_length=300,
        help_text=_("Nur ausfüllen, wenn der Anbieter oben nicht in der Liste steht."),
    )
    new_provider_street = forms.CharField(
        label=_("Neuer Anbieter: Straße und Hausnummer"), required=False, max_length=150
    )
    new_provider_postal_code = forms.RegexField(
        label=_("Neuer Anbieter: Postleitzahl"),
        required=False,
        regex=r"^\d{5}$",
        error_messages={"invalid": _("Bitte fünf Ziffern angeben.")},
    )
    new_provider_city = forms.CharField(
        label=_("Neuer Anbieter: Ort"), required=False, max_length=100
    )

    class Meta:
        model = Material
        fields = [
            "criterion",
            "title",
            "provider",
            "citation",
            "description",
            "kind",
            "link_text",
            "link_pending",
            "checked_on",
            "tags",
            "editorial_note",
        ]
        widgets = {
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "editorial_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, scope_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.order_by("position")
        self.fields["provider"].queryset = Provider.objects.order_by("name", "postal_code")
        self.fields["provider"].label_from_instance = _provider_label
        self.fields["provider"].required = False
        self.order_fields(
            ["criterion", "title", "provider", "new_provider_name", "new_provider_street"]
            + ["new_provider_postal_code", "new_provider_city", "citation", "description"]
            + ["kind", "url", "link_text", "link_pending", "checked_on", "tags", "editorial_note"]
        )
        if scope_choices is not None:
            self.fields["scope"] = forms.ChoiceField(
                label=_("Gültig für"), choices=scope_choices, required=True
            )
            self.order_fields(["scope"])

    def clean(self):
        data = super().clean()
        if data.get("new_provider_name") and data.get("provider"):
            self.add_error(
                "new_provider_name",
                _("Bitte entweder einen Anbieter aus der Liste wählen oder einen neuen angeben."),
            )
        return data

    def scope_region(self) -> Region | None:
        value = self.cleaned_data.get("scope", NRW_SCOPE)
        return None if value == NRW_SCOPE else Region.objects.get(ags=value)

    def new_provider(self) -> dict | None:
        name = (self.cleaned_data.get("new_provider_name") or "").strip()
        if not name:
            return None
        return {
            "name": name,
            "street": self.cleaned_data.get("new_provider_street", "").strip(),
            "postal_code": self.cleaned_data.get("new_provider_postal_code", "").strip(),
            "city": self.cleaned_data.get("new_provider_city", "").strip(),
        }

    def material_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["url"] = self.cleaned_data.get("url") or ""
        return data


def _provider_label(provider: Provider) -> str:
    place = ", ".join(
        p for p in (provider.street, provider.postal_code + " " + provider.city) if p.strip()
    )
    return f"{provider.name} ({place})" if place else provider.name


class AddToPlanForm(forms.Form):
    schule = forms.ChoiceField(label=_("Schule"))
    note = forms.CharField(
        label=_("Notiz (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schule"].choices = [(s.schulnummer, s.name) for s in schools]
        if len(self.fields["schule"].choices) == 1:
            self.fields["schule"].widget = forms.HiddenInput()
            self.fields["schule"].initial = self.fields["schule"].choices[0][0]


class PlanItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), choices=PlanItemStatus.choices)
    note = forms.CharField(
        label=_("Notiz"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
