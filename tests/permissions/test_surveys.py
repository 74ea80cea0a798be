"""Surveys: who may create, change, open, close, invite, send, import; who edits instruments.

Statewide surveys and instruments belong to the Land. A survey of Bochum is managed by the
Land and the Bildungsbüro Bochum; the Bildungsbüro Dortmund, other roles and anonymous
visitors are refused. Within a statewide survey each Bildungsbüro invites and imports only
for its own region. The answer page is public but needs a valid one-time token.
"""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bildungsnetz.core.models import AuditEntry
from bildungsnetz.regions.models import Region
from bildungsnetz.surveys import services
from bildungsnetz.surveys.models import (
    Instrument,
    Invitation,
    Item,
    Response,
    Survey,
    SurveyRegion,
    SurveyStatus,
)
from tests.factories import make_user

from .conftest import PERSONAS

GRID = list(PERSONAS)
LAND = {"land"}
BOCHUM_OFFICE = {"land", "bildungsbuero_bochum"}


def assert_refused(response, user):
    if user is None:
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    else:
        assert response.status_code in (200, 403, 404), response.status_code


@pytest.fixture
def land_user(db):
    return make_user("landesstelle@msb.nrw.de", "land")


@pytest.fixture
def akteure(db):
    return Instrument.objects.get(code="rbn-akteure")


@pytest.fixture
def closes():
    return timezone.localdate() + datetime.timedelta(days=20)


@pytest.fixture
def bochum_survey(land_user, akteure, closes):
    bochum = Region.objects.get(ags="05911")
    survey = services.create_survey(
        instrument=akteure, title="Akteure Bochum 2027", closes_on=closes, by=land_user,
        region=bochum,
    )  # fmt: skip
    return survey


@pytest.fixture
def statewide(land_user, akteure, closes):
    survey = services.create_survey(
        instrument=akteure, title="Akteure NRW 2027", closes_on=closes, by=land_user
    )
    return services.open_survey(survey, by=land_user)


@pytest.mark.parametrize("name", GRID)
def test_create_statewide_grid(name, persona, client, akteure, closes):
    user = persona(name)
    data = {"instrument": akteure.pk, "title": "Landesweit 2027", "region": "landesweit",
            "closes_on": closes.isoformat(), "anonymity_threshold": "5"}  # fmt: skip
    response = client.post("/befragungen/neu/", data)
    created = Survey.objects.filter(title="Landesweit 2027").first()
    if name in LAND:
        assert response.status_code == 302 and created.region is None
        assert AuditEntry.objects.get(action="surveys.survey.created").actor == user
    else:
        assert_refused(response, user)
        assert created is None


@pytest.mark.parametrize("name", GRID)
def test_create_regional_grid(name, persona, client, akteure, closes):
    user = persona(name)
    data = {"instrument": akteure.pk, "title": "Bochum 2027", "region": "05911",
            "closes_on": closes.isoformat(), "anonymity_threshold": "5"}  # fmt: skip
    response = client.post("/befragungen/neu/", data)
    created = Survey.objects.filter(title="Bochum 2027").first()
    if name in BOCHUM_OFFICE:
        assert response.status_code == 302 and created.region.ags == "05911"
    else:
        assert_refused(response, user)
        assert created is None


@pytest.mark.parametrize("name", GRID)
def test_edit_grid(name, persona, client, bochum_survey, closes):
    user = persona(name)
    response = client.post(
        f"/befragungen/{bochum_survey.pk}/bearbeiten/",
        {"title": "Geändert", "closes_on": closes.isoformat(), "anonymity_threshold": "6"},
    )
    bochum_survey.refresh_from_db()
    if name in BOCHUM_OFFICE:
        assert response.status_code == 302 and bochum_survey.title == "Geändert"
    else:
        assert_refused(response, user)
        assert bochum_survey.title == "Akteure Bochum 2027"


@pytest.mark.parametrize("name", GRID)
def test_open_and_close_grid(name, persona, client, bochum_survey):
    user = persona(name)
    response = client.post(f"/befragungen/{bochum_survey.pk}/starten/")
    bochum_survey.refresh_from_db()
    if name in BOCHUM_OFFICE:
        assert response.status_code == 302 and bochum_survey.status == SurveyStatus.LAEUFT
    else:
        assert_refused(response, user)
        assert bochum_survey.status == SurveyStatus.ENTWURF
        bochum_survey.status = SurveyStatus.LAEUFT
        bochum_survey.save()
    response = client.post(f"/befragungen/{bochum_survey.pk}/beenden/")
    bochum_survey.refresh_from_db()
    if name in BOCHUM_OFFICE:
        assert bochum_survey.status == SurveyStatus.BEENDET
    else:
        assert_refused(response, user)
        assert bochum_survey.status == SurveyStatus.LAEUFT


@pytest.mark.parametrize("name", GRID)
def test_invite_for_bochum_in_statewide_survey_grid(name, persona, client, statewide):
    user = persona(name)
    bochum = Region.objects.get(ags="05911")
    response = client.post(
        f"/befragungen/{statewide.pk}/einladungen/",
        {"region": bochum.pk, "addresses": "n.arslan@bochum.de", "invited_offline": "7"},
    )
    created = Invitation.objects.filter(email="n.arslan@bochum.de").first()
    offline = SurveyRegion.objects.filter(survey=statewide, region=bochum).first()
    if name in BOCHUM_OFFICE:
        assert response.status_code == 200 and created.region == bochum
        assert offline.invited_offline == 7
    else:
        assert_refused(response, user)
        assert created is None and offline is None


def test_dortmund_invites_for_its_own_region_in_statewide_survey(persona, client, statewide):
    persona("bildungsbuero_dortmund")
    dortmund = Region.objects.get(ags="05913")
    client.post(f"/befragungen/{statewide.pk}/einladungen/",
                {"region": dortmund.pk, "addresses": "k.braun@dortmund.de"})  # fmt: skip
    assert Invitation.objects.get().region == dortmund


@pytest.mark.parametrize("name", GRID)
def test_send_grid(name, persona, client, statewide, land_user, django_capture_on_commit_callbacks):
    bochum = Region.objects.get(ags="05911")
    services.add_invitations(statewide, bochum, ["o.krause@bochum.de"], land_user)
    user = persona(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/befragungen/{statewide.pk}/einladungen/versenden/")
    if name in BOCHUM_OFFICE:
        assert response.status_code == 302 and len(mail.outbox) == 1
    else:
        if name == "bildungsbuero_dortmund":
            # May send for its own region only: Bochum's invitation stays untouched.
            assert response.status_code == 302
        else:
            assert_refused(response, user)
        assert mail.outbox == []
        assert Invitation.objects.get().sent_at is None


@pytest.mark.parametrize("name", GRID)
def test_import_for_bochum_grid(name, persona, client, statewide):
    user = persona(name)
    upload = SimpleUploadedFile("boegen.csv", b"region;A1;A2\n05911;voll;eher\n")
    response = client.post(f"/befragungen/{statewide.pk}/antworten-importieren/", {"file": upload})
    if name in BOCHUM_OFFICE:
        assert response.status_code == 200 and Response.objects.count() == 1
    else:
        assert_refused(response, user)
        assert Response.objects.count() == 0


@pytest.mark.parametrize("name", GRID)
def test_instrument_create_grid(name, persona, client):
    user = persona(name)
    response = client.post(
        "/befragungen/frageboegen/neu/",
        {"code": "eltern-2027", "title": "Elternbefragung", "target_group": "sonstige"},
    )
    created = Instrument.objects.filter(code="eltern-2027").first()
    if name in LAND:
        assert response.status_code == 302 and created is not None
    else:
        assert_refused(response, user)
        assert created is None


@pytest.mark.parametrize("name", GRID)
def test_instrument_and_item_edit_grid(name, persona, client, land_user):
    inst = services.create_instrument(code="eltern", title="Eltern", target_group="sonstige",
                                      by=land_user)  # fmt: skip
    item = services.add_item(inst, code="E1", text="Alt", kind="zustimmung", by=land_user)
    user = persona(name)
    r1 = client.post(f"/befragungen/frageboegen/{inst.pk}/bearbeiten/",
                     {"title": "Neu", "target_group": "sonstige"})  # fmt: skip
    r2 = client.post(f"/befragungen/frageboegen/{inst.pk}/fragen/neu/",
                     {"code": "E2", "text": "Neu", "kind": "zustimmung"})  # fmt: skip
    r3 = client.post(f"/befragungen/frageboegen/{inst.pk}/fragen/{item.pk}/bearbeiten/",
                     {"text": "Neu", "kind": "zustimmung"})  # fmt: skip
    inst.refresh_from_db()
    item.refresh_from_db()
    if name in LAND:
        assert (r1.status_code, r2.status_code, r3.status_code) == (302, 302, 302)
        assert inst.title == "Neu" and item.text == "Neu" and inst.items.count() == 2
    else:
        for r in (r1, r2, r3):
            assert_refused(r, user)
        assert inst.title == "Eltern" and item.text == "Alt"
        assert not Item.objects.filter(code="E2").exists()


def test_builtin_instrument_refused_even_for_land(persona, client, akteure):
    persona("land")
    client.post(f"/befragungen/frageboegen/{akteure.pk}/bearbeiten/",
                {"title": "Überschrieben", "target_group": "akteure"})  # fmt: skip
    akteure.refresh_from_db()
    assert akteure.title == "RBN-Befragung Akteure und Partner"


@pytest.mark.parametrize("name", GRID)
def test_detail_visibility(name, persona, client, bochum_survey):
    user = persona(name)
    response = client.get(f"/befragungen/{bochum_survey.pk}/")
    if name in BOCHUM_OFFICE:
        assert response.status_code == 200
    else:
        assert_refused(response, user)
        assert response.status_code != 200 or bochum_survey.title not in response.content.decode()


def test_answer_page_needs_token(client, db):
    """Public, but without a valid token nothing is shown or stored."""
    response = client.post("/befragungen/teilnehmen/erfunden/", {"frage_A1": "voll"})
    assert response.status_code == 404 and Response.objects.count() == 0


@pytest.mark.parametrize("name", GRID)
def test_resend_grid(
    name, persona, client, statewide, land_user, django_capture_on_commit_callbacks
):
    bochum = Region.objects.get(ags="05911")
    services.add_invitations(statewide, bochum, ["v.peters@bochum.de"], land_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(statewide, by=land_user)
    hash_before = Invitation.objects.get().token_hash
    user = persona(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/befragungen/{statewide.pk}/einladungen/neu-senden/",
                               {"email": "v.peters@bochum.de"})  # fmt: skip
    if name in BOCHUM_OFFICE:
        assert response.status_code == 302 and len(mail.outbox) == 2
        assert Invitation.objects.get().token_hash != hash_before
    else:
        if name == "bildungsbuero_dortmund":
            assert response.status_code == 302  # its own region has no such address
        else:
            assert_refused(response, user)
        assert len(mail.outbox) == 1 and Invitation.objects.get().token_hash == hash_before
