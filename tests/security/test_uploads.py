"""Every upload field of ours refuses files over its size limit and ZIP-based files
(XLSX, DOCX) whose unpacked size exceeds the limit (zip bombs), with a German message
that names the field, and stores nothing.

The upload fields are collected from the models and forms of our apps, so a new upload
field without an entry in UPLOADS fails the suite.
"""

from __future__ import annotations

import functools
import importlib
import io
import re
import zipfile
from dataclasses import dataclass

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client

from bildungsnetz.surveys import services as survey_services
from tests.factories import make_user

from .world import TARGET_AGS, build_world, db_fingerprint

MB = 1024 * 1024


@dataclass
class Upload:
    url: callable  # world -> URL of the form
    data: callable  # world -> other form fields
    field: str  # name of the file input
    limit: int  # bytes
    oversize_name: str
    oversize_head: bytes
    messages: tuple[str, ...]  # one of these appears in the page for an oversize file
    bomb_messages: tuple[str, ...]  # one of these for a zip bomb
    also_covers: tuple[str, ...] = ()  # model fields whose uploads go through this form


# "<module>.<Form>.<field>" -> how to probe it through its page, as the region's office.
UPLOADS = {
    "bildungsnetz.network.forms.MemberImportForm.file": Upload(
        url=lambda w: f"/netzwerk/{TARGET_AGS}/gremien/{w['body'].pk}/mitglieder/import/",
        data=lambda w: {},
        field="file",
        limit=2 * MB,
        oversize_name="mitglieder.csv",
        oversize_head=b"vorname;nachname\n",
        messages=("Datei (CSV oder XLSX): Die Datei ist größer als 2 MB.",),
        bomb_messages=("Datei (CSV oder XLSX): Entpackt wäre die Tabelle größer als 50 MB",),
    ),
    "bildungsnetz.network.forms.MeetingDocumentForm.file": Upload(
        url=lambda w: f"/netzwerk/{TARGET_AGS}/sitzungen/{w['meeting'].pk}/dokumente/neu/",
        data=lambda w: {"title": "Präsentation Übergang Schule–Beruf"},
        field="file",
        limit=10 * MB,
        oversize_name="praesentation.pdf",
        oversize_head=b"%PDF-1.7\n",
        messages=("Datei: Datei: Die Datei ist größer als 10 MB",),
        bomb_messages=("Datei: Datei: Entpackt wäre das Dokument größer als 50 MB",),
        also_covers=("bildungsnetz.network.models.MeetingDocument.file",),
    ),
    "bildungsnetz.network.forms.NetworkForm.additions_document": Upload(
        url=lambda w: f"/netzwerk/{TARGET_AGS}/bearbeiten/",
        data=lambda w: {"contract_status": "unterzeichnet", "land_posts": "1"},
        field="additions_document",
        limit=10 * MB,
        oversize_name="ergaenzungen.pdf",
        oversize_head=b"%PDF-1.7\n",
        messages=("Dokument der regionalen Ergänzungen: Datei: Die Datei ist größer als 10 MB",),
        bomb_messages=(
            "Dokument der regionalen Ergänzungen: Datei: Entpackt wäre das Dokument größer als 50",
        ),
        also_covers=("bildungsnetz.network.models.Network.additions_document",),
    ),
    "bildungsnetz.partners.forms.ImportForm.file": Upload(
        url=lambda w: "/bildungspartner/einrichtungen/import/",
        data=lambda w: {"dry_run": ""},
        field="file",
        limit=5 * MB,
        oversize_name="einrichtungen.csv",
        oversize_head=b"name;art;strasse;plz;ort\n",
        messages=("Datei (CSV oder XLSX): Die Datei ist größer als 5 MB.",),
        bomb_messages=("Datei (CSV oder XLSX): Die XLSX-Datei ist entpackt größer als 50 MB.",),
    ),
    "bildungsnetz.surveys.forms.InvitationForm.file": Upload(
        url=lambda w: f"/befragungen/{w['survey'].pk}/einladungen/",
        data=lambda w: {"region": w["region"].pk},
        field="file",
        limit=2 * MB,
        oversize_name="adressen.csv",
        oversize_head=b"email\n",
        messages=("oder CSV-Datei mit Adressen: Die Datei ist größer als 2 MB.",),
        bomb_messages=("oder CSV-Datei mit Adressen: Die Datei ist keine CSV- oder Textdatei.",),
    ),
    "bildungsnetz.surveys.forms.ImportForm.file": Upload(
        url=lambda w: f"/befragungen/{w['survey'].pk}/antworten-importieren/",
        data=lambda w: {},
        field="file",
        limit=5 * MB,
        oversize_name="antworten.csv",
        oversize_head=b"region;K1\n",
        messages=("CSV-Datei mit Antworten: Datei: Die Datei ist größer als 5 MB.",),
        bomb_messages=(
            "Datei: Das ist keine CSV-Datei",
            "Datei: Die Zeichenkodierung ist weder UTF-8 noch Windows-1252.",
        ),
    ),
}


def _import_forms_modules():
    for config in apps.get_app_configs():
        if config.name.startswith("bildungsnetz."):
            for module in ("forms", "views"):
                try:
                    importlib.import_module(f"{config.name}.{module}")
                except ModuleNotFoundError:
                    pass


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def upload_fields() -> set[str]:
    """Every FileField of our models and forms, as "<module>.<class>.<field>"."""
    _import_forms_modules()
    found = set()
    for model in apps.get_models():
        if model.__module__.startswith("bildungsnetz."):
            for field in model._meta.get_fields():
                if isinstance(field, models.FileField):
                    found.add(f"{model.__module__}.{model.__name__}.{field.name}")
    for base in (forms.Form, forms.ModelForm):
        for form in _subclasses(base):
            if form.__module__.startswith("bildungsnetz."):
                for name, field in form.base_fields.items():
                    if isinstance(field, forms.FileField):
                        found.add(f"{form.__module__}.{form.__name__}.{name}")
    return found


def test_every_upload_field_has_a_limit_probe():
    covered = set(UPLOADS) | {m for u in UPLOADS.values() for m in u.also_covers}
    new = sorted(upload_fields() - covered)
    assert new == [], f"new upload field without limit probe (add it to UPLOADS): {new}"
    stale = sorted(covered - upload_fields())
    assert stale == [], f"UPLOADS lists fields that no longer exist: {stale}"


@functools.cache
def zip_bomb(kind: str) -> bytes:
    """A valid-looking XLSX or DOCX of about 60 KB that unpacks to 60 MB."""
    member = "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/document.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(member, b"<x>" + b"0" * (60 * MB) + b"</x>")
    data = buffer.getvalue()
    assert len(data) < 200 * 1024
    return data


@pytest.fixture
def office(db, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world()
    # Answers can be imported into a running survey only.
    survey_services.open_survey(world["survey"], by=world["author"])
    client = Client()
    client.force_login(make_user("upload@bochum.de", "bildungsbuero", TARGET_AGS, first_name="Ute"))
    return world, client


def _media_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _refused(client, world, settings, probe: Upload, name: str, content: bytes, expected):
    url = probe.url(world)
    assert client.get(url).status_code == 200, url  # the office may use the form
    before, files = db_fingerprint(), _media_files(settings)
    upload = SimpleUploadedFile(name, content)
    response = client.post(url, {**probe.data(world), probe.field: upload})
    html = response.content.decode()
    assert response.status_code == 200, (url, name, response.status_code)
    errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', html, re.S)
    assert any(text in html for text in expected), (url, name, expected, errors[:6])
    assert db_fingerprint() == before, (url, name, "database changed")
    assert _media_files(settings) == files, (url, name, "file stored")


@pytest.mark.parametrize("key", UPLOADS)
def test_oversize_file_is_refused(key, office, settings):
    world, client = office
    probe = UPLOADS[key]
    content = probe.oversize_head + b"x" * (probe.limit + 1024 - len(probe.oversize_head))
    _refused(client, world, settings, probe, probe.oversize_name, content, probe.messages)


@pytest.mark.parametrize("key", UPLOADS)
def test_zip_bomb_is_refused(key, office, settings):
    world, client = office
    probe = UPLOADS[key]
    kind = "docx" if probe.oversize_name.endswith(".pdf") else "xlsx"
    _refused(client, world, settings, probe, f"bombe.{kind}", zip_bomb(kind), probe.bomb_messages)
