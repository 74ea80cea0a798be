"""Writes of the network app: guard → validate → save → audit.log → side effects on commit.

Every service takes the acting user as keyword and refuses users who may not edit the
region (``DomainError`` with ``code="forbidden"``); views check the same predicate first
and answer 403.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..core import audit
from ..core.errors import DomainError
from . import seats
from .models import (
    Body,
    BodyKind,
    ContractStatus,
    Handlungsfeld,
    HandlungsfeldReport,
    Membership,
    MembershipKind,
    Network,
    Organisation,
    Person,
    RegionFigures,
)
from .rules import can_edit_network

NETWORK_FIELDS = (
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
)


def _guard(user, region) -> None:
    if not can_edit_network(user, region):
        raise DomainError(
            _("Sie dürfen das Bildungsnetzwerk dieser Region nicht bearbeiten."), code="forbidden"
        )


def _full_clean(obj, exclude=None) -> None:
    """Model validation as a DomainError naming the first field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from exc


def _apply(obj, data: dict, fields) -> list[str]:
    changed = []
    for name in fields:
        if name in data and getattr(obj, name, None) != data[name]:
            setattr(obj, name, data[name])
            changed.append(name)
    return changed


# --- Network record ---------------------------------------------------------------------


def network_for(region) -> Network:
    """The region's record; an unsaved blank one (status "unbekannt") when none exists yet."""
    try:
        return region.network
    except Network.DoesNotExist:
        return Network(region=region)


@transaction.atomic
def update_network(region, *, acting_user, data: dict) -> Network:
    _guard(acting_user, region)
    network, _created = Network.objects.select_for_update().get_or_create(region=region)
    changed = _apply(network, data, NETWORK_FIELDS)
    status = network.contract_status
    if network.signed_on and status not in (ContractStatus.UNTERZEICHNET, ContractStatus.BEENDET):
        raise DomainError(
            _("Ein Unterzeichnungsdatum gibt es nur bei unterzeichneten oder beendeten Verträgen."),
            field="signed_on",
        )
    if network.signed_on and network.signed_on > timezone.localdate():
        raise DomainError(_("Das Unterzeichnungsdatum liegt in der Zukunft."), field="signed_on")
    if network.ended_on and status != ContractStatus.BEENDET:
        raise DomainError(_("Ein Enddatum gibt es nur bei beendeten Verträgen."), field="ended_on")
    if network.ended_on and network.signed_on and network.ended_on < network.signed_on:
        raise DomainError(_("Das Vertragsende liegt vor der Unterzeichnung."), field="ended_on")
    for name in ("land_posts", "municipal_posts", "additional_posts"):
        if getattr(network, name) < 0:
            raise DomainError(_("Stellen können nicht negativ sein."), field=name)
    _full_clean(network)
    if changed or _created:
        network._history_user = acting_user
        network.save()
        audit.log(
            "network.network.changed",
            actor=acting_user,
            obj=network,
            region=region,
            data={"fields": changed},
        )
    return network


# --- Actors -----------------------------------------------------------------------------

ORGANISATION_FIELDS = ("name", "kind", "school", "email", "phone", "website")
PERSON_FIELDS = (
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
)


@transaction.atomic
def save_organisation(region, *, acting_user, data: dict, organisation=None) -> Organisation:
    _guard(acting_user, region)
    created = organisation is None
    organisation = organisation or Organisation(region=region)
    if organisation.region_id != region.pk:
        raise DomainError(_("Die Organisation gehört zu einer anderen Region."))
    changed = _apply(organisation, data, ORGANISATION_FIELDS)
    if (
        Organisation.objects.filter(region=region, name=organisation.name)
        .exclude(pk=organisation.pk)
        .exists()
    ):
        raise DomainError(_("Eine Organisation mit diesem Namen gibt es schon."), field="name")
    _full_clean(organisation, exclude=["region"])
    organisation._history_user = acting_user
    organisation.save()
    audit.log(
        "network.organisation.created" if created else "network.organisation.changed",
        actor=acting_user,
        obj=organisation,
        region=region,
        data={"fields": changed},
    )
    return organisation


def _check_consent(person: Person) -> None:
    if person.consent_public and not person.consent_purpose.strip():
        raise DomainError(_("Bitte den Zweck der Einwilligung angeben."), field="consent_purpose")
    if person.consent_public and not person.consent_given_on:
        raise DomainError(_("Bitte das Datum der Einwilligung angeben."), field="consent_given_on")
    if person.consent_given_on and person.consent_given_on > timezone.localdate():
        raise DomainError(
            _("Das Datum der Einwilligung liegt in der Zukunft."), field="consent_given_on"
        )
    if person.consent_withdrawn_on and (
        not person.consent_given_on or person.consent_withdrawn_on < person.consent_given_on
    ):
        raise DomainError(
            _("Ein Widerruf ist erst nach einer erteilten Einwilligung möglich."),
            field="consent_withdrawn_on",
        )


@transaction.atomic
def save_person(region, *, acting_user, data: dict, person=None) -> Person:
    _guard(acting_user, region)
    created = person is None
    person = person or Person(region=region)
    if person.region_id != region.pk:
        raise DomainError(_("Die Person gehört zu einer anderen Region."))
    if person.anonymised_at:
        raise DomainError(_("Eine anonymisierte Person kann nicht mehr bearbeitet werden."))
    changed = _apply(person, data, PERSON_FIELDS)
    if person.organisation and person.organisation.region_id != region.pk:
        raise DomainError(
            _("Die Organisation gehört zu einer anderen Region."), field="organisation"
        )
    _check_consent(person)
    _full_clean(person, exclude=["region"])
    person._history_user = acting_user
    person.save()
    # Names are personal data: the audit entry records field names only.
    audit.log(
        "network.person.created" if created else "network.person.changed",
        actor=acting_user,
        obj=person,
        region=region,
        data={"fields": changed},
    )
    return person


@transaction.atomic
def withdraw_consent(person: Person, *, acting_user, day: datetime.date | None = None) -> Person:
    return save_person(
        person.region,
        acting_user=acting_user,
        person=person,
        data={"consent_withdrawn_on": day or timezone.localdate()},
    )


def person_data(person: Person) -> dict:
    """Everything stored about a person (DSGVO Art. 15/20)."""
    return {
        "person": {
            "vorname": person.first_name,
            "nachname": person.last_name,
            "funktion": person.function,
            "organisation": str(person.organisation) if person.organisation_id else "",
            "e_mail": person.email,
            "telefon": person.phone,
            "region": person.region.name,
            "angelegt": person.created.isoformat(),
        },
        "einwilligung": {
            "veroeffentlichung": person.consent_public,
            "zweck": person.consent_purpose,
            "erteilt_am": person.consent_given_on.isoformat() if person.consent_given_on else None,
            "widerrufen_am": (
                person.consent_withdrawn_on.isoformat() if person.consent_withdrawn_on else None
            ),
        },
        "mitgliedschaften": [
            {
                "gremium": str(m.body),
                "sitz": m.seat,
                "art": m.kind,
                "organisation": str(m.organisation) if m.organisation_id else "",
                "von": m.start.isoformat() if m.start else None,
                "bis": m.end.isoformat() if m.end else None,
            }
            for m in person.memberships.select_related("body", "organisation")
        ],
        "teilnahmen": [
            {
                "sitzung": str(a.meeting),
                "datum": a.meeting.starts_at.isoformat(),
                "status": a.status,
            }
            for a in person.attendance.select_related("meeting")
        ],
        "arbeitsauftraege": [
            {"auftrag": w.title, "faellig": w.due_date.isoformat(), "stand": w.status}
            for w in person.work_orders.all()
        ],
    }


def export_person(person: Person, *, acting_user) -> dict:
    _guard(acting_user, person.region)
    data = person_data(person)
    audit.log("network.person.exported", actor=acting_user, obj=person, region=person.region)
    return data


@transaction.atomic
def erase_person(person: Person, *, acting_user) -> Person:
    """Anonymise a person everywhere (DSGVO Art. 17).

    Memberships, attendance, work orders, minutes and decisions stay; they now point to an
    anonymised person. The person's field history is deleted, because it holds the old
    name; organisations and their history are untouched.
    """
    _guard(acting_user, person.region)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at:
        return person
    _anonymise(person)
    audit.log("network.person.erased", actor=acting_user, obj=person, region=person.region)
    return person


def _anonymise(person: Person) -> None:
    """Blank every personal field and delete the person's field history."""
    person.first_name = ""
    person.last_name = ""
    person.function = ""
    person.email = ""
    person.phone = ""
    person.consent_public = False
    person.consent_purpose = ""
    person.consent_given_on = None
    person.consent_withdrawn_on = None
    person.anonymised_at = timezone.now()
    person.save_without_historical_record()
    person.history.all().delete()
    Person.history.model.objects.filter(id=person.pk).delete()


# --- Retention of inactive persons ------------------------------------------------------

DEFAULT_RETENTION_DAYS = 3 * 365


def retention_days() -> int:
    """NETWORK_PERSON_RETENTION_DAYS, read at call time (default: three years)."""
    return int(getattr(settings, "NETWORK_PERSON_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def last_activity(person: Person) -> datetime.date:
    """The latest day the person appears in the network's records."""
    days = [timezone.localdate(person.created)]
    for m in person.memberships.all():
        days += [d for d in (m.start, m.end) if d]
    days += [timezone.localdate(a.meeting.starts_at) for a in person.attendance.all()]
    days += [w.due_date for w in person.work_orders.all()]
    return max(days)


def retention_candidates(day: datetime.date | None = None) -> list[Person]:
    """Persons without an active membership whose last activity is older than the period."""
    from .models import Membership

    day = day or timezone.localdate()
    cutoff = day - datetime.timedelta(days=retention_days())
    active = Membership.objects.active_on(day).values("person_id")
    qs = (
        Person.objects.filter(anonymised_at__isnull=True)
        .exclude(pk__in=active)
        .prefetch_related("memberships", "attendance__meeting", "work_orders")
    )
    return [p for p in qs if last_activity(p) < cutoff]


def apply_retention(day: datetime.date | None = None) -> int:
    """Anonymise inactive persons past the retention period. Idempotent (job body)."""
    count = 0
    for candidate in retention_candidates(day):
        with transaction.atomic():
            person = Person.objects.select_for_update().get(pk=candidate.pk)
            if person.anonymised_at:
                continue
            _anonymise(person)
            audit.log(
                "network.person.retention_anonymised",
                actor=None,
                obj=person,
                region=person.region,
                data={"retention_days": retention_days()},
            )
        count += 1
    return count


# --- Bodies and members -----------------------------------------------------------------


@transaction.atomic
def save_body(region, *, acting_user, data: dict, body=None) -> Body:
    _guard(acting_user, region)
    created = body is None
    body = body or Body(region=region)
    if body.region_id != region.pk:
        raise DomainError(_("Das Gremium gehört zu einer anderen Region."))
    changed = _apply(body, data, ("kind", "name", "variant", "is_public", "description"))
    if not created and "kind" in changed:
        raise DomainError(_("Die Art eines Gremiums kann nicht geändert werden."), field="kind")
    if (
        body.kind != BodyKind.ARBEITSGRUPPE
        and Body.objects.filter(region=region, kind=body.kind).exclude(pk=body.pk).exists()
    ):
        raise DomainError(_("Diese Region hat schon ein Gremium dieser Art."), field="kind")
    if body.variant != "standard" and body.kind != BodyKind.LENKUNGSKREIS:
        raise DomainError(
            _("Das Besetzungsmodell „Chefsache“ gibt es nur für den Lenkungskreis."),
            field="variant",
        )
    _full_clean(body, exclude=["region"])
    body._history_user = acting_user
    body.save()
    audit.log(
        "network.body.created" if created else "network.body.changed",
        actor=acting_user,
        obj=body,
        region=region,
        data={"fields": changed},
    )
    return body


def valid_seats(body: Body) -> dict[str, str]:
    return dict(seats.seat_choices(body.kind, body.region.kind, body.variant))


def _validate_membership(m: Membership) -> None:
    body = m.body
    region = body.region
    if m.person.region_id != region.pk:
        raise DomainError(_("Die Person gehört zu einer anderen Region."), field="person")
    if m.organisation and m.organisation.region_id != region.pk:
        raise DomainError(
            _("Die Organisation gehört zu einer anderen Region."), field="organisation"
        )
    if m.person.anonymised_at:
        raise DomainError(_("Eine anonymisierte Person kann kein Mitglied werden."), field="person")
    if m.seat not in valid_seats(body):
        raise DomainError(
            _("Den Sitz „%(seat)s“ gibt es in diesem Gremium nicht.") % {"seat": m.seat},
            field="seat",
        )
    if m.start and m.end and m.end < m.start:
        raise DomainError(_("Das Ende liegt vor dem Beginn."), field="end")
    if m.deputy_for_id:
        if m.deputy_for.body_id != body.pk:
            raise DomainError(
                _("Die vertretene Mitgliedschaft gehört zu einem anderen Gremium."),
                field="deputy_for",
            )
        if m.kind != MembershipKind.STELLVERTRETUNG:
            raise DomainError(
                _("Nur eine Stellvertretung kann für ein Mitglied eingetragen werden."),
                field="deputy_for",
            )
    if m.kind == MembershipKind.GAST and body.kind == BodyKind.LENKUNGSKREIS:
        if not m.handlungsfeld_id:
            raise DomainError(
                _("Gäste im Lenkungskreis sind an ein Handlungsfeld gebunden."),
                field="handlungsfeld",
            )
    if m.handlungsfeld_id and m.handlungsfeld.region_id != region.pk:
        raise DomainError(
            _("Das Handlungsfeld gehört zu einer anderen Region."), field="handlungsfeld"
        )


MEMBERSHIP_FIELDS = (
    "person",
    "organisation",
    "seat",
    "kind",
    "deputy_for",
    "handlungsfeld",
    "start",
    "end",
)


@transaction.atomic
def add_membership(body: Body, *, acting_user, data: dict) -> Membership:
    _guard(acting_user, body.region)
    membership = Membership(body=body)
    _apply(membership, data, MEMBERSHIP_FIELDS)
    if membership.organisation is None and membership.person.organisation_id:
        membership.organisation = membership.person.organisation
    _validate_membership(membership)
    _full_clean(membership, exclude=["body"])
    membership._history_user = acting_user
    membership.save()
    audit.log(
        "network.membership.created",
        actor=acting_user,
        obj=membership,
        region=body.region,
        data={"seat": membership.seat, "kind": membership.kind},
    )
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, acting_user, end: datetime.date) -> Membership:
    _guard(acting_user, membership.body.region)
    if membership.start and end < membership.start:
        raise DomainError(_("Das Ende liegt vor dem Beginn."), field="end")
    membership.end = end
    membership._history_user = acting_user
    membership.save(update_fields=["end"])
    audit.log(
        "network.membership.ended",
        actor=acting_user,
        obj=membership,
        region=membership.body.region,
        data={"end": end.isoformat()},
    )
    return membership


# --- Handlungsfelder --------------------------------------------------------------------


@transaction.atomic
def save_handlungsfeld(region, *, acting_user, data: dict, handlungsfeld=None) -> Handlungsfeld:
    _guard(acting_user, region)
    created = handlungsfeld is None
    hf = handlungsfeld or Handlungsfeld(region=region)
    changed = _apply(hf, data, ("title", "goals", "measures", "indicators", "is_public"))
    if Handlungsfeld.objects.filter(region=region, title=hf.title).exclude(pk=hf.pk).exists():
        raise DomainError(_("Ein Handlungsfeld mit diesem Titel gibt es schon."), field="title")
    responsible = data.get("responsible")
    if responsible is not None and any(o.region_id != region.pk for o in responsible):
        raise DomainError(
            _("Verantwortlich können nur Organisationen der Region sein."), field="responsible"
        )
    _full_clean(hf, exclude=["region"])
    hf._history_user = acting_user
    hf.save()
    if responsible is not None:
        hf.responsible.set(responsible)
    audit.log(
        "network.handlungsfeld.created" if created else "network.handlungsfeld.changed",
        actor=acting_user,
        obj=hf,
        region=region,
        data={"fields": changed},
    )
    return hf


@transaction.atomic
def report_handlungsfeld(hf: Handlungsfeld, *, acting_user, data: dict) -> HandlungsfeldReport:
    _guard(acting_user, hf.region)
    report = HandlungsfeldReport(handlungsfeld=hf, **data)
    if report.day and report.day > timezone.localdate():
        raise DomainError(_("Der Stichtag liegt in der Zukunft."), field="day")
    _full_clean(report, exclude=["handlungsfeld"])
    report.save()
    audit.log(
        "network.handlungsfeld.reported",
        actor=acting_user,
        obj=hf,
        region=hf.region,
        data={"status": report.status, "day": report.day.isoformat()},
    )
    return report


# --- Region profile figures -------------------------------------------------------------

MAX_POPULATION = 20_000_000


@transaction.atomic
def save_figures(region, *, acting_user, data: dict) -> RegionFigures:
    """Create or replace the figures of one year."""
    _guard(acting_user, region)
    population = data.get("population")
    area = data.get("area_km2")
    if population is None or not 1 <= population <= MAX_POPULATION:
        raise DomainError(
            _("Einwohnerzahl: Bitte eine Zahl zwischen 1 und 20.000.000 angeben."),
            field="population",
        )
    if area is None or Decimal(area) <= 0:
        raise DomainError(_("Fläche: Die Fläche muss größer als 0 km² sein."), field="area_km2")
    year = data.get("year")
    if year is None or not 1950 <= year <= timezone.localdate().year + 1:
        raise DomainError(
            _("Jahr: Bitte ein Jahr zwischen 1950 und dem nächsten Jahr angeben."), field="year"
        )
    figures = RegionFigures.objects.filter(region=region, year=year).first() or RegionFigures(
        region=region, year=year
    )
    _apply(
        figures,
        data,
        (
            "area_km2",
            "population",
            "districts",
            "funding_programmes",
            "partners",
            "monitoring",
            "source",
        ),
    )
    _full_clean(figures, exclude=["region"])
    figures._history_user = acting_user
    figures.save()
    audit.log(
        "network.figures.saved", actor=acting_user, obj=figures, region=region, data={"year": year}
    )
    return figures


# --- Practice examples ------------------------------------------------------------------

PRACTICE_FIELDS = (
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
)


@transaction.atomic
def save_practice_example(region, *, acting_user, data: dict, example=None):
    """Create or change a practice example of the acting user's region."""
    from .models import PracticeExample

    _guard(acting_user, region)
    created = example is None
    example = example or PracticeExample(region=region)
    if example.region_id != region.pk:
        raise DomainError(_("Das Praxisbeispiel gehört zu einer anderen Region."))
    changed = _apply(example, data, PRACTICE_FIELDS)
    if example.handlungsfeld_id and example.handlungsfeld.region_id != region.pk:
        raise DomainError(
            _("Das Handlungsfeld gehört zu einer anderen Region."), field="handlungsfeld"
        )
    if example.contact_id:
        if example.contact.region_id != region.pk:
            raise DomainError(_("Die Person gehört zu einer anderen Region."), field="contact")
        if example.contact.anonymised_at:
            raise DomainError(
                _("Eine anonymisierte Person kann keine Ansprechperson sein."), field="contact"
            )
    if example.quote.strip() and not example.quote_source.strip():
        raise DomainError(_("Bitte angeben, von wem das Zitat stammt."), field="quote_source")
    if (
        PracticeExample.objects.filter(region=region, title=example.title)
        .exclude(pk=example.pk)
        .exists()
    ):
        raise DomainError(_("Ein Praxisbeispiel mit diesem Titel gibt es schon."), field="title")
    _full_clean(example, exclude=["region"])
    example._history_user = acting_user
    example.save()
    audit.log(
        "network.practiceexample.created" if created else "network.practiceexample.changed",
        actor=acting_user,
        obj=example,
        region=region,
        data={"fields": changed},
    )
    return example


# --- Self-evaluation --------------------------------------------------------------------

FIRST_EVALUATION_YEAR = 2008


@transaction.atomic
def save_self_evaluation(region, *, acting_user, year: int, entries: dict) -> list:
    """Store the eight development fields of one year: ``entries[field] = {"rating": 1–4,
    "strengths": str, "options": str}``. Every field needs a rating; one record per
    region, year and field (existing records are updated)."""
    from .models import DevelopmentField, SelfEvaluation

    _guard(acting_user, region)
    if not FIRST_EVALUATION_YEAR <= int(year) <= timezone.localdate().year:
        raise DomainError(
            _("Das Jahr muss zwischen %(first)s und %(last)s liegen.")
            % {"first": FIRST_EVALUATION_YEAR, "last": timezone.localdate().year},
            field="year",
        )
    unknown = set(entries) - set(DevelopmentField.values)
    if unknown:
        raise DomainError(_("Unbekanntes Entwicklungsfeld: %(f)s") % {"f": sorted(unknown)[0]})
    records, changed = [], []
    for code in DevelopmentField.values:
        entry = entries.get(code) or {}
        try:
            rating = int(entry.get("rating") or 0)
        except (TypeError, ValueError):
            rating = 0
        if not 1 <= rating <= 4:
            raise DomainError(
                _("Bitte für „%(field)s“ eine Einschätzung von 1 bis 4 wählen.")
                % {"field": DevelopmentField(code).label},
                field=f"{code}_rating",
            )
        record = SelfEvaluation.objects.filter(region=region, year=year, field=code).first()
        record = record or SelfEvaluation(region=region, year=year, field=code)
        values = {
            "rating": rating,
            "strengths": (entry.get("strengths") or "").strip(),
            "options": (entry.get("options") or "").strip(),
        }
        if record.pk is None or _apply(record, values, values.keys()):
            changed.append(code)
        for name, value in values.items():
            setattr(record, name, value)
        _full_clean(record, exclude=["region"])
        record.save()
        records.append(record)
    audit.log(
        "network.selfevaluation.saved",
        actor=acting_user,
        obj=records[0],
        region=region,
        data={"year": int(year), "fields": changed},
    )
    return records
