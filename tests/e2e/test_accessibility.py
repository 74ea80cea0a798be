"""axe-core in headless chromium over every page type we ship, public and logged in,
at desktop width and at 320 px; plus a keyboard-only walk through the main flow."""

import pytest

from bildungsnetz.core.services import ensure_default_pages
from tests.factories import PASSWORD, make_school, make_user

from .conftest import run_axe

PUBLIC_PAGES = [
    "/",
    "/regionen/",
    "/regionen/05911/",
    "/regionen/05158/",
    "/schulen/",
    "/schulen/?q=Hellweg",
    "/schulen/188001/",
    "/schulen/188210/",
    "/suche/?q=Bochum",
    "/suche/?q=gibtesnicht",
    "/seiten/impressum/",
    "/seiten/datenschutz/",
    "/seiten/barrierefreiheit/",
    "/seiten/leichte-sprache/",
    "/seiten/bildungspartner-foerderung/",
    "/barrierefreiheit/rueckmeldung/",
    "/konto/login/",
    "/konto/password/reset/",
    "/netzwerk/",
    "/netzwerk/05911/",
    "/netzwerk/praxis/",
    "/netzwerk/neuigkeiten/",
    "/netzwerk/selbstbewertung/",
    "/bildungspartner/",
    "/bildungspartner/in-der-naehe/?schule=188001&km=10",
    "/bildungspartner/wir-sind-dabei/",
    "/bildungspartner/bedarfe/",
    "/gibt-es-nicht/",
]
STAFF_PAGES = [
    "/mein-bereich/",
    "/schulen/188210/foerderung/",
    "/seiten/impressum/bearbeiten/",
]


@pytest.fixture
def data():
    ensure_default_pages()
    make_school("188001", "04", name="Hauptschule Wattenscheid")
    make_school(
        "188210", "08", name="Förderschule Am Hellweg", kurzbezeichnung="Bochum, FÖ LE Am Hellweg"
    )
    return make_user("martina.lehmkuhl@msb.nrw.de", "land", None)


def _login(page, email):
    page.goto(page.base_url + "/konto/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/mein-bereich/")


def _assert_no_serious_violations(page, axe_source, url):
    violations = run_axe(page, axe_source)
    assert violations == [], (
        url,
        [(v["id"], v["help"], v["nodes"][0]["html"]) for v in violations],
    )


def test_public_pages_have_no_serious_axe_violations(page, axe_source, data):
    for url in PUBLIC_PAGES:
        response = page.goto(page.base_url + url)
        assert response.status == (404 if url == "/gibt-es-nicht/" else 200), url
        assert page.locator("h1").count() == 1, url
        _assert_no_serious_violations(page, axe_source, url)


def test_public_pages_fit_a_320px_screen(page, axe_source, data):
    page.set_viewport_size({"width": 320, "height": 640})
    for url in [
        "/",
        "/schulen/",
        "/schulen/188210/",
        "/regionen/05911/",
        "/konto/login/",
        "/unterstuetzung/",
        "/netzwerk/",
        "/bildungspartner/",
    ]:
        page.goto(page.base_url + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
        _assert_no_serious_violations(page, axe_source, url)


def test_logged_in_pages_have_no_serious_axe_violations(page, axe_source, data):
    _login(page, "martina.lehmkuhl@msb.nrw.de")
    for url in STAFF_PAGES:
        response = page.goto(page.base_url + url)
        assert response.status == 200, url
        _assert_no_serious_violations(page, axe_source, url)
    # A form with errors: the error summary is accessible too.
    page.goto(page.base_url + "/seiten/impressum/bearbeiten/")
    page.fill("#id_body_de", "")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    _assert_no_serious_violations(page, axe_source, "page_edit with errors")


def test_keyboard_only_search_and_login(page, data):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"

    # The global search box is reachable by keyboard and submits with Enter.
    page.focus("#site-search-q")
    page.keyboard.type("Wattenscheid")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Wattenscheid")
    link = page.get_by_role("link", name="Hauptschule Wattenscheid")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/schulen/188001/")
    assert "Schulamt für die Stadt Bochum" in page.locator("main").inner_text()

    # Log in with the keyboard only.
    page.goto(page.base_url + "/konto/login/")
    page.focus("#id_login")
    page.keyboard.type("martina.lehmkuhl@msb.nrw.de")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/mein-bereich/")
    assert "Land" in page.locator("main").inner_text()
