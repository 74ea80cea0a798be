"""Support catalogue (Referenzrahmen 6.6): criteria and published materials, read-only."""

from datetime import date, datetime

from ninja import Query, Router, Schema

from ...catalogue.models import MaterialKind
from ...catalogue.selectors import SearchFilter, criteria_overview, search

router = Router(tags=["Unterstützungskatalog"])


class CriterionOut(Schema):
    number: str
    title: str
    key_statements: list[str]
    key_statements_open: bool
    explanation: str
    materials_nrw: int
    materials_regional: int


class ProviderOut(Schema):
    name: str
    street: str
    postal_code: str
    city: str


class MaterialOut(Schema):
    id: int
    criterion: str
    title: str
    description: str
    kind: str
    kind_label: str
    provider: ProviderOut | None
    citation: str
    url: str
    link_pending: bool
    checked_on: date | None
    region_ags: str | None
    tags: list[str]
    link_status: int | None
    link_checked_at: datetime | None
    score: float | None
    web_url: str


class MaterialPage(Schema):
    query: str
    count: int
    partial: bool
    items: list[MaterialOut]


class MaterialFilter(Schema):
    q: str = ""
    criterion: str = ""
    kind: MaterialKind | None = None
    provider: str = ""
    region: str = ""
    limit: int = 20
    offset: int = 0


@router.get("/criteria", response=list[CriterionOut], summary="Die 14 Kriterien 6.6.1–6.6.14")
def criterion_list(request):
    return [
        {
            "number": c.number,
            "title": c.title,
            "key_statements": c.key_statements,
            "key_statements_open": c.key_statements_open,
            "explanation": c.explanation,
            "materials_nrw": c.nrw_count,
            "materials_regional": c.regional_count,
        }
        for c in criteria_overview()
    ]


@router.get(
    "/materials",
    response=MaterialPage,
    summary="Veröffentlichte Materialien; mit q: Volltextsuche, beste Treffer zuerst",
)
def material_list(request, filters: Query[MaterialFilter]):
    """``region``: leer = alle, ``nrw`` = nur landesweite, AGS = landesweite + diese Region.
    ``limit`` höchstens 100."""
    limit = max(1, min(filters.limit, 100))
    offset = max(0, filters.offset)
    flt = SearchFilter(
        query=filters.q,
        criterion=filters.criterion,
        kind=filters.kind.value if filters.kind else "",
        provider=filters.provider,
        region=filters.region,
    )
    result = search(flt)
    items = [
        {
            "id": h.material.pk,
            "criterion": h.material.criterion.number,
            "title": h.material.title,
            "description": h.material.description,
            "kind": h.material.kind,
            "kind_label": str(h.material.get_kind_display()),
            "provider": (
                {
                    "name": h.material.provider.name,
                    "street": h.material.provider.street,
                    "postal_code": h.material.provider.postal_code,
                    "city": h.material.provider.city,
                }
                if h.material.provider_id
                else None
            ),
            "citation": h.material.citation,
            "url": h.material.url,
            "link_pending": h.material.link_pending,
            "checked_on": h.material.checked_on,
            "region_ags": h.material.region.ags if h.material.region_id else None,
            "tags": h.material.tag_list,
            "link_status": h.material.link_status,
            "link_checked_at": h.material.link_checked_at,
            "score": h.score,
            "web_url": request.build_absolute_uri(h.material.get_absolute_url()),
        }
        for h in result.hits(offset, offset + limit)
    ]
    return {"query": filters.q, "count": len(result), "partial": result.partial, "items": items}
