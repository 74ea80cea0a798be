"""Pages, exports, iCal feeds, member import and the read API of the network app."""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from bildungsnetz.core.models import AuditEntry
from bildungsnetz.network.models import Meeting, Membership, Network, Person

from .conftest import aware

CSV_HEADER = "vorname;nachname;funktion;e_mail;organisation;organisationsart;sitz;art;von;bis\n"


def test_overview_lists_53_regions_and_derived_count(client, bochum):
    Network.objects.create(
        region=bochum, contract_status="unterzeichnet", signed_on=datetime.date(2008, 9, 1)
    )
    page = client.get("/netzwerk/").content.decode()
    assert "1 / 53" in page
    assert "01.09.2008" in page
    assert "Bochum" in page and "Kreis Borken" in page
    assert "51 von 53" in page  # published figure, shown as a source
    assert "TEMPLATE-VARIABLE-MISSING" not in page


def test_nav_links_to_overview(client, db):
    assert 'href="/netzwerk/"' in client.get("/netzwerk/").content.decode()


def test_region_page_hides_private_names(client, full_lenkungskreis):
    petra = Person.objects.get(last_name="Sommer")
    page = client.get("/netzwerk/05911/").content.decode()
    assert "Lenkungskreis Bochum" in page
    assert "vollständig" in page
    body_page = client.get(full_lenkungskreis.get_absolute_url()).content.decode()
    assert "Petra Sommer" not in body_page
    assert "Name nicht veröffentlicht" in body_page
    assert "Sitzprüfung" in body_page
    petra.consent_public = True
    petra.consent_purpose = "Nennung auf der Netzwerkseite"
    petra.consent_given_on = timezone.localdate()
    petra.save()
    body_page = client.get(full_lenkungskreis.get_absolute_url()).content.decode()
    assert "Petra Sommer" in body_page
    assert "TEMPLATE-VARIABLE-MISSING" not in body_page


def test_body_page_shows_missing_seat_with_explanation(client, lenkungskreis, seat_member):
    seat_member(lenkungskreis, "kommune", "Anja", "Lehmann", "Stadt Bochum")
    page = client.get(lenkungskreis.get_absolute_url()).content.decode()
    assert "status-fehlt" in page
    assert "Es fehlen 1." in page
    assert "Die Besetzung entspricht nicht den Regeln." in page


def test_unknown_region_and_foreign_body_are_404(client, lenkungskreis):
    assert client.get("/netzwerk/05999/").status_code == 404
    assert client.get(f"/netzwerk/05913/gremien/{lenkungskreis.pk}/").status_code == 404


def test_public_and_token_ical_feeds(client, lenkungskreis):
    Meeting.objects.create(
        body=lenkungskreis, title="Öffentliche Sitzung", starts_at=aware(2027, 2, 3), is_public=True
    )
    Meeting.objects.create(
        body=lenkungskreis, title="Interne Klausur", starts_at=aware(2027, 2, 10)
    )
    base = f"/netzwerk/05911/gremien/{lenkungskreis.pk}"
    assert client.get(f"{base}/kalender.ics").status_code == 404  # body not public
    assert client.get(f"{base}/kalender/falsch.ics").status_code == 404
    secret = client.get(f"{base}/kalender/{lenkungskreis.calendar_token}.ics")
    assert secret["Content-Type"].startswith("text/calendar")
    text = secret.content.decode()
    assert "Interne Klausur" in text and "Öffentliche Sitzung" in text
    lenkungskreis.is_public = True
    lenkungskreis.save()
    public = client.get(f"{base}/kalender.ics").content.decode()
    assert "Öffentliche Sitzung" in public
    assert "Interne Klausur" not in public


def test_meeting_pages_for_public_meeting(client, lenkungskreis):
    meeting = Meeting.objects.create(
        body=lenkungskreis,
        title="Bildungskonferenz 2027",
        starts_at=aware(2027, 5, 6),
        is_public=True,
        minutes="Vorstellung des Bildungsberichts.",
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Bildungskonferenz 2027" in page
    assert "Das Protokoll ist nicht öffentlich." in page
    assert "Vorstellung des Bildungsberichts" not in page
    assert client.get(f"/netzwerk/05911/sitzungen/{meeting.pk}/protokoll/").status_code == 404
    meeting.minutes_public = True
    meeting.save()
    printed = client.get(f"/netzwerk/05911/sitzungen/{meeting.pk}/protokoll/").content.decode()
    assert "Vorstellung des Bildungsberichts" in printed
    assert "print.css" in printed


# --- Member import through the rendered form ----------------------------------------------


def _upload(client, body, name, content):
    return client.post(
        f"/netzwerk/05911/gremien/{body.pk}/mitglieder/import/",
        {"file": SimpleUploadedFile(name, content)},
    )


def test_import_csv_creates_people_and_memberships(client, buero_bochum, lenkungskreis):
    client.force_login(buero_bochum)
    form = client.get(f"/netzwerk/05911/gremien/{lenkungskreis.pk}/mitglieder/import/")
    assert "vorname; nachname" in form.content.decode()
    content = (
        CSV_HEADER
        + "Petra;Sommer;Schulrätin;petra.sommer@example.org;Schulamt für die Stadt Bochum;"
        "schulamt;untere_schulaufsicht;;01.08.2024;\n"
        + "Martin;Kaiser;;;Bezirksregierung Arnsberg;Bezirksregierung;"
        "Obere Schulaufsicht (Bezirksregierung);mitglied;2024-08-01;\n"
    ).encode("utf-8-sig")
    response = _upload(client, lenkungskreis, "mitglieder.csv", content)
    assert response.status_code == 302
    assert Membership.objects.filter(body=lenkungskreis).count() == 2
    assert Person.objects.get(last_name="Kaiser").organisation.kind == "bezirksregierung"
    assert AuditEntry.objects.filter(action="network.membership.imported").count() == 1


def test_import_with_one_bad_row_writes_nothing_and_reports_rows(
    client, buero_bochum, lenkungskreis
):
    client.force_login(buero_bochum)
    content = (
        CSV_HEADER
        + "Petra;Sommer;;;Schulamt für die Stadt Bochum;schulamt;untere_schulaufsicht;;;\n"
        + "Thomas;Klein;;;Jugendamt;jugendamt;landrat;;31.02.2024;\n"
        + ";Brandt;;keine-mail;;;schulleitung;chef;;\n"
    ).encode("utf-8")
    response = _upload(client, lenkungskreis, "mitglieder.csv", content)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 Zeilen sind fehlerhaft – nichts wurde gespeichert." in page
    assert "Sitz „landrat“ gibt es in diesem Gremium nicht." in page
    assert "„31.02.2024“ ist kein Datum" in page
    assert "Pflichtspalte „vorname“ ist leer." in page
    assert "Art „chef“ ist unbekannt." in page
    assert not Membership.objects.exists()
    assert not Person.objects.exists()


def test_import_xlsx_and_missing_columns(client, buero_bochum, lenkungskreis):
    client.force_login(buero_bochum)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Vorname", "Nachname", "Sitz", "Organisation", "von"])
    sheet.append(
        ["Claudia", "Brandt", "schulleitung", "Gymnasium am Ostring", datetime.date(2025, 2, 1)]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _upload(client, lenkungskreis, "mitglieder.xlsx", buffer.getvalue())
    assert response.status_code == 302
    member = Membership.objects.get(body=lenkungskreis)
    assert member.start == datetime.date(2025, 2, 1)
    response = _upload(client, lenkungskreis, "kaputt.csv", b"name;sitz\nA;B\n")
    assert "Es fehlen Spalten: vorname, nachname." in response.content.decode()
    assert Membership.objects.count() == 1


def test_members_export_xlsx_is_formula_safe(client, buero_bochum, lenkungskreis, seat_member):
    seat_member(lenkungskreis, "kommune", "=HYPERLINK()", "Lehmann", "Stadt Bochum")
    client.force_login(buero_bochum)
    response = client.get(f"/netzwerk/05911/gremien/{lenkungskreis.pk}/mitglieder.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "vorname"
    assert rows[1][0] == "=HYPERLINK()"
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_figures_form_page_names_field_for_unit(client, buero_bochum):
    client.force_login(buero_bochum)
    response = client.post(
        "/netzwerk/05911/kennzahlen/",
        {"year": "2018", "area_km2": "217,41", "population": "612.178 km²"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Einwohnerinnen und Einwohner" in page and "ohne Einheit" in page
    assert 'href="#id_population"' in page


def test_dsgvo_export_json_download(client, buero_bochum, person):
    petra = person(email="petra.sommer@example.org")
    client.force_login(buero_bochum)
    response = client.get(f"/netzwerk/05911/akteure/person/{petra.pk}/auskunft.json")
    data = json.loads(response.content)
    assert data["person"]["e_mail"] == "petra.sommer@example.org"
    assert "attachment" in response["Content-Disposition"]
    csv_text = client.get(f"/netzwerk/05911/akteure/person/{petra.pk}/auskunft.csv").content
    assert "petra.sommer@example.org" in csv_text.decode("utf-8-sig")


# --- API ----------------------------------------------------------------------------------


def test_api_network_list_and_detail(client, full_lenkungskreis):
    page = client.get("/api/v1/networks").json()
    assert page["count"] == 53
    data = page["items"]
    assert len(data) == 53
    bochum = next(n for n in data if n["ags"] == "05911")
    assert bochum["vereinbarung"] == "unbekannt"
    detail = client.get("/api/v1/networks/05911").json()
    body = detail["gremien"][0]
    assert body["art"] == "lenkungskreis"
    assert body["ok"] is True
    members = [m for s in body["seats"] for m in s["members"]]
    assert all("Sommer" not in m for m in members)  # no consent → no name
    assert any("Name nicht veröffentlicht (Schulamt für die Stadt Bochum)" == m for m in members)
    bodies = client.get("/api/v1/networks/05911/bodies").json()["items"]
    assert bodies[0]["variant"] == "kreisfreie_stadt"
    assert client.get("/api/v1/networks/05999").status_code == 404


@pytest.mark.parametrize("path", ["/netzwerk/", "/netzwerk/05911/", "/netzwerk/05554/"])
def test_public_pages_query_count(client, db, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert client.get(path).status_code == 200


def test_handlungsfeld_status_over_time_on_region_page(client, buero_bochum, bochum):
    from bildungsnetz.network import services

    hf = services.save_handlungsfeld(
        bochum, acting_user=buero_bochum, data={"title": "Sprachbildung", "is_public": True}
    )
    services.report_handlungsfeld(
        hf, acting_user=buero_bochum, data={"day": datetime.date(2025, 1, 15), "status": "geplant"}
    )
    services.report_handlungsfeld(
        hf,
        acting_user=buero_bochum,
        data={"day": datetime.date(2026, 3, 1), "status": "aktiv", "note": "Fortbildungsreihe"},
    )
    assert hf.current_status.status == "aktiv"
    page = client.get("/netzwerk/05911/").content.decode()
    assert "in Arbeit (01.03.2026)" in page
    assert "15.01.2025: geplant" in page


def test_meetings_api_lists_public_meetings_only_with_public_minutes(client, lenkungskreis):
    start = timezone.now() + datetime.timedelta(days=7)
    Meeting.objects.create(
        body=lenkungskreis, title="Öffentliche Sitzung", starts_at=start, is_public=True,
        minutes="Beschluss: Sprachbildung wird Handlungsfeld.", minutes_public=True,
        location="Rathaus Bochum",
    )  # fmt: skip
    Meeting.objects.create(
        body=lenkungskreis, title="Sitzung mit internem Protokoll", starts_at=start,
        is_public=True, minutes="Personalfragen", minutes_public=False,
    )  # fmt: skip
    Meeting.objects.create(body=lenkungskreis, title="Interne Sitzung", starts_at=start)
    data = client.get("/api/v1/networks/05911/meetings").json()["items"]
    titles = {m["titel"]: m for m in data}
    assert set(titles) == {"Öffentliche Sitzung", "Sitzung mit internem Protokoll"}
    assert titles["Öffentliche Sitzung"]["protokoll"].startswith("Beschluss")
    assert titles["Sitzung mit internem Protokoll"]["protokoll"] is None
    assert titles["Öffentliche Sitzung"]["gremium"] == "Lenkungskreis Bochum"
    assert client.get("/api/v1/networks/99999/meetings").status_code == 404
