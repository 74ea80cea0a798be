"""The statewide overview has a map: one marker per region at the centre of its schools."""

import json

import pytest

from tests.factories import make_school


@pytest.mark.django_db
def test_overview_map_places_regions_at_the_centre_of_their_schools(client):
    make_school("188001", "02", name="Grundschule Am Park", lat=51.40, lon=7.20)
    make_school("188002", "20", name="Goethe-Gymnasium", lat=51.50, lon=7.30)
    make_school("188003", "02", name="Grundschule Alt", lat=60.0, lon=9.0, betriebsschluessel=9)
    response = client.get("/netzwerk/")
    assert response.status_code == 200
    points = json.loads(response.context["map_points_json"])
    assert len(points) == 1  # only Bochum has (open) schools
    lat, lon, name, url, label = points[0]
    assert (lat, lon) == (51.45, 7.25)  # the closed school does not count
    assert name == "Bochum" and url == "/netzwerk/05911/"
    assert label == "Vereinbarung: unbekannt"
    html = response.content.decode()
    assert 'id="netzwerk-karte"' in html and "Regionen auf der Karte: {n}" in html
