"""The English catalogue is complete: no untranslated, fuzzy or missing entries."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parents[1] / "src" / "bildungsnetz"
PO = SRC / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _catalog(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalog = _catalog(PO)
    assert len(catalog) > 50
    untranslated = [
        m.id
        for m in catalog
        if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [], f"untranslated: {untranslated[:20]}"
    assert fuzzy == [], f"fuzzy: {fuzzy[:20]}"


def test_every_marked_string_is_in_the_english_catalogue(tmp_path):
    """Extract the messages afresh (Django's makemessages) and compare with the catalogue."""
    assert shutil.which("xgettext"), "GNU gettext (xgettext) is required: apt-get install gettext"
    work = tmp_path / "bildungsnetz"
    shutil.copytree(SRC, work, ignore=shutil.ignore_patterns("locale", "static", "__pycache__"))
    (work / "locale").mkdir()
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "bildungsnetz"),
            "makemessages",
            "-l",
            "en",
            "--no-location",
        ],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    fresh = {m.id for m in _catalog(work / "locale" / "en" / "LC_MESSAGES" / "django.po") if m.id}
    ours = {m.id for m in _catalog(PO) if m.id}
    missing = sorted(str(i) for i in fresh - ours)
    assert missing == [], f"not in locale/en/…/django.po (run `make messages`): {missing[:20]}"


@pytest.mark.django_db
def test_pages_switch_to_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert "Zum Inhalt springen" in response.content.decode()
