"""GET /api/v1/surveys/{id}/report: same numbers and the same suppression as the page."""

import pytest

from tests.factories import make_user
from tests.surveys.report_data import BOCHUM, SOEST, make_survey

pytestmark = pytest.mark.django_db


def _get(client, survey):
    return client.get(f"/api/v1/surveys/{survey.pk}/report")


def test_land_gets_the_full_report_with_full_precision(client):
    survey = make_survey()
    client.force_login(make_user("martina.lehmkuhl@msb.nrw.de", "land", None))
    response = _get(client, survey)
    assert response.status_code == 200
    data = response.json()
    assert data["survey"]["anonymity_threshold"] == 5
    a1 = next(i for i in data["items"] if i["code"] == "A1")
    assert a1["n"] == 19 and a1["agree_pct"] == 1300 / 19 and a1["suppressed"] is False
    assert (a1["region_min_pct"], a1["region_max_pct"]) == (62.5, 75.0)
    regions = {r["ags"]: r for r in a1["by_region"]}
    assert regions[BOCHUM] == {"ags": BOCHUM, "n": 4, "agree_pct": 75.0, "suppressed": False}
    assert regions[SOEST] == {"ags": SOEST, "n": None, "agree_pct": None, "suppressed": True}
    assert [d["name"] for d in data["dimensions"]] == ["Transparenz", "Beteiligung"]
    assert data["overall"] == {
        "invited": 38,
        "responded": 21,
        "response_rate": 2100 / 38,
        "region_min_rate": 50.0,
        "region_max_rate": 60.0,
        "suppressed": False,
    }
    soest = next(r for r in data["regions"] if r["ags"] == SOEST)
    assert soest == {
        "ags": SOEST,
        "invited": 5,
        "responded": None,
        "response_rate": None,
        "suppressed": True,
    }
    assert "Mehr Austausch." not in response.content.decode()


def test_bildungsbuero_sees_only_its_region(client):
    survey = make_survey()
    client.force_login(make_user("petra.sommer@bochum.de", "bildungsbuero", BOCHUM))
    data = _get(client, survey).json()
    assert [r["ags"] for r in data["regions"]] == [BOCHUM]
    assert [r["ags"] for r in data["items"][0]["by_region"]] == [BOCHUM]
    assert data["overall"]["responded"] == 21


def test_statewide_suppression_in_the_api(client):
    survey = make_survey(sheets={SOEST: [{"A1": "voll"}] * 4})
    client.force_login(make_user("martina.lehmkuhl@msb.nrw.de", "land", None))
    data = _get(client, survey).json()
    assert data["overall"]["responded"] is None and data["overall"]["suppressed"] is True
    assert all(i["agree_pct"] is None and i["n"] is None and i["suppressed"] for i in data["items"])
    assert all(d["agree_pct"] is None and d["suppressed"] for d in data["dimensions"])


def test_refusals(client):
    survey = make_survey()
    assert _get(client, survey).status_code == 401
    client.force_login(make_user("lena.koch@koeln.de", "bildungsbuero", "05315"))
    response = _get(client, survey)
    assert response.status_code == 403
    assert "teilnehmender Regionen" in response.json()["detail"]
    assert client.get("/api/v1/surveys/999999/report").status_code == 404


def test_report_route_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/surveys/{survey_id}/report" in paths
