"""Regionale Bildungsnetzwerke: contract record, actors, bodies and members, Handlungsfelder,
meetings with decisions, work orders and the region's profile figures.

German domain terms are kept as identifiers where they are the product's vocabulary
(``Handlungsfeld``, ``Lenkungskreis``); see docs/network.md.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class ContractStatus(models.TextChoices):
    UNBEKANNT = "unbekannt", _("unbekannt")
    KEINE = "keine", _("keine Vereinbarung")
    VERHANDLUNG = "verhandlung", _("in Verhandlung")
    UNTERZEICHNET = "unterzeichnet", _("unterzeichnet")
    BEENDET = "beendet", _("beendet")


class RegionScopedQuerySet(models.QuerySet):
    def for_region(self, region):
        return self.filter(region=region)


class Network(models.Model):
    """The Kooperationsvereinbarung of one region with the Land and its Bildungsbüro."""

    region = models.OneToOneField(
        "regions.Region", on_delete=models.CASCADE, related_name="network", verbose_name=_("Region")
    )
    contract_status = models.CharField(
        _("Stand der Kooperationsvereinbarung"),
        max_length=20,
        choices=ContractStatus.choices,
        default=ContractStatus.UNBEKANNT,
    )
    signed_on = models.DateField(_("unterzeichnet am"), null=True, blank=True)
    ended_on = models.DateField(_("beendet am"), null=True, blank=True)
    mustervertrag_version = models.CharField(
        _("Fassung des Mustervertrags"), max_length=100, blank=True
    )
    regional_additions = models.TextField(_("Regionale Ergänzungen"), blank=True)
    additions_document = models.FileField(
        _("Dokument der regionalen Ergänzungen"), upload_to="network/vertraege/", blank=True
    )
    land_posts = models.DecimalField(
        _("Stellen des Landes"), max_digits=4, decimal_places=2, default=Decimal("0")
    )
    municipal_posts = models.DecimalField(
        _("Stellen der Kommune"), max_digits=4, decimal_places=2, default=Decimal("0")
    )
    additional_posts = models.DecimalField(
        _("Weitere Stellen"), max_digits=4, decimal_places=2, default=Decimal("0")
    )
    office_name = models.CharField(_("Name des Bildungsbüros"), max_length=200, blank=True)
    office_street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    office_postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    office_city = models.CharField(_("Ort"), max_length=100, blank=True)
    office_email = models.EmailField(_("E-Mail des Bildungsbüros"), blank=True)
    office_phone = models.CharField(_("Telefon des Bildungsbüros"), max_length=50, blank=True)
    office_website = models.URLField(_("Internetseite"), blank=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bildungsnetzwerk")
        verbose_name_plural = _("Bildungsnetzwerke")
        ordering = ["region__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True)
                | Q(contract_status__in=["unterzeichnet", "beendet"]),
                name="network_signed_on_needs_signed_status",
            ),
        ]

    def __str__(self):
        return str(self.region)

    def get_absolute_url(self):
        return reverse("network:region", kwargs={"ags": self.region.ags})


class OrganisationKind(models.TextChoices):
    SCHULE = "schule", _("Schule")
    SCHULAMT = "schulamt", _("Schulamt")
    BEZIRKSREGIERUNG = "bezirksregierung", _("Bezirksregierung")
    KOMPETENZTEAM = "kompetenzteam", _("Kompetenzteam")
    JUGENDAMT = "jugendamt", _("Jugendamt")
    KI = "ki", _("Kommunales Integrationszentrum")
    AGENTUR_FUER_ARBEIT = "agentur", _("Agentur für Arbeit")
    IHK = "ihk", _("Industrie- und Handelskammer")
    HWK = "hwk", _("Handwerkskammer")
    VHS = "vhs", _("Volkshochschule")
    RELIGION = "religion", _("Religionsgemeinschaft")
    KULTUR = "kultur", _("Kultur")
    SPORT = "sport", _("Sport")
    KITA = "kita", _("Kindertageseinrichtung")
    HOCHSCHULE = "hochschule", _("Hochschule")
    ZDI = "zdi", _("zdi-Zentrum")
    STIFTUNG = "stiftung", _("Stiftung")
    KOMMUNE = "kommune", _("Kommune/Kreisverwaltung")
    POLITIK = "politik", _("Politik")
    ELTERN = "eltern", _("Elternvertretung")
    SCHUELER = "schueler", _("Schülervertretung")
    GLEICHSTELLUNG = "gleichstellung", _("Gleichstellung")
    SONSTIGE = "sonstige", _("Sonstige")


class Organisation(models.Model):
    """An actor of the network: an authority, school, chamber, association, …"""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="network_organisations",
        verbose_name=_("Region"),
    )
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=OrganisationKind.choices)
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_organisations",
        verbose_name=_("Schule im Schulregister"),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Internetseite"), blank=True)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="network_org_unique_name"),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """A person acting in the network. Name and contact are public only with consent."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="network_persons",
        verbose_name=_("Region"),
    )
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("Organisation"),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    consent_public = models.BooleanField(_("Einwilligung zur Veröffentlichung"), default=False)
    consent_purpose = models.CharField(_("Zweck der Einwilligung"), max_length=300, blank=True)
    consent_given_on = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_withdrawn_on = models.DateField(_("Einwilligung widerrufen am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        if self.anonymised_at:
            return str(_("anonymisierte Person"))
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_public(self) -> bool:
        """Name and contact may be shown to the public."""
        return bool(
            self.consent_public
            and self.consent_given_on
            and not self.consent_withdrawn_on
            and not self.anonymised_at
        )

    def public_name(self) -> str:
        return self.full_name if self.is_public else str(_("Name nicht veröffentlicht"))


class BodyKind(models.TextChoices):
    LENKUNGSKREIS = "lenkungskreis", _("Lenkungskreis")
    BILDUNGSKONFERENZ = "bildungskonferenz", _("Bildungskonferenz")
    BILDUNGSBUERO = "bildungsbuero", _("Bildungsbüro")
    ARBEITSGRUPPE = "arbeitsgruppe", _("Arbeitsgruppe")


class BodyVariant(models.TextChoices):
    STANDARD = "standard", _("Zusammensetzung nach Mustervertrag")
    CHEFSACHE = "chefsache", _("„Chefsache“: Verwaltungsspitze im Lenkungskreis")


class Body(models.Model):
    """A body of the network (Gremium)."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="network_bodies",
        verbose_name=_("Region"),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("Name"), max_length=200)
    variant = models.CharField(
        _("Besetzungsmodell"),
        max_length=20,
        choices=BodyVariant.choices,
        default=BodyVariant.STANDARD,
        help_text=_("Nur für den Lenkungskreis von Bedeutung."),
    )
    is_public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_("Öffentliche Gremien zeigen Sitzungen und Kalender ohne Anmeldung."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    calendar_token = models.CharField(max_length=64, default=_new_token, editable=False)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"],
                condition=~Q(kind="arbeitsgruppe"),
                name="network_body_one_obligatory_per_region",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:body", kwargs={"ags": self.region.ags, "pk": self.pk})


class MembershipKind(models.TextChoices):
    MITGLIED = "mitglied", _("Mitglied")
    STELLVERTRETUNG = "stellvertretung", _("Stellvertretung")
    GAST = "gast", _("Gast")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )


class Membership(models.Model):
    """A person's seat in a body, representing an organisation, for a period."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Gremium")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("vertretene Organisation"),
    )
    seat = models.CharField(_("Sitz"), max_length=40)
    kind = models.CharField(
        _("Art der Mitgliedschaft"),
        max_length=20,
        choices=MembershipKind.choices,
        default=MembershipKind.MITGLIED,
    )
    deputy_for = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name=_("Stellvertretung für"),
    )
    handlungsfeld = models.ForeignKey(
        "Handlungsfeld",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guests",
        verbose_name=_("Handlungsfeld (bei Gästen)"),
    )
    start = models.DateField(_("von"), null=True, blank=True)
    end = models.DateField(_("bis"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["seat", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="network_membership_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.body}"

    def is_active(self, day=None) -> bool:
        day = day or timezone.localdate()
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class HandlungsfeldStatus(models.TextChoices):
    GEPLANT = "geplant", _("geplant")
    AKTIV = "aktiv", _("in Arbeit")
    RUHEND = "ruhend", _("ruhend")
    ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")


class Handlungsfeld(models.Model):
    """A field of action the region chose, with goals, measures and indicators."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="handlungsfelder",
        verbose_name=_("Region"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    goals = models.TextField(_("Ziele"), blank=True)
    measures = models.TextField(_("Maßnahmen"), blank=True)
    indicators = models.TextField(_("Indikatoren"), blank=True)
    responsible = models.ManyToManyField(
        Organisation, blank=True, related_name="handlungsfelder", verbose_name=_("Verantwortlich")
    )
    is_public = models.BooleanField(_("öffentlich"), default=True)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[responsible])

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["region", "title"], name="network_hf_unique_title"),
        ]

    def __str__(self):
        return self.title

    @property
    def current_status(self):
        """The latest status report (uses prefetched reports, ordered newest first)."""
        reports = list(self.status_reports.all())
        return reports[0] if reports else None


class HandlungsfeldReport(models.Model):
    """The status of a Handlungsfeld at a day: the history over time."""

    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        on_delete=models.CASCADE,
        related_name="status_reports",
        verbose_name=_("Handlungsfeld"),
    )
    day = models.DateField(_("Stichtag"))
    status = models.CharField(_("Stand"), max_length=20, choices=HandlungsfeldStatus.choices)
    note = models.TextField(_("Bemerkung"), blank=True)

    class Meta:
        verbose_name = _("Stand eines Handlungsfelds")
        verbose_name_plural = _("Stände von Handlungsfeldern")
        ordering = ["-day", "-pk"]

    def __str__(self):
        return f"{self.handlungsfeld}: {self.get_status_display()} ({self.day:%d.%m.%Y})"


class MeetingQuerySet(models.QuerySet):
    def for_region(self, region):
        return self.filter(body__region=region)


class Meeting(models.Model):
    """A meeting (Sitzung) of a body."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("Gremium")
    )
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.CharField(_("Ort"), max_length=300, blank=True)
    is_public = models.BooleanField(_("öffentlich"), default=False)
    minutes = models.TextField(_("Protokoll"), blank=True)
    minutes_public = models.BooleanField(_("Protokoll öffentlich"), default=False)
    invitations_requested_at = models.DateTimeField(
        _("Einladung angefordert"), null=True, blank=True
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="network_meeting_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:meeting", kwargs={"ags": self.body.region.ags, "pk": self.pk})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("Sitzung")
    )
    position = models.PositiveIntegerField(_("Nummer"))
    title = models.CharField(_("Thema"), max_length=300)
    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("Handlungsfeld"),
    )
    notes = models.TextField(_("Erläuterung"), blank=True)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnung")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="network_agenda_pos"),
        ]

    def __str__(self):
        return f"TOP {self.position}: {self.title}"


class AttendanceStatus(models.TextChoices):
    ANWESEND = "anwesend", _("anwesend")
    ENTSCHULDIGT = "entschuldigt", _("entschuldigt")
    ABWESEND = "abwesend", _("abwesend")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("Sitzung")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("Person")
    )
    status = models.CharField(_("Teilnahme"), max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahme")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="network_attendance_once"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class Invitation(models.Model):
    """One sent invitation mail; makes the sending job idempotent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    sent_at = models.DateTimeField(_("versandt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="network_invitation_once"),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.person}"


class DecisionKind(models.TextChoices):
    BESCHLUSS = "beschluss", _("Beschluss")
    EMPFEHLUNG = "empfehlung", _("Empfehlung")


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("Sitzung")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("Tagesordnungspunkt"),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=DecisionKind.choices)
    text = models.TextField(_("Wortlaut"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beschluss oder Empfehlung")
        verbose_name_plural = _("Beschlüsse und Empfehlungen")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class WorkOrderStatus(models.TextChoices):
    OFFEN = "offen", _("offen")
    IN_ARBEIT = "in_arbeit", _("in Arbeit")
    ERLEDIGT = "erledigt", _("erledigt")
    VERWORFEN = "verworfen", _("verworfen")


class WorkOrder(models.Model):
    """An Arbeitsauftrag commissioned by a decision."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="work_orders",
        verbose_name=_("Region"),
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="work_orders", verbose_name=_("Beschluss")
    )
    title = models.CharField(_("Auftrag"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("zuständige Organisation"),
        help_text=_("Leer lassen, wenn das Bildungsbüro zuständig ist."),
    )
    owner_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("zuständige Person"),
    )
    due_date = models.DateField(_("fällig am"))
    status = models.CharField(
        _("Stand"), max_length=20, choices=WorkOrderStatus.choices, default=WorkOrderStatus.OFFEN
    )
    result = models.TextField(_("Ergebnis"), blank=True)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Arbeitsauftrag")
        verbose_name_plural = _("Arbeitsaufträge")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (WorkOrderStatus.OFFEN, WorkOrderStatus.IN_ARBEIT)

    def is_overdue(self, day=None) -> bool:
        return self.is_open and self.due_date < (day or timezone.localdate())


class Reminder(models.Model):
    """A reminder mail sent for a work order; one per kind and due date (idempotent job)."""

    class Kind(models.TextChoices):
        VORHER = "vorher", _("Erinnerung vor Fälligkeit")
        UEBERFAELLIG = "ueberfaellig", _("Mahnung nach Fälligkeit")

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_date = models.DateField()
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        constraints = [
            models.UniqueConstraint(
                fields=["work_order", "kind", "due_date"], name="network_reminder_once"
            ),
        ]

    def __str__(self):
        return f"{self.work_order} – {self.get_kind_display()} ({self.due_date:%d.%m.%Y})"


class RegionFigures(models.Model):
    """Key figures of a region for one year. Density is derived, never stored."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="figures",
        verbose_name=_("Region"),
    )
    year = models.PositiveIntegerField(_("Jahr"))
    area_km2 = models.DecimalField(_("Fläche in km²"), max_digits=9, decimal_places=2)
    population = models.PositiveIntegerField(_("Einwohnerinnen und Einwohner"))
    districts = models.CharField(_("Gliederung"), max_length=300, blank=True)
    funding_programmes = models.TextField(_("Förderprogramme"), blank=True)
    partners = models.TextField(_("Partner"), blank=True)
    monitoring = models.TextField(_("Monitoring"), blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kennzahlen einer Region")
        verbose_name_plural = _("Kennzahlen der Regionen")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="network_figures_per_year"),
            models.CheckConstraint(condition=Q(area_km2__gt=0), name="network_area_positive"),
            models.CheckConstraint(
                condition=Q(population__gte=1) & Q(population__lte=20_000_000),
                name="network_population_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.year}"

    @property
    def density(self) -> int:
        """Inhabitants per km², rounded."""
        return round(Decimal(self.population) / self.area_km2)


class MeetingDocument(models.Model):
    """A document of a meeting (invitation, presentation, minutes annex).

    Visible to the public exactly when the meeting is public; checked on download.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Sitzung")
    )
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="network/sitzungen/%Y/")
    size = models.PositiveBigIntegerField(_("Größe in Byte"), default=0)
    uploaded_at = models.DateTimeField(_("hochgeladen"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )

    class Meta:
        verbose_name = _("Sitzungsdokument")
        verbose_name_plural = _("Sitzungsdokumente")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class WorkOrderComment(models.Model):
    """A comment on a work order by the Bildungsbüro or a Lenkungskreis member."""

    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("Arbeitsauftrag"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verfasst von"),
    )
    text = models.TextField(_("Kommentar"))
    created = models.DateTimeField(_("verfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Kommentar zu einem Arbeitsauftrag")
        verbose_name_plural = _("Kommentare zu Arbeitsaufträgen")
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.work_order}: {self.text[:40]}"


class PracticeTopic(models.TextChoices):
    KITA_GRUNDSCHULE = "kita_grundschule", _("Übergang Kita–Grundschule")
    GRUNDSCHULE_SEK = "grundschule_sek", _("Übergang Grundschule–weiterführende Schule")
    SCHULE_BERUF = "schule_beruf", _("Übergang Schule–Beruf / KAoA")
    SPRACHBILDUNG = "sprachbildung", _("Sprachbildung")
    INKLUSION = "inklusion", _("Inklusion")
    GANZTAG = "ganztag", _("Ganztag")
    INTEGRATION = "integration", _("Integration Neuzugewanderter")
    DIGITALISIERUNG = "digitalisierung", _("Digitale Bildung")
    MINT = "mint", _("MINT")
    KULTUR = "kultur", _("Kulturelle Bildung")
    PARTIZIPATION = "partizipation", _("Jugendpartizipation")
    KOORDINATION = "koordination", _("Koordination und Kooperation")
    SONSTIGE = "sonstige", _("Sonstiges")


class PracticeExampleQuerySet(RegionScopedQuerySet):
    def public(self):
        return self.filter(is_public=True)


class PracticeExample(models.Model):
    """A region's project shown as "gute Praxis" (seed 001 is a brochure of such examples)."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="practice_examples",
        verbose_name=_("Region"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"))
    topic = models.CharField(_("Thema"), max_length=30, choices=PracticeTopic.choices)
    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_examples",
        verbose_name=_("Handlungsfeld der Region"),
    )
    partners = models.TextField(_("Partner"), blank=True)
    contact = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_examples",
        verbose_name=_("Ansprechperson"),
        help_text=_("Wird öffentlich nur mit dokumentierter Einwilligung der Person genannt."),
    )
    outcome = models.TextField(_("Ergebnis"), blank=True)
    quote = models.TextField(_("Zitat"), blank=True)
    quote_source = models.CharField(_("Zitat von"), max_length=200, blank=True)
    is_public = models.BooleanField(_("öffentlich"), default=False)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = PracticeExampleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Praxisbeispiel")
        verbose_name_plural = _("Praxisbeispiele")
        ordering = ["region__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["region", "title"], name="network_practice_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:practice", kwargs={"pk": self.pk})

    @property
    def public_contact(self):
        """The contact person, only when the person consented to publication."""
        return self.contact if self.contact_id and self.contact.is_public else None


# --- Self-evaluation (SPEC §2 "Evaluation") ---------------------------------------------


class DevelopmentField(models.TextChoices):
    """The eight development fields of the networks' self-evaluation (seed 001)."""

    BILDUNGSBIOGRAFIE = "bildungsbiografie", _("Die gesamte Bildungsbiografie im Blick")
    KOORDINATION = "koordination", _("Koordination und Kooperation")
    SCHULENTWICKLUNGSPLANUNG = "schulentwicklungsplanung", _("Schulentwicklungsplanung")
    KOMMUNALPOLITIK = "kommunalpolitik", _("Näher an die Kommunalpolitik")
    BILDUNGSKONFERENZ = "bildungskonferenz", _("Bildungskonferenz")
    LENKUNGSKREIS = "lenkungskreis", _("Lenkungskreis")
    ZIVILGESELLSCHAFT = "zivilgesellschaft", _("Zivilgesellschaft")
    AUFGABEN_RESSOURCEN = "aufgaben_ressourcen", _("Aufgaben und Ressourcen")


class Rating(models.IntegerChoices):
    GERING = 1, _("1 – kaum entwickelt")
    TEILWEISE = 2, _("2 – in Ansätzen entwickelt")
    WEITGEHEND = 3, _("3 – weitgehend entwickelt")
    VOLL = 4, _("4 – voll entwickelt")


class SelfEvaluation(models.Model):
    """One development field of a region's self-evaluation in one year."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="self_evaluations",
        verbose_name=_("Region"),
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    field = models.CharField(_("Entwicklungsfeld"), max_length=30, choices=DevelopmentField.choices)
    rating = models.PositiveSmallIntegerField(_("Einschätzung"), choices=Rating.choices)
    strengths = models.TextField(_("Stärken, die erhalten bleiben sollen"), blank=True)
    options = models.TextField(_("Handlungsoptionen"), blank=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Selbstbewertung")
        verbose_name_plural = _("Selbstbewertungen")
        ordering = ["region__name", "-year", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "field"], name="network_selfevaluation_unique"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=4),
                name="network_selfevaluation_rating_1_4",
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.year}: {self.get_field_display()}"


# --- News and newsletter ----------------------------------------------------------------


class NewsItemQuerySet(RegionScopedQuerySet):
    def published(self):
        return self.filter(is_public=True, published_at__lte=timezone.now())


class NewsItem(models.Model):
    """A news item of a region; public once marked public and its date has come."""

    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, related_name="news", verbose_name=_("Region")
    )
    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Text"))
    published_at = models.DateTimeField(_("veröffentlicht am"), default=timezone.now)
    is_public = models.BooleanField(_("öffentlich"), default=False)
    newsletter_sent_at = models.DateTimeField(
        _("als Newsletter versendet am"), null=True, blank=True
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Neuigkeit")
        verbose_name_plural = _("Neuigkeiten")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:neuigkeit", kwargs={"ags": self.region.ags, "pk": self.pk})


class NewsletterSubscription(models.Model):
    """A newsletter address (double opt-in). Stores only address, region and two dates."""

    email = models.EmailField(_("E-Mail-Adresse"))
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="newsletter_subscriptions",
        verbose_name=_("Region"),
    )
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Newsletter-Abonnement")
        verbose_name_plural = _("Newsletter-Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "region"],
                condition=Q(region__isnull=False),
                name="network_newsletter_email_region",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(region__isnull=True),
                name="network_newsletter_email_statewide",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class NewsletterDelivery(models.Model):
    """One sent newsletter mail; makes the sending job idempotent (a redelivered job skips
    every subscription that already got this news item)."""

    news_item = models.ForeignKey("NewsItem", on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        NewsletterSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    sent_at = models.DateTimeField(_("versandt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Newsletter-Versand")
        verbose_name_plural = _("Newsletter-Versand")
        constraints = [
            models.UniqueConstraint(
                fields=["news_item", "subscription"], name="network_newsletter_once"
            ),
        ]

    def __str__(self):
        return f"{self.news_item} – {self.subscription}"
