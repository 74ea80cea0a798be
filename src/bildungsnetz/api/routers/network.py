"""Read-only API of the Regionale Bildungsnetzwerke: public fields only.

The region is resolved by ``get_region_or_404`` – the same lookup as the pages
(network/selectors.py). Member names appear only with the person's recorded consent.
"""

from ninja import Router, Schema

from ...network.models import Body, BodyKind, Meeting
from ...network.selectors import (
    get_region_or_404,
    network_or_blank,
    practice_examples,
    seat_check_for_body,
    statewide_overview,
)

router = Router(tags=["Netzwerke"])


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


@router.get("", response=list[NetworkSummaryOut], summary="Alle 53 Bildungsnetzwerke")
def network_list(request):
    return [
        {
            "ags": row["region"].ags,
            "name": row["region"].name,
            "art": row["region"].kind,
            "vereinbarung": row["status"],
            "unterzeichnet_am": row["signed_on"].isoformat() if row["signed_on"] else None,
        }
        for row in statewide_overview()["rows"]
    ]


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


@router.get(
    "/practice-examples",
    response=list[PracticeExampleOut],
    summary="Öffentliche Praxisbeispiele (gute Praxis), durchsuchbar",
)
def practice_example_list(request, q: str = "", region: str = "", thema: str = ""):
    """Only public examples; the contact person is named only with recorded consent."""
    return [
        {
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
        }
        for e in practice_examples(q=q[:100], region_ags=region[:5], topic=thema[:30])
    ]


@router.get("/{ags}", response=NetworkOut, summary="Ein Bildungsnetzwerk mit Gremien")
def network_detail(request, ags: str):
    region = get_region_or_404(ags)
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


@router.get("/{ags}/bodies", response=list[BodyOut], summary="Gremien mit Sitzprüfung")
def network_bodies(request, ags: str):
    region = get_region_or_404(ags)
    return [_body(b) for b in Body.objects.for_region(region).select_related("region")]


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
    "/{ags}/meetings", response=list[MeetingOut], summary="Öffentliche Sitzungen einer Region"
)
def network_meetings(request, ags: str):
    """Public meetings only (the same rule as the public region page, twin of
    ``network.selectors.visible_meetings`` for anonymous users); minutes only if public."""
    region = get_region_or_404(ags)
    meetings = (
        Meeting.objects.for_region(region)
        .filter(is_public=True)
        .select_related("body", "body__region")
        .order_by("-starts_at")
    )
    return [
        {
            "id": m.pk,
            "gremium": m.body.name,
            "gremium_art": m.body.kind,
            "titel": m.title,
            "beginn": m.starts_at.isoformat(),
            "ende": m.ends_at.isoformat() if m.ends_at else None,
            "ort": m.location,
            "protokoll": m.minutes if m.minutes_public else None,
            "url": m.get_absolute_url(),
        }
        for m in meetings
    ]
