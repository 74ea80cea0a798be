"""The seat checker: composition rules of Lenkungskreis, Bildungskonferenz and Bildungsbüro.

Pure functions, no database: callers pass the region kind, the body kind and variant and
the holders (one per membership). Rules follow SPEC §2 and seed 001 (see docs/network.md):

* A seat has a minimum and a maximum (``None`` = open). ``required`` in the result is the
  minimum; for "bis zu n" seats the minimum is 1 and ``max`` is n.
* Only holders active on the day count (``start <= day <= end``, open ends allowed);
  deputies and guests never fill a seat.
* Status per seat: ``fehlt`` (fewer than the minimum), ``ueberzaehlig`` (more than the
  maximum), else ``ok``. Holders on a seat the rules do not know go to the pseudo-seat
  ``nicht_vorgesehen``, which is ``ueberzaehlig`` when anyone sits there.
* A StädteRegion is treated like a Kreis.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OK = "ok"
FEHLT = "fehlt"
UEBERZAEHLIG = "ueberzaehlig"
UNKNOWN_SEAT = "nicht_vorgesehen"

SCHULFORMEN = [
    ("grundschule", gettext_lazy("Grundschule")),
    ("foerderschule", gettext_lazy("Förderschule")),
    ("hauptschule", gettext_lazy("Hauptschule")),
    ("realschule", gettext_lazy("Realschule")),
    ("gesamtschule", gettext_lazy("Gesamtschule")),
    ("sekundarschule", gettext_lazy("Sekundarschule")),
    ("gymnasium", gettext_lazy("Gymnasium")),
    ("berufskolleg", gettext_lazy("Berufskolleg")),
]


@dataclass(frozen=True)
class Seat:
    code: str
    label: str
    min: int
    max: int | None
    counted: bool = True  # guests' seat: listed, never counted


@dataclass(frozen=True)
class Holder:
    """One membership as the checker sees it."""

    seat: str
    name: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    deputy: bool = False
    guest: bool = False

    def active_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class SeatResult:
    seat: str
    label: str
    required: int
    max: int | None
    filled: int
    status: str
    members: list[str] = field(default_factory=list)
    explanation: str = ""


@dataclass
class CheckResult:
    body: str
    variant: str
    seats: list[SeatResult]

    @property
    def ok(self) -> bool:
        return all(s.status == OK for s in self.seats)

    @property
    def missing(self) -> int:
        return sum(max(0, s.required - s.filled) for s in self.seats)

    def as_json(self, ags: str) -> dict:
        return {
            "region": ags,
            "body": self.body,
            "variant": self.variant,
            "seats": [asdict(s) for s in self.seats],
            "ok": self.ok,
        }


def is_kreisfrei(region_kind: str) -> bool:
    """kreisfreie Stadt → True; Kreis and StädteRegion (treated like a Kreis) → False."""
    return region_kind == "kreisfreie_stadt"


def variant_name(body_kind: str, region_kind: str, variant: str = "standard") -> str:
    place = "kreisfreie_stadt" if is_kreisfrei(region_kind) else "kreis"
    if body_kind == "lenkungskreis" and variant == "chefsache":
        return f"chefsache_{place}"
    if body_kind in ("lenkungskreis", "bildungskonferenz"):
        return place
    return "frei" if body_kind == "arbeitsgruppe" else "mustervertrag"


def seat_rules(body_kind: str, region_kind: str, variant: str = "standard") -> list[Seat]:
    """The seats a body of this kind should have in a region of this kind."""
    kreisfrei = is_kreisfrei(region_kind)
    if body_kind == "lenkungskreis":
        if variant == "chefsache":
            return _lenkungskreis_chefsache(kreisfrei)
        return _lenkungskreis(kreisfrei)
    if body_kind == "bildungskonferenz":
        return _bildungskonferenz(kreisfrei)
    if body_kind == "bildungsbuero":
        return [
            Seat("landesstelle", _("Stelle des Landes (pädagogische Fachkraft)"), 1, None),
            Seat("kommunale_stelle", _("Stelle der Kommune (Verwaltung)"), 1, None),
            Seat("weitere_stelle", _("Weitere Stellen der Kommune"), 0, None),
        ]
    return [Seat("mitglied", _("Mitglied"), 0, None)]


def _lenkungskreis(kreisfrei: bool) -> list[Seat]:
    seats = [
        Seat("untere_schulaufsicht", _("Untere Schulaufsicht (Schulamt)"), 1, 1),
        Seat("obere_schulaufsicht", _("Obere Schulaufsicht (Bezirksregierung)"), 1, 1),
    ]
    if kreisfrei:
        seats += [
            Seat("kommune", _("Von der Stadt benannt"), 2, 2),
            Seat("schulleitung", _("Schulleitung, von den Schulen benannt"), 2, 2),
        ]
    else:
        seats += [
            Seat("kommune", _("Vom Kreis benannt"), 2, 2),
            Seat("kreisangehoerige", _("Von kreisangehörigen Städten und Gemeinden benannt"), 2, 2),
            Seat("schulleitung", _("Schulleitung, von den Schulen benannt"), 3, 3),
        ]
    seats.append(Seat("weitere", _("Weitere Mitglieder"), 0, None))
    return seats


def _lenkungskreis_chefsache(kreisfrei: bool) -> list[Seat]:
    if kreisfrei:
        seats = [
            Seat("verwaltungsspitze", _("Oberbürgermeisterin oder Oberbürgermeister"), 1, 1),
            Seat("dezernat", _("Dezernentinnen und Dezernenten (z. B. Schule, Jugend)"), 2, 3),
        ]
    else:
        seats = [
            Seat("verwaltungsspitze", _("Landrätin oder Landrat"), 1, 1),
            Seat("buergermeister", _("Bürgermeisterinnen und Bürgermeister"), 2, 3),
            Seat("dezernat", _("Dezernentinnen und Dezernenten des Kreises"), 0, None),
        ]
    seats += [
        Seat("abteilungsdirektion", _("Abteilungsdirektion Schule der Bezirksregierung"), 1, 1),
        Seat("obere_schulaufsicht", _("Obere Schulaufsicht (Bezirksregierung)"), 1, 1),
        Seat("untere_schulaufsicht", _("Untere Schulaufsicht (Schulamt)"), 1, 1),
        Seat("gast", _("Gäste zu einem Handlungsfeld (zählen nicht)"), 0, None, counted=False),
    ]
    return seats


def _bildungskonferenz(kreisfrei: bool) -> list[Seat]:
    seats = [
        Seat("obere_schulaufsicht", _("Obere Schulaufsicht (Bezirksregierung)"), 1, None),
        Seat("untere_schulaufsicht", _("Untere Schulaufsicht (Schulamt)"), 1, None),
        Seat("kompetenzteam", _("Kompetenzteam für Fortbildung"), 1, 1),
        Seat("jugendhilfe", _("Fachbereich Jugendhilfe"), 1, 1),
    ]
    if kreisfrei:
        seats.append(Seat("schultraeger", _("Schulträger Stadt"), 1, 3))
    else:
        seats += [
            Seat("schultraeger", _("Schulträger Kreis"), 1, 3),
            Seat(
                "schultraeger_kreisangehoerig",
                _("Schulträger der kreisangehörigen Städte und Gemeinden"),
                1,
                2,
            ),
        ]
    for code, label in SCHULFORMEN:
        seats.append(
            Seat(
                f"schulleitung_{code}",
                _("Schulleitungssprecher/in %(schulform)s") % {"schulform": label},
                1,
                1,
            )
        )
    seats += [
        Seat("agentur_fuer_arbeit", _("Agentur für Arbeit"), 1, 1),
        Seat("handwerkskammer", _("Handwerkskammer"), 1, 1),
        Seat("ihk", _("Industrie- und Handelskammer"), 1, 1),
        Seat("vhs", _("Volkshochschule"), 1, 1),
        Seat("integrationszentrum", _("Kommunales Integrationszentrum"), 1, 1),
        Seat("religion", _("Religionsgemeinschaften vor Ort"), 1, None),
        Seat("kultur", _("Kultur"), 1, None),
        Seat("sport", _("Sport"), 1, None),
        Seat("gleichstellung", _("Gleichstellungsbeauftragte"), 1, 1),
        Seat("eltern", _("Schulpflegschaften (Eltern)"), 1, None),
        Seat("schueler", _("Schülerinnen und Schüler"), 1, None),
        Seat("weitere", _("Weitere Sitze (z. B. Kita, Hochschule, zdi-Zentrum)"), 0, None),
    ]
    return seats


def seat_choices(body_kind: str, region_kind: str, variant: str = "standard"):
    return [(s.code, s.label) for s in seat_rules(body_kind, region_kind, variant)]


def _explain(seat: Seat, filled: int, status: str) -> str:
    values = {"label": seat.label, "min": seat.min, "max": seat.max, "filled": filled}
    if not seat.counted:
        return _("Gäste nehmen zeitweise zu einem Handlungsfeld teil und zählen nicht mit.")
    if seat.max is None:
        wanted = _("mindestens %(min)s") % values
    elif seat.min == seat.max:
        wanted = _("genau %(min)s") % values
    else:
        wanted = _("%(min)s bis %(max)s") % values
    head = _("Vorgesehen: %(wanted)s, besetzt: %(filled)s.") % {
        "wanted": wanted,
        "filled": filled,
    }
    if status == FEHLT:
        return head + " " + _("Es fehlen %(n)s.") % {"n": seat.min - filled}
    if status == UEBERZAEHLIG:
        return (
            head
            + " "
            + _(
                "%(n)s zu viel – bitte einem anderen Sitz zuordnen oder die Mitgliedschaft beenden."
            )
            % {"n": filled - (seat.max or 0)}
        )
    return head


def check_seats(
    *,
    body_kind: str,
    region_kind: str,
    variant: str = "standard",
    holders: list[Holder],
    day: datetime.date,
) -> CheckResult:
    """Compare the holders active on ``day`` with the seat rules."""
    rules = seat_rules(body_kind, region_kind, variant)
    known = {s.code for s in rules}
    active = [h for h in holders if h.active_on(day) and not h.deputy]
    results = []
    for seat in rules:
        on_seat = [h for h in active if h.seat == seat.code]
        if seat.counted:
            on_seat = [h for h in on_seat if not h.guest]
        names = sorted(h.name for h in on_seat)
        filled = len(names) if seat.counted else 0
        if not seat.counted or seat.min <= filled and (seat.max is None or filled <= seat.max):
            status = OK
        elif filled < seat.min:
            status = FEHLT
        else:
            status = UEBERZAEHLIG
        results.append(
            SeatResult(
                seat=seat.code,
                label=str(seat.label),
                required=seat.min if seat.counted else 0,
                max=seat.max if seat.counted else None,
                filled=filled,
                status=status,
                members=names,
                explanation=_explain(seat, filled, status),
            )
        )
    stray = sorted(h.name for h in active if h.seat not in known and not h.guest)
    if stray:
        results.append(
            SeatResult(
                seat=UNKNOWN_SEAT,
                label=_("Sitz in diesem Besetzungsmodell nicht vorgesehen"),
                required=0,
                max=0,
                filled=len(stray),
                status=UEBERZAEHLIG,
                members=stray,
                explanation=_(
                    "Diese Mitglieder sitzen auf einem Sitz, den die Regeln für dieses Gremium "
                    "nicht kennen. Bitte einem vorgesehenen Sitz zuordnen."
                ),
            )
        )
    return CheckResult(
        body=body_kind, variant=variant_name(body_kind, region_kind, variant), seats=results
    )
