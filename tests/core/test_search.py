"""The global search box (/suche/): regions by name or AGS, schools by full-text search."""

import pytest
from django.urls import reverse

from bildungsnetz.core.search import global_search
from tests.schools_views.register import make_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    return make_register()


def _labels(groups, title):
    return [item["label"] for g in groups if g["title"] == title for item in g["items"]]


def test_regions_by_name_umlaut_tolerant_and_by_ags(register):
    assert _labels(global_search("Muenster"), "Regionen") == ["Münster"]
    assert _labels(global_search("05911"), "Regionen") == ["Bochum"]


def test_schools_use_the_full_text_search(register):
    groups = global_search("Gesamtschule Haan")
    assert _labels(groups, "Schulen") == ["Städt. Gesamtschule Schule d. Sekundarstufe I u. II"]
    school_group = next(g for g in groups if g["title"] == "Schulen")
    assert school_group["more_url"] == "/schulen/?q=Gesamtschule+Haan"
    assert school_group["items"][0]["detail"] == "Gesamtschule, Haan"
    assert _labels(global_search("100121"), "Schulen") == [
        "Gymnasium Carolinenschule Sekundarstufe I und II"
    ]
    assert len(_labels(global_search("Muenster"), "Schulen")) == 2


def test_limit_and_empty_query(register):
    assert len(_labels(global_search("Gym", limit=2), "Schulen")) == 2
    assert global_search("   ") == []
    assert global_search("xyzzy") == []


def test_search_page(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("core:search"), {"q": "Walder Str"})
    html = response.content.decode()
    assert "Städt. Gesamtschule" in html
    assert 'href="/schulen/100011/"' in html
