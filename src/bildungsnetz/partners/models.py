"""Bildungspartner NRW: extracurricular institutions, their learning offers, the partnerships
(Kooperationsvereinbarungen) between a school and an institution, and the accounts that act
for an institution.

Rules (eligibility, transitions, permissions) live in ``rules.py`` and ``services.py``;
models only hold data and database invariants.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class InstitutionKind(models.TextChoices):
    # The ten kinds of the Bildungspartner NRW initiatives (SPEC §3) …
    ARCHIV = "archiv", _("Archiv")
    BIBLIOTHEK = "bibliothek", _("Bibliothek")
    BUEHNE = "buehne", _("Bühne")
    GEDENKSTAETTE = "gedenkstaette", _("Gedenkstätte")
    MEDIENZENTRUM = "medienzentrum", _("Medienzentrum")
    MUSEUM = "museum", _("Museum")
    MUSIKSCHULE = "musikschule", _("Musikschule")
    UMWELTBILDUNG = "umweltbildung", _("Umweltbildung / naturwissenschaftliche Bildung")
    SPORTVEREIN = "sportverein", _("Sportverein")
    VOLKSHOCHSCHULE = "volkshochschule", _("Volkshochschule")
    # … and other actors, who need a third partner (Kitas cannot register at all).
    KITA = "kita", _("Kita / Kindertageseinrichtung")
    VERBAND = "verband", _("Verband")
    UNTERNEHMEN = "unternehmen", _("Unternehmen")
    STIFTUNG = "stiftung", _("Stiftung")
    BEHOERDE = "behoerde", _("Behörde (z. B. Umwelt- oder Kulturamt)")
    SONSTIGE = "sonstige", _("Sonstige Einrichtung")


ELIGIBLE_KINDS = frozenset(
    {
        InstitutionKind.ARCHIV,
        InstitutionKind.BIBLIOTHEK,
        InstitutionKind.BUEHNE,
        InstitutionKind.GEDENKSTAETTE,
        InstitutionKind.MEDIENZENTRUM,
        InstitutionKind.MUSEUM,
        InstitutionKind.MUSIKSCHULE,
        InstitutionKind.UMWELTBILDUNG,
        InstitutionKind.SPORTVEREIN,
        InstitutionKind.VOLKSHOCHSCHULE,
    }
)
AUTHORITY_KINDS = frozenset({InstitutionKind.BEHOERDE})


class GeocodeMethod(models.TextChoices):
    IMPORT = "import", _("Koordinaten aus Import oder Eingabe")
    PLZ_SCHWERPUNKT = "plz_schwerpunkt", _("Schwerpunkt der Schulen im Postleitzahlbereich")
    KEINE = "keine", _("keine Koordinaten")


class InstitutionStatus(models.TextChoices):
    AKTIV = "aktiv", _("aktiv")
    INAKTIV = "inaktiv", _("inaktiv")


class Handlungsfeld(models.TextChoices):
    """The five fields of action of Bildungspartner NRW (SPEC §3)."""

    HISTORISCH_POLITISCH = (
        "historisch_politisch",
        _("Historisch-politische Bildung (Erinnerungskultur)"),
    )
    KUNST_KULTUR = "kunst_kultur", _("Kunst und Kultur")
    NATUR_TECHNIK = "natur_technik", _("Natur und Technik (MINT, BNE)")
    LESEN = "lesen", _("Lesen (Leseförderung)")
    MEDIEN = "medien", _("Medien (Medienkompetenzrahmen NRW)")


class InstitutionQuerySet(models.QuerySet):
    def public(self):
        """Verified, active institutions: what the public registry and the search show."""
        return self.filter(verified=True, status=InstitutionStatus.AKTIV)

    def located(self):
        return self.filter(lat__isnull=False, lon__isnull=False)


class Institution(models.Model):
    """An extracurricular education or cultural institution (außerschulischer Partner)."""

    name = models.CharField(_("Name"), max_length=200, db_index=True)
    kind = models.CharField(
        _("Art der Einrichtung"), max_length=20, choices=InstitutionKind.choices
    )
    description = models.TextField(_("Kurzbeschreibung"), blank=True, max_length=3000)
    import_key = models.CharField(
        _("Importschlüssel"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Eindeutige Kennung aus der Importdatei; ein erneuter Import ändert den Satz."),
    )
    strasse = models.CharField(_("Straße und Hausnummer"), max_length=150, blank=True)
    plz = models.CharField(_("Postleitzahl"), max_length=5, db_index=True)
    ort = models.CharField(_("Ort"), max_length=100)
    lat = models.FloatField(_("Breite (WGS84)"), null=True, blank=True)
    lon = models.FloatField(_("Länge (WGS84)"), null=True, blank=True)
    geocode_method = models.CharField(
        _("Herkunft der Koordinaten"),
        max_length=20,
        choices=GeocodeMethod.choices,
        default=GeocodeMethod.KEINE,
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="institutions",
        null=True,
        blank=True,
        verbose_name=_("Kreis / kreisfreie Stadt"),
    )
    email = models.EmailField(_("E-Mail der Einrichtung"), blank=True)
    telefon = models.CharField(_("Telefon der Einrichtung"), max_length=40, blank=True)
    homepage = models.URLField(_("Internetseite"), max_length=300, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=InstitutionStatus.choices,
        default=InstitutionStatus.AKTIV,
    )
    verified = models.BooleanField(_("geprüft"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geprüft von"),
    )
    verified_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    self_registered = models.BooleanField(_("selbst angemeldet"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = InstitutionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Einrichtung")
        verbose_name_plural = _("Einrichtungen")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["lat", "lon"], name="partners_inst_lat_lon"),
            models.Index(fields=["region", "kind"], name="partners_inst_region_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True))
                | (Q(lat__gte=-90) & Q(lat__lte=90) & Q(lon__gte=-180) & Q(lon__lte=180)),
                name="partners_inst_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(verified=False) | Q(verified_at__isnull=False),
                name="partners_inst_verified_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.ort})"

    def get_absolute_url(self):
        return reverse("partners:institution", kwargs={"pk": self.pk})

    @property
    def is_eligible(self) -> bool:
        """One of the ten kinds that may conclude a Bildungspartnerschaft on its own."""
        return self.kind in ELIGIBLE_KINDS

    @property
    def is_authority(self) -> bool:
        """An authority (e.g. Umwelt- or Kulturamt) – admissible as the third partner."""
        return self.kind in AUTHORITY_KINDS

    @property
    def is_public(self) -> bool:
        return self.verified and self.status == InstitutionStatus.AKTIV


class InstitutionContact(models.Model):
    """A contact person. Shown publicly only with the person's recorded consent."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("Einrichtung"),
    )
    name = models.CharField(_("Name"), max_length=150)
    function = models.CharField(_("Funktion"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    telefon = models.CharField(_("Telefon"), max_length=40, blank=True)
    consent_public = models.BooleanField(
        _("Einwilligung zur Veröffentlichung"),
        default=False,
        help_text=_("Nur mit Einwilligung der Person erscheinen Name und Kontakt öffentlich."),
    )
    consent_date = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_public=False) | Q(consent_date__isnull=False),
                name="partners_contact_consent_has_date",
            )
        ]

    def __str__(self):
        return self.name


class PartnerMembership(models.Model):
    """A user account that acts for an institution (role ``partner``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_memberships",
        verbose_name=_("Benutzerkonto"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Einrichtung"),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Konto einer Einrichtung")
        verbose_name_plural = _("Konten von Einrichtungen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"], name="partners_membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.institution.name}"


class OfferFormat(models.TextChoices):
    VOR_ORT = "vor_ort", _("am außerschulischen Lernort")
    IN_DER_SCHULE = "in_der_schule", _("in der Schule")
    DIGITAL = "digital", _("digital")
    GEMISCHT = "gemischt", _("gemischt")


class LearningOfferQuerySet(models.QuerySet):
    def public(self):
        return self.filter(active=True, institution__verified=True, institution__status="aktiv")


class LearningOffer(models.Model):
    """An extracurricular learning offer of an institution."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="offers", verbose_name=_("Einrichtung")
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=5000)
    handlungsfeld = models.CharField(
        _("Handlungsfeld"), max_length=30, choices=Handlungsfeld.choices, db_index=True
    )
    schulformen = models.ManyToManyField(
        "regions.Schulform",
        blank=True,
        related_name="+",
        verbose_name=_("Schulformen"),
        help_text=_("Ohne Auswahl: für alle Schulformen."),
    )
    grade_from = models.PositiveSmallIntegerField(_("ab Jahrgangsstufe"), default=1)
    grade_to = models.PositiveSmallIntegerField(_("bis Jahrgangsstufe"), default=13)
    subjects = models.CharField(_("Fächer"), max_length=300, blank=True)
    format = models.CharField(
        _("Format"), max_length=20, choices=OfferFormat.choices, default=OfferFormat.VOR_ORT
    )
    costs = models.CharField(_("Kosten"), max_length=300, blank=True)
    accessibility = models.TextField(_("Barrierefreiheit"), blank=True, max_length=2000)
    available_from = models.DateField(_("verfügbar ab"), null=True, blank=True)
    available_until = models.DateField(_("verfügbar bis"), null=True, blank=True)
    dates_note = models.CharField(_("Termine"), max_length=300, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = LearningOfferQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Lernangebot")
        verbose_name_plural = _("Lernangebote")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade_from__gte=1)
                & Q(grade_to__lte=13)
                & Q(grade_from__lte=F("grade_to")),
                name="partners_offer_grades_valid",
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_from__lte=F("available_until")),
                name="partners_offer_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.title


class PartnershipState(models.TextChoices):
    ENTWURF = "entwurf", _("Entwurf")
    UNTERZEICHNET = "unterzeichnet", _("unterzeichnet")
    SCHULKONFERENZ = "schulkonferenz", _("Zustimmung der Schulkonferenz")
    EINGEREICHT = "eingereicht", _("eingereicht")
    REGISTRIERT = "registriert", _("registriert")
    OEFFENTLICH = "oeffentlich", _("öffentlich")
    RUHEND = "ruhend", _("ruhend")
    BEENDET = "beendet", _("beendet")


class PartnershipQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state=PartnershipState.OEFFENTLICH)

    def for_region(self, region):
        return self.filter(school__region=region)


class Partnership(models.Model):
    """A Bildungspartnerschaft: the written cooperation agreement of a school and an
    institution (optionally with a third partner), and its way to the public registry."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("Schule"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("Einrichtung"),
    )
    third_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="third_party_partnerships",
        null=True,
        blank=True,
        verbose_name=_("Dritter Partner"),
        help_text=_(
            "Pflicht, wenn die Einrichtung zu keiner der zehn Initiativen gehört: eine "
            "Einrichtung der Initiativen oder eine Behörde."
        ),
    )
    title = models.CharField(_("Titel der Vereinbarung"), max_length=200)
    handlungsfeld = models.CharField(
        _("Handlungsfeld"), max_length=30, choices=Handlungsfeld.choices, db_index=True
    )
    goals = models.TextField(_("Gemeinsame Ziele"), max_length=5000)
    activities = models.TextField(_("Aktivitäten"), max_length=5000)
    organisation = models.TextField(
        _("Organisatorische Rahmenbedingungen"), max_length=5000, blank=True
    )
    school_contact = models.CharField(_("Ansprechperson der Schule"), max_length=200, blank=True)
    institution_contact = models.CharField(
        _("Ansprechperson der Einrichtung"), max_length=200, blank=True
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(
        _("Ende"), null=True, blank=True, help_text=_("Leer lassen für unbefristet.")
    )
    state = models.CharField(
        _("Stand"),
        max_length=20,
        choices=PartnershipState.choices,
        default=PartnershipState.ENTWURF,
        db_index=True,
    )
    school_signer = models.CharField(
        _("Unterzeichnet für die Schule von"), max_length=200, blank=True
    )
    school_signed_on = models.DateField(_("Unterschrift der Schule am"), null=True, blank=True)
    institution_signer = models.CharField(
        _("Unterzeichnet für die Einrichtung von"), max_length=200, blank=True
    )
    institution_signed_on = models.DateField(
        _("Unterschrift der Einrichtung am"), null=True, blank=True
    )
    third_signer = models.CharField(
        _("Unterzeichnet für den dritten Partner von"), max_length=200, blank=True
    )
    third_signed_on = models.DateField(
        _("Unterschrift des dritten Partners am"), null=True, blank=True
    )
    schulkonferenz_date = models.DateField(
        _("Zustimmung der Schulkonferenz am"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registriert am"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registriert von"),
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    ended_on = models.DateField(_("beendet am"), null=True, blank=True)
    confirmed_on = models.DateField(
        _("zuletzt als aktiv bestätigt am"),
        null=True,
        blank=True,
        help_text=_("Einmal im Jahr bestätigen die Partner, dass die Partnerschaft noch lebt."),
    )
    confirmation_requested_on = models.DateField(
        _("Bestätigung angefragt am"), null=True, blank=True
    )
    renewal_reminder_for = models.DateField(
        _("Erinnerung an das Ende verschickt für"),
        null=True,
        blank=True,
        help_text=_("Das Enddatum, an das zuletzt erinnert wurde."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bildungspartnerschaft")
        verbose_name_plural = _("Bildungspartnerschaften")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(third_institution__isnull=True)
                | ~Q(third_institution=F("institution")),
                name="partners_partnership_third_differs",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="partners_partnership_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.school.name} – {self.institution.name}"

    def get_absolute_url(self):
        return reverse("partners:partnership", kwargs={"pk": self.pk})

    @property
    def region(self):
        return self.school.region

    @property
    def sides(self) -> list[str]:
        """The parties that must sign: school, institution and, if any, the third partner."""
        return ["schule", "einrichtung"] + (["dritter"] if self.third_institution_id else [])

    def signature(self, side: str) -> tuple[str, object]:
        prefix = {"schule": "school", "einrichtung": "institution", "dritter": "third"}[side]
        return getattr(self, f"{prefix}_signer"), getattr(self, f"{prefix}_signed_on")

    @property
    def fully_signed(self) -> bool:
        return all(all(self.signature(side)) for side in self.sides)


# --- Needs pinboard (Bedarfsbörse) ---------------------------------------------------------


class NeedStatus(models.TextChoices):
    OFFEN = "offen", _("offen")
    GESCHLOSSEN = "geschlossen", _("geschlossen")


class NeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=NeedStatus.OFFEN)


class Need(models.Model):
    """A school's need posted on the pinboard: institutions nearby may answer it."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="partner_needs",
        verbose_name=_("Schule"),
    )
    topic = models.CharField(_("Thema"), max_length=200)
    handlungsfeld = models.CharField(
        _("Handlungsfeld"), max_length=30, choices=Handlungsfeld.choices, db_index=True
    )
    grade_from = models.PositiveSmallIntegerField(_("ab Jahrgangsstufe"), default=1)
    grade_to = models.PositiveSmallIntegerField(_("bis Jahrgangsstufe"), default=13)
    time_frame = models.CharField(
        _("Zeitraum"), max_length=200, help_text=_("Zum Beispiel „2. Halbjahr 2026/27“.")
    )
    description = models.TextField(_("Beschreibung"), max_length=3000)
    status = models.CharField(
        _("Status"),
        max_length=12,
        choices=NeedStatus.choices,
        default=NeedStatus.OFFEN,
        db_index=True,
    )
    closed_at = models.DateTimeField(_("geschlossen am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = NeedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bedarf einer Schule")
        verbose_name_plural = _("Bedarfe von Schulen")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade_from__gte=1)
                & Q(grade_to__lte=13)
                & Q(grade_from__lte=F("grade_to")),
                name="partners_need_grades_valid",
            ),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("partners:need", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == NeedStatus.OFFEN


class NeedAnswer(models.Model):
    """A short answer of an institution to a need; the school reads it."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="answers", verbose_name=_("Bedarf")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="need_answers",
        verbose_name=_("Einrichtung"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geschrieben von"),
    )
    message = models.TextField(_("Nachricht"), max_length=2000)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Antwort auf einen Bedarf")
        verbose_name_plural = _("Antworten auf Bedarfe")
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.institution.name} → {self.need.topic}"


class SavedSearch(models.Model):
    """A near-search a user keeps: mailed when new offers or needs appear near the place."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_searches",
        verbose_name=_("Benutzerkonto"),
    )
    place = models.CharField(_("Ort der Suche"), max_length=200)
    lat = models.FloatField(_("Breite (WGS84)"))
    lon = models.FloatField(_("Länge (WGS84)"))
    km = models.PositiveSmallIntegerField(_("Umkreis in km"))
    kind = models.CharField(
        _("Art der Einrichtung"), max_length=20, choices=InstitutionKind.choices, blank=True
    )
    handlungsfeld = models.CharField(
        _("Handlungsfeld"), max_length=30, choices=Handlungsfeld.choices, blank=True
    )
    last_sent = models.DateTimeField(
        _("zuletzt benachrichtigt bis"),
        help_text=_("Neues nach diesem Zeitpunkt kommt in die nächste Benachrichtigung."),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    class Meta:
        verbose_name = _("gespeicherte Suche")
        verbose_name_plural = _("gespeicherte Suchen")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(km__gte=1) & Q(km__lte=200), name="partners_search_km_valid"
            )
        ]

    def __str__(self):
        return f"{self.place} ({self.km} km)"
