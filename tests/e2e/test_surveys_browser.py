"""Invite → answer → report, in the browser.

The Bildungsbüro Bochum invites seven people through the survey services; six of them
open the link from their mail and answer on the answer page; the Land reads the report.
Before the fifth answer the region is below the threshold and the page shows no numbers.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from bildungsnetz.regions.models import Region
from bildungsnetz.surveys import services
from tests.factories import PASSWORD, make_user
from tests.surveys.report_data import make_instrument

from .conftest import run_axe

LINK = re.compile(r"https?://\S+/befragungen/teilnehmen/[^/\s]+/")

# Six answer sheets (A1, A2, B1): counted by hand —
# A1: voll voll eher | eher_nicht | keine_angabe, one left out → 3 of 4 = 75 %
# A2: voll eher eher | gar_nicht gar_nicht eher_nicht → 3 of 6 = 50 %
# B1: voll | eher_nicht ×5 → 1 of 6 = 16.67 % → 17 %
SHEETS = [
    {"A1": "voll", "A2": "voll", "B1": "voll"},
    {"A1": "voll", "A2": "eher", "B1": "eher_nicht"},
    {"A1": "eher", "A2": "eher", "B1": "eher_nicht"},
    {"A1": "eher_nicht", "A2": "gar_nicht", "B1": "eher_nicht"},
    {"A1": "keine_angabe", "A2": "gar_nicht", "B1": "eher_nicht"},
    {"A2": "eher_nicht", "B1": "eher_nicht"},
]
OPTION = {"voll": 1, "eher": 2, "eher_nicht": 3, "gar_nicht": 4, "keine_angabe": 5}


def _login(page, email):
    page.goto(page.base_url + "/konto/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/mein-bereich/")


def _answer(browser, link, sheet):
    """One invitee in a browser of their own (no login), filling in the answer page."""
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    tab.goto(link)
    for code, value in sheet.items():
        tab.check(f"#frage_{code}-{OPTION[value]}")
    tab.get_by_role("button", name="Antworten absenden").click()
    tab.wait_for_url("**/teilnehmen/danke/")
    context.close()


def _cell(page, table_caption, row_header):
    table = page.locator("table", has=page.locator("caption", has_text=table_caption))
    return table.locator("tr", has=page.locator("th", has_text=row_header)).inner_text()


@pytest.mark.django_db(transaction=True)
def test_invite_answer_report(page, browser, axe_source):
    land = make_user("martina.lehmkuhl@msb.nrw.de", "land", None)
    buero = make_user("petra.sommer@bochum.de", "bildungsbuero", "05911")
    bochum = Region.objects.get(ags="05911")
    survey = services.create_survey(
        instrument=make_instrument(),
        title="RBN-Befragung Bochum 2027",
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
        by=land,
    )
    survey = services.open_survey(survey, by=land)
    emails = [f"akteur{i}@bildung-bochum.de" for i in range(1, 8)]
    result = services.add_invitations(survey, bochum, emails, by=buero)
    assert len(result.accepted) == 7
    mail.outbox.clear()
    assert services.send_invitations(survey, by=buero, region=bochum, base_url=page.base_url) == 7
    links = {}
    for message in mail.outbox:
        found = LINK.search(message.body)
        assert found, message.body
        links[message.to[0]] = found.group(0)
    assert sorted(links) == sorted(emails)

    for email, sheet in zip(emails[:4], SHEETS[:4], strict=True):
        _answer(browser, links[email], sheet)

    # Four answers: below the threshold of five, no number of the region is shown.
    _login(page, "martina.lehmkuhl@msb.nrw.de")
    page.goto(page.base_url + f"/befragungen/{survey.pk}/auswertung/")
    assert "weniger als 5 Antworten" in _cell(page, "Eingeladene", "Bochum")
    assert "weniger als 5 Antworten" in _cell(page, "Zustimmung je Frage", "A1")

    for email, sheet in zip(emails[4:6], SHEETS[4:], strict=True):
        _answer(browser, links[email], sheet)
    # A used link does not work a second time.
    tab = browser.new_page()
    assert tab.goto(links[emails[0]]).status == 410
    tab.close()

    page.goto(page.base_url + f"/befragungen/{survey.pk}/auswertung/")
    assert page.locator("h1").inner_text() == "Auswertung: RBN-Befragung Bochum 2027"
    rates = _cell(page, "Eingeladene", "Bochum")
    assert re.search(r"7\s+6\s+86\u00a0%", rates), rates  # 6 of 7 = 85.71 %
    a1 = _cell(page, "Zustimmung je Frage", "A1")
    assert re.search(r"\s4\s+75\u00a0%", a1), a1  # n = 4 valid answers
    assert "50\u00a0%" in _cell(page, "Zustimmung je Frage", "A2")
    assert "17\u00a0%" in _cell(page, "Zustimmung je Frage", "B1")
    # Transparenz = mean(75, 50) = 62.5 → 63 % (half up)
    assert "63\u00a0%" in _cell(page, "Zustimmung je Dimension", "Transparenz")
    chart = page.get_by_role("img", name="Zustimmung je Frage")
    assert "75\u00a0%" in chart.text_content()
    violations = run_axe(page, axe_source)
    assert violations == [], [(v["id"], v["nodes"][0]["html"]) for v in violations]

    # The Bildungsbüro sees the same figures for its region.
    page.goto(page.base_url + "/")
    page.context.clear_cookies()
    _login(page, "petra.sommer@bochum.de")
    page.goto(page.base_url + f"/befragungen/{survey.pk}/auswertung/")
    assert "75\u00a0%" in _cell(page, "Zustimmung je Frage", "A1")
