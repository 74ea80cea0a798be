"""Forms of the network app. They parse input; services decide the rules."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from ..schools.models import School
from . import seats
from .models import (
    AttendanceStatus,
    Body,
    BodyKind,
    DecisionKind,
    DevelopmentField,
    Handlungsfeld,
    HandlungsfeldStatus,
    Meeting,
    MembershipKind,
    Network,
    NewsItem,
    Organisation,
    Person,
    PracticeExample,
    PracticeTopic,
    Rating,
    WorkOrderStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+(,\d+)?$|^\d+\.\d+$")


class GermanNumberField(forms.Field):
    """A number typed the German way ("612.178", "217,41"). Units and words are refused
    with a message that names the field, e.g. "612.178 km²" in the population field."""

    def __init__(self, *, integer: bool = False, **kwargs):
        self.integer = integer
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "")[:40].replace("\u00a0", " ").strip().replace(" ", "")
        if not text:
            return None
        label = self.label
        if re.search(r"[^\d.,]", text):
            unit = re.sub(r"[\d.,]", "", text)
            raise forms.ValidationError(
                _("„%(field)s“: Bitte nur eine Zahl ohne Einheit eingeben (gefunden: „%(unit)s“)."),
                code="unit",
                params={"field": label, "unit": unit},
            )
        if not _NUMBER.match(text):
            raise forms.ValidationError(
                _("„%(field)s“: „%(value)s“ ist keine gültige Zahl."),
                code="invalid",
                params={"field": label, "value": text},
            )
        if "," in text or re.match(r"^\d{1,3}(\.\d{3})+$", text):
            normalised = text.replace(".", "").replace(",", ".")
        else:
            normalised = text  # "217.41": decimal point
        try:
            number = Decimal(normalised)
        except InvalidOperation as exc:
            raise forms.ValidationError(
                _("„%(field)s“: „%(value)s“ ist keine gültige Zahl."),
                code="invalid",
                params={"field": label, "value": text},
            ) from exc
        if self.integer:
            if number != number.to_integral_value():
                raise forms.ValidationError(
                    _("„%(field)s“: Bitte eine ganze Zahl eingeben."),
                    code="integer",
                    params={"field": label},
                )
            return int(number)
        return number


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = [
            "contract_status",
            "signed_on",
            "ended_on",
            "mustervertrag_version",
            "regional_additions",
            "additions_document",
            "land_posts",
            "municipal_posts",
            "additional_posts",
            "office_name",
            "office_street",
            "office_postcode",
            "office_city",
            "office_email",
            "office_phone",
            "office_website",
        ]
        widgets = {"signed_on": DATE, "ended_on": DATE}
        localized_fields = ("land_posts", "municipal_posts", "additional_posts")

    def clean_additions_document(self):
        from ..core.errors import DomainError
        from .meeting_services import check_document

        doc = self.cleaned_data.get("additions_document")
        if doc and hasattr(doc, "size"):
            if not doc.name.lower().endswith((".pdf", ".docx", ".odt")):
                raise forms.ValidationError(_("Erlaubt sind PDF-, DOCX- und ODT-Dateien."))
            try:  # size, content signature and unpacked size (zip bombs), as for meetings
                check_document(doc)
            except DomainError as exc:
                raise forms.ValidationError(exc.message) from exc
        return doc


class RegionScopedForm(forms.ModelForm):
    """Choices of related objects are limited to the region."""

    region_fields: dict = {}

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        for name, model in self.region_fields.items():
            if name in self.fields:
                self.fields[name].queryset = model.objects.filter(region=region)


class OrganisationForm(RegionScopedForm):
    schulnummer = forms.CharField(
        label=_("Schulnummer"),
        required=False,
        max_length=6,
        help_text=_("Nur bei Schulen: verknüpft die Organisation mit dem Schulregister."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "email", "phone", "website"]

    def clean_schulnummer(self):
        number = self.cleaned_data["schulnummer"].strip()
        if not number:
            return None
        school = School.objects.filter(schulnummer=number, region=self.region).first()
        if school is None:
            raise forms.ValidationError(_("Keine Schule dieser Region mit dieser Schulnummer."))
        return school


class PersonForm(RegionScopedForm):
    region_fields = {"organisation": Organisation}

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "function",
            "organisation",
            "email",
            "phone",
            "consent_public",
            "consent_purpose",
            "consent_given_on",
            "consent_withdrawn_on",
        ]
        widgets = {"consent_given_on": DATE, "consent_withdrawn_on": DATE}


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "variant", "is_public", "description"]


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("vertretene Organisation"), queryset=Organisation.objects.none(), required=False
    )
    seat = forms.ChoiceField(label=_("Sitz"))
    kind = forms.ChoiceField(
        label=_("Art der Mitgliedschaft"), choices=MembershipKind.choices, initial="mitglied"
    )
    deputy_for = forms.ModelChoiceField(
        label=_("Stellvertretung für"), queryset=Person.objects.none(), required=False
    )
    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld (bei Gästen)"),
        queryset=Handlungsfeld.objects.none(),
        required=False,
    )
    start = forms.DateField(label=_("von"), required=False, widget=DATE)
    end = forms.DateField(label=_("bis"), required=False, widget=DATE)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        region = body.region
        self.fields["person"].queryset = Person.objects.filter(
            region=region, anonymised_at__isnull=True
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(region=region)
        self.fields["seat"].choices = seats.seat_choices(body.kind, region.kind, body.variant)
        self.fields["deputy_for"].queryset = body.memberships.filter(
            kind=MembershipKind.MITGLIED
        ).select_related("person")
        self.fields["deputy_for"].label_from_instance = lambda m: f"{m.person} ({m.seat})"
        self.fields["handlungsfeld"].queryset = Handlungsfeld.objects.filter(region=region)


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_(
            "Spalten: vorname, nachname, funktion, e_mail, organisation, organisationsart, "
            "sitz, art, von, bis. Erste Zeile = Spaltennamen; CSV mit Semikolon."
        ),
    )

    def clean_file(self):
        import zipfile

        from openpyxl import load_workbook

        from .meeting_services import _unpacked_size_ok

        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als 2 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Bitte eine CSV- oder XLSX-Datei hochladen."))
        if upload.name.lower().endswith(".xlsx"):
            # A small XLSX can unpack to gigabytes (zip bomb): check before openpyxl reads it.
            broken = _("Die XLSX-Datei ist beschädigt und kann nicht gelesen werden.")
            try:
                ok = _unpacked_size_ok(upload)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
                raise forms.ValidationError(broken) from exc
            if not ok:
                raise forms.ValidationError(
                    _("Entpackt wäre die Tabelle größer als 50 MB; sie wird abgelehnt.")
                )
            try:
                upload.seek(0)
                load_workbook(upload, read_only=True).close()
            except Exception as exc:  # openpyxl raises many types for broken workbooks
                raise forms.ValidationError(broken) from exc
            upload.seek(0)
        return upload


class HandlungsfeldForm(RegionScopedForm):
    region_fields = {"responsible": Organisation}

    class Meta:
        model = Handlungsfeld
        fields = ["title", "goals", "measures", "indicators", "responsible", "is_public"]
        widgets = {"responsible": forms.CheckboxSelectMultiple}


class HandlungsfeldReportForm(forms.Form):
    day = forms.DateField(label=_("Stichtag"), widget=DATE)
    status = forms.ChoiceField(label=_("Stand"), choices=HandlungsfeldStatus.choices)
    note = forms.CharField(label=_("Bemerkung"), required=False, widget=forms.Textarea)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "location",
            "is_public",
            "minutes",
            "minutes_public",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Thema"), max_length=300)
    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"), queryset=Handlungsfeld.objects.none(), required=False
    )
    notes = forms.CharField(label=_("Erläuterung"), required=False, widget=forms.Textarea)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].queryset = Handlungsfeld.objects.filter(region=region)


class AttendanceForm(forms.Form):
    """One choice per invited person."""

    def __init__(self, *args, persons, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.persons = {f"p{p.pk}": p for p in persons}
        for key, person in self.persons.items():
            self.fields[key] = forms.ChoiceField(
                label=person.full_name,
                choices=[("", "–")] + list(AttendanceStatus.choices),
                required=False,
                initial=current.get(person.pk, ""),
            )

    def entries(self) -> dict:
        return {self.persons[k]: v for k, v in self.cleaned_data.items() if v and k in self.persons}


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=DecisionKind.choices)
    agenda_item = forms.ModelChoiceField(
        label=_("Tagesordnungspunkt"), queryset=None, required=False
    )
    text = forms.CharField(label=_("Wortlaut"), widget=forms.Textarea)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda.all()


class WorkOrderForm(forms.Form):
    title = forms.CharField(label=_("Auftrag"), max_length=300)
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea)
    owner_organisation = forms.ModelChoiceField(
        label=_("zuständige Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Leer lassen, wenn das Bildungsbüro zuständig ist."),
    )
    owner_person = forms.ModelChoiceField(
        label=_("zuständige Person"), queryset=Person.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("fällig am"), widget=DATE)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(region=region)
        self.fields["owner_person"].queryset = Person.objects.filter(
            region=region, anonymised_at__isnull=True
        )


class WorkOrderTransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("Neuer Stand"), choices=WorkOrderStatus.choices)
    result = forms.CharField(label=_("Ergebnis"), required=False, widget=forms.Textarea)


class FiguresForm(forms.Form):
    year = forms.IntegerField(label=_("Jahr"), min_value=1950, max_value=2100)
    area_km2 = GermanNumberField(label=_("Fläche in km²"))
    population = GermanNumberField(label=_("Einwohnerinnen und Einwohner"), integer=True)
    districts = forms.CharField(label=_("Gliederung"), required=False, max_length=300)
    funding_programmes = forms.CharField(
        label=_("Förderprogramme"), required=False, widget=forms.Textarea
    )
    partners = forms.CharField(label=_("Partner"), required=False, widget=forms.Textarea)
    monitoring = forms.CharField(label=_("Monitoring"), required=False, widget=forms.Textarea)
    source = forms.CharField(label=_("Quelle"), required=False, max_length=300)


class EndMembershipForm(forms.Form):
    end = forms.DateField(label=_("Mitgliedschaft endet am"), widget=DATE)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Ja, ich bin sicher."))


BODY_KIND_CHOICES = BodyKind.choices


class PracticeExampleForm(RegionScopedForm):
    region_fields = {"handlungsfeld": Handlungsfeld, "contact": Person}

    class Meta:
        model = PracticeExample
        fields = [
            "title",
            "summary",
            "topic",
            "handlungsfeld",
            "partners",
            "contact",
            "outcome",
            "quote",
            "quote_source",
            "is_public",
        ]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        self.fields["contact"].queryset = self.fields["contact"].queryset.filter(
            anonymised_at__isnull=True
        )


class PracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Suche"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("alle Regionen"))] + [
            (r.ags, r.name) for r in regions
        ]
        self.fields["thema"].choices = [("", _("alle Themen")), *PracticeTopic.choices]


class MeetingDocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, DOCX, XLSX, ODT oder TXT, höchstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt,.txt"}),
    )


class WorkOrderCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentar"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class SelfEvaluationForm(forms.Form):
    """One year of the self-evaluation: per development field a rating (1–4), the strengths
    to keep and the options to pursue."""

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        existing = {r.field: r for r in records}
        for code, label in DevelopmentField.choices:
            record = existing.get(code)
            self.fields[f"{code}_rating"] = forms.TypedChoiceField(
                label=label,
                choices=[("", "–")] + list(Rating.choices),
                coerce=int,
                initial=record.rating if record else None,
            )
            self.fields[f"{code}_strengths"] = forms.CharField(
                label=_("Stärken, die erhalten bleiben sollen"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=record.strengths if record else "",
            )
            self.fields[f"{code}_options"] = forms.CharField(
                label=_("Handlungsoptionen"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=record.options if record else "",
            )

    def entries(self) -> dict:
        data = self.cleaned_data
        return {
            code: {
                "rating": data.get(f"{code}_rating"),
                "strengths": data.get(f"{code}_strengths", ""),
                "options": data.get(f"{code}_options", ""),
            }
            for code in DevelopmentField.values
        }


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["title", "text", "published_at", "is_public"]
        widgets = {"published_at": DATETIME}


class NewsletterSubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_("Leer lassen für die Neuigkeiten aus ganz NRW."),
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("ganz NRW"))] + [(r.ags, r.name) for r in regions]
