from django.http import Http404
from ninja import Field, Query, Router, Schema

from ...regions.models import Region
from ..errors import ErrorOut, ValidationErrorOut
from ..pagination import Page, PageParams, paginate

router = Router(tags=["Regionen"])


class RegionOut(Schema):
    ags: str
    name: str
    art: str
    regierungsbezirk: str
    regierungsbezirk_name: str
    schulamt: str
    bezirksregierung: str


class RegionFilter(PageParams):
    regierungsbezirk: str = Field("", max_length=3, description="Schlüssel, z. B. 059")
    art: str = Field("", max_length=20, description="kreisfreie_stadt oder kreis")


def region_out(region: Region) -> dict:
    return {
        "ags": region.ags,
        "name": region.name,
        "art": region.kind,
        "regierungsbezirk": region.regierungsbezirk.code,
        "regierungsbezirk_name": region.regierungsbezirk.name,
        "schulamt": region.schulamt.name,
        "bezirksregierung": region.regierungsbezirk.bezirksregierung_name,
    }


@router.get(
    "",
    response={200: Page[RegionOut], 422: ValidationErrorOut},
    summary="Die 53 Kreise und kreisfreien Städte",
)
def region_list(request, filters: Query[RegionFilter]):
    qs = Region.objects.select_related("regierungsbezirk", "schulamt").order_by("ags")
    if filters.regierungsbezirk:
        qs = qs.filter(regierungsbezirk__code=filters.regierungsbezirk)
    if filters.art:
        qs = qs.filter(kind=filters.art)
    return paginate(qs, filters, region_out)


@router.get("/{ags}", response={200: RegionOut, 404: ErrorOut}, summary="Eine Region")
def region_detail(request, ags: str):
    region = (
        Region.objects.select_related("regierungsbezirk", "schulamt").filter(ags=ags[:5]).first()
    )
    if region is None:
        raise Http404(f"Keine Region mit dem Kreisschlüssel {ags}.")
    return region_out(region)
