"""Bildungspartner NRW: public institutions and public partnerships, read-only.

Only public fields: contact persons appear only with their recorded consent; signers,
agreement contacts and drafts never appear.
"""

from datetime import date, datetime

from django.db.models import Prefetch
from django.http import Http404
from ninja import Query, Router, Schema

from ...partners.models import Handlungsfeld, Institution, InstitutionContact, InstitutionKind
from ...partners.selectors import RegistryFilter, public_partnerships

router = Router(tags=["Bildungspartner"])
MAX_LIMIT = 500


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


class InstitutionPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[InstitutionOut]


class InstitutionFilter(Schema):
    region: str = ""
    kind: InstitutionKind | None = None
    plz: str = ""
    offset: int = 0
    limit: int = 100


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


class PartnershipPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[PartnershipOut]


class PartnershipFilter(Schema):
    region: str = ""
    kind: InstitutionKind | None = None
    handlungsfeld: Handlungsfeld | None = None
    offset: int = 0
    limit: int = 100


def _window(offset: int, limit: int) -> tuple[int, int]:
    return max(0, offset), max(1, min(MAX_LIMIT, limit))


def institution_out(inst: Institution) -> dict:
    return {
        "id": inst.pk,
        "name": inst.name,
        "kind": inst.kind,
        "kind_label": str(inst.get_kind_display()),
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
    "", response=InstitutionPage, summary="Geprüfte außerschulische Einrichtungen (öffentlich)"
)
def institutions(request, filters: Query[InstitutionFilter]):
    offset, limit = _window(filters.offset, filters.limit)
    qs = _public_institutions()
    if filters.region:
        qs = qs.filter(region__ags=filters.region)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.plz:
        qs = qs.filter(plz=filters.plz)
    qs = qs.order_by("name", "id")
    return {
        "count": qs.count(),
        "offset": offset,
        "limit": limit,
        "items": [institution_out(i) for i in qs[offset : offset + limit]],
    }


@router.get("/{institution_id}", response=InstitutionOut, summary="Eine geprüfte Einrichtung")
def institution_detail(request, institution_id: int):
    inst = _public_institutions().filter(pk=institution_id).first()
    if inst is None:
        raise Http404(f"Keine öffentliche Einrichtung mit der Nummer {institution_id}.")
    return institution_out(inst)


partnerships_router = Router(tags=["Bildungspartner"])


@partnerships_router.get(
    "", response=PartnershipPage, summary="Öffentliche Bildungspartnerschaften („Wir sind dabei“)"
)
def partnerships(request, filters: Query[PartnershipFilter]):
    offset, limit = _window(filters.offset, filters.limit)
    qs = public_partnerships(
        RegistryFilter(
            region_ags=filters.region,
            kind=filters.kind or "",
            handlungsfeld=filters.handlungsfeld or "",
        )
    )
    items = []
    for p in qs[offset : offset + limit]:
        third = p.third_institution
        items.append(
            {
                "id": p.pk,
                "title": p.title,
                "handlungsfeld": p.handlungsfeld,
                "handlungsfeld_label": str(p.get_handlungsfeld_display()),
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
        )
    return {"count": qs.count(), "offset": offset, "limit": limit, "items": items}
