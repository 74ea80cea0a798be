"""Bildungspartner NRW: public institutions and public partnerships, read-only.

Only public fields: contact persons appear only with their recorded consent; signers,
agreement contacts and drafts never appear.
"""

from datetime import date, datetime

from django.db.models import Prefetch, Q
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from ...partners.models import (
    ELIGIBLE_KINDS,
    Handlungsfeld,
    Institution,
    InstitutionContact,
    InstitutionKind,
)
from ...partners.selectors import RegistryFilter, public_partnerships
from ..errors import ErrorOut, ValidationErrorOut
from ..pagination import Page, PageParams, paginate

router = Router(tags=["Bildungspartner"])
# Lazy labels, looked up by value: ``get_FOO_display`` per row costs ~1 ms on long lists.
KIND_LABELS = dict(InstitutionKind.choices)
FIELD_LABELS = dict(Handlungsfeld.choices)


class ContactOut(Schema):
    name: str
    function: str
    email: str
    telefon: str


class InstitutionOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    eligible: bool
    strasse: str
    plz: str
    ort: str
    lat: float | None
    lon: float | None
    geocode_method: str
    kreis_ags: str | None
    kreis_name: str | None
    email: str
    telefon: str
    homepage: str
    contacts: list[ContactOut]
    web_url: str


class InstitutionFilter(PageParams):
    region: str = Field("", max_length=5, description="Kreisschlüssel (AGS)")
    kind: InstitutionKind | None = None
    plz: str = Field("", max_length=5)
    q: str = Field("", max_length=100, description="Teil des Namens oder Orts")
    berechtigt: bool | None = Field(
        None, description="nur Einrichtungen, die allein Bildungspartner sein können"
    )


class PartyOut(Schema):
    id: int
    name: str
    kind: str


class SchoolRef(Schema):
    schulnummer: str
    name: str
    ort: str
    kreis_ags: str


class PartnershipOut(Schema):
    id: int
    title: str
    handlungsfeld: str
    handlungsfeld_label: str
    school: SchoolRef
    institution: PartyOut
    third_institution: PartyOut | None
    start_date: date | None
    end_date: date | None
    registered_at: datetime | None
    web_url: str


class PartnershipFilter(PageParams):
    region: str = Field("", max_length=5, description="Kreisschlüssel (AGS) der Schule")
    kind: InstitutionKind | None = None
    handlungsfeld: Handlungsfeld | None = None
    schulnummer: str = Field("", max_length=6)


def institution_out(inst: Institution) -> dict:
    return {
        "id": inst.pk,
        "name": inst.name,
        "kind": inst.kind,
        "kind_label": str(KIND_LABELS.get(inst.kind, inst.kind)),
        "eligible": inst.is_eligible,
        "strasse": inst.strasse,
        "plz": inst.plz,
        "ort": inst.ort,
        "lat": inst.lat,
        "lon": inst.lon,
        "geocode_method": inst.geocode_method,
        "kreis_ags": inst.region.ags if inst.region_id else None,
        "kreis_name": inst.region.name if inst.region_id else None,
        "email": inst.email,
        "telefon": inst.telefon,
        "homepage": inst.homepage,
        # Prefetched with consent only (see the list query).
        "contacts": [
            {"name": c.name, "function": c.function, "email": c.email, "telefon": c.telefon}
            for c in inst.contacts.all()
            if c.consent_public
        ],
        "web_url": inst.get_absolute_url(),
    }


def _public_institutions():
    consented = InstitutionContact.objects.filter(consent_public=True).order_by("name", "id")
    return (
        Institution.objects.public()
        .select_related("region")
        .prefetch_related(Prefetch("contacts", queryset=consented))
    )


@router.get(
    "",
    response={200: Page[InstitutionOut], 422: ValidationErrorOut},
    summary="Geprüfte außerschulische Einrichtungen (öffentlich)",
)
def institutions(request, filters: Query[InstitutionFilter]):
    qs = _public_institutions()
    if filters.region:
        qs = qs.filter(region__ags=filters.region)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.plz:
        qs = qs.filter(plz=filters.plz)
    if filters.q.strip():
        term = filters.q.strip()
        qs = qs.filter(Q(name__icontains=term) | Q(ort__icontains=term))
    if filters.berechtigt is not None:
        eligible = Q(kind__in=ELIGIBLE_KINDS)
        qs = qs.filter(eligible if filters.berechtigt else ~eligible)
    return paginate(qs.order_by("name", "id"), filters, institution_out)


@router.get(
    "/{institution_id}",
    response={200: InstitutionOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Eine geprüfte Einrichtung",
)
def institution_detail(request, institution_id: int = Path(..., ge=1, le=2_147_483_647)):
    inst = _public_institutions().filter(pk=institution_id).first()
    if inst is None:
        raise Http404(f"Keine öffentliche Einrichtung mit der Nummer {institution_id}.")
    return institution_out(inst)


partnerships_router = Router(tags=["Bildungspartner"])


@partnerships_router.get(
    "",
    response={200: Page[PartnershipOut], 422: ValidationErrorOut},
    summary="Öffentliche Bildungspartnerschaften („Wir sind dabei“)",
)
def partnerships(request, filters: Query[PartnershipFilter]):
    qs = public_partnerships(
        RegistryFilter(
            region_ags=filters.region,
            kind=filters.kind or "",
            handlungsfeld=filters.handlungsfeld or "",
        )
    )
    if filters.schulnummer:
        qs = qs.filter(school__schulnummer=filters.schulnummer)
    return paginate(qs, filters, partnership_out)


def partnership_out(p) -> dict:
    third = p.third_institution
    return {
        "id": p.pk,
        "title": p.title,
        "handlungsfeld": p.handlungsfeld,
        "handlungsfeld_label": str(FIELD_LABELS.get(p.handlungsfeld, p.handlungsfeld)),
        "school": {
            "schulnummer": p.school.schulnummer,
            "name": p.school.name,
            "ort": p.school.ort,
            "kreis_ags": p.school.region.ags,
        },
        "institution": {
            "id": p.institution.pk,
            "name": p.institution.name,
            "kind": p.institution.kind,
        },
        "third_institution": {"id": third.pk, "name": third.name, "kind": third.kind}
        if third
        else None,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "registered_at": p.registered_at,
        "web_url": p.get_absolute_url(),
    }
