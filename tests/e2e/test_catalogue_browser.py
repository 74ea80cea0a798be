"""Browser: search → material → add to plan → export DOCX; axe-core on catalogue pages."""

import importlib
import io

import pytest
from docx import Document

from bildungsnetz.catalogue.models import Material
from tests.factories import PASSWORD, make_school, make_user

from .conftest import run_axe


@pytest.fixture
def catalogue(reference_tables):
    """Browser tests flush the database after each test; reload the shipped content."""
    from django.apps import apps

    if not Material.objects.exists():
        loader = importlib.import_module(
            "bildungsnetz.catalogue.migrations.0002_load_referenzrahmen_6_6"
        )
        loader.load(apps, None)
    school = make_school("188001", "02", name="Gemeinschaftsgrundschule Am Park")
    make_user("anke.brandt@schule.nrw.de", "schule", "05911", school=school)
    make_user("martina.lehmkuhl@msb.nrw.de", "land", None)
    return school


def _login(page, email):
    page.goto(page.base_url + "/konto/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/mein-bereich/")


def _no_serious(page, axe_source, url):
    violations = run_axe(page, axe_source)
    assert violations == [], (
        url,
        [(v["id"], v["help"], v["nodes"][0]["html"]) for v in violations],
    )


def test_search_material_add_to_plan_and_export_docx(page, catalogue):
    _login(page, "anke.brandt@schule.nrw.de")
    page.goto(page.base_url + "/unterstuetzung/")
    page.get_by_role("link", name="Unterstützung", exact=True).is_visible()
    page.fill("#cat-q", "Schulpsychologie")
    page.keyboard.press("Enter")
    page.wait_for_url("**/unterstuetzung/suche/?q=Schulpsychologie")
    assert "4 Angebote gefunden." in page.locator("main").inner_text()
    assert page.locator("mark").first.inner_text().lower().startswith("schulpsycholog")
    page.get_by_role("link", name="Schulpsychologie in NRW", exact=True).click()
    page.wait_for_url("**/unterstuetzung/material/*/")
    assert page.locator("h1").inner_text() == "Schulpsychologie in NRW"
    page.fill("#id_note", "Fortbildung zum Umgang mit Krisen im Herbst")
    page.get_by_role("button", name="Zum Unterstützungsplan hinzufügen").click()
    page.wait_for_url("**/unterstuetzung/plan/188001/")
    main = page.locator("main").inner_text()
    assert "6.6.4 Unterstützung durch den Schulpsychologischen Dienst" in main
    assert "Das Material steht jetzt in Ihrem Unterstützungsplan." in main

    page.select_option("select[name$='-status']", "in_nutzung")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/unterstuetzung/plan/188001/")
    assert "Stand: in Nutzung" in page.locator("main").inner_text()

    with page.expect_download() as info:
        page.click("#docx-export")
    download = info.value
    assert download.suggested_filename.startswith("unterstuetzungsplan-188001-")
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Schulpsychologie in NRW" in cells
    assert "in Nutzung" in cells
    assert "Fortbildung zum Umgang mit Krisen im Herbst" in cells


def test_catalogue_pages_have_no_serious_axe_violations(page, axe_source, catalogue):
    material = Material.objects.get(title="Mitbestimmung und Teilhabe")
    public = [
        "/unterstuetzung/",
        "/unterstuetzung/suche/",
        "/unterstuetzung/suche/?q=Museen",
        "/unterstuetzung/suche/?region=nrw&seite=2",
        "/unterstuetzung/suche/?q=Quantenphysik",
        "/unterstuetzung/kriterium/6.6.12/",
        "/unterstuetzung/kriterium/6.6.3/",
        f"/unterstuetzung/material/{material.pk}/",
    ]
    for url in public:
        response = page.goto(page.base_url + url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, url
        _no_serious(page, axe_source, url)
    _login(page, "martina.lehmkuhl@msb.nrw.de")
    for url in [
        "/unterstuetzung/redaktion/",
        "/unterstuetzung/redaktion/links/",
        "/unterstuetzung/redaktion/neu/",
        f"/unterstuetzung/material/{material.pk}/",
        f"/unterstuetzung/material/{material.pk}/bearbeiten/",
        "/unterstuetzung/plan/188001/",
        "/unterstuetzung/plan/188001/druck/",
    ]:
        response = page.goto(page.base_url + url)
        assert response.status == 200, url
        _no_serious(page, axe_source, url)


def test_suggestions_appear_while_typing(page, catalogue):
    page.goto(page.base_url + "/unterstuetzung/suche/")
    with page.expect_response("**/unterstuetzung/vorschlaege/?q=Zoosch*"):
        page.type("#id_q", "Zoosch", delay=20)
    page.wait_for_function(
        "document.querySelectorAll('#q-vorschlaege option').length > 0", timeout=5000
    )
    assert page.eval_on_selector("#q-vorschlaege option", "o => o.value") == (
        "Zooschule des Kölner Zoos"
    )
