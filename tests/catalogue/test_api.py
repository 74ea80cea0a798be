"""GET /api/v1/catalogue/criteria and /materials (published only)."""

import pytest

pytestmark = pytest.mark.django_db


def test_criteria(client):
    data = client.get("/api/v1/catalogue/criteria").json()["items"]
    assert [c["number"] for c in data] == [f"6.6.{i}" for i in range(1, 15)]
    c12 = data[11]
    assert c12["materials_nrw"] == 14 and c12["materials_regional"] == 0
    assert "Museen" in c12["key_statements"] and c12["key_statements_open"] is True


def test_materials_search_best_first(client):
    data = client.get("/api/v1/catalogue/materials", {"q": "Schulpsychologie"}).json()
    assert data["count"] == 4 and data["partial"] is False
    assert {i["criterion"] for i in data["items"]} == {"6.6.4"}
    scores = [i["score"] for i in data["items"]]
    assert scores == sorted(scores, reverse=True)
    item = next(i for i in data["items"] if i["title"].startswith("Schulpsychologischer Dienst"))
    assert item["provider"] == {
        "name": "schulpsychologie.de",
        "street": "Klosterstraße 33",
        "postal_code": "48143",
        "city": "Münster",
    }
    assert item["checked_on"] == "2025-10-26"
    assert item["web_url"].endswith(f"/unterstuetzung/material/{item['id']}/")


def test_materials_filters_limit_and_drafts_hidden(client, regional_draft):
    data = client.get("/api/v1/catalogue/materials", {"criterion": "6.6.9", "limit": 5}).json()
    assert data["count"] == 12 and len(data["items"]) == 5
    page2 = client.get(
        "/api/v1/catalogue/materials", {"criterion": "6.6.9", "limit": 5, "offset": 5}
    ).json()
    assert not {i["id"] for i in data["items"]} & {i["id"] for i in page2["items"]}
    data = client.get("/api/v1/catalogue/materials", {"q": "Bochum"}).json()
    assert regional_draft.pk not in [i["id"] for i in data["items"]]
    pending = client.get("/api/v1/catalogue/materials", {"q": "Mitbestimmung Teilhabe"}).json()
    assert pending["items"][0]["link_pending"] is True and pending["items"][0]["url"] == ""
    assert client.get("/api/v1/catalogue/materials", {"kind": "gibtesnicht"}).status_code == 422
