"""Who supervises a school: the rules of SPEC §1 / seed 000 (Kriterium 6.6.1).

Pure functions: :func:`decide` takes plain facts and returns a :class:`Supervision`.
Fachaufsicht = subject and pedagogy; Dienstaufsicht = staff and service.
"""

from dataclasses import asdict, dataclass, field

UNTERE = "untere"  # staatliches Schulamt of the Kreis / kreisfreie Stadt
OBERE = "obere"  # Bezirksregierung of the Regierungsbezirk

# Förderschwerpunkte whose Förderschulen the Schulamt supervises in subject matters.
SCHULAMT_FSP = {"LE", "SQ", "ES", "GG", "KM"}
# Förderschwerpunkte that always move a Förderschule to the Bezirksregierung.
BEZIRKSREGIERUNG_FSP = {"HK", "SE"}
BR_BILDUNGSBEREICHE = {"realschule", "gymnasium", "berufskolleg"}
FOERDERSCHULE_CODES = {"08"}
# Förderschulen whose Schulform already names the Bildungsbereich.
FOERDERSCHULE_BEREICH_CODES = {
    "85": "realschule",
    "87": "gymnasium",
    "88": "berufskolleg",
}
BR_SCHULFORMEN = {
    "10": "Realschule",
    "14": "Sekundarschule",
    "15": "Gesamtschule",
    "20": "Gymnasium",
    "25": "Weiterbildungskolleg",
    "30": "Berufskolleg",
}
BEREICH_NAMES = {
    "realschule": "Realschule",
    "gymnasium": "Gymnasium",
    "berufskolleg": "Berufskolleg",
}


@dataclass(frozen=True)
class Authority:
    behoerde: str
    ebene: str  # "untere" | "obere"
    bereich: str  # Kreis AGS for a Schulamt, Regierungsbezirk code for a Bezirksregierung


@dataclass(frozen=True)
class Facts:
    schulform: str
    kreis_ags: str
    regierungsbezirk: str
    schulamt_name: str
    bezirksregierung_name: str
    foerderschwerpunkte: frozenset[str] = field(default_factory=frozenset)
    bildungsbereich: str = ""


@dataclass(frozen=True)
class Supervision:
    fachaufsicht: Authority | None
    dienstaufsicht: Authority | None
    regel: str
    hinweis: str | None = None

    @property
    def decided(self) -> bool:
        return self.fachaufsicht is not None and self.dienstaufsicht is not None


def decide(facts: Facts) -> Supervision:
    schulamt = Authority(facts.schulamt_name, UNTERE, facts.kreis_ags)
    bezreg = Authority(facts.bezirksregierung_name, OBERE, facts.regierungsbezirk)
    code = facts.schulform
    fsp = set(facts.foerderschwerpunkte)

    if code == "02":
        return Supervision(
            schulamt, schulamt, "Grundschule: Das Schulamt führt Fach- und Dienstaufsicht."
        )
    if code == "04":
        return Supervision(
            schulamt,
            bezreg,
            "Hauptschule: Fachaufsicht beim Schulamt, Dienstaufsicht bei der Bezirksregierung.",
        )
    if code in BR_SCHULFORMEN:
        return Supervision(
            bezreg,
            bezreg,
            f"{BR_SCHULFORMEN[code]}: Die Bezirksregierung führt Fach- und Dienstaufsicht.",
        )
    if code in FOERDERSCHULE_CODES or code in FOERDERSCHULE_BEREICH_CODES:
        bereich = FOERDERSCHULE_BEREICH_CODES.get(code) or facts.bildungsbereich
        return _foerderschule(schulamt, bezreg, fsp, bereich)
    return _not_covered(code)


def _foerderschule(schulamt, bezreg, fsp: set[str], bereich: str) -> Supervision:
    if bereich in BR_BILDUNGSBEREICHE:
        return Supervision(
            bezreg,
            bezreg,
            f"Förderschule im Bildungsbereich {BEREICH_NAMES[bereich]}: Die Bezirksregierung "
            "führt Fach- und Dienstaufsicht.",
        )
    relevant = fsp - {"KR"}
    if not relevant:
        return Supervision(
            None,
            None,
            "Förderschule ohne erfassten Förderschwerpunkt: nicht entschieden.",
            "Die Zuständigkeit hängt vom Förderschwerpunkt ab. Bitte die Förderschwerpunkte "
            "der Schule erfassen.",
        )
    if relevant & BEZIRKSREGIERUNG_FSP:
        verbund = " im Verbund" if len(relevant) > 1 else ""
        return Supervision(
            bezreg,
            bezreg,
            f"Förderschule{verbund} mit Förderschwerpunkt Hören und Kommunikation oder Sehen: "
            "Die Bezirksregierung führt Fach- und Dienstaufsicht.",
        )
    if relevant <= SCHULAMT_FSP:
        if len(relevant) > 1:
            rule = (
                "Förderschule im Verbund (ohne Hören und Kommunikation, ohne Sehen, nicht im "
                "Bildungsbereich Realschule, Gymnasium oder Berufskolleg): Fachaufsicht beim "
                "Schulamt, Dienstaufsicht bei der Bezirksregierung."
            )
        else:
            rule = (
                "Förderschule mit Förderschwerpunkt Lernen, Sprache, emotionale und soziale "
                "Entwicklung, geistige Entwicklung oder körperliche und motorische "
                "Entwicklung: Fachaufsicht beim Schulamt, Dienstaufsicht bei der "
                "Bezirksregierung."
            )
        return Supervision(schulamt, bezreg, rule)
    unknown = ", ".join(sorted(relevant - SCHULAMT_FSP))
    return Supervision(
        None,
        None,
        "Förderschule mit unbekanntem Förderschwerpunkt: nicht geregelt.",
        f"Unbekannte Förderschwerpunkte: {unknown}.",
    )


NOT_COVERED = {
    "0A": "Schulaufsichtsbehörde, keine Schule.",
    "06": "Volksschule: in den Regeln nicht genannt.",
    "13": "Schulversuch PRIMUS: Schulversuche sind in den Regeln nicht geregelt.",
    "16": "Gemeinschaftsschule (Schulversuch): in den Regeln nicht geregelt.",
    "17": "Freie Waldorfschule: in den Regeln nicht genannt.",
    "18": "Hiberniaschule: in den Regeln nicht genannt.",
    "19": "Freie Waldorfförderschule: in den Regeln nicht genannt.",
    "81": "Schulischer Lernort: in den Regeln nicht genannt.",
    "83": "Klinikschule (Schule für Kranke): in den Regeln nicht geregelt.",
}


def _not_covered(code: str) -> Supervision:
    detail = NOT_COVERED.get(code, f"Schulform {code}: in den Regeln nicht genannt.")
    return Supervision(
        None,
        None,
        "nicht geregelt",
        detail + " Die zuständige Aufsicht bitte bei der Bezirksregierung erfragen.",
    )


def facts_for_school(school) -> Facts:
    region = school.region
    return Facts(
        schulform=school.schulform_id,
        kreis_ags=region.ags,
        regierungsbezirk=school.regierungsbezirk.code,
        schulamt_name=region.schulamt.name,
        bezirksregierung_name=school.regierungsbezirk.bezirksregierung_name,
        foerderschwerpunkte=frozenset(school.foerderschwerpunkte or ()),
        bildungsbereich=school.bildungsbereich or "",
    )


def supervision_for_school(school) -> Supervision:
    return decide(facts_for_school(school))


def supervision_json(school) -> dict:
    """The documented JSON object of ``bildungsnetz supervision`` and the API."""
    result = supervision_for_school(school)
    return {
        "schulnummer": school.schulnummer,
        "schulform": school.schulform_id,
        "kreis_ags": school.region.ags,
        "regierungsbezirk": school.regierungsbezirk.code,
        "fachaufsicht": asdict(result.fachaufsicht) if result.fachaufsicht else None,
        "dienstaufsicht": asdict(result.dienstaufsicht) if result.dienstaufsicht else None,
        "regel": result.regel,
        "hinweis": result.hinweis,
    }
