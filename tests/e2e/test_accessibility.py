"""axe-core in headless chromium over every page type we ship, public and logged in,
at desktop width and at 320 px; plus a keyboard-only walk through the main flow."""

import re

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
    "/monitoring/",
    "/monitoring/05911/",
    "/monitoring/offene-daten/",
    "/gibt-es-nicht/",
    "/befragungen/teilnehmen/axe-einladung-2027-bochum/",  # answer page (data fixture)
    "/befragungen/teilnehmen/danke/",
]
STAFF_PAGES = [
    "/mein-bereich/",
    "/monitoring/einrichtungen/9101/schulen-ohne-partner/",
    "/schulen/188210/foerderung/",
    "/seiten/impressum/bearbeiten/",
    "/konto/api-schluessel/",
    "/befragungen/9001/auswertung/",  # survey report with suppressed regions (data fixture)
    "/befragungen/",
    "/befragungen/neu/",
    "/befragungen/9002/",
    "/befragungen/9002/einladungen/",
    "/befragungen/9002/antworten-importieren/",
    "/befragungen/frageboegen/",
    "/befragungen/frageboegen/9003/",
    "/befragungen/frageboegen/9003/fragen/neu/",
]


@pytest.fixture
def data():
    ensure_default_pages()
    make_school("188001", "04", name="Hauptschule Wattenscheid")
    make_school(
        "188210", "08", name="Förderschule Am Hellweg", kurzbezeichnung="Bochum, FÖ LE Am Hellweg"
    )
    land = make_user("martina.lehmkuhl@msb.nrw.de", "land", None)
    from bildungsnetz.api.services import create_token

    create_token(acting_user=land, name="Auswertung Referat 411")  # the key list has a row
    from tests.surveys.report_data import make_survey

    make_survey(pk=9001)  # five regions, three of them below the anonymity threshold
    from tests.surveys.axe_data import make_answer_survey

    make_answer_survey(pk=9002, instrument_pk=9003)  # running survey, answer link, own form
    _monitoring_data()
    return land


def _monitoring_data():
    """A meeting in Bochum, so /monitoring/05911/ shows an SVG chart beside its table."""
    import datetime

    from django.utils import timezone

    from bildungsnetz.network.models import Body, Meeting
    from bildungsnetz.regions.models import Region

    body = Body.objects.create(
        region=Region.objects.get(ags="05911"), kind="lenkungskreis", name="Lenkungskreis Bochum"
    )
    Meeting.objects.create(
        body=body,
        title="Lenkungskreis Frühjahr",
        starts_at=timezone.now() - datetime.timedelta(days=40),
    )
    from bildungsnetz.partners.models import Institution

    Institution.objects.create(
        pk=9101, name="Kunstmuseum Bochum", kind="museum", plz="44787", ort="Bochum",
        lat=51.4867, lon=7.2150, region=body.region, verified=True, verified_at=timezone.now(),
    )  # fmt: skip


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
        "/befragungen/teilnehmen/axe-einladung-2027-bochum/",
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


# --- Every page type (tests/security/world.py builds one record of each kind) --------------
# Placeholders are filled with the primary keys of the world's Bochum records.
B = "/netzwerk/05911"
WORLD_PUBLIC_PAGES = {
    "/unterstuetzung/": 200,
    "/unterstuetzung/suche/?q=Archiv": 200,
    "/unterstuetzung/kriterium/6.6.12/": 200,
    f"{B}/gremien/{{body}}/": 200,
    f"{B}/neuigkeiten/": 200,
    f"{B}/neuigkeiten/{{news}}/": 200,
    "/netzwerk/newsletter/": 200,
    "/netzwerk/newsletter/bestaetigen/abgelaufen/": 400,
    "/netzwerk/newsletter/abmelden/abgelaufen/": 400,
    "/bildungspartner/einrichtungen/{library}/": 200,
    "/bildungspartner/einrichtung-anmelden/": 200,
    "/bildungspartner/bedarfe/{need}/": 200,
}
WORLD_STAFF_PAGES = [
    "/protokoll/",
    "/unterstuetzung/material/{material}/",
    "/unterstuetzung/redaktion/",
    "/unterstuetzung/redaktion/links/",
    "/unterstuetzung/redaktion/neu/",
    "/unterstuetzung/material/{material}/bearbeiten/",
    "/unterstuetzung/material/{material}/verlauf/",
    "/unterstuetzung/plan/",
    "/unterstuetzung/plan/{schulnummer}/",
    "/unterstuetzung/plan/{schulnummer}/druck/",
    f"{B}/bearbeiten/",
    f"{B}/kennzahlen/",
    f"{B}/akteure/",
    f"{B}/akteure/organisation/neu/",
    f"{B}/akteure/organisation/{{org}}/bearbeiten/",
    f"{B}/akteure/person/neu/",
    f"{B}/akteure/person/{{person}}/bearbeiten/",
    f"{B}/akteure/person/{{person}}/anonymisieren/",
    f"{B}/gremien/neu/",
    f"{B}/gremien/{{body}}/bearbeiten/",
    f"{B}/gremien/{{body}}/mitglieder/neu/",
    f"{B}/gremien/{{body}}/mitglieder/{{membership}}/beenden/",
    f"{B}/gremien/{{body}}/mitglieder/import/",
    f"{B}/gremien/{{body}}/sitzungen/neu/",
    f"{B}/sitzungen/{{meeting}}/",
    f"{B}/sitzungen/{{meeting}}/protokoll/",
    f"{B}/sitzungen/{{meeting}}/bearbeiten/",
    f"{B}/sitzungen/{{meeting}}/top/neu/",
    f"{B}/sitzungen/{{meeting}}/teilnahme/",
    f"{B}/sitzungen/{{meeting}}/beschluss/neu/",
    f"{B}/sitzungen/{{meeting}}/dokumente/neu/",
    f"{B}/beschluesse/{{decision}}/auftrag/neu/",
    f"{B}/auftraege/",
    f"{B}/auftraege/{{order}}/",
    f"{B}/auftraege/{{order}}/kommentar/",
    f"{B}/auftraege/{{order}}/stand/",
    f"{B}/handlungsfelder/neu/",
    f"{B}/handlungsfelder/{{hf}}/bearbeiten/",
    f"{B}/handlungsfelder/{{hf}}/stand/",
    f"{B}/neuigkeiten/neu/",
    f"{B}/neuigkeiten/{{news}}/bearbeiten/",
    "/netzwerk/praxis/{practice}/",  # not yet released: the office's preview
    f"{B}/praxis/neu/",
    f"{B}/praxis/{{practice}}/bearbeiten/",
    f"{B}/selbstbewertung/2025/",
    "/bildungspartner/mein-bereich/",
    "/bildungspartner/partnerschaften/neu/",
    "/bildungspartner/partnerschaften/{partnership}/",
    "/bildungspartner/partnerschaften/{partnership}/bearbeiten/",
    "/bildungspartner/partnerschaften/{partnership}/unterschrift/",
    "/bildungspartner/partnerschaften/{partnership}/schulkonferenz/",
    "/bildungspartner/partnerschaften/{partnership}/ansprechpersonen/",
    "/bildungspartner/partnerschaften/{partnership}/druck/",
    "/bildungspartner/einrichtungen/neu/",
    "/bildungspartner/einrichtungen/import/",
    "/bildungspartner/einrichtungen/{library}/bearbeiten/",
    "/bildungspartner/einrichtungen/{library}/ansprechperson/neu/",
    "/bildungspartner/einrichtungen/{library}/ansprechperson/{contact}/bearbeiten/",
    "/bildungspartner/einrichtungen/{library}/angebote/neu/",
    "/bildungspartner/einrichtungen/{library}/angebote/{offer}/bearbeiten/",
    "/bildungspartner/bedarfe/neu/",
    "/bildungspartner/bedarfe/{need}/bearbeiten/",
    "/bildungspartner/suchen/",
    "/bildungspartner/weisse-flecken/",
    "/befragungen/{survey}/bearbeiten/",
    "/befragungen/frageboegen/neu/",
    "/befragungen/frageboegen/{instrument}/bearbeiten/",
    "/befragungen/frageboegen/{instrument}/fragen/{survey_item}/bearbeiten/",
]
# Views that answer GET with something other than an HTML page.
NOT_HTML_PAGES = {
    "catalogue:suggest": "JSON für die Vorschlagsliste der Suche",
    "network:document_download": "Datei-Download",
}


@pytest.fixture
def world(data):
    import importlib

    from django.apps import apps

    from bildungsnetz.catalogue.models import Criterion
    from tests.security.world import build_world

    if not Criterion.objects.exists():  # browser tests flush the shipped catalogue
        importlib.import_module(
            "bildungsnetz.catalogue.migrations.0002_load_referenzrahmen_6_6"
        ).load(apps, None)
    built = build_world()
    keys = {k: v.pk for k, v in built.items() if hasattr(v, "pk")}
    keys["schulnummer"] = built["school"].schulnummer
    return keys


def _all_axe_urls() -> list[str]:
    import inspect

    source = inspect.getsource(test_public_pages_fit_a_320px_screen)
    narrow = re.findall(r'"(/[^"]*)"', source)
    return [*PUBLIC_PAGES, *STAFF_PAGES, *WORLD_PUBLIC_PAGES, *WORLD_STAFF_PAGES, *narrow]


def test_axe_covers_every_page_type():
    """Every view of ours that answers GET with HTML (from the URL resolver) is in one of
    the axe page lists above; a new page type without axe coverage fails here."""
    from django.urls import Resolver404, resolve

    from tests.security.probes import html_page_types

    covered = set()
    for url in _all_axe_urls():
        path = re.sub(r"\{\w+\}", "1", url.split("?")[0])
        try:
            covered.add(resolve(path).view_name)
        except Resolver404:
            pass
    missing = sorted(set(html_page_types()) - covered - set(NOT_HTML_PAGES))
    assert missing == [], f"page types without axe coverage (add a URL above): {missing}"


def test_every_page_type_public_has_no_serious_axe_violations(page, axe_source, world):
    failures = []
    for template, status in WORLD_PUBLIC_PAGES.items():
        url = template.format(**world)
        response = page.goto(page.base_url + url)
        if response.status != status or page.locator("h1").count() != 1:
            failures.append((url, response.status, page.locator("h1").count()))
            continue
        violations = run_axe(page, axe_source)
        if violations:
            failures.append((url, [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]))
    assert failures == [], failures


def test_every_page_type_logged_in_has_no_serious_axe_violations(page, axe_source, world):
    _login(page, "martina.lehmkuhl@msb.nrw.de")
    failures = []
    for template in WORLD_STAFF_PAGES:
        url = template.format(**world)
        response = page.goto(page.base_url + url)
        if response.status != 200:
            failures.append((url, response.status))
            continue
        violations = run_axe(page, axe_source)
        if violations:
            failures.append((url, [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]))
    assert failures == [], failures


def _tab_to(page, predicate_js: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"not reachable with Tab: {predicate_js}")


def test_keyboard_only_school_search_to_partner_search(page, world):
    """Search → school page → partner search near that school, with the keyboard only."""
    page.goto(page.base_url + "/")
    _tab_to(page, "el.id === 'site-search-q'")
    page.keyboard.type("Graf-Engelbert")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Graf-Engelbert")
    _tab_to(page, "el.tagName === 'A' && el.textContent.includes('Graf-Engelbert-Schule')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/schulen/{world['schulnummer']}/")
    # From the school page through the main navigation to the Bildungspartner area.
    _tab_to(page, "el.tagName === 'A' && el.getAttribute('href') === '/bildungspartner/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bildungspartner/")
    _tab_to(page, "el.tagName === 'A' && el.textContent.trim() === 'Partner in der Nähe finden'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bildungspartner/in-der-naehe/")
    _tab_to(page, "el.name === 'schule'")
    page.keyboard.type(world["schulnummer"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/in-der-naehe/?*")
    assert "Stadtbibliothek Bochum" in page.locator("main").inner_text()


def test_keyboard_only_login_and_work_order(page, world):
    """Log in and give a work order from a decision, with the keyboard only."""
    page.goto(page.base_url + "/konto/login/")
    _tab_to(page, "el.id === 'id_login'")
    page.keyboard.type("anna.kruse@bochum.de")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/mein-bereich/")

    page.goto(page.base_url + f"{B}/sitzungen/{world['meeting']}/")
    _tab_to(page, "el.tagName === 'A' && el.textContent.trim() === 'Arbeitsauftrag erteilen'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/auftrag/neu/")
    _tab_to(page, "el.id === 'id_title'")
    page.keyboard.type("Bericht zur Berufsorientierung vorlegen")
    _tab_to(page, "el.id === 'id_due_date'")
    is_date = page.evaluate("document.activeElement.type") == "date"
    # Day and month alike: the order of the date field's segments (locale) does not matter.
    page.keyboard.type("09092027" if is_date else "09.09.2027")
    _tab_to(page, "el.tagName === 'BUTTON' && el.type === 'submit' && !!el.closest('main')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/auftrag/neu/" not in url)
    from bildungsnetz.network.models import WorkOrder

    order = WorkOrder.objects.get(title="Bericht zur Berufsorientierung vorlegen")
    assert order.due_date.isoformat() == "2027-09-09"
    assert order.region.ags == "05911"
