"""Survey reports: plain arithmetic over database aggregates (see docs/surveys.md, "Auswertung").

* **Agreement** of an item = share of "trifft voll zu" and "trifft eher zu" among the valid
  answers (the four scale values). "keine Angabe" and missing answers are not in the base;
  ``n`` is the number of valid answers.
* **Dimension** = mean of its items' agreement percentages (not pooled over answers).
* **Response rate** = responses / invited, invited = e-mail invitations of the region plus
  ``SurveyRegion.invited_offline``.
* **Anonymity**: a region with fewer responses than ``survey.anonymity_threshold`` is
  suppressed in every table (items, dimensions, responded count, response rate). So that a
  suppressed region cannot be recovered by subtracting the visible regions from the
  statewide total, further regions (smallest first) are suppressed until the suppressed
  regions together hold at least ``threshold`` responses ("secondary suppression"). The
  statewide figures are suppressed when all responses together are fewer than the threshold.
  Suppressed values are ``None`` here, never a number.
* Regional minimum and maximum are taken over non-suppressed regions only.

Only a handful of GROUP BY queries are run, whatever the number of answers; free-text
answers are read only by ``free_texts`` (staff view).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from .models import (
    AGREE_VALUES,
    VALID_AGREEMENT_VALUES,
    Answer,
    Invitation,
    Item,
    ItemKind,
    Response,
    Survey,
    SurveyRegion,
    TargetGroup,
)

_AGREE = {str(v) for v in AGREE_VALUES}
_VALID = {str(v) for v in VALID_AGREEMENT_VALUES}


def round_half_up(value: float | None) -> int | None:
    """A percentage for display: rounded half up to a whole number (62.5 → 63, 0.5 → 1).

    Python's ``round`` rounds half to even (``round(62.5) == 62``), which is not what
    readers of a report expect. ``str(value)`` is the shortest exact representation of
    the float, so 62.5 stays 62.5 and is not turned into 62.4999….
    """
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _pct(part: int, whole: int) -> float | None:
    return part * 100.0 / whole if whole else None


def _mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _min_max(values: list[float | None]) -> tuple[float | None, float | None]:
    present = [v for v in values if v is not None]
    return (min(present), max(present)) if present else (None, None)


@dataclass(frozen=True)
class Share:
    """Agreement of one group. ``n`` valid answers, ``pct`` 0–100 (``None`` without valid
    answers). A suppressed share carries no numbers at all."""

    n: int | None
    pct: float | None
    suppressed: bool = False
    # Hidden although large enough, so that a small region cannot be recovered.
    secondary: bool = False

    @classmethod
    def of(cls, agree: int, valid: int) -> Share:
        return cls(n=valid, pct=_pct(agree, valid))


SUPPRESSED = Share(n=None, pct=None, suppressed=True)
SECONDARY = Share(n=None, pct=None, suppressed=True, secondary=True)


@dataclass
class RegionRow:
    region: object  # regions.Region
    invited: int
    responded: int | None  # None when suppressed
    response_rate: float | None
    suppressed: bool = False
    # Suppressed only so that another small region cannot be recovered by subtraction.
    secondary: bool = False


@dataclass
class Overall:
    invited: int
    responded: int | None
    response_rate: float | None
    suppressed: bool = False


@dataclass
class ItemResult:
    item: Item
    overall: Share
    by_region: dict[int, Share]
    minimum: float | None
    maximum: float | None

    @property
    def dimension_name(self) -> str:
        return self.item.dimension.name if self.item.dimension_id else ""


@dataclass
class DimensionResult:
    name: str
    overall: Share  # ``n`` is the number of items with a value
    by_region: dict[int, Share]
    minimum: float | None
    maximum: float | None
    items: list[ItemResult] = field(default_factory=list)


@dataclass
class ChoiceResult:
    """A single-choice item: count per option statewide (suppressed with the statewide)."""

    item: Item
    n: int | None
    options: list[tuple[str, int | None, float | None]]  # option, count, percent
    suppressed: bool = False


@dataclass
class SurveyReport:
    survey: Survey
    threshold: int
    target_group: str
    regions: list[RegionRow]
    overall: Overall
    rate_minimum: float | None
    rate_maximum: float | None
    items: list[ItemResult]
    dimensions: list[DimensionResult]
    choices: list[ChoiceResult]
    # ``None``: every region visible (the Land); else the ids a Bildungsbüro may see.
    visible_region_ids: frozenset[int] | None = None

    @property
    def target_group_label(self) -> str:
        return str(TargetGroup(self.target_group).label)

    @property
    def suppressed_region_ids(self) -> set[int]:
        return {row.region.pk for row in self.regions if row.suppressed}

    def scoped(self, region_ids) -> SurveyReport:
        """The same report for a Bildungsbüro: its own regions by name, the statewide figures
        and the minimum and maximum of all regions (which stay anonymous)."""
        ids = frozenset(region_ids)
        items = [
            ItemResult(
                i.item,
                i.overall,
                {k: v for k, v in i.by_region.items() if k in ids},
                i.minimum,
                i.maximum,
            )
            for i in self.items
        ]
        by_item = {i.item.pk: i for i in items}
        dims = [
            DimensionResult(
                d.name,
                d.overall,
                {k: v for k, v in d.by_region.items() if k in ids},
                d.minimum,
                d.maximum,
                [by_item[i.item.pk] for i in d.items],
            )
            for d in self.dimensions
        ]
        return SurveyReport(
            survey=self.survey,
            threshold=self.threshold,
            target_group=self.target_group,
            regions=[r for r in self.regions if r.region.pk in ids],
            overall=self.overall,
            rate_minimum=self.rate_minimum,
            rate_maximum=self.rate_maximum,
            items=items,
            dimensions=dims,
            choices=self.choices,
            visible_region_ids=ids,
        )


def suppressed_regions(responded: dict[int, int], threshold: int, order_key) -> dict[int, bool]:
    """Regions to suppress: ``{region_id: secondary?}``.

    Primary: fewer than ``threshold`` responses. Secondary: while the suppressed regions
    together hold between 1 and ``threshold - 1`` responses, the statewide total minus the
    visible regions would reveal them — so the smallest visible region is suppressed too,
    until the pool is large enough (or nothing is visible any more).
    """
    result = {rid: False for rid, n in responded.items() if n < threshold}
    pool = sum(responded[rid] for rid in result)
    candidates = sorted(
        (rid for rid in responded if rid not in result),
        key=lambda rid: (responded[rid], order_key(rid)),
    )
    while 0 < pool < threshold and candidates:
        rid = candidates.pop(0)
        result[rid] = True
        pool += responded[rid]
    return result


def participating_region_ids(survey: Survey) -> set[int]:
    """Regions that take part: listed, invited, answered, or the survey's own region."""
    ids = set(SurveyRegion.objects.filter(survey=survey).values_list("region_id", flat=True))
    ids |= set(Invitation.objects.filter(survey=survey).values_list("region_id", flat=True))
    ids |= set(Response.objects.filter(survey=survey).values_list("region_id", flat=True))
    if survey.region_id:
        ids.add(survey.region_id)
    return ids


def build_report(survey: Survey) -> SurveyReport:
    """The full report (every region). Use ``SurveyReport.scoped`` for a Bildungsbüro."""
    from bildungsnetz.regions.models import Region

    threshold = max(3, survey.anonymity_threshold)
    instrument = survey.instrument

    # --- counts per region: four queries, each a GROUP BY region
    invited_email = dict(
        Invitation.objects.filter(survey=survey)
        .values_list("region_id")
        .annotate(n=Count("id"))
        .values_list("region_id", "n")
    )
    offline = dict(
        SurveyRegion.objects.filter(survey=survey).values_list("region_id", "invited_offline")
    )
    responded = dict(
        Response.objects.filter(survey=survey)
        .values_list("region_id")
        .annotate(n=Count("id"))
        .values_list("region_id", "n")
    )
    region_ids = set(invited_email) | set(offline) | set(responded)
    if survey.region_id:
        region_ids.add(survey.region_id)
    regions = {r.pk: r for r in Region.objects.filter(pk__in=region_ids)}
    all_responded = {rid: responded.get(rid, 0) for rid in regions}
    hidden = suppressed_regions(all_responded, threshold, lambda rid: regions[rid].ags)

    total_responded = sum(all_responded.values())
    total_invited = sum(invited_email.values()) + sum(offline.values())
    statewide_suppressed = total_responded < threshold

    rows = []
    for rid, region in sorted(regions.items(), key=lambda kv: (kv[1].name, kv[1].ags)):
        invited = invited_email.get(rid, 0) + offline.get(rid, 0)
        if rid in hidden:
            rows.append(RegionRow(region, invited, None, None, True, hidden[rid]))
        else:
            n = all_responded[rid]
            rows.append(RegionRow(region, invited, n, _pct(n, invited)))
    rate_min, rate_max = _min_max([r.response_rate for r in rows if not r.suppressed])
    overall = (
        Overall(total_invited, None, None, True)
        if statewide_suppressed
        else Overall(total_invited, total_responded, _pct(total_responded, total_invited))
    )

    # --- answers: one GROUP BY (item, region, value) query
    items = list(instrument.items.select_related("dimension").order_by("position", "id"))
    counts: dict[tuple[int, int], dict[str, int]] = {}
    totals: dict[int, dict[str, int]] = {}
    rows_qs = (
        Answer.objects.filter(response__survey=survey, item_id__in=[i.pk for i in items])
        .exclude(value="")
        .values_list("item_id", "response__region_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    for item_id, rid, value, n in rows_qs:
        bucket = counts.setdefault((item_id, rid), {})
        bucket[value] = bucket.get(value, 0) + n
        total = totals.setdefault(item_id, {})
        total[value] = total.get(value, 0) + n

    def share(values: dict[str, int]) -> Share:
        valid = sum(n for v, n in values.items() if v in _VALID)
        agree = sum(n for v, n in values.items() if v in _AGREE)
        return Share.of(agree, valid)

    item_results = []
    for item in items:
        if item.kind != ItemKind.AGREEMENT:
            continue
        by_region = {}
        for rid in regions:
            if rid in hidden:
                by_region[rid] = SECONDARY if hidden[rid] else SUPPRESSED
            else:
                by_region[rid] = share(counts.get((item.pk, rid), {}))
        overall_share = SUPPRESSED if statewide_suppressed else share(totals.get(item.pk, {}))
        lo, hi = _min_max([s.pct for s in by_region.values() if not s.suppressed])
        item_results.append(ItemResult(item, overall_share, by_region, lo, hi))

    dimension_results = []
    dims = list(instrument.dimensions.order_by("position", "id"))
    groups = [(d.name, [r for r in item_results if r.item.dimension_id == d.pk]) for d in dims]
    rest = [r for r in item_results if r.item.dimension_id is None]
    if rest:
        groups.append(("", rest))
    for name, members in groups:
        if not members:
            continue
        overall_share = _dimension_share([m.overall for m in members])
        by_region = {rid: _dimension_share([m.by_region[rid] for m in members]) for rid in regions}
        lo, hi = _min_max([s.pct for s in by_region.values() if not s.suppressed])
        dimension_results.append(DimensionResult(name, overall_share, by_region, lo, hi, members))

    choice_results = []
    for item in items:
        if item.kind != ItemKind.SINGLE:
            continue
        values = totals.get(item.pk, {})
        if statewide_suppressed:
            choice_results.append(
                ChoiceResult(item, None, [(o, None, None) for o in item.choices], True)
            )
            continue
        n = sum(values.values())
        options = [(o, values.get(o, 0), _pct(values.get(o, 0), n)) for o in item.choices]
        choice_results.append(ChoiceResult(item, n, options))

    return SurveyReport(
        survey=survey,
        threshold=threshold,
        target_group=instrument.target_group,
        regions=rows,
        overall=overall,
        rate_minimum=rate_min,
        rate_maximum=rate_max,
        items=item_results,
        dimensions=dimension_results,
        choices=choice_results,
    )


def _dimension_share(shares: list[Share]) -> Share:
    """Mean of the items' percentages; items without valid answers are left out."""
    hidden = [s for s in shares if s.suppressed]
    if hidden:
        return hidden[0]
    pcts = [s.pct for s in shares if s.pct is not None]
    return Share(n=len(pcts), pct=_mean(pcts))


def free_texts(report: SurveyReport) -> list[dict]:
    """Free-text answers for the staff view: only from regions that are visible and not
    suppressed, sorted by text (never in submission order). Not part of any export."""
    allowed = {row.region.pk for row in report.regions if not row.suppressed}
    if report.visible_region_ids is not None:
        allowed &= report.visible_region_ids
    if not allowed:
        return []
    regions = {row.region.pk: row.region for row in report.regions}
    items = [i for i in report.survey.instrument.items.all() if i.kind == ItemKind.TEXT]
    result = []
    for item in items:
        texts = (
            Answer.objects.filter(
                item=item, response__survey=report.survey, response__region_id__in=allowed
            )
            .exclude(text="")
            .values_list("response__region_id", "text")
            .order_by("response__region__name", "text")
        )
        grouped: dict[int, list[str]] = {}
        for rid, text in texts:
            grouped.setdefault(rid, []).append(text)
        result.append(
            {
                "item": item,
                "regions": [(regions[rid], grouped[rid]) for rid in grouped],
            }
        )
    return result


def report_json(report: SurveyReport) -> dict:
    """The report as one JSON-ready dict (command ``survey_report --json`` and the API).

    Full-precision numbers; suppressed values are ``null`` with ``"suppressed": true``.
    """

    def with_flag(data: dict, suppressed: bool) -> dict:
        if suppressed:
            data["suppressed"] = True
        return data

    survey = report.survey
    return {
        "survey": {
            "id": survey.pk,
            "title": survey.title,
            "instrument": survey.instrument.code,
            "target_group": report.target_group,
            "anonymity_threshold": report.threshold,
        },
        "items": [
            with_flag(
                {
                    "code": r.item.code,
                    "text": r.item.text,
                    "dimension": r.dimension_name,
                    "n": r.overall.n,
                    "agree_pct": r.overall.pct,
                },
                r.overall.suppressed,
            )
            for r in report.items
        ],
        "dimensions": [
            with_flag({"name": d.name, "agree_pct": d.overall.pct}, d.overall.suppressed)
            for d in report.dimensions
        ],
        "regions": [
            with_flag(
                {
                    "ags": row.region.ags,
                    "invited": row.invited,
                    "responded": row.responded,
                    "response_rate": row.response_rate,
                },
                row.suppressed,
            )
            for row in report.regions
        ],
        "overall": with_flag(
            {
                "invited": report.overall.invited,
                "responded": report.overall.responded,
                "response_rate": report.overall.response_rate,
            },
            report.overall.suppressed,
        ),
    }


def target_group_summary(surveys) -> list[dict]:
    """Statewide agreement per target group over several surveys (e.g. the actors' and the
    mayors' survey of one period): per dimension name the mean of the item percentages of
    every non-suppressed survey of that group, and the pooled response rate.

    Each entry: ``target_group``, ``label``, ``surveys`` (count), ``invited``, ``responded``
    (``None`` if any survey of the group is suppressed statewide), ``response_rate``,
    ``dimensions`` ``[(name, pct)]``.
    """
    groups: dict[str, list[SurveyReport]] = {}
    for survey in surveys:
        report = build_report(survey)
        groups.setdefault(report.target_group, []).append(report)
    result = []
    for key, reports in groups.items():
        suppressed = any(r.overall.suppressed for r in reports)
        invited = sum(r.overall.invited for r in reports)
        responded = None if suppressed else sum(r.overall.responded for r in reports)
        names: list[str] = []
        pcts: dict[str, list[float]] = {}
        for r in reports:
            for d in r.dimensions:
                if d.name not in pcts:
                    names.append(d.name)
                    pcts[d.name] = []
                pcts[d.name].extend(i.overall.pct for i in d.items if i.overall.pct is not None)
        result.append(
            {
                "target_group": key,
                "label": str(TargetGroup(key).label),
                "surveys": len(reports),
                "invited": invited,
                "responded": responded,
                "response_rate": None if responded is None else _pct(responded, invited),
                "dimensions": [(name, _mean(pcts[name])) for name in names],
            }
        )
    return result
