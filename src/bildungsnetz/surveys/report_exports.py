"""CSV and XLSX of a survey report: one flat table, full precision, suppression kept.

The rows come from an already built (and, for a Bildungsbüro, scoped) ``SurveyReport``;
a suppressed value is an empty cell with the note "weniger als N Antworten". Free-text
answers are never exported. Cells go through ``core.exports`` (formula-injection safe).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..core.exports import csv_response, dated_filename, xlsx_response
from .report import Share, SurveyReport


def header() -> list[str]:
    return [
        _("Tabelle"),
        _("Kennung"),
        _("Frage oder Dimension"),
        _("Dimension"),
        _("AGS"),
        _("Region"),
        _("gültige Antworten (n)"),
        _("Zustimmung in %"),
        _("Minimum der Regionen in %"),
        _("Maximum der Regionen in %"),
        _("eingeladen"),
        _("geantwortet"),
        _("Rücklauf in %"),
        _("Hinweis"),
    ]


def _note(suppressed: bool, secondary: bool, threshold: int) -> str:
    if suppressed and secondary:
        return _("ausgeblendet zum Schutz kleiner Gruppen")
    if suppressed:
        return _("weniger als %(n)s Antworten") % {"n": threshold}
    return ""


def _share_note(share: Share, threshold: int) -> str:
    note = _note(share.suppressed, share.secondary, threshold)
    if not note and share.pct is None:
        return _("keine gültigen Antworten")
    return note


def rows(report: SurveyReport) -> list[list]:
    t = report.threshold
    statewide = _("alle Regionen")
    out: list[list] = []
    regions = report.regions
    o = report.overall
    out.append(
        [
            _("Rücklauf"), "", "", "", "", statewide, None, None,
            report.rate_minimum, report.rate_maximum,
            o.invited, o.responded, o.response_rate, _note(o.suppressed, False, t),
        ]
    )  # fmt: skip
    for row in regions:
        out.append(
            [
                _("Rücklauf"), "", "", "", row.region.ags, row.region.name, None, None,
                None, None, row.invited, row.responded, row.response_rate,
                _note(row.suppressed, row.secondary, t),
            ]
        )  # fmt: skip
    for d in report.dimensions:
        name = d.name or _("ohne Dimension")
        out.append(
            [
                _("Dimension"), "", name, name, "", statewide, None, d.overall.pct,
                d.minimum, d.maximum, None, None, None, _share_note(d.overall, t),
            ]
        )  # fmt: skip
        for row in regions:
            share = d.by_region[row.region.pk]
            out.append(
                [
                    _("Dimension"), "", name, name, row.region.ags, row.region.name, None,
                    share.pct, None, None, None, None, None, _share_note(share, t),
                ]
            )  # fmt: skip
    for r in report.items:
        out.append(
            [
                _("Frage"), r.item.code, r.item.text, r.dimension_name, "", statewide,
                r.overall.n, r.overall.pct, r.minimum, r.maximum, None, None, None,
                _share_note(r.overall, t),
            ]
        )  # fmt: skip
        for row in regions:
            share = r.by_region[row.region.pk]
            out.append(
                [
                    _("Frage"), r.item.code, r.item.text, r.dimension_name, row.region.ags,
                    row.region.name, share.n, share.pct, None, None, None, None, None,
                    _share_note(share, t),
                ]
            )  # fmt: skip
    for c in report.choices:
        for option, count, percent in c.options:
            out.append(
                [
                    _("Auswahl"), c.item.code, f"{c.item.text} – {option}", "", "", statewide,
                    count, percent, None, None, None, None, None,
                    _note(c.suppressed, False, t),
                ]
            )  # fmt: skip
    return out


def report_export_response(report: SurveyReport, format: str) -> HttpResponse:
    stem = "auswertung-" + (slugify(report.survey.title) or str(report.survey.pk))
    if format == "xlsx":
        return xlsx_response(dated_filename(stem, "xlsx"), header(), rows(report), _("Auswertung"))
    return csv_response(dated_filename(stem, "csv"), header(), rows(report))
