"""A small, real-looking data set for the API and open-data tests (Bochum and Münster).

Public and non-public records side by side, so every test can prove that only the public
ones leave the platform.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from bildungsnetz.catalogue.models import Criterion, Material
from bildungsnetz.network.models import Body, Decision, Meeting, Network, Person, WorkOrder
from bildungsnetz.partners.models import Institution, InstitutionContact, Partnership
from bildungsnetz.regions.models import Region
from tests.partners import factories as f


@dataclass
class Seed:
    bochum: Region
    muenster: Region
    museum: Institution
    buecherei: Institution
    villa: Institution
    public_partnership: Partnership
    registered_partnership: Partnership
    overdue_order: WorkOrder
    open_order: WorkOrder
    person_without_consent: Person
    formula_material: Material
    draft_material: Material


def _aware(year, month, day, hour=17):
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def _partnership(school, inst, state, title):
    return Partnership.objects.create(
        school=school,
        institution=inst,
        state=state,
        title=title,
        handlungsfeld="kunst_kultur",
        goals="Schülerinnen und Schüler erschließen Kunstwerke im Original.",
        activities="Zwei Projekttage je Halbjahr in der Jahrgangsstufe 8.",
        school_contact="Frau Dr. Kemper, Fachvorsitz Kunst",
        institution_contact="Frau Brinkmann, Museumspädagogik",
        school_signer="Dr. Markus Terhorst",
        start_date=datetime.date(2026, 8, 1),
        registered_at=timezone.now() if state in ("registriert", "oeffentlich") else None,
        published_at=timezone.now() if state == "oeffentlich" else None,
    )


def seed() -> Seed:
    bochum = Region.objects.get(ags="05911")
    muenster = Region.objects.get(ags="05515")
    Network.objects.create(
        region=bochum,
        contract_status="unterzeichnet",
        signed_on=datetime.date(2009, 5, 14),
        office_name="Regionales Bildungsbüro Bochum",
        office_city="Bochum",
        office_email="bildungsbuero@bochum.example.org",
    )
    paulinum = f.school("paulinum")
    f.school("schiller")
    f.school("graf_engelbert")
    museum = f.institution("lwl_museum")
    buecherei = f.institution("stadtbuecherei_ms")
    villa = f.institution("villa_ten_hompel", verified=False)
    InstitutionContact.objects.create(
        institution=museum,
        name="Hannah Brinkmann",
        function="Museumspädagogik",
        email="brinkmann@lwl.example.org",
        consent_public=True,
        consent_date=datetime.date(2026, 2, 1),
    )
    InstitutionContact.objects.create(
        institution=museum, name="Jörg Verborgen", email="verborgen@lwl.example.org"
    )
    public = _partnership(paulinum, museum, "oeffentlich", "Kunst im Dialog")
    registered = _partnership(paulinum, buecherei, "registriert", "Lesezeit im Stadtgraben")

    body = Body.objects.create(region=bochum, kind="lenkungskreis", name="Lenkungskreis Bochum")
    meeting = Meeting.objects.create(
        body=body, title="Sitzung des Lenkungskreises", starts_at=_aware(2026, 3, 4), is_public=True
    )
    decision = Decision.objects.create(
        meeting=meeting, kind="beschluss", text="Das Bildungsbüro legt ein Konzept vor."
    )
    hidden = Person.objects.create(
        region=bochum,
        first_name="Anja",
        last_name="Lehmann",
        function="Schulverwaltungsamt",
        email="anja.lehmann@bochum.example.org",
    )
    Person.objects.create(
        region=muenster, first_name="Petra", last_name="Sommer", email="sommer@ms.example.org"
    )
    today = timezone.localdate()
    overdue = WorkOrder.objects.create(
        region=bochum,
        decision=decision,
        title="Konzept Sprachbildung in der Kita",
        due_date=today - datetime.timedelta(days=10),
        owner_person=hidden,
    )
    open_order = WorkOrder.objects.create(
        region=bochum,
        decision=decision,
        title="Übergang Kita–Grundschule begleiten",
        due_date=today + datetime.timedelta(days=30),
    )
    criterion = Criterion.objects.get(number="6.6.12")
    formula = Material.objects.create(
        criterion=criterion,
        title='=HYPERLINK("http://example.org";"Klick")',
        description="@SUMME(A1:A2) Ein Titel, der wie eine Formel aussieht.",
        kind="angebot",
        status="veroeffentlicht",
        url="https://www.example.org/angebot",
    )
    draft = Material.objects.create(
        criterion=criterion,
        title="Unveröffentlichter Entwurf Museumskoffer",
        description="Noch in Arbeit.",
        kind="angebot",
        status="entwurf",
        editorial_note="Interner Hinweis der Redaktion",
    )
    return Seed(
        bochum=bochum,
        muenster=muenster,
        museum=museum,
        buecherei=buecherei,
        villa=villa,
        public_partnership=public,
        registered_partnership=registered,
        overdue_order=overdue,
        open_order=open_order,
        person_without_consent=hidden,
        formula_material=formula,
        draft_material=draft,
    )
