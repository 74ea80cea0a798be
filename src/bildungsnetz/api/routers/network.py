"""Read-only API of the Regionale Bildungsnetzwerke.

The region is resolved by ``get_region_or_404`` – the same lookup as the pages
(network/selectors.py). Member names appear only with the person's recorded consent.

Non-public routes (work orders, persons) need a token or a session and ask
``network.rules.can_read_internal`` for the region: other regions get 403.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from ...network.models import Body, BodyKind, Meeting, Person, WorkOrderStatus
from ...network.rules import can_read_internal
from ...network.selectors import (
    get_region_or_404,
    network_or_blank,
    practice_examples,
    seat_check_for_body,
    statewide_overview,
)
from ...network.selectors import work_orders as region_work_orders
from ..auth import internal_auth
from ..errors import ErrorOut, ValidationErrorOut
from ..pagination import Page, PageParams, paginate

router = Router(tags=["Netzwerke"])
NOT_FOUND = {404: ErrorOut, 422: ValidationErrorOut}
INTERNAL = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


def _region(ags: str):
    """The region of the request – twin of the pages' ``network.selectors.get_region_or_404``."""
    try:
        return get_region_or_404(ags[:5])
    except Http404 as exc:
        raise Http404(f"Keine Region mit dem Kreisschlüssel {ags}.") from exc


def _internal_region(request, ags: str):
    region = _region(ags)
    if not can_read_internal(request.user, region):
        raise PermissionDenied(
            f"Ihr Konto darf die internen Daten der Region {region.name} nicht lesen."
        )
    return region


class NetworkSummaryOut(Schema):
    ags: str
    name: str
    art: str
    vereinbarung: str
    unterzeichnet_am: str | None


class SeatOut(Schema):
    seat: str
    label: str
    required: int
    max: int | None
    filled: int
    status: str
    members: list[str]
    explanation: str


class BodyOut(Schema):
    id: int
    art: str
    name: str
    besetzungsmodell: str
    oeffentlich: bool
    variant: str | None
    ok: bool | None
    seats: list[SeatOut]


class NetworkOut(NetworkSummaryOut):
    mustervertrag: str
    regionale_ergaenzungen: str
    stellen_land: float
    stellen_kommune: float
    stellen_weitere: float
    bildungsbuero: dict
    gremien: list[BodyOut]


def _summary(region, network) -> dict:
    return {
        "ags": region.ags,
        "name": region.name,
        "art": region.kind,
        "vereinbarung": network.contract_status,
        "unterzeichnet_am": network.signed_on.isoformat() if network.signed_on else None,
    }


def _body(body: Body) -> dict:
    check = None
    if body.kind != BodyKind.ARBEITSGRUPPE:
        check = seat_check_for_body(body, region=body.region, public=True)
    return {
        "id": body.pk,
        "art": body.kind,
        "name": body.name,
        "besetzungsmodell": body.variant,
        "oeffentlich": body.is_public,
        "variant": check.variant if check else None,
        "ok": check.ok if check else None,
        "seats": [s.__dict__ for s in check.seats] if check else [],
    }


class NetworkFilter(PageParams):
    vereinbarung: str = Field("", max_length=20, description="z. B. unterzeichnet")
    regierungsbezirk: str = Field("", max_length=3)


@router.get(
    "",
    response={200: Page[NetworkSummaryOut], 422: ValidationErrorOut},
    summary="Alle 53 Bildungsnetzwerke mit dem Stand ihrer Kooperationsvereinbarung",
)
def network_list(request, filters: Query[NetworkFilter]):
    rows = [
        row
        for row in statewide_overview()["rows"]
        if (not filters.vereinbarung or row["status"] == filters.vereinbarung)
        and (
            not filters.regierungsbezirk
            or row["region"].regierungsbezirk.code == filters.regierungsbezirk
        )
    ]
    return paginate(
        rows,
        filters,
        lambda row: {
            "ags": row["region"].ags,
            "name": row["region"].name,
            "art": row["region"].kind,
            "vereinbarung": row["status"],
            "unterzeichnet_am": row["signed_on"].isoformat() if row["signed_on"] else None,
        },
    )


class PracticeExampleOut(Schema):
    id: int
    ags: str
    region: str
    titel: str
    kurzbeschreibung: str
    thema: str
    thema_label: str
    handlungsfeld: str | None
    partner: str
    ergebnis: str
    zitat: str
    zitat_von: str
    ansprechperson: str | None
    url: str


class PracticeFilter(PageParams):
    q: str = Field("", max_length=100, description="Suchwörter")
    region: str = Field("", max_length=5, description="Kreisschlüssel (AGS)")
    thema: str = Field("", max_length=30)


@router.get(
    "/practice-examples",
    response={200: Page[PracticeExampleOut], 422: ValidationErrorOut},
    summary="Öffentliche Praxisbeispiele (gute Praxis), durchsuchbar",
)
def practice_example_list(request, filters: Query[PracticeFilter]):
    """Only public examples; the contact person is named only with recorded consent."""
    qs = practice_examples(q=filters.q, region_ags=filters.region, topic=filters.thema)
    return paginate(
        qs,
        filters,
        lambda e: {
            "id": e.pk,
            "ags": e.region.ags,
            "region": e.region.name,
            "titel": e.title,
            "kurzbeschreibung": e.summary,
            "thema": e.topic,
            "thema_label": str(e.get_topic_display()),
            "handlungsfeld": e.handlungsfeld.title if e.handlungsfeld_id else None,
            "partner": e.partners,
            "ergebnis": e.outcome,
            "zitat": e.quote,
            "zitat_von": e.quote_source,
            "ansprechperson": e.public_contact.full_name if e.public_contact else None,
            "url": e.get_absolute_url(),
        },
    )


@router.get(
    "/{ags}", response={200: NetworkOut, **NOT_FOUND}, summary="Ein Bildungsnetzwerk mit Gremien"
)
def network_detail(request, ags: str):
    region = _region(ags)
    network = network_or_blank(region)
    return {
        **_summary(region, network),
        "mustervertrag": network.mustervertrag_version,
        "regionale_ergaenzungen": network.regional_additions,
        "stellen_land": float(network.land_posts),
        "stellen_kommune": float(network.municipal_posts),
        "stellen_weitere": float(network.additional_posts),
        "bildungsbuero": {
            "name": network.office_name,
            "strasse": network.office_street,
            "plz": network.office_postcode,
            "ort": network.office_city,
            "e_mail": network.office_email,
            "telefon": network.office_phone,
            "internet": network.office_website,
        },
        "gremien": [_body(b) for b in Body.objects.for_region(region).select_related("region")],
    }


@router.get(
    "/{ags}/bodies",
    response={200: Page[BodyOut], **NOT_FOUND},
    summary="Gremien einer Region mit Sitzprüfung",
)
def network_bodies(request, ags: str, page: Query[PageParams]):
    region = _region(ags)
    qs = Body.objects.for_region(region).select_related("region").order_by("kind", "name", "pk")
    return paginate(qs, page, _body)


class MeetingOut(Schema):
    id: int
    gremium: str
    gremium_art: str
    titel: str
    beginn: str
    ende: str | None
    ort: str
    protokoll: str | None
    url: str


@router.get(
    "/{ags}/meetings",
    response={200: Page[MeetingOut], **NOT_FOUND},
    summary="Öffentliche Sitzungen einer Region",
)
def network_meetings(request, ags: str, page: Query[PageParams]):
    """Public meetings only (the same rule as the public region page, twin of
    ``network.selectors.visible_meetings`` for anonymous users); minutes only if public."""
    region = _region(ags)
    meetings = (
        Meeting.objects.for_region(region)
        .filter(is_public=True)
        .select_related("body", "body__region")
        .order_by("-starts_at", "-pk")
    )
    return paginate(
        meetings,
        page,
        lambda m: {
            "id": m.pk,
            "gremium": m.body.name,
            "gremium_art": m.body.kind,
            "titel": m.title,
            "beginn": m.starts_at.isoformat(),
            "ende": m.ends_at.isoformat() if m.ends_at else None,
            "ort": m.location,
            "protokoll": m.minutes if m.minutes_public else None,
            "url": m.get_absolute_url(),
        },
    )


# --- Non-public: token or session, and the right to read the region's internal records ---


class WorkOrderOut(Schema):
    id: int
    titel: str
    beschreibung: str
    stand: str
    stand_label: str
    faellig_am: date
    ueberfaellig: bool
    ergebnis: str
    zustaendige_organisation: str | None
    zustaendige_person: str | None
    beschluss: str
    sitzung_id: int | None
    angelegt: datetime


class WorkOrderFilter(PageParams):
    stand: WorkOrderStatus | None = None
    ueberfaellig: bool = Field(False, description="nur offene Aufträge mit überschrittener Frist")


@router.get(
    "/{ags}/work-orders",
    auth=internal_auth,
    response={200: Page[WorkOrderOut], **INTERNAL},
    summary="Arbeitsaufträge einer Region (nicht öffentlich, Schlüssel nötig)",
)
def network_work_orders(request, ags: str, filters: Query[WorkOrderFilter]):
    """For the region's Bildungsbüro and Lenkungskreis and the Land; others get 403."""
    region = _internal_region(request, ags)
    today = timezone.localdate()
    qs = region_work_orders(region, overdue_only=filters.ueberfaellig, day=today)
    if filters.stand:
        qs = qs.filter(status=filters.stand)
    qs = qs.select_related("decision__meeting").order_by("due_date", "pk")
    return paginate(
        qs,
        filters,
        lambda w: {
            "id": w.pk,
            "titel": w.title,
            "beschreibung": w.description,
            "stand": w.status,
            "stand_label": str(w.get_status_display()),
            "faellig_am": w.due_date,
            "ueberfaellig": w.is_overdue(today),
            "ergebnis": w.result,
            "zustaendige_organisation": w.owner_organisation.name
            if w.owner_organisation_id
            else None,
            "zustaendige_person": w.owner_person.full_name if w.owner_person_id else None,
            "beschluss": str(w.decision),
            "sitzung_id": getattr(w.decision, "meeting_id", None),
            "angelegt": w.created,
        },
    )


class PersonOut(Schema):
    id: int
    vorname: str
    nachname: str
    funktion: str
    organisation: str | None
    e_mail: str
    telefon: str
    einwilligung_veroeffentlichung: bool
    anonymisiert: bool


class PersonFilter(PageParams):
    q: str = Field("", max_length=100, description="Teil des Namens")


@router.get(
    "/{ags}/persons",
    auth=internal_auth,
    response={200: Page[PersonOut], **INTERNAL},
    summary="Akteurinnen und Akteure einer Region mit Kontaktdaten (nicht öffentlich)",
)
def network_persons(request, ags: str, filters: Query[PersonFilter]):
    """Personal data, also of persons without consent to publication: for the region's
    Bildungsbüro and Lenkungskreis and the Land only."""
    region = _internal_region(request, ags)
    qs = Person.objects.for_region(region).select_related("organisation")
    for word in filters.q.split()[:4]:
        qs = qs.filter(Q(last_name__icontains=word) | Q(first_name__icontains=word))
    qs = qs.order_by("last_name", "first_name", "pk")
    return paginate(
        qs,
        filters,
        lambda p: {
            "id": p.pk,
            "vorname": "" if p.anonymised_at else p.first_name,
            "nachname": "" if p.anonymised_at else p.last_name,
            "funktion": p.function,
            "organisation": p.organisation.name if p.organisation_id else None,
            "e_mail": p.email,
            "telefon": p.phone,
            "einwilligung_veroeffentlichung": p.is_public,
            "anonymisiert": p.anonymised_at is not None,
        },
    )
