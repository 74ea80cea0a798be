"""The NRW-scale data set of `make bench`, generated on top of the imported register.

Everything is generated with a fixed seed (same data every run, so ratios compare between
runs) and written with ``bulk_create`` in batches: the bench measures reads, so the rows skip
the history and audit trail the services write — but they keep the model rules:

* institutions sit near real schools (within ~4 km of a random open school, in its region),
  so their density follows the schools' and the population's;
* partnerships pass ``partners.services.check_eligibility`` (no Kita; an institution outside
  the ten initiatives has an eligible or authority third partner), never two open ones for
  the same pair, and carry the dates and signatures their state needs;
* every region gets a network, organisations and persons, a Lenkungskreis, a
  Bildungskonferenz and a Bildungsbüro whose seats are filled to the minimum of
  ``network.seats.seat_rules``, three Handlungsfelder and ten years of key figures;
* ten years of meetings (four a year per Lenkungskreis and two per Bildungskonferenz) with
  agenda, minutes, a decision and work orders in a realistic mix (mostly done, some
  overdue, some open with a future due date, a few discarded);
* one statewide survey of an RBN instrument (the built-in ``rbn-akteure`` when the data
  migration has created it, else a nine-item instrument of the bench) with ~100,000 answers
  over all 53 regions and paper invitations per region.
"""

from __future__ import annotations

import datetime
import math
import random
import uuid
from collections import defaultdict
from decimal import Decimal

BATCH = 5000
SEED = 2026
TODAY = datetime.date(2026, 11, 22)  # fixed, so the data (and overdue counts) stay put


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=datetime.UTC)


# --- institutions ------------------------------------------------------------------------

KIND_WEIGHTS = {
    "bibliothek": 10, "museum": 8, "musikschule": 7, "sportverein": 16, "volkshochschule": 4,
    "archiv": 3, "buehne": 3, "gedenkstaette": 2, "medienzentrum": 2, "umweltbildung": 5,
    "kita": 14, "verband": 6, "unternehmen": 8, "stiftung": 3, "behoerde": 4, "sonstige": 5,
}  # fmt: skip
KIND_NAMES = {
    "bibliothek": "Stadtbibliothek", "museum": "Museum", "musikschule": "Musikschule",
    "sportverein": "Sportverein", "volkshochschule": "Volkshochschule", "archiv": "Archiv",
    "buehne": "Theater", "gedenkstaette": "Gedenkstätte", "medienzentrum": "Medienzentrum",
    "umweltbildung": "Umweltzentrum", "kita": "Kita", "verband": "Verband",
    "unternehmen": "Unternehmen", "stiftung": "Stiftung", "behoerde": "Umweltamt",
    "sonstige": "Einrichtung",
}  # fmt: skip


def create_institutions(count: int, seed: int = SEED) -> int:
    """Verified institutions within ~4 km of random open schools (same region, PLZ, Ort)."""
    from bildungsnetz.partners.models import Institution
    from bildungsnetz.schools.models import School

    rng = random.Random(seed)
    schools = [
        s
        for s in School.objects.filter(closed_at__isnull=True).values_list(
            "lat", "lon", "region_id", "plz", "ort"
        )
        if s[2] is not None
    ]
    if not schools:  # no register loaded: anywhere in NRW's bounding box, any region
        from bildungsnetz.regions.models import Region

        regions = list(Region.objects.values_list("pk", flat=True))
        schools = [
            (
                rng.uniform(50.33, 52.52),
                rng.uniform(5.87, 9.45),
                rng.choice(regions),
                "00000",
                "Bench",
            )
            for _ in range(500)
        ]
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    rows = []
    for i in range(count):
        lat, lon, region_id, plz, ort = rng.choice(schools)
        kind = rng.choices(kinds, weights)[0]
        distance_km = 4 * math.sqrt(rng.random())
        angle = rng.uniform(0, 2 * math.pi)
        rows.append(
            Institution(
                name=f"Bench-{KIND_NAMES[kind]} {ort} {i}", kind=kind, plz=plz, ort=ort,
                lat=lat + distance_km / 111.2 * math.sin(angle),
                lon=lon + distance_km / (111.2 * math.cos(math.radians(lat))) * math.cos(angle),
                geocode_method="import", region_id=region_id, verified=True,
                verified_at=_aware(TODAY, 8),
            )
        )  # fmt: skip
    Institution.objects.bulk_create(rows, batch_size=BATCH)
    return count


# --- partnerships ------------------------------------------------------------------------

STATE_WEIGHTS = {
    "oeffentlich": 52, "registriert": 20, "eingereicht": 5, "schulkonferenz": 3,
    "unterzeichnet": 4, "entwurf": 6, "ruhend": 4, "beendet": 6,
}  # fmt: skip
ORDER = ["entwurf", "unterzeichnet", "schulkonferenz", "eingereicht", "registriert"]
TOPICS = [
    ("kulturelle_bildung", "Lesen und Erzählen"),
    ("kulturelle_bildung", "Theater im Unterricht"),
    ("kulturelle_bildung", "Musik für alle"),
    ("bewegung", "Bewegte Pause"),
]


def create_partnerships(count: int, user_id: int, seed: int = SEED) -> int:
    """``count`` partnerships of open schools with institutions of their own region."""
    from bildungsnetz.partners.models import Handlungsfeld, Institution, Partnership
    from bildungsnetz.partners.services import (
        check_eligibility,
        is_authority_kind,
        is_eligible_kind,
    )
    from bildungsnetz.schools.models import School

    rng = random.Random(seed + 1)
    fields = list(Handlungsfeld.values)
    by_region = defaultdict(list)
    for inst in Institution.objects.exclude(kind="kita").only("pk", "kind", "name", "region_id"):
        by_region[inst.region_id].append(inst)
    eligible = {
        region: [i for i in insts if is_eligible_kind(i.kind) or is_authority_kind(i.kind)]
        for region, insts in by_region.items()
    }
    schools = [
        s
        for s in School.objects.filter(closed_at__isnull=True).select_related("schulform")
        if s.is_open and not s.is_authority and s.region_id in by_region
    ]
    states, weights = zip(*STATE_WEIGHTS.items(), strict=True)
    open_pairs: set[tuple[int, int]] = set()
    rows = []
    while len(rows) < count:
        school = rng.choice(schools)
        institution = rng.choice(by_region[school.region_id])
        third = None
        if not is_eligible_kind(institution.kind):
            candidates = [i for i in eligible[school.region_id] if i.pk != institution.pk]
            if not candidates:
                continue
            third = rng.choice(candidates)
        state = rng.choices(states, weights)[0]
        pair = (school.pk, institution.pk)
        if state != "beendet" and pair in open_pairs:
            continue
        check_eligibility(school=school, institution=institution, third_institution=third)
        if state != "beendet":
            open_pairs.add(pair)
        rows.append(_partnership(rng, Partnership, school, institution, third, state, user_id))
        rows[-1].handlungsfeld = rng.choice(fields)
    Partnership.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _partnership(rng, model, school, institution, third, state, user_id):
    start = TODAY - datetime.timedelta(days=rng.randint(30, 9 * 365))
    end = None if rng.random() < 0.6 else start + datetime.timedelta(days=rng.choice([730, 1095]))
    reached = ORDER.index(state) if state in ORDER else len(ORDER)  # ruhend/beendet: registered
    signed = start - datetime.timedelta(days=rng.randint(5, 40))
    _, topic = rng.choice(TOPICS)
    p = model(
        school=school, institution=institution, third_institution=third,
        title=f"{topic}: {school.name[:60]} und {institution.name[:60]}",
        goals="Schülerinnen und Schüler lernen außerschulische Lernorte kennen und nutzen sie "
        "regelmäßig im Unterricht.",
        activities="Zwei Projekttage im Halbjahr, ein gemeinsames Abschlussfest.",
        school_contact="Sekretariat der Schule", institution_contact="Leitung der Einrichtung",
        start_date=start, end_date=end, state=state, created_by_id=user_id,
    )  # fmt: skip
    if reached >= 1:
        p.school_signer, p.school_signed_on = "Schulleitung", signed
        p.institution_signer, p.institution_signed_on = "Leitung", signed
        if third is not None:
            p.third_signer, p.third_signed_on = "Amtsleitung", signed
    if reached >= 2:
        p.schulkonferenz_date = signed + datetime.timedelta(days=3)
    if reached >= 3:
        p.submitted_at = _aware(signed + datetime.timedelta(days=4), 10)
    if reached >= 4:
        p.registered_at = _aware(signed + datetime.timedelta(days=10), 11)
        p.registered_by_id = user_id
        p.confirmed_on = TODAY - datetime.timedelta(days=rng.randint(0, 360))
    if state == "oeffentlich" or (state in ("ruhend", "beendet") and rng.random() < 0.7):
        p.published_at = _aware(signed + datetime.timedelta(days=11), 9)
    if state == "beendet":
        p.ended_on = min(TODAY, start + datetime.timedelta(days=rng.randint(200, 1500)))
        if p.end_date and p.end_date < p.ended_on:
            p.ended_on = p.end_date
    return p


# --- networks, bodies, meetings, work orders -----------------------------------------------

SEAT_ORG_KIND = {
    "untere_schulaufsicht": "schulamt", "obere_schulaufsicht": "bezirksregierung",
    "abteilungsdirektion": "bezirksregierung", "kompetenzteam": "kompetenzteam",
    "jugendhilfe": "jugendamt", "agentur_fuer_arbeit": "agentur", "handwerkskammer": "hwk",
    "ihk": "ihk", "vhs": "vhs", "integrationszentrum": "ki", "religion": "religion",
    "kultur": "kultur", "sport": "sport", "gleichstellung": "gleichstellung",
    "eltern": "eltern", "schueler": "schueler",
}  # fmt: skip
FIRST = ["Anna", "Jonas", "Petra", "Mehmet", "Sabine", "Lukas", "Aylin", "Thomas", "Marie",
         "Stefan", "Julia", "Hans", "Elif", "Frank", "Claudia", "Dirk", "Katrin"]  # fmt: skip
LAST = ["Schmitz", "Becker", "Hoffmann", "Yilmaz", "Kowalski", "Wagner", "Schulte", "Krüger",
        "Neumann", "Lange", "Brinkmann", "Özdemir", "Hendricks", "Vogt", "Jansen"]  # fmt: skip
HANDLUNGSFELDER = [
    ("Übergang Kita–Grundschule", "Gemeinsame Qualitätskriterien für den Übergang."),
    ("Übergang Schule–Beruf", "Kein Abschluss ohne Anschluss: Berufsorientierung ab Klasse 8."),
    ("Sprachbildung", "Durchgängige Sprachbildung von der Kita bis zum Berufskolleg."),
]
WORK_ORDER_TITLES = [
    "Übersicht der Angebote erstellen", "Bericht für die nächste Sitzung vorbereiten",
    "Arbeitsgruppe einberufen", "Fortbildung für Lehrkräfte planen",
    "Daten für das Bildungsmonitoring zusammenstellen", "Elterninformation überarbeiten",
]  # fmt: skip


def create_networks(years: int = 10, seed: int = SEED) -> dict:
    """Networks, organisations, persons, three bodies with seats, Handlungsfelder, figures,
    and ``years`` years of meetings with agenda, decision and work orders for every region."""
    from bildungsnetz.network import seats
    from bildungsnetz.network.models import (
        AgendaItem,
        Body,
        Decision,
        Handlungsfeld,
        Meeting,
        Membership,
        Network,
        Organisation,
        Person,
        RegionFigures,
        WorkOrder,
    )
    from bildungsnetz.regions.models import Region

    rng = random.Random(seed + 2)
    regions = list(Region.objects.order_by("ags"))
    existing = set(Network.objects.values_list("region_id", flat=True))
    Network.objects.bulk_create(
        [
            Network(
                region=r,
                contract_status="unterzeichnet",
                signed_on=datetime.date(2008 + rng.randint(0, 6), rng.randint(1, 12), 1),
                mustervertrag_version="Mustervertrag 2008",
                land_posts=Decimal("1.50"),
                municipal_posts=Decimal("2.00"),
                office_name=f"Regionales Bildungsbüro {r.name}",
                office_city=r.name,
                office_email=f"bildungsbuero.{r.ags}@example.org",
            )  # fmt: skip
            for r in regions
            if r.pk not in existing
        ]
    )
    RegionFigures.objects.bulk_create(
        [
            RegionFigures(
                region=r,
                year=year,
                area_km2=Decimal(rng.randint(50, 1800)),
                population=rng.randint(110_000, 1_100_000),
                source="Erzeugte Benchmark-Daten",
            )  # fmt: skip
            for r in regions
            for year in range(TODAY.year - years, TODAY.year)
        ],
        ignore_conflicts=True,
    )
    # Organisations: one per organisation kind a seat needs, plus the Bildungsbüro.
    org_kinds = sorted(set(SEAT_ORG_KIND.values()) | {"kommune", "schule", "sonstige"})
    Organisation.objects.bulk_create(
        [
            Organisation(region=r, name=f"Bench {kind} {r.name}", kind=kind)
            for r in regions
            for kind in org_kinds
        ],
        ignore_conflicts=True,
    )
    orgs = {
        (o.region_id, o.kind): o.pk
        for o in Organisation.objects.filter(name__startswith="Bench ").only(
            "pk", "region_id", "kind"
        )
    }
    bodies = []
    for r in regions:
        if Body.objects.filter(region=r).exists():
            continue
        for kind, label, public in [
            ("lenkungskreis", "Lenkungskreis", False),
            ("bildungskonferenz", "Bildungskonferenz", True),
            ("bildungsbuero", "Regionales Bildungsbüro", False),
        ]:
            bodies.append(Body(region=r, kind=kind, name=f"{label} {r.name}", is_public=public))
    Body.objects.bulk_create(bodies)
    bodies = list(Body.objects.filter(pk__in=[b.pk for b in bodies]).select_related("region"))
    # Seats: persons and memberships to the minimum of the rules (one for open "0" seats).
    seat_plan = []
    for body in bodies:
        for seat in seats.seat_rules(body.kind, body.region.kind, body.variant):
            if not seat.counted:
                continue
            for _ in range(max(seat.min, 1)):
                seat_plan.append((body, seat.code))
    persons = [
        Person(
            region=body.region,
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            function=code.replace("_", " ").capitalize(),
            organisation_id=orgs.get((body.region_id, SEAT_ORG_KIND.get(code, "kommune"))),
            email=f"person{n}@example.org",
            consent_public=n % 3 == 0,
            consent_given_on=TODAY - datetime.timedelta(days=400) if n % 3 == 0 else None,
        )  # fmt: skip
        for n, (body, code) in enumerate(seat_plan)
    ]
    Person.objects.bulk_create(persons, batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(
                body=body,
                person=person,
                organisation_id=person.organisation_id,
                seat=code,
                start=datetime.date(TODAY.year - rng.randint(0, years), 1, 1),
            )  # fmt: skip
            for (body, code), person in zip(seat_plan, persons, strict=True)
        ],
        batch_size=BATCH,
    )
    Handlungsfeld.objects.bulk_create(
        [
            Handlungsfeld(region=r, title=title, goals=goals)
            for r in regions
            for title, goals in HANDLUNGSFELDER
        ],
        ignore_conflicts=True,
    )
    hfs = defaultdict(list)
    for hf in Handlungsfeld.objects.only("pk", "region_id"):
        hfs[hf.region_id].append(hf.pk)
    people = defaultdict(list)
    for p in persons:
        people[p.region_id].append(p.pk)
    return _meetings(
        rng, bodies, hfs, orgs, people, years, AgendaItem, Decision, Meeting, WorkOrder
    )


def _meetings(rng, bodies, hfs, orgs, people, years, AgendaItem, Decision, Meeting, WorkOrder):
    per_year = {"lenkungskreis": 4, "bildungskonferenz": 2}
    meetings = []
    for body in bodies:
        n = per_year.get(body.kind, 0)
        for year in range(TODAY.year - years + 1, TODAY.year + 1):
            for k in range(n):
                day = datetime.date(year, 1 + k * (12 // n) + rng.randint(0, 1), rng.randint(1, 27))
                held = day <= TODAY
                meetings.append(
                    Meeting(
                        body=body, title=f"{k + 1}. Sitzung {year} – {body.name}",
                        starts_at=_aware(day, 15), ends_at=_aware(day, 17),
                        location=f"Kreishaus {body.region.name}, Sitzungsraum {k + 1}",
                        is_public=body.is_public,
                        minutes="TOP 1: Bericht des Bildungsbüros. TOP 2: Stand der "
                        "Handlungsfelder. TOP 3: Verschiedenes." if held else "",
                        minutes_public=held and body.is_public,
                    )
                )  # fmt: skip
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    items = [
        AgendaItem(
            meeting=m,
            position=pos,
            title=title,
            handlungsfeld_id=rng.choice(hfs[m.body.region_id]) if pos == 2 else None,
        )  # fmt: skip
        for m in meetings
        for pos, title in enumerate(
            ["Bericht des Bildungsbüros", "Stand der Handlungsfelder", "Verschiedenes"], start=1
        )
    ]
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    decisions = [
        Decision(
            meeting=m,
            agenda_item=items[3 * n + 1],
            kind="beschluss" if m.body.kind == "lenkungskreis" else "empfehlung",
            text="Das Gremium beauftragt das Bildungsbüro mit den folgenden Arbeitsaufträgen.",
        )  # fmt: skip
        for n, m in enumerate(meetings)
        if m.starts_at.date() <= TODAY
    ]
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    orders = []
    for d in decisions:
        m = d.meeting
        if m.body.kind != "lenkungskreis":
            continue
        region_id = m.body.region_id
        for _ in range(rng.randint(1, 3)):
            due = m.starts_at.date() + datetime.timedelta(days=rng.choice([28, 56, 90, 120]))
            if due >= TODAY:
                status = rng.choices(["offen", "in_arbeit"], [1, 2])[0]
            else:
                status = rng.choices(
                    ["erledigt", "verworfen", "offen", "in_arbeit"], [84, 5, 5, 6]
                )[0]
            orders.append(
                WorkOrder(
                    region_id=region_id, decision=d, title=rng.choice(WORK_ORDER_TITLES),
                    owner_organisation_id=orgs.get((region_id, "schulamt"))
                    if rng.random() < 0.3 else None,
                    owner_person_id=rng.choice(people[region_id]) if people[region_id] else None,
                    due_date=due, status=status,
                    result="Erledigt und im Lenkungskreis berichtet." if status == "erledigt"
                    else "",
                )
            )  # fmt: skip
    WorkOrder.objects.bulk_create(orders, batch_size=BATCH)
    overdue = sum(1 for o in orders if o.is_overdue(TODAY))
    return {
        "bodies": len(bodies),
        "meetings": len(meetings),
        "decisions": len(decisions),
        "work_orders": len(orders),
        "overdue": overdue,
    }


# --- survey --------------------------------------------------------------------------------

BENCH_INSTRUMENT = [
    ("Zusammenarbeit", ["Die Abstimmung im Netzwerk funktioniert gut.",
                        "Ich weiß, wen ich im Netzwerk ansprechen kann.",
                        "Die Gremien treffen verbindliche Absprachen."]),
    ("Wirkung", ["Das Netzwerk verbessert die Übergänge im Bildungsweg.",
                 "Die Angebote erreichen die Familien, für die sie gedacht sind.",
                 "Die Arbeit des Netzwerks ist vor Ort sichtbar."]),
    ("Bildungsbüro", ["Das Bildungsbüro informiert rechtzeitig.",
                      "Das Bildungsbüro unterstützt bei Projekten.",
                      "Die Sitzungen sind gut vorbereitet."]),
]  # fmt: skip


def survey_instrument():
    """The built-in ``rbn-akteure`` instrument if present, else a nine-item bench one."""
    from bildungsnetz.surveys.models import Dimension, Instrument, Item

    found = Instrument.objects.filter(code="rbn-akteure").first()
    if found is not None:
        return found, True
    instrument, created = Instrument.objects.get_or_create(
        code="bench-akteure",
        defaults={"title": "Befragung der Akteure (Benchmark)", "target_group": "akteure"},
    )
    if created:
        for pos, (name, texts) in enumerate(BENCH_INSTRUMENT, start=1):
            dim = Dimension.objects.create(instrument=instrument, name=name, position=pos)
            for n, text in enumerate(texts, start=1):
                Item.objects.create(
                    instrument=instrument, dimension=dim, code=f"{pos}.{n}", text=text,
                    position=pos * 10 + n,
                )  # fmt: skip
    return instrument, False


def create_survey(answers: int, user_id: int, seed: int = SEED) -> dict:
    """One statewide, finished survey with about ``answers`` answers over all regions."""
    from bildungsnetz.regions.models import Region
    from bildungsnetz.surveys.models import Answer, Response, Survey, SurveyRegion

    rng = random.Random(seed + 3)
    instrument, builtin = survey_instrument()
    items = list(instrument.items.all())
    survey = Survey.objects.create(
        instrument=instrument, title="Landesweite Befragung der Akteure 2026 (Benchmark)",
        status="beendet", opens_on=datetime.date(2026, 5, 4), closes_on=datetime.date(2026, 6, 30),
        created_by_id=user_id,
    )  # fmt: skip
    regions = list(Region.objects.order_by("ags"))
    responses_total = math.ceil(answers / len(items))
    weights = [rng.uniform(0.4, 1.6) for _ in regions]
    scale = responses_total / sum(weights)
    counts = [max(3, round(w * scale)) for w in weights]
    counts[-1] = max(3, counts[-1] + responses_total - sum(counts))  # the total, about
    SurveyRegion.objects.bulk_create(
        [
            SurveyRegion(survey=survey, region=r, invited_offline=round(c * rng.uniform(1.8, 3.2)))
            for r, c in zip(regions, counts, strict=True)
        ]
    )
    values = ["voll", "eher", "eher_nicht", "gar_nicht", "keine_angabe"]
    made = 0
    responses, rows = [], []
    for region, count in zip(regions, counts, strict=True):
        tilt = rng.uniform(-0.15, 0.15)  # regions differ a little
        weights = [0.30 + tilt, 0.38, 0.17 - tilt / 2, 0.07 - tilt / 2, 0.08]
        for _ in range(count):
            response = Response(id=uuid.UUID(int=rng.getrandbits(128), version=4),
                                survey=survey, region=region)  # fmt: skip
            responses.append(response)
            for item in items:
                if item.kind == "zustimmung":
                    value = rng.choices(values, weights)[0]
                elif item.kind == "einfachauswahl" and item.choices:
                    value = rng.choice(item.choices)
                else:
                    value = ""
                rows.append(Answer(response=response, item=item, value=value))
            if len(rows) >= BATCH * 4:
                made += _flush(Response, Answer, responses, rows)
                responses, rows = [], []
    made += _flush(Response, Answer, responses, rows)
    return {
        "survey_pk": survey.pk,
        "instrument": instrument.code,
        "builtin": builtin,
        "responses": sum(counts),
        "answers": made,
    }


def _flush(Response, Answer, responses, rows) -> int:
    Response.objects.bulk_create(responses, batch_size=BATCH)
    Answer.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


# --- accounts ------------------------------------------------------------------------------


def land_user():
    """A Land staff account (role ``land`` for all of NRW) for the logged-in pages."""
    from bildungsnetz.core.models import RegionMembership, Role, User

    user, _ = User.objects.get_or_create(
        email="land@bench.bildungsnetz.nrw", defaults={"first_name": "Bench", "last_name": "Land"}
    )
    RegionMembership.objects.get_or_create(user=user, region=None, role=Role.LAND)
    return user


def build(institutions: int, partnerships: int, answers: int, years: int) -> dict:
    """Generate everything after the register import; returns counts and seconds per part."""
    import time

    from django.db import connection, transaction

    out = {}
    user = land_user()
    for name, step in [
        ("institutions", lambda: create_institutions(institutions)),
        ("partnerships", lambda: create_partnerships(partnerships, user.pk)),
        ("networks", lambda: create_networks(years)),
        ("survey", lambda: create_survey(answers, user.pk)),
    ]:
        start = time.perf_counter()
        with transaction.atomic():
            result = step()
        out[name] = {"result": result, "seconds": round(time.perf_counter() - start, 2)}
    with connection.cursor() as cursor:  # planner statistics, as after a real import
        cursor.execute("ANALYZE")
    out["land_user_pk"] = user.pk
    return out
