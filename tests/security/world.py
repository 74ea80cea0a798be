"""A small two-region world for the security probes: Bochum (05911) is the target region,
Münster (05515) the home of the attackers. Every object a URL of ours can address exists
in Bochum, so that each URL pattern can be reversed with real keyword arguments."""

from __future__ import annotations

import datetime
import hashlib

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from bildungsnetz.api import services as api_services
from bildungsnetz.catalogue import services as catalogue_services
from bildungsnetz.catalogue.models import Criterion, Material, MaterialKind
from bildungsnetz.core.services import ensure_default_pages
from bildungsnetz.network.models import (
    Body,
    Decision,
    Handlungsfeld,
    Meeting,
    MeetingDocument,
    Membership,
    NewsItem,
    NewsletterSubscription,
    Organisation,
    Person,
    PracticeExample,
    WorkOrder,
)
from bildungsnetz.partners.models import (
    InstitutionContact,
    LearningOffer,
    Need,
    Partnership,
    SavedSearch,
)
from bildungsnetz.regions.models import Region
from bildungsnetz.surveys.models import Instrument, Item, Survey
from tests.factories import make_user
from tests.partners import factories as pf

TARGET_AGS = "05911"  # Bochum: every probed object lives here
HOME_AGS = "05515"  # Münster: home region of the attacking accounts


def build_world() -> dict:
    """Objects of the target region (Bochum) plus a comparable set in Münster."""
    ensure_default_pages()
    bochum = Region.objects.get(ags=TARGET_AGS)
    w: dict = {"region": bochum}
    school = pf.school("graf_engelbert")
    w["school"] = school
    pf.school("paulinum")  # a school of the attackers' region

    org = Organisation.objects.create(
        region=bochum, name="Schulamt für die Stadt Bochum", kind="schulamt"
    )
    person = Person.objects.create(
        region=bochum,
        first_name="Petra",
        last_name="Sommer",
        organisation=org,
        email="petra.sommer@example.org",
    )
    body, _created = Body.objects.get_or_create(  # one Lenkungskreis per region
        region=bochum, kind="lenkungskreis", defaults={"name": "Lenkungskreis Bochum"}
    )
    membership = Membership.objects.create(
        body=body, person=person, organisation=org, seat="untere_schulaufsicht"
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
    document = MeetingDocument(meeting=meeting, title="Tagesordnung", size=11)
    document.file.save("tagesordnung.txt", ContentFile(b"Tagesordnung"), save=False)
    document.save()
    practice = PracticeExample.objects.create(
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
    w.update(
        org=org,
        person=person,
        body=body,
        membership=membership,
        hf=hf,
        meeting=meeting,
        decision=decision,
        order=order,
        document=document,
        practice=practice,
        news=news,
    )

    # Bildungspartner
    library = pf.institution("stadtbibliothek_bochum")
    museum = pf.institution("lwl_museum")  # Münster
    pf.partner_account("ausleihe@bochum.de", library)
    contact = InstitutionContact.objects.create(institution=library, name="Jonas Weber")
    offer = LearningOffer.objects.create(
        institution=library,
        title="Bibliotheksführerschein",
        description="Drei Besuche für Klasse 3 mit Rallye durch die Kinderbibliothek.",
        handlungsfeld="lesen",
    )
    partnership = Partnership.objects.create(
        school=school,
        institution=library,
        state="entwurf",
        title="Lesen macht stark: Graf-Engelbert-Schule und Stadtbibliothek",
        handlungsfeld="lesen",
        goals="Freude am Lesen wecken.",
        activities="Monatlicher Bibliotheksbesuch der Klassen 5 und 6.",
    )
    need = Need.objects.create(
        school=school,
        topic="Leseförderung: Lesepaten für die Klassen 5 und 6",
        handlungsfeld="lesen",
        grade_from=5,
        grade_to=6,
        time_frame="ab Februar 2027, wöchentlich",
        description="Wir suchen eine Bibliothek für regelmäßige Lesestunden mit Lesepaten.",
    )
    searcher = make_user("suche@graf-engelbert.de", "schule", TARGET_AGS, school=school)
    saved = SavedSearch.objects.create(
        user=searcher,
        place="Bochum",
        lat=51.48,
        lon=7.22,
        km=5,
        last_sent=timezone.now(),
    )
    w.update(
        library=library,
        museum=museum,
        contact=contact,
        offer=offer,
        partnership=partnership,
        need=need,
        saved_search=saved,
    )

    # Catalogue: a Bochum draft and a plan of the Bochum school
    author = make_user("anna.kruse@bochum.de", "bildungsbuero", TARGET_AGS, first_name="Anna")
    material = catalogue_services.create_material(
        acting_user=author,
        region=bochum,
        data={
            "criterion": Criterion.objects.get(number="6.6.12"),
            "title": "Stadtarchiv Bochum – Angebote für Schulen",
            "description": "Archivführungen und Quellenarbeit für Schulklassen.",
            "kind": MaterialKind.ANGEBOT,
        },
    )
    rektorin = make_user("rektorin@graf-engelbert.de", "schule", TARGET_AGS, school=school)
    item = catalogue_services.add_to_plan(
        school,
        acting_user=rektorin,
        material=Material.objects.get(title="Schulpsychologie in NRW"),
        note="Beratung für das Kollegium",
    )
    w.update(material=material, plan_item=item, criterion=Criterion.objects.get(number="6.6.12"))

    # Surveys: a draft questionnaire and a survey of the Bochum Bildungsbüro
    instrument = Instrument.objects.create(
        code="bochum-netzwerkklima",
        title="Netzwerkklima im Bildungsnetzwerk Bochum",
        target_group="akteure",
    )
    survey_item = Item.objects.create(
        instrument=instrument, code="K1", text="Die Zusammenarbeit im Netzwerk ist verlässlich."
    )
    survey = Survey.objects.create(
        instrument=instrument,
        title="Netzwerkklima Bochum 2026",
        region=bochum,
        closes_on=timezone.localdate() + datetime.timedelta(days=40),
        created_by=author,
    )
    w.update(instrument=instrument, survey_item=survey_item, survey=survey)

    # API: a token of the Bochum Bildungsbüro
    token, secret = api_services.create_token(acting_user=author, name="Auswertung Bochum")
    w.update(api_token=token, api_secret=secret, author=author)
    return w


def attackers() -> dict:
    """Staff accounts of Münster: Bildungsbüro, Schulaufsicht and a Münster school account."""
    from bildungsnetz.schools.models import School

    paulinum = School.objects.get(schulnummer="167850")
    return {
        "bildungsbuero_muenster": make_user(
            "bildungsbuero@stadt-muenster.de", "bildungsbuero", HOME_AGS
        ),
        "schulaufsicht_muenster": make_user(
            "schulamt@stadt-muenster.de", "schulaufsicht", HOME_AGS
        ),
        "schule_muenster": make_user(
            "sekretariat@paulinum.de", "schule", HOME_AGS, school=paulinum
        ),
    }


def our_models():
    """Models of our apps whose table exists (a model whose migration is still being
    written by a colleague has none yet)."""
    tables = set(connection.introspection.table_names())
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("bildungsnetz.")
        and not m._meta.proxy
        and m._meta.db_table in tables
    ]


def db_fingerprint() -> str:
    """A checksum over the rows of every model of ours: full contents of every table up to
    ``FULL_ROWS`` rows (all tables the probes address), the row count of larger reference
    tables (municipalities, search terms)."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in _our_tables():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            count = cursor.fetchone()[0]
            digest.update(f"{table}:{count}".encode())
            if count <= FULL_ROWS:
                cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
                digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


FULL_ROWS = 300
_TABLES: list[str] = []


def _our_tables() -> list[str]:
    if not _TABLES:
        _TABLES.extend(sorted({m._meta.db_table for m in our_models()}))
        for m in our_models():
            for field in m._meta.local_many_to_many:
                through = field.remote_field.through._meta.db_table
                if through not in _TABLES:
                    _TABLES.append(through)
    return _TABLES
