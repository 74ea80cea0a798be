from .conftest import run_axe


def test_home_page_renders_in_chromium_without_serious_axe_violations(page, axe_source):
    page.goto(page.base_url + "/")
    assert page.locator("h1").inner_text() == "Bildungsnetz NRW"
    violations = run_axe(page, axe_source)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
