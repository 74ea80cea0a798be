"""Meeting documents: type allow-list, 10 MB limit, zip-bomb check, download visibility."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.network import meeting_services
from bildungsnetz.network.meeting_services import add_document
from bildungsnetz.network.models import Meeting, MeetingDocument
from tests.factories import make_user

from .conftest import aware


@pytest.fixture
def meeting(lenkungskreis):
    return Meeting.objects.create(
        body=lenkungskreis, title="Herbstsitzung des Lenkungskreises", starts_at=aware(2027, 9, 8)
    )


def _docx(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_txt_upload_is_stored_and_audited(meeting, buero_bochum):
    upload = SimpleUploadedFile("tagesordnung.txt", "TOP 1: Bericht aus dem Bildungsbüro".encode())
    document = add_document(meeting, acting_user=buero_bochum, title="Tagesordnung", upload=upload)
    assert document.size == len("TOP 1: Bericht aus dem Bildungsbüro".encode())
    assert document.file.read().startswith(b"TOP 1")
    assert AuditEntry.objects.get(action="network.meetingdocument.created").actor == buero_bochum


def test_small_docx_is_accepted(meeting, buero_bochum):
    content = _docx({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    upload = SimpleUploadedFile("protokoll.docx", content)
    document = add_document(meeting, acting_user=buero_bochum, title="Protokoll", upload=upload)
    assert document.filename.endswith(".docx")


@pytest.mark.parametrize("name", ["praesentation.exe", "bild.png", "ohne_endung", "makro.docm"])
def test_types_outside_allow_list_are_refused(meeting, buero_bochum, name):
    with pytest.raises(DomainError) as exc:
        add_document(
            meeting,
            acting_user=buero_bochum,
            title="Anlage",
            upload=SimpleUploadedFile(name, b"inhalt"),
        )
    assert exc.value.field == "file"
    assert exc.value.message.startswith("Datei:")
    assert not MeetingDocument.objects.exists()


def test_files_over_10_mb_are_refused(meeting, buero_bochum):
    upload = SimpleUploadedFile("bericht.txt", b"a" * (10 * 1024 * 1024 + 1))
    with pytest.raises(DomainError) as exc:
        add_document(meeting, acting_user=buero_bochum, title="Bildungsbericht", upload=upload)
    assert "größer als 10 MB" in exc.value.message
    assert exc.value.field == "file"


def test_zip_bomb_docx_is_refused(meeting, buero_bochum, monkeypatch):
    # 3 MB of zeros compress to a few KB; with the limit lowered to 2 MB it counts as a bomb.
    monkeypatch.setattr(meeting_services, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    content = _docx({"word/document.xml": b"\0" * (3 * 1024 * 1024)})
    assert len(content) < 100_000
    upload = SimpleUploadedFile("protokoll.docx", content)
    with pytest.raises(DomainError) as exc:
        add_document(meeting, acting_user=buero_bochum, title="Protokoll", upload=upload)
    assert "größer als 50 MB" in exc.value.message
    assert not MeetingDocument.objects.exists()


def test_real_50_mb_limit_refuses_large_unpacked_xlsx(meeting, buero_bochum):
    content = _docx({f"xl/worksheets/sheet{n}.xml": b"\0" * (11 * 1024 * 1024) for n in range(5)})
    assert len(content) < 10 * 1024 * 1024
    with pytest.raises(DomainError) as exc:
        add_document(
            meeting,
            acting_user=buero_bochum,
            title="Teilnehmerliste",
            upload=SimpleUploadedFile("liste.xlsx", content),
        )
    assert exc.value.field == "file"


def test_broken_docx_and_wrong_signature_are_refused(meeting, buero_bochum):
    with pytest.raises(DomainError) as exc:
        add_document(
            meeting,
            acting_user=buero_bochum,
            title="Kaputt",
            upload=SimpleUploadedFile("kaputt.docx", b"PK\x03\x04 kein zip"),
        )
    assert "beschädigt" in exc.value.message
    with pytest.raises(DomainError) as exc:
        add_document(
            meeting,
            acting_user=buero_bochum,
            title="Falsch",
            upload=SimpleUploadedFile("bericht.pdf", b"<html>keine PDF</html>"),
        )
    assert "passt nicht zur Endung" in exc.value.message


def test_upload_view_shows_german_error_on_the_field(client, meeting, buero_bochum):
    client.force_login(buero_bochum)
    response = client.post(
        f"/netzwerk/05911/sitzungen/{meeting.pk}/dokumente/neu/",
        {"title": "Anlage", "file": SimpleUploadedFile("skript.js", b"alert(1)")},
    )
    assert response.status_code == 200
    assert "Erlaubt sind nur PDF, DOCX, XLSX, ODT und TXT" in response.content.decode()


def test_download_respects_meeting_public_flag(client, meeting, buero_bochum):
    upload = SimpleUploadedFile("einladung.txt", b"Einladung zur Herbstsitzung")
    document = add_document(meeting, acting_user=buero_bochum, title="Einladung", upload=upload)
    url = f"/netzwerk/05911/sitzungen/{meeting.pk}/dokumente/{document.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(make_user("claudia.brandt@bochum.de", "lenkungskreis", "05911"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Einladung zur Herbstsitzung"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    client.logout()
    meeting.is_public = True
    meeting.save()
    public = client.get(url)
    assert public.status_code == 200
    assert public["Content-Type"].startswith("text/plain")
    assert "Einladung" in client.get(meeting.get_absolute_url()).content.decode()
    assert (
        client.get(f"/netzwerk/05913/sitzungen/{meeting.pk}/dokumente/{document.pk}/").status_code
        == 404
    )


def test_contract_additions_document_gets_the_same_checks(db, monkeypatch):
    """The regional additions to the contract (Network form) refuse zip bombs and fakes too."""
    from bildungsnetz.network.forms import NetworkForm

    monkeypatch.setattr(meeting_services, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    bomb = SimpleUploadedFile(
        "ergaenzungen.docx", _docx({"word/document.xml": b"\0" * (3 * 1024 * 1024)})
    )
    form = NetworkForm(data={"contract_status": "unbekannt"}, files={"additions_document": bomb})
    assert not form.is_valid()
    assert "größer als 50 MB" in " ".join(form.errors["additions_document"])
    fake = SimpleUploadedFile("ergaenzungen.pdf", b"kein PDF, nur Text")
    form = NetworkForm(data={"contract_status": "unbekannt"}, files={"additions_document": fake})
    assert not form.is_valid()
    assert "passt nicht zur Endung" in " ".join(form.errors["additions_document"])
