"""Survey pages: the public answer page and the management pages (rendered, wired)."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from bildungsnetz.surveys import services
from bildungsnetz.surveys.models import Invitation, Response, Survey, SurveyStatus

from .conftest import token_from


@pytest.fixture
def token(statewide, bochum, land, django_capture_on_commit_callbacks):
    services.add_invitations(statewide, bochum, ["h.schneider@bochum.de"], land)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(statewide, by=land)
    return token_from(mail.outbox[0])


def test_answer_page_is_accessible_form(client, token):
    response = client.get(f"/befragungen/teilnehmen/{token}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert html.count("<fieldset") == 9 and html.count("<legend>") == 9
    assert html.count('type="radio"') == 45
    assert "Ihre Antworten bleiben anonym" in html
    assert "<h2>Transparenz</h2>" in html and "<h2>Nutzen</h2>" in html
    for label in ("trifft voll zu", "trifft eher nicht zu", "keine Angabe"):
        assert f">{label}</label>" in html


def test_answer_submit_thanks_and_link_used(client, token):
    data = {f"frage_A{i}": "eher" for i in range(1, 10)}
    data["frage_A9"] = "keine_angabe"
    response = client.post(f"/befragungen/teilnehmen/{token}/", data)
    assert response.status_code == 302 and response["Location"] == "/befragungen/teilnehmen/danke/"
    assert token not in response["Location"]
    thanks = client.get(response["Location"])
    assert "Vielen Dank" in thanks.content.decode()
    assert Response.objects.get().answers.count() == 9
    again = client.get(f"/befragungen/teilnehmen/{token}/")
    assert again.status_code == 410
    assert "bereits geantwortet" in again.content.decode()


def test_answer_errors_shown_in_german_summary(client, token):
    response = client.post(f"/befragungen/teilnehmen/{token}/", {"frage_A1": "vielleicht"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and "Frage A1" in html and "vielleicht" in html
    assert 'href="#frage_A1-1"' in html
    assert 'aria-describedby="frage_A1-fehler"' in html
    assert Response.objects.count() == 0 and not Invitation.objects.get().used
    empty = client.post(f"/befragungen/teilnehmen/{token}/", {})
    assert "mindestens eine Frage" in empty.content.decode()


def test_unknown_link_404(client, db):
    response = client.get("/befragungen/teilnehmen/gibt-es-nicht/")
    assert response.status_code == 404
    assert "nicht gültig" in response.content.decode()


def test_staff_pages_render(client, land, statewide, bochum):
    client.force_login(land)
    services.set_offline_invitations(statewide, bochum, 12, land)
    for url in (
        "/befragungen/",
        "/befragungen/neu/",
        f"/befragungen/{statewide.pk}/",
        f"/befragungen/{statewide.pk}/bearbeiten/",
        f"/befragungen/{statewide.pk}/einladungen/",
        f"/befragungen/{statewide.pk}/antworten-importieren/",
        "/befragungen/frageboegen/",
        f"/befragungen/frageboegen/{statewide.instrument.pk}/",
        "/befragungen/frageboegen/neu/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "TEMPLATE-VARIABLE-MISSING" not in response.content.decode(), url
    detail = client.get(f"/befragungen/{statewide.pk}/").content.decode()
    assert "Bochum" in detail and "12" in detail


def test_create_survey_view(client, land, akteure, today):
    client.force_login(land)
    closes = (today + datetime.timedelta(days=30)).isoformat()
    data = {"instrument": akteure.pk, "title": "RBN-Befragung 2027", "region": "landesweit",
            "closes_on": closes, "anonymity_threshold": "2"}  # fmt: skip
    response = client.post("/befragungen/neu/", data)
    assert response.status_code == 200
    assert "darf nicht kleiner als 3" in response.content.decode()
    assert not Survey.objects.exists()
    response = client.post("/befragungen/neu/", {**data, "anonymity_threshold": "5"})
    survey = Survey.objects.get()
    assert response["Location"] == f"/befragungen/{survey.pk}/"
    assert survey.region is None and survey.status == SurveyStatus.ENTWURF
    client.post(f"/befragungen/{survey.pk}/starten/")
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.LAEUFT


def test_invite_send_and_import_views(client, buero_bochum, statewide, bochum,
                                      django_capture_on_commit_callbacks):  # fmt: skip
    client.force_login(buero_bochum)
    upload = SimpleUploadedFile("adressen.csv", b"email\nt.richter@bochum.de\nkaputt\n")
    response = client.post(
        f"/befragungen/{statewide.pk}/einladungen/",
        {"region": bochum.pk, "addresses": "u.lange@bochum.de", "file": upload,
         "invited_offline": "3"},
    )  # fmt: skip
    html = response.content.decode()
    assert "2 Adressen neu eingeladen" in html and "keine gültige E-Mail-Adresse" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/befragungen/{statewide.pk}/einladungen/versenden/")
    assert sorted(m.to[0] for m in mail.outbox) == ["t.richter@bochum.de", "u.lange@bochum.de"]
    assert "http://testserver/befragungen/teilnehmen/" in mail.outbox[0].body
    csv = SimpleUploadedFile("boegen.csv", b"region;A1;A2\n05911;voll;trifft eher zu\n")
    response = client.post(f"/befragungen/{statewide.pk}/antworten-importieren/", {"file": csv})
    assert "1 Antwortbogen übernommen" in response.content.decode()
    bad = SimpleUploadedFile("boegen.csv", b"A1;A2\nvoll;eher\n")
    response = client.post(f"/befragungen/{statewide.pk}/antworten-importieren/", {"file": bad})
    assert (
        "region" in response.content.decode()
        and 'class="error-summary"' in response.content.decode()
    )
    assert Response.objects.count() == 1


def test_instrument_create_and_item_views(client, land):
    client.force_login(land)
    response = client.post(
        "/befragungen/frageboegen/neu/",
        {"code": "kitas-2027", "title": "Befragung der Kitas", "target_group": "sonstige"},
    )
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    response = client.post(
        f"/befragungen/frageboegen/{pk}/fragen/neu/",
        {"code": "K1", "text": "Wir kennen das Bildungsbüro.", "kind": "zustimmung",
         "dimension": "Transparenz"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/befragungen/frageboegen/{pk}/").content.decode()
    assert "Wir kennen das Bildungsbüro." in page and "<h2" in page and "Transparenz" in page
