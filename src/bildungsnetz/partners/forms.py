"""Forms of Bildungspartner NRW. They parse input; rules live in ``services``."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..core.rules import is_land_admin
from ..regions.models import Region, Schulform
from .models import (
    Handlungsfeld,
    Institution,
    InstitutionKind,
    InstitutionStatus,
    LearningOffer,
    Need,
    Partnership,
)
from .rules import institution_ids, office_region_ids
from .selectors import MAX_RADIUS_KM

# Schulformen of the register that are schools (not authorities, seminars, …).
SCHOOL_SCHULFORM_CODES = (
    "02", "04", "06", "08", "10", "12", "14", "15", "16", "17", "18", "19", "20", "22",
    "25", "30", "85", "87", "88",
)  # fmt: skip
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(label):
    return [("", label)]


def region_choices():
    return _blank(_("alle Regionen")) + [(r.ags, r.name) for r in Region.objects.order_by("name")]


def schulform_queryset():
    return Schulform.objects.filter(code__in=SCHOOL_SCHULFORM_CODES).order_by("name")


class NearSearchForm(forms.Form):
    schule = forms.CharField(
        label=_("Schule (Schulnummer oder Name)"),
        required=False,
        max_length=120,
        help_text=_("Zum Beispiel 167850 oder „Gymnasium Paulinum“."),
    )
    plz = forms.RegexField(
        label=_("oder Postleitzahl"),
        required=False,
        regex=r"^\d{5}$",
        error_messages={"invalid": _("Die Postleitzahl hat genau fünf Ziffern.")},
    )
    km = forms.IntegerField(
        label=_("Umkreis in km"), min_value=1, max_value=MAX_RADIUS_KM, initial=10, required=False
    )
    kind = forms.ChoiceField(label=_("Art der Einrichtung"), required=False)
    handlungsfeld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    schulform = forms.ChoiceField(label=_("Angebote für die Schulform"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(_("alle Arten")) + list(InstitutionKind.choices)
        self.fields["handlungsfeld"].choices = _blank(_("alle Handlungsfelder")) + list(
            Handlungsfeld.choices
        )
        self.fields["schulform"].choices = _blank(_("alle Schulformen")) + [
            (s.code, s.name) for s in schulform_queryset()
        ]

    def clean(self):
        data = super().clean()
        if self.is_bound and not data.get("schule") and not data.get("plz"):
            if not self.errors:
                raise forms.ValidationError(
                    _("Bitte geben Sie eine Schule oder eine Postleitzahl an.")
                )
        data["km"] = data.get("km") or 10
        return data


class RegistryFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Kreis / kreisfreie Stadt"), required=False)
    kind = forms.ChoiceField(label=_("Art der Einrichtung"), required=False)
    handlungsfeld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    bestaetigung = forms.ChoiceField(
        label=_("Jährliche Bestätigung"),
        required=False,
        choices=[("", _("alle")), ("ueberfaellig", _("nur überfällige"))],
    )

    def __init__(self, *args, office: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()
        self.fields["kind"].choices = _blank(_("alle Arten")) + list(InstitutionKind.choices)
        self.fields["handlungsfeld"].choices = _blank(_("alle Handlungsfelder")) + list(
            Handlungsfeld.choices
        )
        if not office:
            # The overdue filter is a worklist of the Bildungsbüro and the Land.
            del self.fields["bestaetigung"]

    def to_filter(self):
        from .selectors import RegistryFilter

        if not self.is_valid():
            return RegistryFilter()
        d = self.cleaned_data
        return RegistryFilter(
            d["region"], d["kind"], d["handlungsfeld"], d.get("bestaetigung") == "ueberfaellig"
        )


def institutions_for_choice(user, *, include: list[int] = ()):
    """Active institutions a user can pick as partner: those of the regions the user works
    in (own school's region, Bildungsbüro regions), the user's own institutions, and any
    explicitly preselected one; everything for the Land."""
    qs = Institution.objects.filter(status=InstitutionStatus.AKTIV).exclude(kind="kita")
    if is_land_admin(user):
        return qs.order_by("name", "id")
    region_ids = set(office_region_ids(user)) | set(
        user.memberships.filter(school__isnull=False).values_list("school__region_id", flat=True)
    )
    own = institution_ids(user)
    region_ids |= set(Institution.objects.filter(pk__in=own).values_list("region_id", flat=True))
    cond = Q(region_id__in=region_ids) | Q(pk__in=own) | Q(pk__in=[i for i in include if i])
    return qs.filter(cond).order_by("name", "id")


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "school",
            "institution",
            "third_institution",
            "title",
            "handlungsfeld",
            "goals",
            "activities",
            "organisation",
            "school_contact",
            "institution_contact",
            "start_date",
            "end_date",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 5}),
            "activities": forms.Textarea(attrs={"rows": 5}),
            "organisation": forms.Textarea(attrs={"rows": 4}),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }
        help_texts = {
            "organisation": _("Zum Beispiel Zeiten, Orte, Kosten, Versicherung, Ansprechwege."),
            "school_contact": _("Name und Funktion, z. B. „Frau Yilmaz, Fachleitung Geschichte“."),
        }

    def __init__(self, *args, user, schools, editing=False, preselect=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        institutions = institutions_for_choice(user, include=list(preselect))
        self.fields["institution"].queryset = institutions
        self.fields["third_institution"].queryset = institutions
        if editing:
            # School and institution are fixed once the draft exists.
            del self.fields["school"]
            del self.fields["institution"]


class SignForm(forms.Form):
    side = forms.ChoiceField(label=_("Für welche Seite?"))
    signer = forms.CharField(label=_("Name der unterzeichnenden Person"), max_length=200)
    signed_on = forms.DateField(label=_("Datum der Unterschrift"), widget=DATE_WIDGET)

    def __init__(self, *args, sides: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = sides


class SchulkonferenzForm(forms.Form):
    schulkonferenz_date = forms.DateField(
        label=_("Datum des Beschlusses der Schulkonferenz"),
        widget=DATE_WIDGET,
        help_text=_(
            "Kooperationsvereinbarungen einer Schule brauchen die Zustimmung der "
            "Schulkonferenz (§ 5 SchulG NRW)."
        ),
    )


class InstitutionForm(forms.ModelForm):
    homepage = forms.URLField(
        label=_("Internetseite"), required=False, max_length=300, assume_scheme="https"
    )
    region = forms.ModelChoiceField(
        label=_("Kreis / kreisfreie Stadt"),
        queryset=Region.objects.order_by("name"),
        required=False,
        help_text=_("Leer lassen: wird aus der Postleitzahl abgeleitet."),
    )
    lat = forms.FloatField(
        label=_("Breite (WGS84)"),
        required=False,
        help_text=_("Leer lassen: Schwerpunkt der Schulen im Postleitzahlbereich."),
    )
    lon = forms.FloatField(label=_("Länge (WGS84)"), required=False)

    class Meta:
        model = Institution
        fields = [
            "name",
            "kind",
            "description",
            "strasse",
            "plz",
            "ort",
            "email",
            "telefon",
            "homepage",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class SelfRegistrationForm(forms.ModelForm):
    homepage = forms.URLField(
        label=_("Internetseite"), required=False, max_length=300, assume_scheme="https"
    )
    region = forms.ModelChoiceField(
        label=_("Kreis / kreisfreie Stadt"),
        queryset=Region.objects.order_by("name"),
        required=False,
        help_text=_("Nur nötig, wenn die Postleitzahl nicht eindeutig ist."),
    )
    contact_name = forms.CharField(label=_("Ansprechperson"), max_length=150)
    contact_function = forms.CharField(label=_("Funktion"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("E-Mail der Ansprechperson"))
    contact_telefon = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    contact_consent = forms.BooleanField(
        label=_(
            "Die Ansprechperson ist einverstanden, dass Name und Kontakt öffentlich "
            "angezeigt werden."
        ),
        required=False,
        help_text=_(
            "Ohne dieses Einverständnis sehen nur das Bildungsbüro und das Land die Kontaktdaten."
        ),
    )

    class Meta:
        model = Institution
        fields = [
            "name",
            "kind",
            "description",
            "strasse",
            "plz",
            "ort",
            "email",
            "telefon",
            "homepage",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    function = forms.CharField(label=_("Funktion"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    telefon = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    consent_public = forms.BooleanField(
        label=_("Einwilligung zur Veröffentlichung liegt vor"), required=False
    )
    consent_date = forms.DateField(
        label=_("Einwilligung erteilt am"), required=False, widget=DATE_WIDGET
    )


class OfferForm(forms.ModelForm):
    schulformen = forms.ModelMultipleChoiceField(
        label=_("Schulformen"),
        queryset=Schulform.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl: für alle Schulformen."),
    )

    class Meta:
        model = LearningOffer
        fields = [
            "title",
            "description",
            "handlungsfeld",
            "schulformen",
            "grade_from",
            "grade_to",
            "subjects",
            "format",
            "costs",
            "accessibility",
            "available_from",
            "available_until",
            "dates_note",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "available_from": DATE_WIDGET,
            "available_until": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schulformen"].queryset = schulform_queryset()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_("Höchstens 5 MB. Spalten: siehe Beschreibung oben."),
    )
    dry_run = forms.BooleanField(
        label=_("Nur prüfen, nichts speichern"), required=False, initial=True
    )


class WhiteSpotForm(forms.Form):
    region = forms.ChoiceField(label=_("Kreis / kreisfreie Stadt"))
    km = forms.IntegerField(label=_("Umkreis in km"), min_value=1, max_value=50, initial=5)
    kind = forms.ChoiceField(label=_("Art der Einrichtung"), required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.ags, r.name) for r in regions]
        self.fields["kind"].choices = _blank(_("alle zehn Arten der Initiativen")) + [
            (k, label) for k, label in InstitutionKind.choices if k in _eligible()
        ]


def _eligible():
    from .models import ELIGIBLE_KINDS

    return ELIGIBLE_KINDS


class ContactsHandoverForm(forms.Form):
    school_contact = forms.CharField(
        label=_("Ansprechperson der Schule"), max_length=200, required=False
    )
    institution_contact = forms.CharField(
        label=_("Ansprechperson der Einrichtung"), max_length=200, required=False
    )

    def __init__(self, *args, sides: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        if "schule" not in sides:
            del self.fields["school_contact"]
        if "einrichtung" not in sides:
            del self.fields["institution_contact"]


# --- Needs pinboard ------------------------------------------------------------------------

GRADE_CHOICES = [(n, str(n)) for n in range(1, 14)]


class NeedForm(forms.ModelForm):
    grade_from = forms.TypedChoiceField(
        label=_("ab Jahrgangsstufe"), choices=GRADE_CHOICES, coerce=int, initial=1
    )
    grade_to = forms.TypedChoiceField(
        label=_("bis Jahrgangsstufe"), choices=GRADE_CHOICES, coerce=int, initial=13
    )

    class Meta:
        model = Need
        fields = ["school", "topic", "handlungsfeld", "grade_from", "grade_to", "time_frame",
                  "description"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is None:
            del self.fields["school"]
        else:
            self.fields["school"].queryset = schools
            self.fields["school"].label = _("Schule")

    def clean(self):
        data = super().clean()
        lo, hi = data.get("grade_from"), data.get("grade_to")
        if lo and hi and lo > hi:
            self.add_error("grade_to", _("„bis Jahrgangsstufe“ darf nicht kleiner sein als „ab“."))
        return data


class NeedFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Kreis / kreisfreie Stadt"), required=False)
    handlungsfeld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()
        self.fields["handlungsfeld"].choices = _blank(_("alle Handlungsfelder")) + list(
            Handlungsfeld.choices
        )

    def to_filter(self):
        from .selectors import NeedFilter

        if not self.is_valid():
            return NeedFilter()
        return NeedFilter(self.cleaned_data["region"], self.cleaned_data["handlungsfeld"])


class NeedAnswerForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Antwort im Namen von"), queryset=Institution.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Nachricht an die Schule"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kurz: Ihr passendes Angebot und wie die Schule Sie erreicht."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = (
            Institution.objects.public().filter(pk__in=institution_ids(user)).order_by("name", "id")
        )
