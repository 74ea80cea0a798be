"""Support catalogue (Referenzrahmen 6.6): criteria and published materials, read-only."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema

from ...catalogue.models import MaterialKind
from ...catalogue.selectors import SearchFilter, criteria_overview, search
from ..errors import ValidationErrorOut
from ..pagination import Page, PageParams, paginate

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


class MaterialPage(Page[MaterialOut]):
    query: str
    partial: bool


class MaterialFilter(PageParams):
    q: str = Field("", max_length=200, description="Suchwörter (Volltext)")
    criterion: str = Field("", max_length=10, description="Kriterium, z. B. 6.6.9")
    kind: MaterialKind | None = None
    provider: str = Field("", max_length=200)
    region: str = Field("", max_length=5, description="leer, nrw oder ein Kreisschlüssel")
    limit: int = Field(20, ge=1, le=100, description="Einträge je Seite (1–100)")


@router.get(
    "/criteria",
    response={200: Page[CriterionOut], 422: ValidationErrorOut},
    summary="Die 14 Kriterien 6.6.1–6.6.14",
)
def criterion_list(request, page: Query[PageParams]):
    rows = [
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
    return paginate(rows, page, lambda row: row)


@router.get(
    "/materials",
    response={200: MaterialPage, 422: ValidationErrorOut},
    summary="Veröffentlichte Materialien; mit q: Volltextsuche, beste Treffer zuerst",
)
def material_list(request, filters: Query[MaterialFilter]):
    """``region``: leer = alle, ``nrw`` = nur landesweite, AGS = landesweite + diese Region.
    ``limit`` höchstens 100."""
    limit, offset = filters.limit, filters.offset
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
    return {
        "query": filters.q,
        "count": len(result),
        "limit": limit,
        "offset": offset,
        "partial": result.partial,
        "items": items,
    }
