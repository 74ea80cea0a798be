"""Demo content: Düsseldorf from the facts of seed 004 (own words), a living Lenkungskreis
(meeting, minutes, decision, work orders) and practice examples from the regional
reports of seed 001, retold in our own words. Idempotent.

The profile names no reference year; the figures are stored for 2018 and the source
field says that this year is an assumption. Contact persons are kept without consent,
so their names are not public.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..regions.models import Region
from .models import (
    AgendaItem,
    Body,
    Decision,
    Handlungsfeld,
    Meeting,
    Organisation,
    Person,
    PracticeExample,
    RegionFigures,
    WorkOrder,
    WorkOrderComment,
    WorkOrderStatus,
)

DEMO_YEAR = 2018


@transaction.atomic
def load_duesseldorf() -> Region:
    region = Region.objects.get(ags="05111")
    RegionFigures.objects.update_or_create(
        region=region,
        year=DEMO_YEAR,
        defaults={
            "area_km2": Decimal("217.41"),
            "population": 612178,
            "districts": "10 Stadtbezirke mit 50 Stadtteilen",
            "funding_programmes": "Bildung integriert; Kommunale Koordinierung der "
            "Bildungsangebote für Neuzugewanderte",
            "partners": "Transferagentur (Zusammenarbeit seit 2014, Zielvereinbarung für die "
            "Förderphase bis 2020); Stiftung PRO AUSBILDUNG (Übergang Schule–Beruf)",
            "monitoring": "Integrierte Schulentwicklungs- und Jugendhilfeplanung; Aufbau eines "
            "Bildungsmonitorings im Rahmen von „Bildung integriert“",
            "source": "Profil der Transferagentur (ohne Stichtag; Jahr 2018 angenommen)",
        },
    )
    orgs = {}
    for name, kind in [
        ("Regionales Bildungsbüro Düsseldorf", "kommune"),
        ("Jugendhilfeplanung der Landeshauptstadt Düsseldorf", "jugendamt"),
        ("Kommunales Integrationszentrum Düsseldorf", "ki"),
        ("Schulverwaltungsamt der Landeshauptstadt Düsseldorf", "kommune"),
        ("Stiftung PRO AUSBILDUNG", "stiftung"),
    ]:
        orgs[name], _ = Organisation.objects.get_or_create(
            region=region, name=name, defaults={"kind": kind}
        )
    for first, last, function, org in [
        ("Kornelia", "Kronenberg", "Regionales Bildungsbüro", "Regionales Bildungsbüro Düsseldorf"),
        ("Rolf", "Kessler", "Regionales Bildungsbüro", "Regionales Bildungsbüro Düsseldorf"),
        (
            "Thomas",
            "Klein",
            "Jugendhilfeplaner",
            "Jugendhilfeplanung der Landeshauptstadt Düsseldorf",
        ),
        ("Gregor", "Nachtwey", "Leitung Kommunale Koordinierung", "Stiftung PRO AUSBILDUNG"),
    ]:
        Person.objects.get_or_create(
            region=region,
            first_name=first,
            last_name=last,
            defaults={"function": function, "organisation": orgs[org]},
        )
    Body.objects.get_or_create(
        region=region,
        kind="lenkungskreis",
        defaults={
            "name": "Lenkungskreis Düsseldorf",
            "description": "Strategische Ausrichtung "
            "des Bildungsnetzwerks, gemeinsam mit Land und Bezirksregierung seit 2009.",
        },
    )
    Body.objects.get_or_create(
        region=region,
        kind="bildungsbuero",
        defaults={"name": "Regionales Bildungsbüro Düsseldorf"},
    )
    Body.objects.get_or_create(
        region=region,
        kind="bildungskonferenz",
        defaults={
            "name": "Bildungskonferenz Düsseldorf",
            "is_public": True,
            "description": "Wird in zwei Formaten weiterentwickelt.",
        },
    )
    for title, goals, org in [
        (
            "Übergang Kita–Grundschule",
            "Strukturen und Qualitätskriterien für den Übergang, umgesetzt in "
            "Kooperationsverbünden vor Ort.",
            "Regionales Bildungsbüro Düsseldorf",
        ),
        (
            "Migration und Integration",
            "Bildungsbeteiligung Neuzugewanderter ämterübergreifend planen (seit 2017: "
            "Bildungskoordination im Bildungsbüro, in der Jugendhilfeplanung und im KI).",
            "Kommunales Integrationszentrum Düsseldorf",
        ),
        (
            "Übergang Schule–Beruf",
            "Kommunale Koordinierung gemeinsam mit der Stiftung PRO AUSBILDUNG.",
            "Schulverwaltungsamt der Landeshauptstadt Düsseldorf",
        ),
    ]:
        hf, created = Handlungsfeld.objects.get_or_create(
            region=region, title=title, defaults={"goals": goals}
        )
        hf.responsible.add(orgs[org])
    load_lenkungskreis_meeting(region)
    load_practice_examples()
    return region


DEMO_MEETING = "Frühjahrssitzung des Lenkungskreises"


def load_lenkungskreis_meeting(region, today: datetime.date | None = None) -> Meeting:
    """A held Lenkungskreis meeting with agenda, minutes, a decision and three work orders:
    one done, one open, one overdue – dates relative to the day of loading."""
    today = today or timezone.localdate()
    body = Body.objects.get(region=region, kind="lenkungskreis")
    held = today - datetime.timedelta(days=42)
    starts = timezone.make_aware(datetime.datetime.combine(held, datetime.time(15, 0)))
    meeting, created = Meeting.objects.get_or_create(
        body=body,
        title=DEMO_MEETING,
        defaults={
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "location": "Rathaus Düsseldorf, Sitzungsraum 2",
            "minutes": (
                "TOP 1: Das Bildungsbüro stellt den Stand der Kooperationsverbünde am Übergang "
                "Kita–Grundschule vor. Die Qualitätskriterien sind in drei Stadtbezirken "
                "erprobt.\n"
                "TOP 2: Die Bildungskoordination für Neuzugewanderte berichtet aus Jugendhilfe"
                "planung und Kommunalem Integrationszentrum. Der Lenkungskreis bittet um eine "
                "gemeinsame Übersicht der Sprachkursangebote.\n"
                "TOP 3: Die Bildungskonferenz soll im Herbst in zwei Formaten stattfinden."
            ),
        },
    )
    if not created:
        return meeting
    hfs = {hf.title: hf for hf in Handlungsfeld.objects.for_region(region)}
    items = [
        AgendaItem.objects.create(
            meeting=meeting,
            position=n,
            title=title,
            handlungsfeld=hfs.get(hf_title),
        )
        for n, (title, hf_title) in enumerate(
            [
                ("Bericht zum Übergang Kita–Grundschule", "Übergang Kita–Grundschule"),
                ("Bildungskoordination für Neuzugewanderte", "Migration und Integration"),
                ("Planung der Bildungskonferenz", None),
            ],
            start=1,
        )
    ]
    decision = Decision.objects.create(
        meeting=meeting,
        agenda_item=items[1],
        kind="beschluss",
        text="Der Lenkungskreis beauftragt das Bildungsbüro, gemeinsam mit dem Kommunalen "
        "Integrationszentrum eine Übersicht der Sprachkurs- und Beratungsangebote für "
        "Neuzugewanderte zu erstellen und die Qualitätskriterien am Übergang "
        "Kita–Grundschule zu dokumentieren.",
    )
    ki = Organisation.objects.get(region=region, name="Kommunales Integrationszentrum Düsseldorf")
    done = WorkOrder.objects.create(
        region=region,
        decision=decision,
        title="Qualitätskriterien Übergang Kita–Grundschule dokumentieren",
        due_date=held + datetime.timedelta(days=28),
        status=WorkOrderStatus.ERLEDIGT,
        result="Handreichung mit den Kriterien an alle Kooperationsverbünde verschickt.",
    )
    WorkOrder.objects.create(
        region=region,
        decision=decision,
        title="Übersicht der Sprachkursangebote für Neuzugewanderte",
        owner_organisation=ki,
        due_date=today + datetime.timedelta(days=30),
        status=WorkOrderStatus.OFFEN,
    )
    overdue = WorkOrder.objects.create(
        region=region,
        decision=decision,
        title="Termin und Formate der Bildungskonferenz abstimmen",
        due_date=today - datetime.timedelta(days=10),
        status=WorkOrderStatus.IN_ARBEIT,
    )
    WorkOrderComment.objects.create(
        work_order=done, text="Die Handreichung liegt auch dem Schulverwaltungsamt vor."
    )
    WorkOrderComment.objects.create(
        work_order=overdue,
        text="Die Raumfrage ist noch offen; neuer Vorschlag folgt zur nächsten Sitzung.",
    )
    return meeting


# Practice examples from seed 001, retold from its facts. Quotes of the brochure are not
# copied; the contact stays empty because no consent to publication is recorded here.
PRACTICE_EXAMPLES = [
    {
        "ags": "05774",
        "title": "Bildungs- und Integrationszentrum unter einem Dach",
        "topic": "koordination",
        "summary": "Im Kreis Paderborn arbeiten Regionales Bildungsbüro und Kommunales "
        "Integrationszentrum als ein gemeinsames Amt. Kitas und Schulen haben so eine "
        "Anlaufstelle und erhalten aufeinander abgestimmte Angebote, etwa zur Sprachbildung. "
        "Das Arbeitsprogramm wird jedes Jahr neu geplant: Projektskizzen gehen an die "
        "beratenden Gremien, das Leitungsteam wertet die Rückmeldungen aus, und am Ende "
        "beschließt der Kreistag.",
        "partners": "Kreis Paderborn, kreisangehörige Kommunen, Kitas und Schulen, Kammern "
        "und Unternehmen",
        "outcome": "Keine doppelten Angebote und keine parallele Steuerungsstruktur; alle "
        "Anbieter im Kreis kennen die Angebote der anderen und planen gemeinsam.",
    },
    {
        "ags": "05378",
        "title": "Digitale Bildung als neues Handlungsfeld",
        "topic": "digitalisierung",
        "summary": "Seit Herbst 2017 bearbeitet das Bildungsnetzwerk des Rheinisch-Bergischen "
        "Kreises die digitale Bildung. Die Geschäftsstelle organisiert Gesprächsrunden mit "
        "den schulischen Mitgliedern des Lenkungskreises zu den Medienkonzepten der "
        "Schulen, unterstützt Präventionsangebote wie Medienscouts und entwickelt mit der "
        "Medienberatung im Kompetenzteam Fortbildungen für Lehrkräfte.",
        "partners": "Schulaufsicht, Kompetenzteam (Medienberatung), MINT-Netzwerk, Schulen, "
        "Wirtschaft und Hochschulen der Region",
        "outcome": "Verleih von Calliope-mini-Sets, Informatik-AGs und MINT-Sommercamps; ein "
        "außerschulischer Lernort für digitale Bildung im Bergischen Land ist geplant.",
    },
    {
        "ags": "05966",
        "title": "MINT-Bildung von der Kita bis zum Schulabschluss",
        "topic": "mint",
        "summary": "Der Kreis Olpe gründete im März 2017 mit Partnern aus Schule, "
        "Wissenschaft, Wirtschaft und Politik ein zdi-Netzwerk. Ein MINT-Schulnetzwerk der "
        "weiterführenden Schulen setzt erste Projekte zu Robotik und 3D-Druck um; "
        "Fachtagungen verbinden Fachkräfte aus Kitas und Schulen an den Übergängen.",
        "partners": "zdi-Netzwerk, Schulen und Kitas des Kreises, mittelständische Unternehmen, "
        "MINT-Förderverein",
        "outcome": "Seit Mai 2018 sichert ein Förderverein die MINT-Angebote dauerhaft ab.",
    },
    {
        "ags": "05911",
        "title": "Kompetenzpass und Wegweiser am Übergang zur weiterführenden Schule",
        "topic": "grundschule_sek",
        "summary": "In Bochum hat das Netzwerk gemeinsame Eckpunkte für den Wechsel nach "
        "Klasse 4 abgestimmt. Ein Kompetenzpass hält am Ende der Klassen 2, 4 und 6 fest, "
        "wie Kinder ihre Arbeits-, Methoden- und Sozialkompetenzen selbst einschätzen und "
        "wie die Lehrkräfte sie sehen. Ein jährlich aktualisierter Wegweiser stellt den "
        "Eltern die weiterführenden Schulen vor.",
        "partners": "Schulverwaltungsamt mit Regionalem Bildungsbüro, Schulamt, "
        "Bezirksregierung, Grundschulen, Projekt „Schulen im Team“",
        "outcome": "Der Wegweiser erscheint seit 2013 jedes Jahr für alle Eltern der "
        "4. Klassen; weiterführende Schulen können mit dem Pass von Beginn an gezielter "
        "fördern.",
    },
]


def load_practice_examples() -> int:
    """Create the demo practice examples (public); returns how many were new."""
    new = 0
    for entry in PRACTICE_EXAMPLES:
        region = Region.objects.get(ags=entry["ags"])
        fields = {k: v for k, v in entry.items() if k not in ("ags", "title")}
        _obj, created = PracticeExample.objects.get_or_create(
            region=region, title=entry["title"], defaults={**fields, "is_public": True}
        )
        new += created
    return new
