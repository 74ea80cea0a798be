"""Read-only API of survey reports, with the same anonymity rules as the report page.

Who may read: the Land (every region) and the Bildungsbüro of a taking-part region (its
own region by name, the statewide figures, the anonymous regional minimum and maximum) –
``surveys.report_access``, the same check as ``surveys/views/report.py``. Groups below the
survey's anonymity threshold are ``null`` with ``suppressed: true``; free texts never appear.
Authentication: an API token (``Authorization: Bearer``) or the browser session
(``api.auth.internal_auth``); the token acts with its account's rights.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema

from ...surveys.models import Survey
from ...surveys.report import report_json
from ...surveys.report_access import report_for_user
from ..auth import internal_auth
from ..errors import ErrorOut

router = Router(tags=["Befragungen"])


class SurveyInfoOut(Schema):
    id: int
    title: str
    instrument: str
    target_group: str
    anonymity_threshold: int


class RegionShareOut(Schema):
    ags: str
    n: int | None
    agree_pct: float | None
    suppressed: bool = False


class ItemOut(Schema):
    code: str
    text: str
    dimension: str
    n: int | None
    agree_pct: float | None
    region_min_pct: float | None
    region_max_pct: float | None
    suppressed: bool = False
    by_region: list[RegionShareOut]


class DimensionOut(Schema):
    name: str
    agree_pct: float | None
    region_min_pct: float | None
    region_max_pct: float | None
    suppressed: bool = False
    by_region: list[RegionShareOut]


class RegionRateOut(Schema):
    ags: str
    invited: int
    responded: int | None
    response_rate: float | None
    suppressed: bool = False


class OverallOut(Schema):
    invited: int
    responded: int | None
    response_rate: float | None
    region_min_rate: float | None
    region_max_rate: float | None
    suppressed: bool = False


class ReportOut(Schema):
    survey: SurveyInfoOut
    items: list[ItemOut]
    dimensions: list[DimensionOut]
    regions: list[RegionRateOut]
    overall: OverallOut


@router.get(
    "/{int:survey_id}/report",
    response={200: ReportOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=internal_auth,
    summary="Auswertung einer Befragung (Zustimmung, Rücklauf; Gruppen unter der "
    "Anonymitätsschwelle ohne Zahlen)",
)
def survey_report(request, survey_id: int):
    survey = Survey.objects.select_related("instrument").filter(pk=survey_id).first()
    if survey is None:
        raise Http404("Keine Befragung mit dieser Nummer.")
    try:
        report = report_for_user(request.user, survey)
    except PermissionDenied as exc:
        raise PermissionDenied(
            "Nur das Land und die Bildungsbüros teilnehmender Regionen sehen diese Auswertung."
        ) from exc
    data = report_json(report)

    def by_region(result) -> list[dict]:
        # Regions the caller may see by name (the Land: all); suppressed ones without numbers.
        rows = []
        for row in report.regions:
            share = result.by_region[row.region.pk]
            rows.append(
                {
                    "ags": row.region.ags,
                    "n": share.n,
                    "agree_pct": share.pct,
                    "suppressed": share.suppressed,
                }
            )
        return rows

    for out, item in zip(data["items"], report.items, strict=True):
        out["region_min_pct"], out["region_max_pct"] = item.minimum, item.maximum
        out["by_region"] = by_region(item)
    for out, dim in zip(data["dimensions"], report.dimensions, strict=True):
        out["region_min_pct"], out["region_max_pct"] = dim.minimum, dim.maximum
        out["by_region"] = by_region(dim)
    data["overall"]["region_min_rate"] = report.rate_minimum
    data["overall"]["region_max_rate"] = report.rate_maximum
    return data
