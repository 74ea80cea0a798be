"""Practice examples ("gute Praxis"): service rules, gallery search, consent, API, demo."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.network.models import Handlungsfeld, PracticeExample
from bildungsnetz.network.services import save_practice_example
from tests.factories import make_user


def _data(**extra):
    return {
        "title": "Kompetenzpass am Übergang nach Klasse 4",
        "summary": "Kinder schätzen ihre Methoden- und Sozialkompetenzen selbst ein.",
        "topic": "grundschule_sek",
        "partners": "Schulamt für die Stadt Bochum, Grundschulen",
        "outcome": "Weiterführende Schulen fördern von Beginn an gezielter.",
        "is_public": True,
        **extra,
    }


def test_bildungsbuero_creates_example_with_audit(bochum, buero_bochum):
    example = save_practice_example(bochum, acting_user=buero_bochum, data=_data())
    assert example.region == bochum
    entry = AuditEntry.objects.get(action="network.practiceexample.created")
    assert entry.actor == buero_bochum
    assert entry.region == bochum


def test_other_region_staff_may_not_create(bochum, db):
    dortmund_staff = make_user("lea.schmitz@dortmund.de", "bildungsbuero", "05913")
    with pytest.raises(DomainError) as exc:
        save_practice_example(bochum, acting_user=dortmund_staff, data=_data())
    assert exc.value.code == "forbidden"
    assert not PracticeExample.objects.exists()


def test_foreign_handlungsfeld_and_contact_are_refused(bochum, dortmund, buero_bochum, person):
    hf = Handlungsfeld.objects.create(region=dortmund, title="Sprachbildung")
    with pytest.raises(DomainError) as exc:
        save_practice_example(bochum, acting_user=buero_bochum, data=_data(handlungsfeld=hf))
    assert exc.value.field == "handlungsfeld"
    stranger = person("Lea", "Schmitz", region=dortmund)
    with pytest.raises(DomainError) as exc:
        save_practice_example(bochum, acting_user=buero_bochum, data=_data(contact=stranger))
    assert exc.value.field == "contact"


def test_quote_needs_source(bochum, buero_bochum):
    with pytest.raises(DomainError) as exc:
        save_practice_example(
            bochum, acting_user=buero_bochum, data=_data(quote="Das kommt bei Eltern gut an.")
        )
    assert exc.value.field == "quote_source"


def test_contact_shown_only_with_consent(client, bochum, buero_bochum, person):
    petra = person("Petra", "Sommer", email="petra.sommer@bochum.de")
    example = save_practice_example(bochum, acting_user=buero_bochum, data=_data(contact=petra))
    page = client.get(example.get_absolute_url()).content.decode()
    assert "Petra Sommer" not in page
    assert "petra.sommer@bochum.de" not in page
    assert "Bitte wenden Sie sich an das Regionale Bildungsbüro." in page
    petra.consent_public = True
    petra.consent_purpose = "Nennung als Ansprechperson"
    petra.consent_given_on = timezone.localdate() - datetime.timedelta(days=3)
    petra.save()
    page = client.get(example.get_absolute_url()).content.decode()
    assert "Petra Sommer" in page
    assert "TEMPLATE-VARIABLE-MISSING" not in page
    api = client.get("/api/v1/networks/practice-examples").json()["items"]
    assert api[0]["ansprechperson"] == "Petra Sommer"
    petra.consent_withdrawn_on = timezone.localdate()
    petra.save()
    assert "Petra Sommer" not in client.get(example.get_absolute_url()).content.decode()


def test_unpublished_example_is_404_for_public_but_visible_for_region(client, bochum, buero_bochum):
    example = save_practice_example(bochum, acting_user=buero_bochum, data=_data(is_public=False))
    assert client.get(example.get_absolute_url()).status_code == 404
    assert "Kompetenzpass" not in client.get("/netzwerk/praxis/").content.decode()
    client.force_login(make_user("yusuf.demir@bochum.de", "lenkungskreis", "05911"))
    page = client.get(example.get_absolute_url()).content.decode()
    assert "nicht öffentlich" in page


def test_gallery_filters_by_text_region_and_topic(client, db):
    from bildungsnetz.network.demo import load_practice_examples

    assert load_practice_examples() == 4
    assert load_practice_examples() == 0
    page = client.get("/netzwerk/praxis/").content.decode()
    assert "4 Praxisbeispiele" in page
    assert "Bildungs- und Integrationszentrum unter einem Dach" in page
    by_text = client.get("/netzwerk/praxis/", {"q": "Robotik"}).content.decode()
    assert "MINT-Bildung von der Kita" in by_text
    assert "Digitale Bildung als neues" not in by_text
    by_region = client.get("/netzwerk/praxis/", {"region": "05911"}).content.decode()
    assert "Kompetenzpass und Wegweiser" in by_region
    assert "1 Praxisbeispiel" in by_region
    by_topic = client.get("/netzwerk/praxis/", {"thema": "digitalisierung"}).content.decode()
    assert "Digitale Bildung als neues Handlungsfeld" in by_topic
    assert "Kompetenzpass" not in by_topic
    assert "TEMPLATE-VARIABLE-MISSING" not in page


def test_api_lists_public_examples_only_and_filters(client, bochum, buero_bochum):
    save_practice_example(bochum, acting_user=buero_bochum, data=_data())
    save_practice_example(
        bochum,
        acting_user=buero_bochum,
        data=_data(title="Interner Entwurf Sprachbildung", topic="sprachbildung", is_public=False),
    )
    rows = client.get("/api/v1/networks/practice-examples").json()["items"]
    assert [r["titel"] for r in rows] == ["Kompetenzpass am Übergang nach Klasse 4"]
    assert rows[0]["ags"] == "05911"
    assert rows[0]["ansprechperson"] is None
    assert client.get("/api/v1/networks/practice-examples", {"thema": "mint"}).json()["count"] == 0
    assert client.get("/api/v1/networks/practice-examples", {"q": "Kompetenz"}).json()["count"] == 1


def test_create_view_renders_and_saves(client, bochum, buero_bochum):
    client.force_login(buero_bochum)
    form = client.get("/netzwerk/05911/praxis/neu/")
    assert form.status_code == 200
    assert "Ansprechperson" in form.content.decode()
    response = client.post(
        "/netzwerk/05911/praxis/neu/",
        {"title": "", "summary": "Ohne Titel", "topic": "mint"},
    )
    assert response.status_code == 200
    assert not PracticeExample.objects.exists()
