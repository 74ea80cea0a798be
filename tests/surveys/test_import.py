"""CSV import of answer sheets: row-by-row report, German reasons, idempotent, file checks."""

import pytest

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.surveys import services
from bildungsnetz.surveys.models import Answer, Response, ResponseSource

HEADER = "region;bogen;A1;A2;A3;A4;A5;A6;A7;A8;A9\n"
GOOD = (
    HEADER
    + "05911;P-001;trifft voll zu;voll;eher;trifft eher nicht zu;keine Angabe;;"
    + "gar nicht;eher;voll\n"
    + "05911;P-002;eher;eher;eher;eher;eher;eher;eher;eher;eher\n"
)


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def test_import_accepts_labels_and_codes(statewide, land, bochum):
    report = services.import_responses(statewide, _csv(GOOD), by=land)
    assert (report.accepted, report.duplicate, report.rejected) == (2, 0, [])
    first = Response.objects.get(answers__item__code="A4", answers__value="eher_nicht")
    assert first.source == ResponseSource.IMPORT and first.region == bochum
    values = dict(first.answers.values_list("item__code", "value"))
    assert values["A1"] == "voll" and values["A5"] == "keine_angabe" and "A6" not in values
    assert values["A7"] == "gar_nicht"
    entry = AuditEntry.objects.get(action="surveys.response.imported")
    assert entry.actor == land and entry.data["accepted"] == 2


def test_import_is_idempotent(statewide, land):
    services.import_responses(statewide, _csv(GOOD), by=land)
    again = services.import_responses(statewide, _csv(GOOD), by=land)
    assert (again.accepted, again.duplicate) == (0, 2)
    assert Response.objects.count() == 2 and Answer.objects.count() == 17


def test_import_without_bogen_column_uses_row_and_content(statewide, land):
    text = "region,A1,A2\n05911,voll,eher\n05911,voll,eher\n"
    report = services.import_responses(statewide, _csv(text), by=land)
    # Two identical sheets in different rows are two answers …
    assert report.accepted == 2
    # … and the same file again adds nothing.
    assert services.import_responses(statewide, _csv(text), by=land).duplicate == 2
    assert Response.objects.count() == 2


def test_import_rejects_rows_with_reasons(statewide, land, buero_bochum):
    text = (
        HEADER
        + "05911;P-010;voll;voll;voll;voll;voll;voll;voll;voll;sehr gut\n"
        + "99999;P-011;voll;voll;voll;voll;voll;voll;voll;voll;voll\n"
        + "05913;P-012;voll;voll;voll;voll;voll;voll;voll;voll;voll\n"
        + "05911;P-013;;;;;;;;;\n"
        + "05911;P-014;eher;eher;eher;eher;eher;eher;eher;eher;eher\n"
    )
    report = services.import_responses(statewide, _csv(text, "cp1252"), by=buero_bochum)
    assert report.accepted == 1
    reasons = dict(report.rejected)
    assert set(reasons) == {2, 3, 4, 5}
    assert "Zeile 2" in reasons[2] and "Spalte A9" in reasons[2] and "sehr gut" in reasons[2]
    assert "Spalte region" in reasons[3] and "kein Kreisschlüssel" in reasons[3]
    # Bochum's office may not import for Dortmund.
    assert "dürfen Sie" in reasons[4]
    assert "keine einzige Antwort" in reasons[5]
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "leer"),
        (b"A1;A2\nvoll;eher\n", "region"),
        (b"region;A1;Frage 99\n05911;voll;eher\n", "unbekannte Spalte"),
        (b"region;bogen\n05911;1\n", "keine Spalte"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "keine CSV-Datei"),
    ],
)
def test_bad_file_refused_before_any_write(statewide, land, content, expected):
    with pytest.raises(DomainError, match=expected) as exc:
        services.import_responses(statewide, content, by=land)
    assert exc.value.field == "file"
    assert Response.objects.count() == 0
    assert not AuditEntry.objects.filter(action="surveys.response.imported").exists()


def test_import_not_for_draft(land, akteure, today):
    survey = services.create_survey(instrument=akteure, title="Entwurf", closes_on=today, by=land)
    with pytest.raises(DomainError, match="Start"):
        services.import_responses(survey, _csv(GOOD), by=land)


def test_offline_invitations_count_for_progress(statewide, land, bochum):
    services.set_offline_invitations(statewide, bochum, 40, land)
    services.import_responses(statewide, _csv(GOOD), by=land)
    from bildungsnetz.surveys.selectors import survey_progress_for_region

    row = survey_progress_for_region(bochum)[0]
    assert (row["invited"], row["responded"], row["response_rate"]) == (40, 2, 5.0)
    with pytest.raises(DomainError) as exc:
        services.set_offline_invitations(statewide, bochum, -1, land)
    assert exc.value.field == "invited_offline"
