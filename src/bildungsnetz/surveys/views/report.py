"""The report page of a survey and its CSV/XLSX export (read only).

The Land sees every region; a Bildungsbüro of a taking-part region sees its region, the
statewide figures and the anonymous regional minimum and maximum (``report_access``).
Everything shown comes from ``surveys.report`` – suppressed groups carry no numbers there.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..models import Survey
from ..report import SurveyReport, free_texts, round_half_up
from ..report_access import report_for_user
from ..report_exports import report_export_response

# Geometry of the horizontal bar charts (SVG user units).
CHART_WIDTH = 520
LABEL_WIDTH = 150
BAR_AREA = 250
ROW_HEIGHT = 24
BAR_HEIGHT = 18


def _get_survey(pk: int) -> Survey:
    return get_object_or_404(Survey.objects.select_related("instrument", "region"), pk=pk)


def _share_label(share, threshold: int) -> str:
    if share.suppressed and share.secondary:
        return _("ausgeblendet zum Schutz kleiner Gruppen")
    if share.suppressed:
        return _("weniger als %(n)s Antworten") % {"n": threshold}
    if share.pct is None:
        return _("keine gültigen Antworten")
    return f"{round_half_up(share.pct)}\u00a0%"


def _chart(rows: list[tuple[str, str, object, float | None, float | None]], threshold: int):
    """Bars for ``(group label, series label, share, minimum, maximum)`` rows.

    Each bar carries its value as text; the regional span (minimum–maximum) is a thin line
    with end marks below the bar. Nothing depends on colour alone.
    """
    bars = []
    y = 8
    for group, series, share, minimum, maximum in rows:
        width = 0.0 if share.pct is None else BAR_AREA * share.pct / 100.0
        bar = {
            "label": group,
            "series": series,
            "y": y,
            "text_y": y + BAR_HEIGHT - 4,
            "width": round(width, 2),
            "value_x": round(LABEL_WIDTH + width + 6, 2),
            "value": _share_label(share, threshold),
            "span": None,
        }
        if minimum is not None and maximum is not None:
            line_y = y + BAR_HEIGHT + 3
            bar["span"] = {
                "x1": round(LABEL_WIDTH + BAR_AREA * minimum / 100.0, 2),
                "x2": round(LABEL_WIDTH + BAR_AREA * maximum / 100.0, 2),
                "y": line_y,
                "y1": line_y - 3,
                "y2": line_y + 3,
            }
        bars.append(bar)
        y += ROW_HEIGHT + (8 if bar["span"] else 2)
    grid = [{"x": LABEL_WIDTH + BAR_AREA * p / 100, "label": f"{p}\u00a0%"} for p in (0, 50, 100)]
    return {
        "bars": bars,
        "height": y + 22,
        "width": CHART_WIDTH,
        "label_x": LABEL_WIDTH - 6,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "grid": grid,
        "grid_label_y": y + 14,
        "grid_bottom": y,
    }


def _own_regions(report: SurveyReport):
    if report.visible_region_ids is None:
        return []
    return [row for row in report.regions if row.region.pk in report.visible_region_ids]


def _item_chart(report: SurveyReport):
    rows = []
    own = _own_regions(report)
    for r in report.items:
        rows.append((r.item.code, _("NRW"), r.overall, r.minimum, r.maximum))
        for row in own:
            rows.append(("", row.region.name, r.by_region[row.region.pk], None, None))
    return _chart(rows, report.threshold)


def _dimension_chart(report: SurveyReport):
    rows = []
    own = _own_regions(report)
    for d in report.dimensions:
        rows.append((d.name or _("ohne Dimension"), _("NRW"), d.overall, d.minimum, d.maximum))
        for row in own:
            rows.append(("", row.region.name, d.by_region[row.region.pk], None, None))
    return _chart(rows, report.threshold)


@login_required
@require_safe
def report(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _get_survey(pk)
    data = report_for_user(request.user, survey)
    own = _own_regions(data)
    region_columns = own if data.visible_region_ids is not None else data.regions
    return render(
        request,
        "surveys/report.html",
        {
            "survey": survey,
            "report": data,
            "full": data.visible_region_ids is None,
            "own_regions": own,
            "region_columns": region_columns,
            "comparison_columns": len(data.dimensions) + len(data.items),
            "item_chart": _item_chart(data),
            "dimension_chart": _dimension_chart(data),
            "free_texts": free_texts(data),
        },
    )


@login_required
@require_safe
def report_export(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    if format not in ("csv", "xlsx"):
        raise Http404
    survey = _get_survey(pk)
    data = report_for_user(request.user, survey)
    return report_export_response(data, format)
