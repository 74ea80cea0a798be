from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from ...regions.models import Region

router = Router(tags=["Regionen"])


class RegionOut(Schema):
    ags: str
    name: str
    art: str
    regierungsbezirk: str
    regierungsbezirk_name: str
    schulamt: str
    bezirksregierung: str


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


@router.get("", response=list[RegionOut], summary="Die 53 Kreise und kreisfreien Städte")
def region_list(request):
    return [region_out(r) for r in Region.objects.select_related("regierungsbezirk", "schulamt")]


@router.get("/{ags}", response=RegionOut, summary="Eine Region")
def region_detail(request, ags: str):
    region = get_object_or_404(
        Region.objects.select_related("regierungsbezirk", "schulamt"), ags=ags
    )
    return region_out(region)
