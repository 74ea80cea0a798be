"""The school page /schulen/<schulnummer>/."""

import json
import re

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_detail_shows_register_fields(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("schools:detail", args=["100011"]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Städt. Gesamtschule Schule d. Sekundarstufe I u. II",
        "Haan, GE Walder Straße",
        "Walder Str. 15",
        "42781 Haan",
        "02129 3754950",
        'href="mailto:100011@schule.nrw.de"',
        'href="http://www.gesamtschule-haan.de" rel="noopener noreferrer external"',
        "Gesamtschule",
        "öffentlich",
        "11435",  # Trägernummer of the Stadt Haan
        'href="/regionen/05158/">Kreis Mettmann</a>',
        "Düsseldorf",
        "in Betrieb",
        "Schulaufsicht",
    ):
        assert text in html, text
    assert "geschlossen" not in html


def test_detail_of_closed_school(client, register):
    html = client.get(reverse("schools:detail", args=["188090"])).content.decode()
    assert "nicht mehr im Register seit 01.08.2025" in html
    dissolved = client.get(reverse("schools:detail", args=["187070"])).content.decode()
    assert "aufgelöst" in dissolved
    assert "(Datum: 31.07.2021)" in dissolved


def test_detail_map_data_is_inline_and_supplementary(client, register):
    html = client.get(reverse("schools:detail", args=["100011"])).content.decode()
    match = re.search(r'data-points="([^"]+)"', html)
    points = json.loads(match.group(1).replace("&quot;", '"'))
    name = register["100011"].name
    assert points == [[51.1929, 7.0078, name, "/schulen/100011/", "Gesamtschule"]]
    assert "<script>" not in html and "style=" not in html


def test_recent_changes_show_date_and_reason_but_no_editor(client, register):
    school = register["100011"]
    editor = make_user("petra.sommer@kreis-mettmann.de", first_name="Petra", last_name="Sommer")
    school.telefon = "02129 1234"
    school._change_reason = "Registerimport 2026"
    school._history_user = editor
    school.save()
    html = client.get(reverse("schools:detail", args=["100011"])).content.decode()
    assert "Letzte Änderungen" in html
    assert "Registerimport 2026" in html
    assert "geändert" in html and "angelegt" in html
    assert "Sommer" not in html and "petra.sommer" not in html


def test_supplement_edit_link_is_kept_for_editors(client, register):
    html = client.get(reverse("schools:detail", args=["100011"])).content.decode()
    assert "foerderung/" not in html  # anonymous: no link


@pytest.mark.parametrize("number", ["999999", "abc"])
def test_unknown_school_is_404(client, db, number):
    assert client.get(reverse("schools:detail", args=[number])).status_code == 404
