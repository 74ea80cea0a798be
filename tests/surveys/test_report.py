"""Report arithmetic on hand-counted data (tests/surveys/report_data.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bildungsnetz.regions.models import Region
from bildungsnetz.surveys.models import Survey
from bildungsnetz.surveys.report import (
    build_report,
    free_texts,
    report_json,
    round_half_up,
    suppressed_regions,
    target_group_summary,
)

from .report_data import BOCHUM, GUETERSLOH, MUENSTER, SHEETS, SOEST, WARENDORF, make_survey

pytestmark = pytest.mark.django_db


def _region_id(ags):
    return Region.objects.get(ags=ags).pk


def _item(report, code):
    return next(i for i in report.items if i.item.code == code)


def _dimension(report, name):
    return next(d for d in report.dimensions if d.name == name)


def _row(report, ags):
    return next(r for r in report.regions if r.region.ags == ags)


# --- rounding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (62.5, 63),
        (0.5, 1),
        (1.5, 2),
        (2.5, 3),
        (99.5, 100),
        (62.49999, 62),
        (75.0, 75),
        (100 / 3, 33),
        (200 / 3, 67),
        (0.0, 0),
        (None, None),
    ],
)
def test_round_half_up(value, expected):
    assert round_half_up(value) == expected


def test_round_half_up_differs_from_pythons_round():
    # round() rounds half to even: the report must not.
    assert round(62.5) == 62 and round_half_up(62.5) == 63
    assert round(0.5) == 0 and round_half_up(0.5) == 1


# --- items ----------------------------------------------------------------------------


def test_item_agreement_per_region_excludes_keine_angabe_and_missing():
    report = build_report(make_survey())
    a1 = _item(report, "A1")
    bochum = a1.by_region[_region_id(BOCHUM)]
    # voll, voll, eher | eher_nicht | keine_angabe and one missing are not in the base
    assert bochum.n == 4
    assert bochum.pct == 75.0
    muenster = a1.by_region[_region_id(MUENSTER)]
    assert (muenster.n, muenster.pct) == (8, 62.5)
    assert round_half_up(muenster.pct) == 63


def test_statewide_item_agreement_counts_every_region_including_suppressed_ones():
    report = build_report(make_survey())
    a1, a2, b1 = _item(report, "A1"), _item(report, "A2"), _item(report, "B1")
    # A1: agree 3+5+4+1+0 = 13 of valid 4+8+4+2+1 = 19
    assert (a1.overall.n, a1.overall.pct) == (19, 1300 / 19)
    # A2: agree 3+2+0+2+0 = 7 of 6+8+4+2+0 = 20
    assert (a2.overall.n, a2.overall.pct) == (20, 35.0)
    # B1: agree 1+8+0+1+1 = 11 of 6+8+0+1+1 = 16 (Soest said "keine Angabe" four times)
    assert (b1.overall.n, b1.overall.pct) == (16, 68.75)
    assert round_half_up(b1.overall.pct) == 69


def test_an_item_without_valid_answers_has_no_percentage_but_is_not_zero():
    report = build_report(make_survey(threshold=3))
    soest_b1 = _item(report, "B1").by_region[_region_id(SOEST)]
    assert soest_b1.suppressed is False
    assert (soest_b1.n, soest_b1.pct) == (0, None)


def test_regional_min_max_only_over_unsuppressed_regions():
    report = build_report(make_survey())  # threshold 5: Bochum and Münster visible
    a1 = _item(report, "A1")
    assert (a1.minimum, a1.maximum) == (62.5, 75.0)  # Soest's 100 % does not count
    a2 = _item(report, "A2")
    assert (a2.minimum, a2.maximum) == (25.0, 50.0)  # Gütersloh's 100 % does not count
    b1 = _item(report, "B1")
    assert (b1.minimum, b1.maximum) == (100 / 6, 100.0)


def test_min_max_with_a_lower_threshold_includes_the_region_now_shown():
    report = build_report(make_survey(threshold=3))
    a1 = _item(report, "A1")
    assert (a1.minimum, a1.maximum) == (62.5, 100.0)  # Soest (4 responses) now shown
    a2 = _item(report, "A2")
    assert (a2.minimum, a2.maximum) == (0.0, 50.0)
    # B1: Soest has no valid answer, so it adds nothing to min/max
    assert (_item(report, "B1").minimum, _item(report, "B1").maximum) == (100 / 6, 100.0)


# --- dimensions -----------------------------------------------------------------------


def test_dimension_is_the_mean_of_item_percentages_not_pooled():
    report = build_report(make_survey())
    transparenz = _dimension(report, "Transparenz")
    # statewide: mean(1300/19, 35.0); pooled would be (13+7)/(19+20) = 51.28…
    assert transparenz.overall.pct == pytest.approx((1300 / 19 + 35.0) / 2, abs=1e-12)
    assert transparenz.overall.pct != pytest.approx(2000 / 39)
    # Bochum: mean(75.0, 50.0); Münster: mean(62.5, 25.0)
    assert transparenz.by_region[_region_id(BOCHUM)].pct == 62.5
    assert transparenz.by_region[_region_id(MUENSTER)].pct == 43.75
    assert (transparenz.minimum, transparenz.maximum) == (43.75, 62.5)
    beteiligung = _dimension(report, "Beteiligung")
    assert beteiligung.overall.pct == 68.75
    assert [d.name for d in report.dimensions] == ["Transparenz", "Beteiligung"]


def test_dimension_skips_items_without_valid_answers():
    report = build_report(make_survey(threshold=3))
    soest = _region_id(SOEST)
    # Soest: A1 100, A2 0 → Transparenz 50; B1 has no valid answer → Beteiligung none
    assert _dimension(report, "Transparenz").by_region[soest].pct == 50.0
    assert _dimension(report, "Beteiligung").by_region[soest].pct is None


# --- response rates -------------------------------------------------------------------


def test_response_rates_per_region_and_overall():
    report = build_report(make_survey())
    bochum, muenster = _row(report, BOCHUM), _row(report, MUENSTER)
    assert (bochum.invited, bochum.responded, bochum.response_rate) == (10, 6, 60.0)
    # 8 e-mail + 8 paper invitations
    assert (muenster.invited, muenster.responded, muenster.response_rate) == (16, 8, 50.0)
    assert (report.overall.invited, report.overall.responded) == (38, 21)
    assert report.overall.response_rate == 2100 / 38
    assert (report.rate_minimum, report.rate_maximum) == (50.0, 60.0)


def test_response_rate_min_max_with_threshold_three():
    report = build_report(make_survey(threshold=3))
    assert _row(report, SOEST).response_rate == 80.0
    assert (report.rate_minimum, report.rate_maximum) == (50.0, 80.0)


# --- anonymity ------------------------------------------------------------------------


def test_region_below_threshold_is_suppressed_everywhere():
    report = build_report(make_survey())  # Soest: 4 responses < 5
    soest = _region_id(SOEST)
    row = _row(report, SOEST)
    assert row.suppressed and row.responded is None and row.response_rate is None
    assert row.invited == 5  # the number of invitations reveals no answer
    for item in report.items:
        assert item.by_region[soest].suppressed
        assert item.by_region[soest].n is None and item.by_region[soest].pct is None
    for dimension in report.dimensions:
        assert dimension.by_region[soest].suppressed


def test_threshold_three_shows_a_region_with_four_responses():
    report = build_report(make_survey(threshold=3))
    soest = _region_id(SOEST)
    assert _row(report, SOEST).responded == 4
    a1 = _item(report, "A1").by_region[soest]
    assert (a1.n, a1.pct, a1.suppressed) == (4, 100.0, False)
    # Gütersloh (2) and Warendorf (1) stay hidden: together 3 responses, enough as a pool
    assert _row(report, GUETERSLOH).suppressed and _row(report, WARENDORF).suppressed
    assert not _row(report, GUETERSLOH).secondary


def test_threshold_below_three_is_rejected():
    survey = make_survey()
    survey.anonymity_threshold = 2
    with pytest.raises(ValidationError) as excinfo:
        survey.full_clean()
    assert "anonymity_threshold" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.filter(pk=survey.pk).update(anonymity_threshold=2)


def test_secondary_suppression_rule():
    order = str
    # one small region (4) alone: the next smallest visible region is hidden too
    assert suppressed_regions({1: 6, 2: 8, 3: 4}, 5, order) == {3: False, 1: True}
    # small regions together reach the threshold: nothing else hidden
    assert suppressed_regions({1: 6, 2: 8, 3: 4, 4: 1}, 5, order) == {3: False, 4: False}
    # regions without any response reveal no answer: no secondary suppression
    assert suppressed_regions({1: 6, 2: 0}, 5, order) == {2: False}
    # everything small: everything hidden
    assert suppressed_regions({1: 2, 2: 2}, 5, order) == {1: False, 2: False}


def test_a_single_small_region_cannot_be_recovered_from_the_statewide_total():
    sheets = {k: v for k, v in SHEETS.items() if k in (BOCHUM, MUENSTER, SOEST)}
    report = build_report(make_survey(sheets=sheets))
    # Soest (4) is hidden; Bochum (6), the smallest other region, is hidden as well, so
    # "statewide minus the visible regions" is a pool of 10 responses, not Soest's 4.
    assert _row(report, SOEST).suppressed and not _row(report, SOEST).secondary
    assert _row(report, BOCHUM).suppressed and _row(report, BOCHUM).secondary
    assert not _row(report, MUENSTER).suppressed
    visible = sum(r.responded for r in report.regions if not r.suppressed)
    assert report.overall.responded - visible >= report.threshold


def test_statewide_figures_suppressed_when_all_responses_are_too_few():
    sheets = {SOEST: [{"A1": "voll"}] * 4}
    report = build_report(make_survey(sheets=sheets))
    assert report.overall.suppressed and report.overall.responded is None
    assert report.overall.invited == 5
    assert all(i.overall.suppressed and i.overall.pct is None for i in report.items)
    assert all(d.overall.suppressed for d in report.dimensions)
    assert all(c.suppressed and c.n is None for c in report.choices)


def test_scoped_report_shows_own_region_and_anonymous_min_max():
    full = build_report(make_survey())
    scoped = full.scoped({_region_id(BOCHUM)})
    assert [r.region.ags for r in scoped.regions] == [BOCHUM]
    a1 = _item(scoped, "A1")
    assert list(a1.by_region) == [_region_id(BOCHUM)]
    assert (a1.minimum, a1.maximum) == (62.5, 75.0)
    assert a1.overall.pct == 1300 / 19
    assert (scoped.rate_minimum, scoped.rate_maximum) == (50.0, 60.0)


# --- single choice and free text ------------------------------------------------------


def test_single_choice_counts_statewide():
    report = build_report(make_survey())
    c1 = report.choices[0]
    assert c1.item.code == "C1" and c1.n == 6
    assert c1.options == [
        ("Schule", 4, 400 / 6),
        ("Kita", 1, 100 / 6),
        ("Verwaltung", 1, 100 / 6),
    ]


def test_free_texts_only_from_unsuppressed_visible_regions():
    report = build_report(make_survey())
    groups = free_texts(report)
    texts = [t for g in groups for _, ts in g["regions"] for t in ts]
    assert "Mehr Austausch." in texts and "Gut organisiert." in texts
    assert "Geheimer Hinweis Soest." not in texts  # Soest: 4 responses
    assert "Gütersloh-Text" not in texts
    scoped = free_texts(report.scoped({_region_id(BOCHUM)}))
    scoped_texts = [t for g in scoped for _, ts in g["regions"] for t in ts]
    assert scoped_texts == ["Die Gremien tagen zu selten.", "Mehr Austausch."]


def test_free_texts_are_not_in_the_json():
    data = report_json(build_report(make_survey(threshold=3)))
    assert "Mehr Austausch." not in str(data)
    assert [i["code"] for i in data["items"]] == ["A1", "A2", "B1"]


# --- target groups --------------------------------------------------------------------


def test_target_group_summary_averages_item_percentages():
    survey = make_survey()
    summary = target_group_summary([survey])
    assert len(summary) == 1
    group = summary[0]
    assert group["label"] == "Akteure und Partner"
    assert (group["invited"], group["responded"]) == (38, 21)
    assert dict(group["dimensions"])["Beteiligung"] == 68.75
    assert dict(group["dimensions"])["Transparenz"] == pytest.approx((1300 / 19 + 35.0) / 2)


# --- scale ----------------------------------------------------------------------------


def test_report_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    survey = make_survey()
    survey = Survey.objects.select_related("instrument").get(pk=survey.pk)
    with django_assert_max_num_queries(8):
        build_report(survey)
