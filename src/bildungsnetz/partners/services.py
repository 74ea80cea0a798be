"""Writes of Bildungspartner NRW: institutions, contacts, offers, partnerships.

Every service: guard (who) → validate (German message naming the field) → save inside a
transaction (history attributed to the acting user) → named audit entry → side effects
after commit. The eligibility and transition rules are plain functions tested directly.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ..core import audit
from ..core.errors import DomainError
from ..core.rules import is_land_admin
from ..regions.models import Region
from . import geocoding
from .models import (
    ELIGIBLE_KINDS,
    GeocodeMethod,
    Handlungsfeld,
    Institution,
    InstitutionContact,
    InstitutionKind,
    InstitutionStatus,
    LearningOffer,
    Need,
    NeedAnswer,
    NeedStatus,
    PartnerMembership,
    Partnership,
    PartnershipState,
    SavedSearch,
)
from .rules import (
    can_answer_need,
    can_edit_need,
    can_edit_partnership,
    can_manage_institution,
    can_post_need,
    can_record_schulkonferenz,
    can_sign,
    can_start_partnership,
    can_transition,
    can_verify_institution,
    is_partnership_office,
    is_region_office,
)

PLZ_RE = re.compile(r"^\d{5}$")
# Generous box around Germany: catches swapped latitude/longitude and typos.
LAT_RANGE, LON_RANGE = (47.0, 55.1), (5.8, 15.1)
SIDE_LABELS = {
    "schule": "die Schule",
    "einrichtung": "die Einrichtung",
    "dritter": "den dritten Partner",
}


def _forbidden(message: str) -> DomainError:
    return DomainError(message, code="forbidden")


def _attribute(obj, acting_user, reason: str) -> None:
    obj._history_user = acting_user if acting_user and acting_user.is_authenticated else None
    obj._change_reason = reason


def _full_clean(obj, *, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if name == "__all__" else name) from exc


def _not_in_future(value: datetime.date | None, field: str, what: str) -> None:
    if value and value > timezone.localdate():
        raise DomainError(f"{what} darf nicht in der Zukunft liegen.", field=field)


# --- Eligibility (SPEC §3) --------------------------------------------------------------


def is_eligible_kind(kind: str) -> bool:
    return kind in ELIGIBLE_KINDS


def is_authority_kind(kind: str) -> bool:
    return kind == InstitutionKind.BEHOERDE


def check_eligibility(*, school, institution, third_institution=None) -> None:
    """Raise a German DomainError if these parties cannot form a Bildungspartnerschaft.

    * The school must be an open school of the register (no supervision office).
    * Kitas cannot register a Bildungspartnerschaft – neither as partner nor as third.
    * An institution of one of the ten kinds may partner on its own.
    * Any other institution needs a third partner that is of one of the ten kinds or an
      authority (e.g. Umwelt- or Kulturamt).
    """
    if school is None:
        raise DomainError("Bitte wählen Sie die Schule.", field="school")
    if school.is_authority or not school.is_open:
        raise DomainError(
            f"„{school.name}“ ist keine geöffnete Schule des Schulregisters.", field="school"
        )
    if institution is None:
        raise DomainError("Bitte wählen Sie die Einrichtung.", field="institution")
    if institution.kind == InstitutionKind.KITA:
        raise DomainError(
            "Kindertageseinrichtungen können keine Bildungspartnerschaft registrieren. "
            "Die Vorlagen der Vereinbarung dürfen sie aber gern für eigene Kooperationen nutzen.",
            field="institution",
        )
    if third_institution is not None:
        if third_institution.pk == institution.pk:
            raise DomainError(
                "Der dritte Partner muss eine andere Einrichtung sein.", field="third_institution"
            )
        if third_institution.kind == InstitutionKind.KITA:
            raise DomainError(
                "Eine Kindertageseinrichtung kann nicht dritter Partner einer "
                "Bildungspartnerschaft sein.",
                field="third_institution",
            )
    if is_eligible_kind(institution.kind):
        return
    kind_label = InstitutionKind(institution.kind).label
    if third_institution is None:
        raise DomainError(
            f"„{institution.name}“ (Art: {kind_label}) gehört zu keiner der zehn Initiativen "
            "von Bildungspartner NRW. Eine Partnerschaft ist nur mit einem dritten Partner "
            "möglich: einer Einrichtung der zehn Initiativen (z. B. Museum, Bibliothek) "
            "oder einer Behörde (z. B. Umwelt- oder Kulturamt).",
            field="third_institution",
        )
    if not (is_eligible_kind(third_institution.kind) or is_authority_kind(third_institution.kind)):
        third_label = InstitutionKind(third_institution.kind).label
        raise DomainError(
            f"Der dritte Partner „{third_institution.name}“ (Art: {third_label}) muss eine "
            "Einrichtung der zehn Initiativen oder eine Behörde sein.",
            field="third_institution",
        )


# --- Institutions -----------------------------------------------------------------------

INSTITUTION_FIELDS = (
    "name",
    "kind",
    "description",
    "strasse",
    "plz",
    "ort",
    "email",
    "telefon",
    "homepage",
    "status",
)


def _validate_institution(inst: Institution) -> None:
    inst.name = (inst.name or "").strip()
    inst.plz = (inst.plz or "").strip()
    inst.ort = (inst.ort or "").strip()
    if not inst.name:
        raise DomainError("Bitte geben Sie den Namen der Einrichtung an.", field="name")
    if inst.kind not in InstitutionKind.values:
        raise DomainError("Unbekannte Art der Einrichtung.", field="kind")
    if not PLZ_RE.match(inst.plz):
        raise DomainError("Die Postleitzahl muss aus genau fünf Ziffern bestehen.", field="plz")
    if not inst.ort:
        raise DomainError("Bitte geben Sie den Ort an.", field="ort")
    if inst.status not in InstitutionStatus.values:
        raise DomainError("Unbekannter Status.", field="status")
    _full_clean(inst, exclude=("region", "import_key", "verified_by", "created_by"))


def _validate_coordinates(lat, lon) -> None:
    if (lat is None) != (lon is None):
        raise DomainError("Breite und Länge bitte nur zusammen angeben.", field="lat")
    if lat is None:
        return
    if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        raise DomainError(
            "Die Breite liegt nicht in Deutschland (erwartet etwa 50,3 bis 52,6 für NRW). "
            "Sind Breite und Länge vertauscht?",
            field="lat",
        )
    if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        raise DomainError(
            "Die Länge liegt nicht in Deutschland (erwartet etwa 5,8 bis 9,5 für NRW).",
            field="lon",
        )


def _place(inst: Institution, *, lat, lon, region: Region | None, plz_changed: bool) -> None:
    """Coordinates and region from the input, else from the postcode (see ``geocoding``)."""
    _validate_coordinates(lat, lon)
    if lat is not None:
        inst.lat, inst.lon, inst.geocode_method = lat, lon, GeocodeMethod.IMPORT
    elif plz_changed or inst.geocode_method != GeocodeMethod.IMPORT:
        loc = geocoding.locate(inst.plz)
        inst.lat, inst.lon, inst.geocode_method = loc.lat, loc.lon, loc.method
    if region is not None:
        inst.region = region
    elif plz_changed or inst.region_id is None:
        inst.region = geocoding.region_for_plz(inst.plz)
    if inst.region is None:
        raise DomainError(
            "Der Kreis bzw. die kreisfreie Stadt lässt sich aus der Postleitzahl nicht "
            "ableiten. Bitte wählen Sie die Region aus.",
            field="region",
        )


def _check_duplicate(inst: Institution) -> None:
    clash = Institution.objects.filter(name__iexact=inst.name, plz=inst.plz).exclude(pk=inst.pk)
    if clash.exists():
        raise DomainError(
            f"„{inst.name}“ ist mit der Postleitzahl {inst.plz} bereits eingetragen.",
            field="name",
        )


def _may_create_in(acting_user, region: Region) -> bool:
    return bool(is_land_admin(acting_user) or is_region_office(acting_user, region.pk))


@transaction.atomic
def create_institution(
    *, acting_user, data: dict, lat=None, lon=None, region: Region | None = None
) -> Institution:
    """An institution entered by the office (Bildungsbüro or Land): verified at once."""
    inst = Institution(created_by=acting_user)
    for name in INSTITUTION_FIELDS:
        if name in data:
            setattr(inst, name, data[name])
    _validate_institution(inst)
    _place(inst, lat=lat, lon=lon, region=region, plz_changed=True)
    if not _may_create_in(acting_user, inst.region):
        raise _forbidden("Sie dürfen nur Einrichtungen Ihrer eigenen Region anlegen.")
    _check_duplicate(inst)
    inst.verified, inst.verified_by, inst.verified_at = True, acting_user, timezone.now()
    _attribute(inst, acting_user, "partners.institution.created")
    inst.save()
    audit.log("partners.institution.created", actor=acting_user, obj=inst, region=inst.region)
    return inst


@transaction.atomic
def update_institution(
    inst: Institution, *, acting_user, data: dict, lat=None, lon=None, region=None
) -> Institution:
    if not can_manage_institution(acting_user, inst):
        raise _forbidden("Sie dürfen diese Einrichtung nicht bearbeiten.")
    inst = Institution.objects.select_for_update().get(pk=inst.pk)
    before = {name: getattr(inst, name) for name in INSTITUTION_FIELDS}
    before.update(lat=inst.lat, lon=inst.lon, region_id=inst.region_id)
    for name in INSTITUTION_FIELDS:
        if name in data:
            setattr(inst, name, data[name])
    _validate_institution(inst)
    if (
        region is not None
        and region.pk != inst.region_id
        and not _may_create_in(acting_user, region)
    ):
        raise DomainError(
            "Sie dürfen die Einrichtung nicht in diese Region verschieben.", field="region"
        )
    _place(inst, lat=lat, lon=lon, region=region, plz_changed=before["plz"] != inst.plz)
    _check_duplicate(inst)
    after = {name: getattr(inst, name) for name in INSTITUTION_FIELDS}
    after.update(lat=inst.lat, lon=inst.lon, region_id=inst.region_id)
    changed = sorted(k for k in after if after[k] != before[k])
    if not changed:
        return inst
    _attribute(inst, acting_user, "partners.institution.changed")
    inst.save()
    audit.log(
        "partners.institution.changed",
        actor=acting_user,
        obj=inst,
        region=inst.region,
        data={"fields": changed},
    )
    return inst


@transaction.atomic
def register_institution(
    *, data: dict, contact: dict, region: Region | None = None, acting_user=None
) -> Institution:
    """Self-registration of an institution: stored unverified until its region's
    Bildungsbüro or the Land confirms it; not public before that."""
    inst = Institution(self_registered=True, verified=False)
    for name in INSTITUTION_FIELDS:
        if name in data and name != "status":
            setattr(inst, name, data[name])
    _validate_institution(inst)
    _place(inst, lat=None, lon=None, region=region, plz_changed=True)
    _check_duplicate(inst)
    if not (contact.get("name") or "").strip():
        raise DomainError("Bitte nennen Sie eine Ansprechperson.", field="contact_name")
    if not (contact.get("email") or "").strip():
        raise DomainError(
            "Bitte geben Sie eine E-Mail-Adresse für Rückfragen an.", field="contact_email"
        )
    user = acting_user if acting_user is not None and acting_user.is_authenticated else None
    inst.created_by = user
    _attribute(inst, user, "partners.institution.registered")
    inst.save()
    _create_contact(inst, contact, acting_user=user)
    if user is not None:
        PartnerMembership.objects.create(user=user, institution=inst)
    audit.log("partners.institution.registered", actor=user, obj=inst, region=inst.region)
    transaction.on_commit(lambda: _notify_registration(inst.pk))
    return inst


def _notify_registration(institution_id: int) -> None:
    inst = Institution.objects.select_related("region").get(pk=institution_id)
    contact = inst.contacts.first()
    if contact and contact.email:
        send_mail(
            subject="[Bildungsnetz NRW] Anmeldung eingegangen: " + inst.name,
            message=(
                f"Guten Tag {contact.name},\n\n"
                f"die Anmeldung von „{inst.name}“ ist eingegangen. Das Bildungsbüro "
                f"{inst.region.name} prüft die Angaben; danach erscheint die Einrichtung "
                "in der Partnersuche.\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[contact.email],
            fail_silently=True,
        )


@transaction.atomic
def verify_institution(inst: Institution, *, acting_user) -> Institution:
    if not can_verify_institution(acting_user, inst):
        raise _forbidden("Nur das Bildungsbüro der Region oder das Land prüft Einrichtungen.")
    inst = Institution.objects.select_for_update().get(pk=inst.pk)
    if inst.verified:
        raise DomainError("Diese Einrichtung ist bereits geprüft.")
    inst.verified, inst.verified_by, inst.verified_at = True, acting_user, timezone.now()
    _attribute(inst, acting_user, "partners.institution.verified")
    inst.save(update_fields=["verified", "verified_by", "verified_at", "updated"])
    audit.log("partners.institution.verified", actor=acting_user, obj=inst, region=inst.region)
    return inst


@transaction.atomic
def add_partner_account(inst: Institution, *, user, acting_user) -> PartnerMembership:
    """Bind a user account to an institution (the office does this)."""
    if not can_verify_institution(acting_user, inst):
        raise _forbidden("Nur das Bildungsbüro der Region oder das Land vergibt Konten.")
    membership, created = PartnerMembership.objects.get_or_create(user=user, institution=inst)
    if created:
        audit.log(
            "partners.membership.created",
            actor=acting_user,
            obj=membership,
            region=inst.region,
            data={"benutzer": user.email},
        )
    return membership


# --- Contacts -----------------------------------------------------------------------------

CONTACT_FIELDS = ("name", "function", "email", "telefon", "consent_public", "consent_date")


def _validate_contact(contact: InstitutionContact) -> None:
    contact.name = (contact.name or "").strip()
    if not contact.name:
        raise DomainError("Bitte geben Sie den Namen der Ansprechperson an.", field="name")
    if contact.consent_public and not contact.consent_date:
        raise DomainError(
            "Bitte geben Sie an, wann die Person der Veröffentlichung zugestimmt hat.",
            field="consent_date",
        )
    _not_in_future(contact.consent_date, "consent_date", "Das Datum der Einwilligung")
    _full_clean(contact, exclude=("institution",))


def _create_contact(inst, data: dict, *, acting_user) -> InstitutionContact:
    contact = InstitutionContact(institution=inst)
    for name in CONTACT_FIELDS:
        if name in data:
            setattr(contact, name, data[name])
    _validate_contact(contact)
    _attribute(contact, acting_user, "partners.contact.saved")
    contact.save()
    return contact


@transaction.atomic
def save_contact(
    inst: Institution, *, acting_user, data: dict, contact: InstitutionContact | None = None
) -> InstitutionContact:
    if not can_manage_institution(acting_user, inst):
        raise _forbidden("Sie dürfen die Ansprechpersonen dieser Einrichtung nicht ändern.")
    if contact is None:
        contact = _create_contact(inst, data, acting_user=acting_user)
    else:
        if contact.institution_id != inst.pk:
            raise DomainError("Diese Ansprechperson gehört zu einer anderen Einrichtung.")
        for name in CONTACT_FIELDS:
            if name in data:
                setattr(contact, name, data[name])
        _validate_contact(contact)
        _attribute(contact, acting_user, "partners.contact.saved")
        contact.save()
    audit.log(
        "partners.contact.saved",
        actor=acting_user,
        obj=contact,
        region=inst.region,
        data={"einrichtung": inst.pk, "oeffentlich": contact.consent_public},
    )
    return contact


# --- Learning offers ---------------------------------------------------------------------

OFFER_FIELDS = (
    "title",
    "description",
    "handlungsfeld",
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
)


def _validate_offer(offer: LearningOffer) -> None:
    offer.title = (offer.title or "").strip()
    if not offer.title:
        raise DomainError("Bitte geben Sie einen Titel an.", field="title")
    if not (offer.description or "").strip():
        raise DomainError("Bitte beschreiben Sie das Angebot.", field="description")
    if offer.handlungsfeld not in Handlungsfeld.values:
        raise DomainError("Bitte wählen Sie ein Handlungsfeld.", field="handlungsfeld")
    for field in ("grade_from", "grade_to"):
        value = getattr(offer, field)
        if value is None or not 1 <= value <= 13:
            raise DomainError("Jahrgangsstufen reichen von 1 bis 13.", field=field)
    if offer.grade_from > offer.grade_to:
        raise DomainError(
            "Die Jahrgangsstufe „bis“ muss mindestens so hoch sein wie „ab“.", field="grade_to"
        )
    if offer.available_from and offer.available_until:
        if offer.available_until < offer.available_from:
            raise DomainError("„verfügbar bis“ liegt vor „verfügbar ab“.", field="available_until")
    _full_clean(offer, exclude=("institution",))


@transaction.atomic
def save_offer(
    inst: Institution,
    *,
    acting_user,
    data: dict,
    schulformen=None,
    offer: LearningOffer | None = None,
) -> LearningOffer:
    if not can_manage_institution(acting_user, inst):
        raise _forbidden("Sie dürfen die Angebote dieser Einrichtung nicht bearbeiten.")
    created = offer is None
    if created:
        offer = LearningOffer(institution=inst)
    elif offer.institution_id != inst.pk:
        raise DomainError("Dieses Angebot gehört zu einer anderen Einrichtung.")
    for name in OFFER_FIELDS:
        if name in data:
            setattr(offer, name, data[name])
    _validate_offer(offer)
    action = "partners.offer.created" if created else "partners.offer.changed"
    _attribute(offer, acting_user, action)
    offer.save()
    if schulformen is not None:
        offer.schulformen.set(schulformen)
    audit.log(action, actor=acting_user, obj=offer, region=inst.region)
    return offer


# --- Partnerships ------------------------------------------------------------------------

PARTNERSHIP_FIELDS = (
    "title",
    "handlungsfeld",
    "goals",
    "activities",
    "organisation",
    "school_contact",
    "institution_contact",
    "start_date",
    "end_date",
)
_SIGNATURE_FIELDS = (
    "school_signer",
    "school_signed_on",
    "institution_signer",
    "institution_signed_on",
    "third_signer",
    "third_signed_on",
)


def _validate_partnership(p: Partnership) -> None:
    p.title = (p.title or "").strip()
    if not p.title:
        raise DomainError("Bitte geben Sie der Vereinbarung einen Titel.", field="title")
    if p.handlungsfeld not in Handlungsfeld.values:
        raise DomainError("Bitte wählen Sie ein Handlungsfeld.", field="handlungsfeld")
    if not (p.goals or "").strip():
        raise DomainError("Bitte beschreiben Sie die gemeinsamen Ziele.", field="goals")
    if not (p.activities or "").strip():
        raise DomainError("Bitte beschreiben Sie die geplanten Aktivitäten.", field="activities")
    if p.start_date and p.end_date and p.end_date < p.start_date:
        raise DomainError("Das Ende liegt vor dem Beginn.", field="end_date")
    _full_clean(
        p,
        exclude=("school", "institution", "third_institution", "registered_by", "created_by"),
    )


def _check_no_open_partnership(school, institution, *, exclude_pk=None) -> None:
    open_ = (
        Partnership.objects.filter(school=school, institution=institution)
        .exclude(state=PartnershipState.BEENDET)
        .exclude(pk=exclude_pk)
        .first()
    )
    if open_ is not None:
        raise DomainError(
            f"Zwischen „{school.name}“ und „{institution.name}“ besteht bereits eine "
            f"Vereinbarung (Stand: {open_.get_state_display()}).",
            field="institution",
        )


@transaction.atomic
def create_partnership(
    *, acting_user, school, institution, third_institution=None, data: dict
) -> Partnership:
    """A new agreement, always as draft (Entwurf)."""
    if not can_start_partnership(acting_user, school, institution):
        raise _forbidden(
            "Eine Vereinbarung beginnen nur die Schule, die Einrichtung, das Bildungsbüro "
            "der Region der Schule oder das Land."
        )
    check_eligibility(school=school, institution=institution, third_institution=third_institution)
    _check_no_open_partnership(school, institution)
    p = Partnership(
        school=school,
        institution=institution,
        third_institution=third_institution,
        created_by=acting_user,
        state=PartnershipState.ENTWURF,
    )
    for name in PARTNERSHIP_FIELDS:
        if name in data:
            setattr(p, name, data[name])
    _validate_partnership(p)
    _attribute(p, acting_user, "partners.partnership.created")
    p.save()
    audit.log("partners.partnership.created", actor=acting_user, obj=p, region=school.region)
    return p


_UNSET = object()


def _lock(p: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update(of=("self",))
        .select_related("school__region", "institution", "third_institution")
        .get(pk=p.pk)
    )


@transaction.atomic
def update_partnership(
    p: Partnership, *, acting_user, data: dict, third_institution=_UNSET
) -> Partnership:
    """Change the text of a draft. Signatures already recorded lapse: they were given to
    the former text."""
    p = _lock(p)
    if p.state != PartnershipState.ENTWURF:
        raise DomainError(
            f"Nur Entwürfe können geändert werden; diese Vereinbarung ist „"
            f"{p.get_state_display()}“.",
            field="state",
        )
    if not can_edit_partnership(acting_user, p):
        raise _forbidden("Sie dürfen diese Vereinbarung nicht bearbeiten.")
    changed = [n for n in PARTNERSHIP_FIELDS if n in data and getattr(p, n) != data[n]]
    for name in changed:
        setattr(p, name, data[name])
    if third_institution is not _UNSET and third_institution != p.third_institution:
        p.third_institution = third_institution
        changed.append("third_institution")
    if not changed:
        return p
    check_eligibility(
        school=p.school, institution=p.institution, third_institution=p.third_institution
    )
    _validate_partnership(p)
    signatures_dropped = any(getattr(p, f) for f in _SIGNATURE_FIELDS)
    for name in _SIGNATURE_FIELDS:
        setattr(p, name, None if name.endswith("_on") else "")
    _attribute(p, acting_user, "partners.partnership.changed")
    p.save()
    audit.log(
        "partners.partnership.changed",
        actor=acting_user,
        obj=p,
        region=p.school.region,
        data={"fields": changed, "unterschriften_verworfen": signatures_dropped},
    )
    return p


@transaction.atomic
def sign_partnership(
    p: Partnership, *, acting_user, side: str, signer: str, signed_on: datetime.date | None
) -> Partnership:
    """Record who signed for one side, and when. When every side has signed, the
    agreement becomes ``unterzeichnet``."""
    p = _lock(p)
    if side not in p.sides:
        raise DomainError("Unbekannte Vertragsseite.", field="side")
    if p.state != PartnershipState.ENTWURF:
        raise DomainError(
            "Unterschriften werden nur für einen Entwurf erfasst; diese Vereinbarung ist „"
            + str(p.get_state_display())
            + "“.",
            field="side",
        )
    if not can_sign(acting_user, p, side):
        raise _forbidden(f"Sie dürfen die Unterschrift für {SIDE_LABELS[side]} nicht erfassen.")
    signer = (signer or "").strip()
    if not signer:
        raise DomainError("Bitte geben Sie an, wer unterschrieben hat.", field="signer")
    if signed_on is None:
        raise DomainError("Bitte geben Sie das Datum der Unterschrift an.", field="signed_on")
    _not_in_future(signed_on, "signed_on", "Das Datum der Unterschrift")
    if any(p.signature(side)):
        raise DomainError(
            f"Für {SIDE_LABELS[side]} ist bereits eine Unterschrift erfasst.", field="side"
        )
    prefix = {"schule": "school", "einrichtung": "institution", "dritter": "third"}[side]
    setattr(p, f"{prefix}_signer", signer)
    setattr(p, f"{prefix}_signed_on", signed_on)
    complete = p.fully_signed
    if complete:
        p.state = PartnershipState.UNTERZEICHNET
    _attribute(p, acting_user, "partners.partnership.signed")
    p.save()
    audit.log(
        "partners.partnership.signed",
        actor=acting_user,
        obj=p,
        region=p.school.region,
        data={"seite": side, "vollstaendig": complete},
    )
    return p


@transaction.atomic
def record_schulkonferenz(
    p: Partnership, *, acting_user, consent_date: datetime.date | None
) -> Partnership:
    """The Schulkonferenz agreed (§ 5 SchulG); only after both sides signed."""
    p = _lock(p)
    if p.state != PartnershipState.UNTERZEICHNET:
        raise DomainError(
            "Die Zustimmung der Schulkonferenz wird erfasst, wenn alle Seiten unterzeichnet "
            "haben; diese Vereinbarung ist „" + str(p.get_state_display()) + "“.",
            field="schulkonferenz_date",
        )
    if not can_record_schulkonferenz(acting_user, p):
        raise _forbidden("Die Zustimmung der Schulkonferenz erfasst die Schule oder das Büro.")
    if consent_date is None:
        raise DomainError(
            "Bitte geben Sie das Datum des Beschlusses der Schulkonferenz an.",
            field="schulkonferenz_date",
        )
    _not_in_future(consent_date, "schulkonferenz_date", "Das Datum der Schulkonferenz")
    p.schulkonferenz_date = consent_date
    p.state = PartnershipState.SCHULKONFERENZ
    _attribute(p, acting_user, "partners.partnership.schulkonferenz_recorded")
    p.save()
    audit.log(
        "partners.partnership.schulkonferenz_recorded",
        actor=acting_user,
        obj=p,
        region=p.school.region,
        data={"datum": consent_date.isoformat()},
    )
    return p


# (state, verb) -> next state; "resume" is resolved in ``next_state``.
TRANSITIONS = {
    (PartnershipState.SCHULKONFERENZ, "submit"): PartnershipState.EINGEREICHT,
    (PartnershipState.EINGEREICHT, "register"): PartnershipState.REGISTRIERT,
    (PartnershipState.EINGEREICHT, "return"): PartnershipState.ENTWURF,
    (PartnershipState.REGISTRIERT, "publish"): PartnershipState.OEFFENTLICH,
    (PartnershipState.REGISTRIERT, "pause"): PartnershipState.RUHEND,
    (PartnershipState.OEFFENTLICH, "pause"): PartnershipState.RUHEND,
    (PartnershipState.RUHEND, "resume"): None,
    **{
        (state, "end"): PartnershipState.BEENDET
        for state in PartnershipState.values
        if state != PartnershipState.BEENDET
    },
}
VERB_ACTIONS = {
    "submit": "partners.partnership.submitted",
    "register": "partners.partnership.registered",
    "return": "partners.partnership.returned",
    "publish": "partners.partnership.published",
    "pause": "partners.partnership.paused",
    "resume": "partners.partnership.resumed",
    "end": "partners.partnership.ended",
}
TRANSITION_ERRORS = {
    "submit": "Einreichen kann man eine Vereinbarung erst, wenn alle Seiten unterschrieben "
    "haben und die Zustimmung der Schulkonferenz (§ 5 SchulG) erfasst ist.",
    "register": "Registriert werden kann nur eine eingereichte Vereinbarung.",
    "return": "Zurückgeben kann man nur eine eingereichte Vereinbarung.",
    "publish": "Veröffentlicht werden kann nur eine registrierte Vereinbarung.",
    "pause": "Ruhen kann nur eine registrierte oder öffentliche Partnerschaft.",
    "resume": "Wieder aufnehmen kann man nur eine ruhende Partnerschaft.",
    "end": "Diese Partnerschaft ist bereits beendet.",
}


def next_state(p: Partnership, verb: str) -> str | None:
    key = (p.state, verb)
    if key not in TRANSITIONS:
        return None
    if verb == "resume":
        return PartnershipState.OEFFENTLICH if p.published_at else PartnershipState.REGISTRIERT
    return TRANSITIONS[key]


def _check_verified(p: Partnership) -> None:
    for field, inst in (("institution", p.institution), ("third_institution", p.third_institution)):
        if inst is not None and not inst.verified:
            raise DomainError(
                f"„{inst.name}“ ist noch nicht geprüft. Bitte prüfen Sie die Einrichtung, "
                "bevor Sie die Partnerschaft registrieren.",
                field=field,
            )


@transaction.atomic
def transition_partnership(
    p: Partnership, *, acting_user, verb: str, note: str = ""
) -> Partnership:
    """submit / register / return / publish / pause / resume / end – checked against
    ``TRANSITIONS`` (no skipping) and ``rules.TRANSITION_RULES`` (who)."""
    if verb not in VERB_ACTIONS:
        raise DomainError("Unbekannter Arbeitsschritt.", field="verb")
    p = _lock(p)
    if not can_transition(acting_user, p, verb):
        raise _forbidden("Sie dürfen diesen Arbeitsschritt für diese Vereinbarung nicht ausführen.")
    target = next_state(p, verb)
    if target is None:
        raise DomainError(TRANSITION_ERRORS[verb], field="state")
    if verb in ("submit", "register"):
        check_eligibility(
            school=p.school, institution=p.institution, third_institution=p.third_institution
        )
    if verb == "register":
        _check_verified(p)
    before = p.state
    now = timezone.now()
    p.state = target
    if verb == "submit":
        p.submitted_at = now
    elif verb == "register":
        p.registered_at, p.registered_by = now, acting_user
    elif verb == "publish":
        p.published_at = now
        p.confirmed_on = timezone.localdate()
    elif verb == "return":
        for name in _SIGNATURE_FIELDS:
            setattr(p, name, None if name.endswith("_on") else "")
        p.schulkonferenz_date = None
        p.submitted_at = None
    elif verb == "end":
        p.ended_on = timezone.localdate()
    action = VERB_ACTIONS[verb]
    _attribute(p, acting_user, action)
    p.save()
    audit.log(
        action,
        actor=acting_user,
        obj=p,
        region=p.school.region,
        data={"von": before, "nach": target, "notiz": note.strip()[:500]},
    )
    if verb in ("submit", "register", "return", "publish"):
        transaction.on_commit(lambda: _notify_parties(p.pk, verb))
    return p


NOTIFY_TEXTS = {
    "submit": "wurde beim Bildungspartner-Büro eingereicht",
    "register": "ist jetzt als Bildungspartnerschaft registriert",
    "return": "wurde zur Überarbeitung zurückgegeben",
    "publish": "erscheint jetzt im öffentlichen Verzeichnis „Wir sind dabei“",
}


def _notify_parties(partnership_id: int, verb: str) -> None:
    p = Partnership.objects.select_related("school", "institution").get(pk=partnership_id)
    recipients = [e for e in (p.school.email, p.institution.email) if e]
    if not recipients:
        return
    send_mail(
        subject="[Bildungsnetz NRW] Bildungspartnerschaft: " + p.title,
        message=(
            f"Die Vereinbarung „{p.title}“ zwischen {p.school.name} und {p.institution.name} "
            f"{NOTIFY_TEXTS[verb]}.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
        fail_silently=True,
    )


# --- Keeping partnerships alive ------------------------------------------------------------

ACTIVE_STATES = (
    PartnershipState.REGISTRIERT,
    PartnershipState.OEFFENTLICH,
    PartnershipState.RUHEND,
)
RENEWAL_DAYS = 60
CONFIRMATION_DAYS = 365


@transaction.atomic
def confirm_active(p: Partnership, *, acting_user) -> Partnership:
    """A party (or the office) confirms that the partnership is still lived."""
    from .rules import can_act_as_party

    p = _lock(p)
    if p.state not in ACTIVE_STATES:
        raise DomainError(
            "Bestätigt werden können nur registrierte, öffentliche oder ruhende Partnerschaften.",
            field="state",
        )
    if not can_act_as_party(acting_user, p):
        raise _forbidden("Sie dürfen diese Partnerschaft nicht bestätigen.")
    p.confirmed_on = timezone.localdate()
    _attribute(p, acting_user, "partners.partnership.confirmed")
    p.save(update_fields=["confirmed_on", "updated"])
    audit.log("partners.partnership.confirmed", actor=acting_user, obj=p, region=p.school.region)
    return p


@transaction.atomic
def change_contacts(
    p: Partnership, *, acting_user, school_contact: str | None = None,
    institution_contact: str | None = None,
) -> Partnership:  # fmt: skip
    """Contact handover: a side names its new contact person in any state but ``beendet``,
    without touching the signatures. Each side changes its own contact (the office both)."""
    from .rules import is_institution_party, is_school_party

    p = _lock(p)
    if p.state == PartnershipState.BEENDET:
        raise DomainError("Die Partnerschaft ist beendet.", field="state")
    office = bool(is_partnership_office(acting_user, p))
    changes = {}
    if school_contact is not None and school_contact.strip() != p.school_contact:
        if not (office or is_school_party(acting_user, p)):
            raise _forbidden("Die Ansprechperson der Schule ändert die Schule oder das Büro.")
        changes["school_contact"] = school_contact.strip()
    if institution_contact is not None and institution_contact.strip() != p.institution_contact:
        if not (office or is_institution_party(acting_user, p)):
            raise _forbidden(
                "Die Ansprechperson der Einrichtung ändert die Einrichtung oder das Büro."
            )
        changes["institution_contact"] = institution_contact.strip()
    if not changes:
        return p
    for name, value in changes.items():
        if len(value) > 200:
            raise DomainError("Höchstens 200 Zeichen.", field=name)
        setattr(p, name, value)
    _attribute(p, acting_user, "partners.partnership.contacts_changed")
    p.save(update_fields=[*changes, "updated"])
    audit.log(
        "partners.partnership.contacts_changed",
        actor=acting_user,
        obj=p,
        region=p.school.region,
        data={"fields": sorted(changes)},
    )
    return p


def send_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    """Periodic job (idempotent): remind the parties of an agreement's end 60 days ahead,
    and ask once a year whether a partnership is still active. Mails go to the school's and
    the institution's organisational addresses, never only to one person."""
    today = today or timezone.localdate()
    counts = {"ende": 0, "bestaetigung": 0}
    active = Partnership.objects.filter(state__in=ACTIVE_STATES)
    due_end = active.filter(
        end_date__gte=today, end_date__lte=today + datetime.timedelta(days=RENEWAL_DAYS)
    )
    for pk in due_end.values_list("pk", flat=True):
        counts["ende"] += _remind(pk, "ende", today)
    year_ago = today - datetime.timedelta(days=CONFIRMATION_DAYS)
    for pk in active.exclude(state=PartnershipState.RUHEND).values_list("pk", flat=True):
        counts["bestaetigung"] += _remind(pk, "bestaetigung", today, year_ago=year_ago)
    return counts


@transaction.atomic
def _remind(pk: int, kind: str, today, *, year_ago=None) -> int:
    p = _lock(Partnership(pk=pk))
    if kind == "ende":
        if p.end_date is None or p.renewal_reminder_for == p.end_date:
            return 0
        p.renewal_reminder_for = p.end_date
        fields, action = ["renewal_reminder_for"], "partners.partnership.renewal_reminded"
    else:
        last = p.confirmed_on or (p.registered_at and timezone.localdate(p.registered_at))
        last = last or timezone.localdate(p.created)
        requested = p.confirmation_requested_on
        if last > year_ago or (requested is not None and requested >= last):
            return 0
        p.confirmation_requested_on = today
        fields = ["confirmation_requested_on"]
        action = "partners.partnership.confirmation_requested"
    _attribute(p, None, action)
    p.save(update_fields=fields)
    audit.log(action, actor=None, obj=p, region=p.school.region)
    transaction.on_commit(lambda: _notify_reminder(p.pk, kind))
    return 1


REMINDER_TEXTS = {
    "ende": "endet am {end}. Wenn Sie weiter zusammenarbeiten möchten, verlängern Sie die "
    "Vereinbarung bitte rechtzeitig und reichen Sie sie erneut ein.",
    "bestaetigung": "steht im öffentlichen Verzeichnis „Wir sind dabei“. Bitte bestätigen Sie "
    "auf der Seite der Partnerschaft, dass sie noch aktiv ist, oder beenden Sie sie dort.",
}


def _notify_reminder(partnership_id: int, kind: str) -> None:
    p = Partnership.objects.select_related("school", "institution").get(pk=partnership_id)
    recipients = [e for e in (p.school.email, p.institution.email) if e]
    if not recipients:
        return
    end = p.end_date.strftime("%d.%m.%Y") if p.end_date else ""
    send_mail(
        subject="[Bildungsnetz NRW] Bildungspartnerschaft: " + p.title,
        message=(
            f"Die Bildungspartnerschaft „{p.title}“ zwischen {p.school.name} und "
            f"{p.institution.name} " + REMINDER_TEXTS[kind].format(end=end) + "\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
        fail_silently=True,
    )


# --- Needs pinboard ------------------------------------------------------------------------

NEED_FIELDS = ("topic", "handlungsfeld", "grade_from", "grade_to", "time_frame", "description")


def _validate_need(need: Need) -> None:
    need.topic = (need.topic or "").strip()
    need.time_frame = (need.time_frame or "").strip()
    need.description = (need.description or "").strip()
    if not need.topic:
        raise DomainError("Bitte nennen Sie das Thema.", field="topic")
    if need.handlungsfeld not in Handlungsfeld.values:
        raise DomainError("Bitte wählen Sie ein Handlungsfeld.", field="handlungsfeld")
    if not (1 <= need.grade_from <= 13 and 1 <= need.grade_to <= 13):
        raise DomainError("Jahrgangsstufen liegen zwischen 1 und 13.", field="grade_from")
    if need.grade_from > need.grade_to:
        raise DomainError(
            "„ab Jahrgangsstufe“ darf nicht größer sein als „bis Jahrgangsstufe“.",
            field="grade_to",
        )
    if not need.time_frame:
        raise DomainError("Bitte nennen Sie den Zeitraum.", field="time_frame")
    if not need.description:
        raise DomainError("Bitte beschreiben Sie den Bedarf.", field="description")
    _full_clean(need, exclude=("school", "created_by"))


@transaction.atomic
def create_need(*, acting_user, school, data: dict) -> Need:
    """A school (or its Bildungsbüro, or the Land) posts a need on the pinboard."""
    if not can_post_need(acting_user, school):
        raise _forbidden(
            "Einen Bedarf stellt die Schule selbst, ihr Bildungsbüro oder das Land ein."
        )
    if school.is_authority or not school.is_open:
        raise DomainError(
            f"„{school.name}“ ist keine geöffnete Schule des Schulregisters.", field="school"
        )
    need = Need(school=school, created_by=acting_user)
    for name in NEED_FIELDS:
        if name in data:
            setattr(need, name, data[name])
    _validate_need(need)
    _attribute(need, acting_user, "partners.need.created")
    need.save()
    audit.log("partners.need.created", actor=acting_user, obj=need, region=school.region)
    return need


def _lock_need(need: Need) -> Need:
    return Need.objects.select_for_update().select_related("school__region").get(pk=need.pk)


@transaction.atomic
def update_need(need: Need, *, acting_user, data: dict) -> Need:
    need = _lock_need(need)
    if not can_edit_need(acting_user, need):
        raise _forbidden("Sie dürfen diesen Bedarf nicht ändern.")
    if not need.is_open:
        raise DomainError(
            "Ein geschlossener Bedarf kann nicht mehr geändert werden.", field="status"
        )
    for name in NEED_FIELDS:
        if name in data:
            setattr(need, name, data[name])
    _validate_need(need)
    _attribute(need, acting_user, "partners.need.changed")
    need.save()
    audit.log("partners.need.changed", actor=acting_user, obj=need, region=need.school.region)
    return need


@transaction.atomic
def close_need(need: Need, *, acting_user) -> Need:
    """The school closes its need (found a partner, or no longer needed)."""
    need = _lock_need(need)
    if not can_edit_need(acting_user, need):
        raise _forbidden("Sie dürfen diesen Bedarf nicht schließen.")
    if not need.is_open:
        raise DomainError("Dieser Bedarf ist bereits geschlossen.", field="status")
    need.status, need.closed_at = NeedStatus.GESCHLOSSEN, timezone.now()
    _attribute(need, acting_user, "partners.need.closed")
    need.save(update_fields=["status", "closed_at", "updated"])
    audit.log("partners.need.closed", actor=acting_user, obj=need, region=need.school.region)
    return need


@transaction.atomic
def answer_need(need: Need, *, acting_user, institution: Institution, message: str) -> NeedAnswer:
    """An institution answers an open need with a short message; the school is mailed."""
    from ..core.jobs import enqueue
    from .rules import institution_ids

    need = _lock_need(need)
    if institution is None or institution.pk not in institution_ids(acting_user):
        raise _forbidden("Antworten kann nur ein Konto der Einrichtung.")
    if not can_answer_need(acting_user, need):
        if not need.is_open:
            raise DomainError("Dieser Bedarf ist geschlossen.", field="status")
        raise _forbidden("Antworten kann nur ein Konto einer Einrichtung.")
    if not institution.is_public:
        raise DomainError(
            "Antworten können nur geprüfte, aktive Einrichtungen.", field="institution"
        )
    message = (message or "").strip()
    if not message:
        raise DomainError("Bitte schreiben Sie eine kurze Nachricht.", field="message")
    if len(message) > 2000:
        raise DomainError("Höchstens 2000 Zeichen.", field="message")
    answer = NeedAnswer(need=need, institution=institution, author=acting_user, message=message)
    _attribute(answer, acting_user, "partners.need.answered")
    answer.save()
    audit.log(
        "partners.need.answered",
        actor=acting_user,
        obj=need,
        region=need.school.region,
        data={"einrichtung": institution.name},
    )
    from .tasks import notify_need_answer

    enqueue(notify_need_answer, answer.pk)
    return answer


def notify_need_answer(answer_id: int) -> int:
    """Mail the school (its address and the account that posted the need). Idempotent
    enough for a redelivered job: one mail per call, nothing stored."""
    answer = (
        NeedAnswer.objects.select_related("need__school", "need__created_by", "institution")
        .filter(pk=answer_id)
        .first()
    )
    if answer is None:
        return 0
    need = answer.need
    recipients = [need.school.email]
    if need.created_by_id and need.created_by.email:
        recipients.append(need.created_by.email)
    recipients = list(dict.fromkeys(e for e in recipients if e))
    if not recipients:
        return 0
    send_mail(
        subject="[Bildungsnetz NRW] Antwort auf Ihren Bedarf: " + need.topic,
        message=(
            f"Guten Tag,\n\n{answer.institution.name} hat auf den Bedarf „{need.topic}“ "
            f"von {need.school.name} geantwortet:\n\n{answer.message}\n\n"
            "Alle Antworten stehen im Bildungsnetz NRW auf der Seite des Bedarfs "
            f"(Bildungspartner › Bedarfsbörse, {need.get_absolute_url()}).\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
        fail_silently=True,
    )
    return 1


# --- Saved searches with e-mail alerts -----------------------------------------------------

MAX_SAVED_SEARCHES = 20


@transaction.atomic
def save_search(
    *, acting_user, place: str, lat: float, lon: float, km: int, kind: str = "",
    handlungsfeld: str = "",
) -> SavedSearch:  # fmt: skip
    """A signed-in user keeps a near-search; alerts cover what is new from now on."""
    if acting_user is None or not acting_user.is_authenticated:
        raise _forbidden("Suchen speichern kann nur, wer angemeldet ist.")
    if not 1 <= int(km) <= 200:
        raise DomainError("Der Umkreis liegt zwischen 1 und 200 km.", field="km")
    if kind and kind not in InstitutionKind.values:
        raise DomainError("Unbekannte Art der Einrichtung.", field="kind")
    if handlungsfeld and handlungsfeld not in Handlungsfeld.values:
        raise DomainError("Unbekanntes Handlungsfeld.", field="handlungsfeld")
    _validate_coordinates(lat, lon)
    if SavedSearch.objects.filter(user=acting_user).count() >= MAX_SAVED_SEARCHES:
        raise DomainError(
            f"Sie können höchstens {MAX_SAVED_SEARCHES} Suchen speichern. "
            "Bitte löschen Sie zuerst eine ältere."
        )
    search = SavedSearch.objects.create(
        user=acting_user, place=(place or "")[:200], lat=lat, lon=lon, km=int(km), kind=kind,
        handlungsfeld=handlungsfeld, last_sent=timezone.now(),
    )  # fmt: skip
    audit.log("partners.search.saved", actor=acting_user, obj=search)
    return search


@transaction.atomic
def delete_search(search: SavedSearch, *, acting_user) -> None:
    if acting_user is None or search.user_id != acting_user.pk:
        raise _forbidden("Nur die eigene gespeicherte Suche kann gelöscht werden.")
    audit.log("partners.search.deleted", actor=acting_user, obj=search)
    search.delete()


def _search_news(search: SavedSearch, since, until):
    """New public offers and open needs within the search's radius, created in (since, until]."""
    from ..core.geo import bounding_box, within_km
    from ..schools.models import School

    box = bounding_box(search.lat, search.lon, search.km)
    offers = (
        LearningOffer.objects.public()
        .filter(created__gt=since, created__lte=until)
        .filter(**box.as_filter("institution__"))
        .select_related("institution")
        .order_by("created", "id")
    )
    if search.kind:
        offers = offers.filter(institution__kind=search.kind)
    if search.handlungsfeld:
        offers = offers.filter(handlungsfeld=search.handlungsfeld)
    offers = [o for o in offers if o.institution.lat is not None]
    near_insts = {
        i.pk: d
        for i, d in within_km(search.lat, search.lon, [o.institution for o in offers], search.km)
    }
    offers = [(o, near_insts[o.institution_id]) for o in offers if o.institution_id in near_insts]
    needs = (
        Need.objects.open()
        .filter(created__gt=since, created__lte=until)
        .filter(school__in=School.objects.filter(**box.as_filter()))
        .select_related("school")
        .order_by("created", "id")
    )
    if search.handlungsfeld:
        needs = needs.filter(handlungsfeld=search.handlungsfeld)
    needs = list(needs)
    near_schools = {
        s.pk: d for s, d in within_km(search.lat, search.lon, [n.school for n in needs], search.km)
    }
    needs = [(n, near_schools[n.school_id]) for n in needs if n.school_id in near_schools]
    return offers, needs


def send_search_alerts(*, now=None) -> dict[str, int]:
    """Periodic job (idempotent): for every saved search, mail the user the offers and
    needs that appeared since ``last_sent``, then move ``last_sent`` to ``now``. A second
    run with nothing new sends nothing."""
    now = now or timezone.now()
    counts = {"searches": 0, "mails": 0}
    for pk in SavedSearch.objects.filter(last_sent__lt=now).values_list("pk", flat=True):
        counts["searches"] += 1
        counts["mails"] += _alert(pk, now)
    return counts


@transaction.atomic
def _alert(pk: int, now) -> int:
    search = SavedSearch.objects.select_for_update().select_related("user").filter(pk=pk).first()
    if search is None or search.last_sent >= now:
        return 0
    offers, needs = _search_news(search, search.last_sent, now)
    search.last_sent = now
    search.save(update_fields=["last_sent"])
    if not (offers or needs) or not search.user.email:
        return 0
    lines = [f"Guten Tag,\n\nneu im Umkreis von {search.km} km um {search.place}:\n"]
    if offers:
        lines.append("Lernangebote:")
        lines += [
            f"- {o.title} – {o.institution.name} ({d:.1f} km): {o.institution.get_absolute_url()}"
            for o, d in offers
        ]
    if needs:
        lines.append("Bedarfe von Schulen:")
        lines += [
            f"- {n.topic} – {n.school.name} ({d:.1f} km): {n.get_absolute_url()}" for n, d in needs
        ]
    lines.append("\nSie erhalten diese Nachricht, weil Sie die Suche gespeichert haben.")
    audit.log(
        "partners.search.alert_sent",
        actor=None,
        obj=search,
        data={"angebote": len(offers), "bedarfe": len(needs)},
    )
    user_email = search.user.email
    subject = "[Bildungsnetz NRW] Neues in Ihrer Nähe: " + search.place
    body = "\n".join(lines) + "\n"
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user_email],
            fail_silently=True,
        )
    )
    return 1
