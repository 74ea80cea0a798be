"""Browser: the whole chain of a Bildungsbüro – meeting → agenda → minutes → decision →
work order → reminder mail → done; seat checklist; axe-core on the network pages."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bildungsnetz.network.meeting_services import send_reminders
from bildungsnetz.network.models import Body, Membership, Organisation, Person, WorkOrder
from bildungsnetz.regions.models import Region
from tests.factories import PASSWORD, make_user

from .conftest import run_axe


@pytest.fixture
def bochum_network(reference_tables, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    bochum = Region.objects.get(ags="05911")
    make_user("petra.sommer@bochum.de", "bildungsbuero", "05911")
    body = Body.objects.create(region=bochum, kind="lenkungskreis", name="Lenkungskreis Bochum")
    schulamt = Organisation.objects.create(
        region=bochum,
        name="Schulamt für die Stadt Bochum",
        kind="schulamt",
        email="schulamt@bochum.de",
    )
    person = Person.objects.create(
        region=bochum,
        first_name="Martin",
        last_name="Kaiser",
        organisation=schulamt,
        email="martin.kaiser@example.org",
    )
    Membership.objects.create(
        body=body, person=person, organisation=schulamt, seat="untere_schulaufsicht"
    )
    return body


def _login(page, email):
    page.goto(page.base_url + "/konto/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/mein-bereich/")


def _no_serious(page, axe_source):
    violations = run_axe(page, axe_source)
    assert violations == [], [(v["id"], v["help"], v["nodes"][0]["html"]) for v in violations]


def test_meeting_to_done_work_order(page, bochum_network, axe_source):
    body = bochum_network
    _login(page, "petra.sommer@bochum.de")
    page.goto(page.base_url + "/netzwerk/05911/")
    page.get_by_role("link", name="Lenkungskreis Bochum").click()
    page.wait_for_url(f"**/gremien/{body.pk}/")
    assert "Es fehlen 1." in page.locator("main").inner_text()
    _no_serious(page, axe_source)

    page.get_by_role("link", name="Sitzung anlegen").click()
    page.fill("#id_title", "Frühjahrssitzung des Lenkungskreises")
    start = (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT17:00")
    page.fill("#id_starts_at", start)
    page.fill("#id_location", "Rathaus Bochum, Raum 120")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/sitzungen/*/")

    page.get_by_role("link", name="Tagesordnungspunkt hinzufügen").click()
    page.fill("#id_title", "Übergang Schule–Beruf: Stand KAoA")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/sitzungen/*/")

    page.get_by_role("button", name="Einladung versenden").click()
    page.wait_for_url("**/sitzungen/*/")
    assert "Einladungen an 1 Personen" in page.locator(".messages").inner_text()
    assert mail.outbox[-1].to == ["martin.kaiser@example.org"]

    page.get_by_role("link", name="Sitzung und Protokoll bearbeiten").click()
    page.fill("#id_minutes", "Herr Kaiser berichtet über die Berufsorientierung an allen Schulen.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/sitzungen/*/")

    page.get_by_role("link", name="Beschluss erfassen").click()
    page.select_option("#id_kind", "beschluss")
    page.fill("#id_text", "Das Bildungsbüro erstellt einen Bericht zum Übergang Schule–Beruf.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/sitzungen/*/")
    _no_serious(page, axe_source)

    page.get_by_role("link", name="Arbeitsauftrag erteilen").click()
    page.fill("#id_title", "Bericht Übergang Schule–Beruf")
    page.select_option("#id_owner_organisation", label="Schulamt für die Stadt Bochum")
    due = timezone.localdate() + datetime.timedelta(days=3)
    page.fill("#id_due_date", due.isoformat())
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/auftraege/")
    assert "Bericht Übergang Schule–Beruf" in page.locator("table").first.inner_text()

    assert send_reminders() == 1
    reminder = mail.outbox[-1]
    assert reminder.to == ["schulamt@bochum.de"]
    assert "Bericht Übergang Schule–Beruf" in reminder.subject

    page.get_by_role("link", name="Stand ändern").click()
    page.select_option("#id_status", "in_arbeit")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/auftraege/")
    page.get_by_role("link", name="Stand ändern").click()
    page.select_option("#id_status", "erledigt")
    page.get_by_role("button", name="Speichern").click()
    assert "Bitte das Ergebnis des Auftrags angeben." in page.locator(".error-summary").inner_text()
    page.fill("#id_result", "Bericht im Lenkungskreis vorgestellt.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/auftraege/")
    assert WorkOrder.objects.get().status == "erledigt"
    _no_serious(page, axe_source)

    page.goto(page.base_url + "/netzwerk/")
    assert "0 / 53" in page.locator("main").inner_text()
    _no_serious(page, axe_source)
