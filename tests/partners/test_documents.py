"""The agreement as editable DOCX and as a printable page."""

import datetime
import io

import pytest
from docx import Document

from bildungsnetz.partners import services

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_docx_contains_parties_sections_and_signature_gaps(client, draft, schule_paulinum):
    client.force_login(schule_paulinum)
    response = client.get(f"/bildungspartner/partnerschaften/{draft.pk}/vereinbarung.docx")
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    assert f"kooperationsvereinbarung-{draft.pk}.docx" in response["Content-Disposition"]
    text = _text(response.content)
    assert "Kooperationsvereinbarung – Bildungspartner NRW" in text
    assert "Gymnasium Paulinum" in text and "LWL-Museum für Kunst und Kultur" in text
    assert "Handlungsfeld: Kunst und Kultur" in text
    assert "1. Gemeinsame Ziele" in text and "Kunstwerke der Sammlung im Original" in text
    assert "§ 5 Schulgesetz NRW" in text
    assert "Gymnasium Paulinum | _______________________ | _______________________" in text


def test_signatures_appear_once_recorded(client, draft, schule_paulinum):
    services.sign_partnership(
        draft,
        acting_user=schule_paulinum,
        side="schule",
        signer="Dr. Markus Terhorst",
        signed_on=datetime.date(2026, 2, 10),
    )
    client.force_login(schule_paulinum)
    text = _text(
        client.get(f"/bildungspartner/partnerschaften/{draft.pk}/vereinbarung.docx").content
    )
    assert "Gymnasium Paulinum | Dr. Markus Terhorst | 10.02.2026" in text
    html = client.get(f"/bildungspartner/partnerschaften/{draft.pk}/druck/").content.decode()
    assert "Dr. Markus Terhorst" in html and "10.02.2026" in html
    assert "agreement_print.css" in html
    assert "2. Aktivitäten" in html


def test_documents_are_for_the_parties_and_the_office_only(client, draft, buero_bochum):
    url = f"/bildungspartner/partnerschaften/{draft.pk}/vereinbarung.docx"
    assert client.get(url).status_code == 302  # login first
    client.force_login(buero_bochum)
    assert client.get(url).status_code == 404  # not even visible to another region
