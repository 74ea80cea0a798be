"""The start page: counts of regions and open schools, per Regierungsbezirk."""

import pytest
from django.utils import timezone

from tests.factories import make_school


@pytest.mark.django_db
def test_home_counts_only_open_schools_per_regierungsbezirk(client, django_assert_max_num_queries):
    make_school("188001", "02", name="Grundschule Am Park")  # Bochum → Arnsberg
    make_school("188002", "20", name="Goethe-Gymnasium", gemeinde_ags="05111000")  # Düsseldorf
    make_school("188003", "04", name="Hauptschule Alt", closed_at=timezone.now())
    make_school("188004", "02", name="Grundschule Ende", betriebsschluessel=9)
    make_school("600911", "0A", name="Schulamt für die Stadt Bochum")
    with django_assert_max_num_queries(6):
        response = client.get("/")
    rows = {row["code"]: row for row in response.context["per_bezirk"]}
    assert response.context["region_count"] == 53
    assert response.context["school_count"] == 2
    assert rows["059"]["school_count"] == 1 and rows["051"]["school_count"] == 1
    assert rows["053"]["school_count"] == 0
    assert [r["region_count"] for r in response.context["per_bezirk"]] == [15, 11, 8, 7, 12]
    assert "2 Schulen im Betrieb" in response.content.decode()
