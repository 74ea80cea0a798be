"""Permission grid for every write view of the network app: only the region's Bildungsbüro
and the Land may change a region's network; everyone else gets 403 (anonymous: login).
Plus cross-region probes (objects of another region are 404) and internal read views."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bildungsnetz.core.models import AuditEntry
from bildungsnetz.network.models import (
    Body,
    Decision,
    DevelopmentField,
    Handlungsfeld,
    Meeting,
    Membership,
    NewsItem,
    NewsletterSubscription,
    Organisation,
    Person,
    PracticeExample,
    WorkOrder,
)
from bildungsnetz.regions.models import Region

from .conftest import PERSONAS

ALLOWED = {"bildungsbuero_bochum", "land"}
READERS = ALLOWED | {"lenkungskreis_bochum"}


@pytest.fixture
def world(db):
    bochum = Region.objects.get(ags="05911")
    schulamt = Organisation.objects.create(
        region=bochum, name="Schulamt für die Stadt Bochum", kind="schulamt"
    )
    petra = Person.objects.create(
        region=bochum,
        first_name="Petra",
        last_name="Sommer",
        organisation=schulamt,
        email="petra.sommer@example.org",
    )
    body = Body.objects.create(region=bochum, kind="lenkungskreis", name="Lenkungskreis Bochum")
    membership = Membership.objects.create(
        body=body, person=petra, organisation=schulamt, seat="untere_schulaufsicht"
    )
    hf = Handlungsfeld.objects.create(region=bochum, title="Übergang Schule–Beruf (KAoA)")
    meeting = Meeting.objects.create(
        body=body,
        title="Sitzung des Lenkungskreises",
        starts_at=timezone.now() + datetime.timedelta(days=20),
    )
    decision = Decision.objects.create(meeting=meeting, kind="beschluss", text="Bericht vorlegen")
    order = WorkOrder.objects.create(
        region=bochum,
        decision=decision,
        title="Bericht zum Übergang Schule–Beruf",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    example = PracticeExample.objects.create(
        region=bochum,
        title="Kompetenzpass in der Grundschule",
        summary="Selbst- und Fremdeinschätzung am Ende der Klassen 2, 4 und 6.",
        topic="grundschule_sek",
    )
    news = NewsItem.objects.create(
        region=bochum,
        title="Bildungskonferenz 2025 zum Übergang Schule–Beruf",
        text="Das Bildungsbüro lädt ins Rathaus ein.",
        published_at=timezone.now() - datetime.timedelta(hours=2),
        is_public=True,
    )
    NewsletterSubscription.objects.create(
        email="anna.becker@example.org", region=bochum, confirmed_at=timezone.now()
    )
    return {
        "news": news,
        "example": example,
        "org": schulamt,
        "person": petra,
        "body": body,
        "membership": membership,
        "hf": hf,
        "meeting": meeting,
        "decision": decision,
        "order": order,
    }


def _csv():
    text = (
        "vorname;nachname;funktion;e_mail;organisation;organisationsart;sitz;art;von;bis\n"
        "Martin;Kaiser;Schulaufsicht;;Bezirksregierung Arnsberg;bezirksregierung;"
        "obere_schulaufsicht;mitglied;01.08.2024;\n"
    )
    return SimpleUploadedFile("mitglieder.csv", text.encode("utf-8"), content_type="text/csv")


B = "/netzwerk/05911"
# name -> (method, url(world), data(world), audit action)
CASES = {
    "network_edit": (
        "post",
        lambda w: f"{B}/bearbeiten/",
        lambda w: {
            "contract_status": "unterzeichnet",
            "signed_on": "2008-09-01",
            "land_posts": "1",
            "municipal_posts": "1",
            "additional_posts": "0,5",
            "office_name": "Regionales Bildungsbüro Bochum",
        },
        "network.network.changed",
    ),
    "figures_edit": (
        "post",
        lambda w: f"{B}/kennzahlen/",
        lambda w: {"year": "2024", "area_km2": "145,66", "population": "364.454"},
        "network.figures.saved",
    ),
    "organisation_create": (
        "post",
        lambda w: f"{B}/akteure/organisation/neu/",
        lambda w: {"name": "Volkshochschule Bochum", "kind": "vhs"},
        "network.organisation.created",
    ),
    "organisation_edit": (
        "post",
        lambda w: f"{B}/akteure/organisation/{w['org'].pk}/bearbeiten/",
        lambda w: {"name": "Staatliches Schulamt Bochum", "kind": "schulamt"},
        "network.organisation.changed",
    ),
    "person_create": (
        "post",
        lambda w: f"{B}/akteure/person/neu/",
        lambda w: {"first_name": "Rolf", "last_name": "Kessler", "function": "Bildungsbüro"},
        "network.person.created",
    ),
    "person_edit": (
        "post",
        lambda w: f"{B}/akteure/person/{w['person'].pk}/bearbeiten/",
        lambda w: {"first_name": "Petra", "last_name": "Sommer", "function": "Schulrätin"},
        "network.person.changed",
    ),
    "person_export_json": (
        "get",
        lambda w: f"{B}/akteure/person/{w['person'].pk}/auskunft.json",
        lambda w: {},
        "network.person.exported",
    ),
    "person_export_csv": (
        "get",
        lambda w: f"{B}/akteure/person/{w['person'].pk}/auskunft.csv",
        lambda w: {},
        "network.person.exported",
    ),
    "person_erase": (
        "post",
        lambda w: f"{B}/akteure/person/{w['person'].pk}/anonymisieren/",
        lambda w: {"confirm": "on"},
        "network.person.erased",
    ),
    "body_create": (
        "post",
        lambda w: f"{B}/gremien/neu/",
        lambda w: {"kind": "arbeitsgruppe", "name": "AG Sprachbildung", "variant": "standard"},
        "network.body.created",
    ),
    "body_edit": (
        "post",
        lambda w: f"{B}/gremien/{w['body'].pk}/bearbeiten/",
        lambda w: {"kind": "lenkungskreis", "name": "Lenkungskreis", "variant": "chefsache"},
        "network.body.changed",
    ),
    "membership_create": (
        "post",
        lambda w: f"{B}/gremien/{w['body'].pk}/mitglieder/neu/",
        lambda w: {"person": w["person"].pk, "seat": "kommune", "kind": "mitglied"},
        "network.membership.created",
    ),
    "membership_end": (
        "post",
        lambda w: f"{B}/gremien/{w['body'].pk}/mitglieder/{w['membership'].pk}/beenden/",
        lambda w: {"end": timezone.localdate().isoformat()},
        "network.membership.ended",
    ),
    "members_import": (
        "post",
        lambda w: f"{B}/gremien/{w['body'].pk}/mitglieder/import/",
        lambda w: {"file": _csv()},
        "network.membership.imported",
    ),
    "handlungsfeld_create": (
        "post",
        lambda w: f"{B}/handlungsfelder/neu/",
        lambda w: {
            "title": "Sprachbildung",
            "goals": "Durchgängige Sprachbildung",
            "is_public": "on",
        },
        "network.handlungsfeld.created",
    ),
    "handlungsfeld_edit": (
        "post",
        lambda w: f"{B}/handlungsfelder/{w['hf'].pk}/bearbeiten/",
        lambda w: {"title": "Übergang Schule–Beruf", "responsible": [w["org"].pk]},
        "network.handlungsfeld.changed",
    ),
    "handlungsfeld_report": (
        "post",
        lambda w: f"{B}/handlungsfelder/{w['hf'].pk}/stand/",
        lambda w: {"day": timezone.localdate().isoformat(), "status": "aktiv"},
        "network.handlungsfeld.reported",
    ),
    "meeting_create": (
        "post",
        lambda w: f"{B}/gremien/{w['body'].pk}/sitzungen/neu/",
        lambda w: {"title": "Frühjahrssitzung", "starts_at": "2027-03-04T17:00"},
        "network.meeting.created",
    ),
    "meeting_edit": (
        "post",
        lambda w: f"{B}/sitzungen/{w['meeting'].pk}/bearbeiten/",
        lambda w: {
            "title": "Sitzung des Lenkungskreises",
            "starts_at": "2027-03-04T17:00",
            "minutes": "Frau Sommer berichtet.",
        },
        "network.meeting.changed",
    ),
    "agenda_create": (
        "post",
        lambda w: f"{B}/sitzungen/{w['meeting'].pk}/top/neu/",
        lambda w: {"title": "Bericht aus dem Bildungsbüro", "handlungsfeld": w["hf"].pk},
        "network.agendaitem.created",
    ),
    "attendance_edit": (
        "post",
        lambda w: f"{B}/sitzungen/{w['meeting'].pk}/teilnahme/",
        lambda w: {f"p{w['person'].pk}": "anwesend"},
        "network.attendance.recorded",
    ),
    "decision_create": (
        "post",
        lambda w: f"{B}/sitzungen/{w['meeting'].pk}/beschluss/neu/",
        lambda w: {"kind": "empfehlung", "text": "Die Konferenz empfiehlt ein Leitbild."},
        "network.decision.created",
    ),
    "meeting_invite": (
        "post",
        lambda w: f"{B}/sitzungen/{w['meeting'].pk}/einladen/",
        lambda w: {},
        "network.meeting.invited",
    ),
    "workorder_create": (
        "post",
        lambda w: f"{B}/beschluesse/{w['decision'].pk}/auftrag/neu/",
        lambda w: {"title": "Leitbildentwurf", "due_date": "2027-06-30"},
        "network.workorder.created",
    ),
    "workorder_transition": (
        "post",
        lambda w: f"{B}/auftraege/{w['order'].pk}/stand/",
        lambda w: {"status": "in_arbeit"},
        "network.workorder.transitioned",
    ),
    "practice_create": (
        "post",
        lambda w: f"{B}/praxis/neu/",
        lambda w: {
            "title": "Wegweiser weiterführender Schulen",
            "summary": "Jährlicher Wegweiser für alle Eltern der 4. Klassen.",
            "topic": "grundschule_sek",
            "is_public": "on",
        },
        "network.practiceexample.created",
    ),
    "practice_edit": (
        "post",
        lambda w: f"{B}/praxis/{w['example'].pk}/bearbeiten/",
        lambda w: {
            "title": "Kompetenzpass für die Klassen 2, 4 und 6",
            "summary": "Selbst- und Fremdeinschätzung.",
            "topic": "grundschule_sek",
        },
        "network.practiceexample.changed",
    ),
    "document_create": (
        "post",
        lambda w: f"{B}/sitzungen/{w['meeting'].pk}/dokumente/neu/",
        lambda w: {
            "title": "Einladung mit Tagesordnung",
            "file": SimpleUploadedFile(
                "einladung.txt", b"Tagesordnung der Sitzung", content_type="text/plain"
            ),
        },
        "network.meetingdocument.created",
    ),
    "selfevaluation_edit": (
        "post",
        lambda w: f"{B}/selbstbewertung/2024/",
        lambda w: {
            f"{code}_{part}": value
            for code in DevelopmentField.values
            for part, value in (
                ("rating", "3"),
                ("strengths", "Verlässliche Zusammenarbeit"),
                ("options", "Kreisangehörige Städte einbinden"),
            )
        },
        "network.selfevaluation.saved",
    ),
    "news_create": (
        "post",
        lambda w: f"{B}/neuigkeiten/neu/",
        lambda w: {
            "title": "Fachtag Sprachbildung",
            "text": "Anmeldung bis 30. Mai im Bildungsbüro.",
            "published_at": "2025-05-02T09:00",
            "is_public": "on",
        },
        "network.newsitem.created",
    ),
    "news_edit": (
        "post",
        lambda w: f"{B}/neuigkeiten/{w['news'].pk}/bearbeiten/",
        lambda w: {
            "title": "Bildungskonferenz 2025: neuer Termin",
            "text": "Die Konferenz findet am 19. November statt.",
            "published_at": "2025-05-02T09:00",
        },
        "network.newsitem.changed",
    ),
    "news_send": (
        "post",
        lambda w: f"{B}/neuigkeiten/{w['news'].pk}/newsletter/",
        lambda w: {},
        "network.newsitem.newsletter_requested",
    ),
}

# Public forms without login: they store or change only the visitor's own subscription.
PUBLIC_VIEWS = {"newsletter", "newsletter_confirm", "newsletter_unsubscribe"}

# Write views open to all readers of the region (Bildungsbüro, Land, Lenkungskreis).
READER_CASES = {
    "workorder_comment_create": (
        "post",
        lambda w: f"{B}/auftraege/{w['order'].pk}/kommentar/",
        lambda w: {"text": "Entwurf liegt dem Schulamt zur Abstimmung vor."},
        "network.workorder.commented",
    ),
}


@pytest.mark.parametrize("name", list(PERSONAS))
@pytest.mark.parametrize("view", list(CASES))
def test_write_view_grid(view, name, persona, client, world):
    method, url, data, action = CASES[view]
    user = persona(name)
    response = getattr(client, method)(url(world), data(world))
    if name in ALLOWED:
        assert response.status_code in (200, 302), response.content[:500]
        if method == "post":
            assert response.status_code == 302, response.content.decode()[:3000]
        entry = AuditEntry.objects.get(action=action)
        assert entry.actor == user
        assert entry.region.ags == "05911"
    else:
        if user is None:
            assert response.status_code == 302
            assert "/konto/login/" in response["Location"]
        else:
            assert response.status_code == 403
        assert not AuditEntry.objects.filter(action=action).exists()


@pytest.mark.parametrize("name", list(PERSONAS))
@pytest.mark.parametrize("view", list(READER_CASES))
def test_reader_write_view_grid(view, name, persona, client, world):
    method, url, data, action = READER_CASES[view]
    user = persona(name)
    response = getattr(client, method)(url(world), data(world))
    if name in READERS:
        assert response.status_code == 302, response.content.decode()[:3000]
        entry = AuditEntry.objects.get(action=action)
        assert entry.actor == user
        assert entry.region.ags == "05911"
    else:
        if user is None:
            assert response.status_code == 302
            assert "/konto/login/" in response["Location"]
        else:
            assert response.status_code == 403
        assert not AuditEntry.objects.filter(action=action).exists()


def test_every_network_write_view_is_in_the_grid():
    from tests.permissions.test_write_view_registry import WRITE_VIEWS

    listed = {n.split(":", 1)[1] for n in WRITE_VIEWS if n.startswith("network:")}
    assert listed == set(CASES) | set(READER_CASES) | PUBLIC_VIEWS


@pytest.mark.parametrize(
    "url",
    [
        "/netzwerk/05913/gremien/{body}/bearbeiten/",
        "/netzwerk/05913/gremien/{body}/mitglieder/neu/",
        "/netzwerk/05913/sitzungen/{meeting}/bearbeiten/",
        "/netzwerk/05913/akteure/person/{person}/anonymisieren/",
        "/netzwerk/05913/auftraege/{order}/stand/",
        "/netzwerk/05913/beschluesse/{decision}/auftrag/neu/",
        "/netzwerk/05913/praxis/{example}/bearbeiten/",
        "/netzwerk/05913/sitzungen/{meeting}/dokumente/neu/",
        "/netzwerk/05913/auftraege/{order}/kommentar/",
        "/netzwerk/05913/neuigkeiten/{news}/bearbeiten/",
    ],
)
def test_bochum_objects_under_dortmund_are_404_for_dortmund_staff(url, persona, client, world):
    persona("bildungsbuero_dortmund")
    target = url.format(
        body=world["body"].pk,
        meeting=world["meeting"].pk,
        person=world["person"].pk,
        order=world["order"].pk,
        decision=world["decision"].pk,
        example=world["example"].pk,
        news=world["news"].pk,
    )
    assert client.get(target).status_code == 404
    assert client.post(target, {"name": "Übernahme"}).status_code == 404
    assert not AuditEntry.objects.exists()


INTERNAL_READS = [
    "/netzwerk/05911/akteure/",
    "/netzwerk/05911/auftraege/",
    "/netzwerk/05911/auftraege/?ueberfaellig=1",
    "/netzwerk/05911/auftraege/{order}/",
    "/netzwerk/05911/gremien/{body}/mitglieder.csv",
    "/netzwerk/05911/gremien/{body}/mitglieder.xlsx",
]


@pytest.mark.parametrize("name", list(PERSONAS))
@pytest.mark.parametrize("url", INTERNAL_READS)
def test_internal_read_grid(url, name, persona, client, world):
    user = persona(name)
    response = client.get(url.format(body=world["body"].pk, order=world["order"].pk))
    if name in READERS:
        assert response.status_code == 200
    elif user is None:
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("name", list(PERSONAS))
def test_non_public_meeting_and_minutes_grid(name, persona, client, world):
    meeting = world["meeting"]
    meeting.minutes = "Vertraulich: Haushaltslage des Schulträgers."
    meeting.save()
    persona(name)
    page = client.get(f"/netzwerk/05911/sitzungen/{meeting.pk}/")
    printed = client.get(f"/netzwerk/05911/sitzungen/{meeting.pk}/protokoll/")
    if name in READERS:
        assert page.status_code == 200
        assert "Haushaltslage" in page.content.decode()
        assert printed.status_code == 200
    else:
        assert page.status_code == 404
        assert printed.status_code == 404


@pytest.mark.parametrize("name", list(PERSONAS))
def test_newsletter_subscription_is_open_to_everyone(
    name, persona, client, world, django_capture_on_commit_callbacks
):
    from django.core import mail

    persona(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/netzwerk/newsletter/", {"email": "jonas.wagner@example.org", "region": "05913"}
        )
    assert response.status_code == 302
    subscription = NewsletterSubscription.objects.get(email="jonas.wagner@example.org")
    assert subscription.region.ags == "05913"
    assert subscription.confirmed_at is None
    assert [m.to for m in mail.outbox] == [["jonas.wagner@example.org"]]


@pytest.mark.parametrize("name", ["bildungsbuero_bochum", "land"])
def test_dortmund_news_under_a_bochum_url_is_404(name, persona, client, world):
    persona(name)
    dortmund_item = NewsItem.objects.create(
        region=Region.objects.get(ags="05913"),
        title="Dortmunder Sprachbildungstag",
        text="Workshops für Kitas.",
        is_public=True,
    )
    response = client.post(f"{B}/neuigkeiten/{dortmund_item.pk}/bearbeiten/", {"title": "X"})
    assert response.status_code == 404
    assert client.post(f"{B}/neuigkeiten/{dortmund_item.pk}/newsletter/").status_code == 404
    dortmund_item.refresh_from_db()
    assert dortmund_item.title == "Dortmunder Sprachbildungstag"
