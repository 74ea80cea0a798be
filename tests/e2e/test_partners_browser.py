"""Bildungspartner NRW in chromium: the whole workflow from the partner search to the public
listing, by three people in turn, and axe-core on every page type of the app."""

import pytest
from playwright.sync_api import expect

from bildungsnetz.partners.models import Institution, Partnership
from tests.factories import PASSWORD, make_user
from tests.partners import factories as f

from .conftest import run_axe

pytestmark = pytest.mark.django_db(transaction=True)

SCHOOL = "schulleitung@paulinum.example.org"
MUSEUM = "brinkmann@lwl.example.org"
BUERO = "sommer@bildungsbuero-muenster.example.org"


@pytest.fixture
def data(settings, reference_tables):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    paulinum = f.school("paulinum")
    f.school("schiller")
    museum = f.institution("lwl_museum")
    f.institution("stadtbuecherei_ms")
    f.institution("allwetterzoo", verified=False)
    make_user(SCHOOL, "schule", "05515", school=paulinum, first_name="Markus", last_name="Terhorst")
    f.partner_account(MUSEUM, museum)
    make_user(BUERO, "bildungsbuero", "05515")
    return museum


def _login(page, email):
    page.goto(page.base_url + "/konto/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/mein-bereich/")


def _logout(page):
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()


def _no_serious_violations(page, axe_source):
    violations = run_axe(page, axe_source)
    assert violations == [], [(v["id"], v["help"], v["nodes"][0]["html"]) for v in violations]


def _state(page):
    return page.locator("#stand-titel .state")


def test_workflow_from_partner_search_to_public_listing(page, axe_source, data):
    # 1. The school finds the museum near it and drafts the agreement.
    _login(page, SCHOOL)
    page.goto(page.base_url + "/bildungspartner/in-der-naehe/?schule=167850&km=5")
    expect(page.locator(".result-count")).to_contain_text("2 Einrichtungen im Umkreis von 5 km")
    expect(page.locator(".hit").first).to_contain_text("0,6 km entfernt")
    _no_serious_violations(page, axe_source)
    page.get_by_role(
        "link", name="Partnerschaft vorbereiten – LWL-Museum für Kunst und Kultur"
    ).click()
    page.get_by_label("Titel der Vereinbarung").fill("Kunst im Dialog")
    page.get_by_label("Handlungsfeld").select_option("kunst_kultur")
    page.get_by_label("Gemeinsame Ziele").fill("Kunstwerke im Original erleben.")
    page.get_by_label("Aktivitäten").fill("Zwei Projekttage je Halbjahr in Klasse 8.")
    page.get_by_label("Beginn").fill("2026-08-01")
    _no_serious_violations(page, axe_source)
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kunst im Dialog")
    expect(_state(page)).to_have_text("Entwurf")
    _no_serious_violations(page, axe_source)
    page.get_by_role("link", name="Unterschrift der Schule erfassen").click()
    page.get_by_label("Name der unterzeichnenden Person").fill("Dr. Markus Terhorst")
    page.get_by_label("Datum der Unterschrift").fill("2026-02-10")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".message")).to_have_text("Die Unterschrift wurde erfasst.")
    expect(_state(page)).to_have_text("Entwurf")
    url = page.url
    _logout(page)

    # 2. The museum signs its side: now the agreement is signed.
    _login(page, MUSEUM)
    page.goto(url)
    page.get_by_role("link", name="Unterschrift der Einrichtung erfassen").click()
    page.get_by_label("Name der unterzeichnenden Person").fill("Hannah Brinkmann")
    page.get_by_label("Datum der Unterschrift").fill("2026-02-12")
    page.get_by_role("button", name="Speichern").click()
    expect(_state(page)).to_have_text("unterzeichnet")
    # The museum cannot record the Schulkonferenz, nor submit before it.
    expect(page.get_by_role("link", name="Zustimmung der Schulkonferenz erfassen")).to_have_count(0)
    expect(page.get_by_role("button", name="Beim Bildungspartner-Büro einreichen")).to_have_count(0)
    _logout(page)

    # 3. The school records the Schulkonferenz (§ 5 SchulG) and submits.
    _login(page, SCHOOL)
    page.goto(url)
    page.get_by_role("link", name="Zustimmung der Schulkonferenz erfassen").click()
    page.get_by_label("Datum des Beschlusses der Schulkonferenz").fill("2026-02-20")
    page.get_by_role("button", name="Speichern").click()
    expect(_state(page)).to_have_text("Zustimmung der Schulkonferenz")
    page.get_by_role("button", name="Beim Bildungspartner-Büro einreichen").click()
    expect(_state(page)).to_have_text("eingereicht")
    expect(page.get_by_role("button", name="Registrieren")).to_have_count(0)
    _logout(page)

    # 4. The Bildungsbüro of the school's region registers and publishes.
    _login(page, BUERO)
    page.goto(url)
    page.get_by_role("button", name="Registrieren").click()
    expect(_state(page)).to_have_text("registriert")
    page.get_by_role("button", name="Veröffentlichen („Wir sind dabei“)").click()
    expect(_state(page)).to_have_text("öffentlich")
    expect(page.locator(".history li")).to_have_count(7)
    _no_serious_violations(page, axe_source)
    _logout(page)

    # 5. The public sees it in "Wir sind dabei".
    page.goto(page.base_url + "/bildungspartner/wir-sind-dabei/?region=05515")
    expect(page.locator("#anzahl-partnerschaften")).to_have_text("1")
    row = page.get_by_role("row", name="Kunst im Dialog")
    expect(row).to_contain_text("LWL-Museum für Kunst und Kultur")
    expect(page.locator("#karte[data-map-ready='1']")).to_be_attached()
    _no_serious_violations(page, axe_source)
    p = Partnership.objects.get()
    assert (p.state, p.registered_by.email) == ("oeffentlich", BUERO)


PUBLIC_PAGES = [
    "/bildungspartner/",
    "/bildungspartner/in-der-naehe/",
    "/bildungspartner/in-der-naehe/?plz=4814",
    "/bildungspartner/in-der-naehe/?schule=Gymnasium&km=5",
    "/bildungspartner/wir-sind-dabei/?ansicht=einrichtungen",
    "/bildungspartner/wir-sind-dabei/?ansicht=schulen",
    "/bildungspartner/einrichtung-anmelden/",
]
OFFICE_PAGES = [
    "/bildungspartner/mein-bereich/",
    "/bildungspartner/partnerschaften/neu/",
    "/bildungspartner/einrichtungen/neu/",
    "/bildungspartner/einrichtungen/import/",
    "/bildungspartner/weisse-flecken/",
]


def test_pages_have_no_serious_accessibility_violations(page, axe_source, data):
    museum = data
    for path in [*PUBLIC_PAGES, f"/bildungspartner/einrichtungen/{museum.pk}/"]:
        page.goto(page.base_url + path)
        _no_serious_violations(page, axe_source)
    _login(page, BUERO)
    pending = Institution.objects.get(verified=False)
    for path in [
        *OFFICE_PAGES,
        f"/bildungspartner/einrichtungen/{museum.pk}/bearbeiten/",
        f"/bildungspartner/einrichtungen/{museum.pk}/angebote/neu/",
        f"/bildungspartner/einrichtungen/{museum.pk}/ansprechperson/neu/",
        f"/bildungspartner/einrichtungen/{pending.pk}/",
    ]:
        page.goto(page.base_url + path)
        _no_serious_violations(page, axe_source)
    # Self-registration with an error: the summary is announced and links to the field.
    _logout(page)
    page.goto(page.base_url + "/bildungspartner/einrichtung-anmelden/")
    page.get_by_label("Name").first.fill("Theater Traumbaum")
    page.get_by_role("button", name="Anmeldung absenden").click()
    expect(page.locator(".error-summary")).to_be_visible()
    _no_serious_violations(page, axe_source)
