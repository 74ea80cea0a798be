"""The school directory with its supplementary map, in chromium (no tile server, no internet)."""

import pytest
from playwright.sync_api import expect

from tests.schools_views.register import make_register

from .conftest import run_axe

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_tables(transactional_db):
    """Live-server tests flush the database afterwards, reference tables included; an
    earlier transactional test may have done so. Reload them (the loader is idempotent)."""
    from importlib import import_module

    from django.apps import apps

    import_module("bildungsnetz.regions.migrations.0002_load_nrw_structure").load(apps, None)


def test_directory_map_toggle_is_accessible_and_does_not_trap_focus(page, axe_source):
    make_register()
    page.goto(page.base_url + "/schulen/?region=05911")
    expect(page.locator(".result-count")).to_have_text("3 Schulen gefunden.")
    toggle = page.locator("button.js-map-toggle")
    expect(toggle).to_have_text("Karte anzeigen")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text("Karte ausblenden")
    expect(page.locator("#karte[data-map-ready='3']")).to_be_attached()
    expect(page.locator(".js-map-status")).to_have_text("Schulen auf der Karte: 3")
    # Nothing inside the (aria-hidden) map is in the tab order.
    focusable = page.locator(
        "#karte a:not([tabindex='-1']), #karte button:not([tabindex='-1']), "
        "#karte [tabindex]:not([tabindex='-1'])"
    )
    expect(focusable).to_have_count(0)
    # Tabbing from the toggle leaves the map and reaches the table.
    toggle.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#karte') === null")
    violations = run_axe(page, axe_source)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_directory_works_without_javascript(browser, live_server):
    make_register()
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/schulen/?q=Muenster")
        expect(page.locator(".result-count")).to_have_text("2 Schulen gefunden.")
        expect(page.locator("#karte-bereich")).to_be_hidden()
        expect(page.locator(".js-map-toggle")).to_be_hidden()
        page.get_by_label("Status").select_option("alle")
        page.get_by_role("button", name="Suchen und filtern").click()
        expect(page.locator(".result-count")).to_have_text("3 Schulen gefunden.")
        expect(page.get_by_role("link", name="Städt. Grundschule Überwasser")).to_be_visible()
    finally:
        context.close()
