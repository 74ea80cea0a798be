"""Demo data for Bildungspartner NRW: a few real institutions in Münster and Bochum with
offers, demo accounts for a school and a museum, and one partnership in each state up to
"öffentlich". Runs after the school register is loaded; repeatable (skips what exists)."""

from __future__ import annotations

import datetime

from django.db import transaction

from ..core.demo import DEMO_PASSWORD
from ..core.models import RegionMembership, Role, User
from ..regions.models import Region, Schulform
from ..schools.models import School
from . import services
from .models import Institution, PartnerMembership, Partnership

INSTITUTIONS = [
    # key, name, kind, street, PLZ, place, lat, lon, region
    ("DEMO-MS-1", "LWL-Museum für Kunst und Kultur", "museum", "Domplatz 10", "48143",
     "Münster", 51.9624, 7.6257, "05515"),
    ("DEMO-MS-2", "Stadtbücherei Münster", "bibliothek", "Alter Steinweg 11", "48143",
     "Münster", 51.9616, 7.6303, "05515"),
    ("DEMO-MS-3", "Geschichtsort Villa ten Hompel", "gedenkstaette", "Kaiser-Wilhelm-Ring 28",
     "48145", "Münster", 51.9620, 7.6440, "05515"),
    ("DEMO-MS-4", "Allwetterzoo Münster – Zooschule", "umweltbildung", "Sentruper Straße 315",
     "48161", "Münster", 51.9490, 7.5850, "05515"),
    ("DEMO-MS-5", "Westfälischer Heimatbund e. V.", "verband", "Kaiser-Wilhelm-Ring 3",
     "48145", "Münster", 51.9638, 7.6379, "05515"),
    ("DEMO-BO-1", "Stadtbibliothek Bochum", "bibliothek", "Gustav-Heinemann-Platz 2–6",
     "44787", "Bochum", 51.4810, 7.2165, "05911"),
    ("DEMO-BO-2", "Deutsches Bergbau-Museum Bochum", "museum", "Am Bergbaumuseum 28",
     "44791", "Bochum", 51.4890, 7.2170, "05911"),
    ("DEMO-BO-3", "Musikschule Bochum", "musikschule", "Westring 32", "44787", "Bochum",
     51.4790, 7.2120, "05911"),
]  # fmt: skip

ACCOUNTS = [
    ("schule.paulinum@demo.bildungsnetz.nrw", "Markus", "Terhorst", "167850"),
    ("museum.lwl@demo.bildungsnetz.nrw", "Hannah", "Brinkmann", "DEMO-MS-1"),
    ("bildungsbuero.muenster@demo.bildungsnetz.nrw", "Jan", "Hülsmann", "05515"),
]


@transaction.atomic
def load(*, acting_user: User) -> list[str]:
    """Create the demo data; returns the lines to print."""
    lines = []
    for key, name, kind, street, plz, ort, lat, lon, ags in INSTITUTIONS:
        inst = Institution.objects.filter(import_key=key).first()
        if inst is None:
            inst = services.create_institution(
                acting_user=acting_user,
                data={"name": name, "kind": kind, "strasse": street, "plz": plz, "ort": ort},
                lat=lat,
                lon=lon,
                region=Region.objects.get(ags=ags),
            )
            Institution.objects.filter(pk=inst.pk).update(import_key=key)
    museum = Institution.objects.get(import_key="DEMO-MS-1")
    if not museum.offers.exists():
        services.save_offer(
            museum,
            acting_user=acting_user,
            data={
                "title": "Bildbetrachtung vor dem Original",
                "description": "Führung mit Zeichenaufgaben durch die Sammlung.",
                "handlungsfeld": "kunst_kultur",
                "grade_from": 5,
                "grade_to": 10,
                "costs": "für Partnerschulen kostenfrei",
            },
            schulformen=Schulform.objects.filter(code__in=["20", "15", "10"]),
        )
    users = {}
    for email, first, last, target in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
        users[email] = user
        if target.startswith("DEMO-"):
            inst = Institution.objects.get(import_key=target)
            RegionMembership.objects.get_or_create(user=user, region=inst.region, role=Role.PARTNER)
            PartnerMembership.objects.get_or_create(user=user, institution=inst)
        elif len(target) == 5:
            RegionMembership.objects.get_or_create(
                user=user, region=Region.objects.get(ags=target), role=Role.BILDUNGSBUERO
            )
        else:
            school = School.objects.filter(schulnummer=target).first()
            if school is not None:
                RegionMembership.objects.get_or_create(
                    user=user, region=school.region, role=Role.SCHULE, school=school
                )
        lines.append(f"  {email} / {DEMO_PASSWORD}")
    school = School.objects.filter(schulnummer="167850").first()
    if school is not None and not Partnership.objects.filter(school=school).exists():
        p = services.create_partnership(
            acting_user=acting_user,
            school=school,
            institution=museum,
            data={
                "title": "Kunst im Dialog",
                "handlungsfeld": "kunst_kultur",
                "goals": "Die Schülerinnen und Schüler begegnen Kunstwerken im Original.",
                "activities": "Zwei Projekttage je Halbjahr in der Jahrgangsstufe 8.",
                "start_date": datetime.date(2026, 8, 1),
            },
        )
        for side, signer in (
            ("schule", "Dr. Markus Terhorst"),
            ("einrichtung", "Hannah Brinkmann"),
        ):
            p = services.sign_partnership(
                p, acting_user=acting_user, side=side, signer=signer,
                signed_on=datetime.date(2026, 2, 10),
            )  # fmt: skip
        p = services.record_schulkonferenz(
            p, acting_user=acting_user, consent_date=datetime.date(2026, 2, 12)
        )
        for verb in ("submit", "register", "publish"):
            p = services.transition_partnership(p, acting_user=acting_user, verb=verb)
        lines.append(f"  Öffentliche Partnerschaft: {p.title} ({school.name})")
    return lines
