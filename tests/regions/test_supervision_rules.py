"""SPEC §1 / seed 000 (Kriterium 6.6.1): who supervises a school. Pure-function tests."""

import pytest

from bildungsnetz.regions.supervision import OBERE, UNTERE, Facts, decide

SCHULAMT = "Schulamt für die Stadt Bochum"
BEZREG = "Bezirksregierung Arnsberg"


def facts(schulform, fsp=(), bereich=""):
    return Facts(
        schulform=schulform,
        kreis_ags="05911",
        regierungsbezirk="059",
        schulamt_name=SCHULAMT,
        bezirksregierung_name=BEZREG,
        foerderschwerpunkte=frozenset(fsp),
        bildungsbereich=bereich,
    )


def levels(result):
    return (
        result.fachaufsicht and result.fachaufsicht.ebene,
        result.dienstaufsicht and result.dienstaufsicht.ebene,
    )


def test_grundschule_is_fully_supervised_by_the_schulamt_of_its_kreis():
    result = decide(facts("02"))
    assert levels(result) == (UNTERE, UNTERE)
    assert result.fachaufsicht.behoerde == SCHULAMT
    assert result.fachaufsicht.bereich == "05911"
    assert "Grundschule" in result.regel
    assert result.hinweis is None


def test_hauptschule_schulamt_fachaufsicht_bezirksregierung_dienstaufsicht():
    result = decide(facts("04"))
    assert levels(result) == (UNTERE, OBERE)
    assert result.dienstaufsicht.behoerde == BEZREG
    assert result.dienstaufsicht.bereich == "059"


@pytest.mark.parametrize("code", ["10", "14", "15", "20", "25", "30"])
def test_secondary_and_vocational_schools_are_supervised_by_the_bezirksregierung(code):
    result = decide(facts(code))
    assert levels(result) == (OBERE, OBERE)
    assert result.fachaufsicht.bereich == "059"


@pytest.mark.parametrize("fsp", [{"LE"}, {"SQ"}, {"ES"}, {"GG"}, {"KM"}])
def test_foerderschule_with_schulamt_schwerpunkt(fsp):
    result = decide(facts("08", fsp))
    assert levels(result) == (UNTERE, OBERE)
    assert result.fachaufsicht.behoerde == SCHULAMT


@pytest.mark.parametrize("bereich", ["realschule", "gymnasium", "berufskolleg"])
def test_foerderschule_in_bildungsbereich_rs_gy_bk_goes_to_bezirksregierung(bereich):
    result = decide(facts("08", {"LE"}, bereich))
    assert levels(result) == (OBERE, OBERE)
    assert "Bildungsbereich" in result.regel


@pytest.mark.parametrize("code", ["85", "87", "88"])
def test_schulform_naming_the_bildungsbereich_goes_to_bezirksregierung(code):
    assert levels(decide(facts(code, {"ES"}))) == (OBERE, OBERE)


def test_foerderschule_im_verbund_without_hk_or_se_stays_with_schulamt():
    result = decide(facts("08", {"LE", "ES", "SQ"}))
    assert levels(result) == (UNTERE, OBERE)
    assert "Verbund" in result.regel


@pytest.mark.parametrize("fsp", [{"LE", "HK"}, {"ES", "SE"}])
def test_foerderschule_im_verbund_with_hk_or_se_goes_to_bezirksregierung(fsp):
    result = decide(facts("08", fsp))
    assert levels(result) == (OBERE, OBERE)
    assert "Verbund" in result.regel


@pytest.mark.parametrize("fsp", [{"HK"}, {"SE"}])
def test_foerderschule_hoeren_or_sehen_goes_to_bezirksregierung(fsp):
    assert levels(decide(facts("08", fsp))) == (OBERE, OBERE)


def test_foerderschule_without_recorded_schwerpunkt_is_not_guessed():
    result = decide(facts("08"))
    assert result.fachaufsicht is None and result.dienstaufsicht is None
    assert "Förderschwerpunkte" in result.hinweis


@pytest.mark.parametrize("code", ["83", "13", "16", "17", "19", "81", "0A", "06"])
def test_cases_the_rules_do_not_cover_say_so_plainly(code):
    result = decide(facts(code))
    assert result.fachaufsicht is None and result.dienstaufsicht is None
    assert result.regel == "nicht geregelt"
    assert result.hinweis
