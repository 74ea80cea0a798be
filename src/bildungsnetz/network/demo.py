"""Demo content: Düsseldorf from the facts of seed 004 (own words). Idempotent.

The profile names no reference year; the figures are stored for 2018 and the source
field says that this year is an assumption. Contact persons are kept without consent,
so their names are not public.
"""

from decimal import Decimal

from django.db import transaction

from ..regions.models import Region
from .models import (
    Body,
    Handlungsfeld,
    Organisation,
    Person,
    RegionFigures,
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
    return region
