import pytest

from tests.factories import make_school


@pytest.mark.django_db
def test_school_api_returns_register_fields_and_supervision(client):
    make_school("188001", "04", name="Hauptschule Wattenscheid")
    response = client.get("/api/v1/schools/188001")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Hauptschule Wattenscheid"
    assert data["kreis_ags"] == "05911"
    assert data["aufsicht"]["fachaufsicht"]["behoerde"] == "Schulamt für die Stadt Bochum"
    assert data["aufsicht"]["dienstaufsicht"] == {
        "behoerde": "Bezirksregierung Arnsberg",
        "ebene": "obere",
        "bereich": "059",
    }
    assert data["aufsicht"]["regel"].startswith("Hauptschule")


@pytest.mark.django_db
def test_school_api_404_for_unknown_number(client):
    response = client.get("/api/v1/schools/000000")
    assert response.status_code == 404


@pytest.mark.django_db
def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/schools/{schulnummer}" in response.json()["paths"]
