"""Constructed survey data for the report tests; every figure is counted by hand below.

Instrument "rbn-test-auswertung": Transparenz (A1, A2), Beteiligung (B1), a single-choice
item C1 and a free-text item F1. Answers per region ("-" = no answer row):

region (AGS)            responses  A1                         A2                  B1
Bochum (05911)          6          voll voll eher eher_nicht   voll gar_nicht       voll eher_nicht
                                   keine_angabe -              gar_nicht eher_nicht ×5
                                                               eher eher
Münster (05515)         8          voll×5 eher_nicht×3         eher×2 gar_nicht×6   voll×8
Kreis Soest (05974)     4          voll×4                      gar_nicht×4          keine_angabe×4
Kreis Gütersloh (05754) 2          eher_nicht voll             voll voll            voll -
Kreis Warendorf (05570) 1          gar_nicht                   keine_angabe         eher

Invited: Bochum 10 e-mails; Münster 8 e-mails + 8 on paper; Soest 5 e-mails;
Gütersloh 4 on paper; Warendorf 3 e-mails — 38 in all, 21 responses.
"""

import datetime
import hashlib
import secrets

from bildungsnetz.regions.models import Region
from bildungsnetz.surveys.models import (
    Answer,
    Dimension,
    Instrument,
    Invitation,
    Item,
    ItemKind,
    Response,
    Survey,
    SurveyRegion,
    TargetGroup,
)

BOCHUM, MUENSTER, SOEST, GUETERSLOH, WARENDORF = "05911", "05515", "05974", "05754", "05570"

SHEETS = {
    BOCHUM: [
        {"A1": "voll", "A2": "voll", "B1": "voll", "C1": "Schule", "F1": "Mehr Austausch."},
        {"A1": "voll", "A2": "gar_nicht", "B1": "eher_nicht", "C1": "Schule"},
        {"A1": "eher", "A2": "gar_nicht", "B1": "eher_nicht", "C1": "Kita"},
        {"A1": "eher_nicht", "A2": "eher_nicht", "B1": "eher_nicht", "C1": "Verwaltung"},
        {"A1": "keine_angabe", "A2": "eher", "B1": "eher_nicht"},
        {"A2": "eher", "B1": "eher_nicht", "F1": "Die Gremien tagen zu selten."},
    ],
    MUENSTER: [{"A1": "voll", "A2": "eher", "B1": "voll", "C1": "Schule"}] * 2
    + [{"A1": "voll", "A2": "gar_nicht", "B1": "voll"}] * 3
    + [{"A1": "eher_nicht", "A2": "gar_nicht", "B1": "voll", "F1": "Gut organisiert."}] * 3,
    SOEST: [
        {"A1": "voll", "A2": "gar_nicht", "B1": "keine_angabe", "F1": "Geheimer Hinweis Soest."}
    ]
    * 4,
    GUETERSLOH: [
        {"A1": "eher_nicht", "A2": "voll", "B1": "voll"},
        {"A1": "voll", "A2": "voll", "F1": "Gütersloh-Text"},
    ],
    WARENDORF: [{"A1": "gar_nicht", "A2": "keine_angabe", "B1": "eher"}],
}
EMAIL_INVITED = {BOCHUM: 10, MUENSTER: 8, SOEST: 5, WARENDORF: 3}
OFFLINE_INVITED = {MUENSTER: 8, GUETERSLOH: 4}


def make_instrument(code: str = "rbn-test-auswertung") -> Instrument:
    instrument = Instrument.objects.create(
        code=code,
        title="Befragung der Akteure und Partner (Test)",
        target_group=TargetGroup.AKTEURE,
    )
    transparenz = Dimension.objects.create(instrument=instrument, name="Transparenz", position=1)
    beteiligung = Dimension.objects.create(instrument=instrument, name="Beteiligung", position=2)
    Item.objects.create(
        instrument=instrument,
        dimension=transparenz,
        code="A1",
        text="Ich kenne die Ziele des Bildungsnetzwerks.",
        position=1,
    )
    Item.objects.create(
        instrument=instrument,
        dimension=transparenz,
        code="A2",
        text="Die Gremien des Netzwerks sind mir bekannt.",
        position=2,
    )
    Item.objects.create(
        instrument=instrument,
        dimension=beteiligung,
        code="B1",
        text="Meine Einrichtung wird in Planungen einbezogen.",
        position=3,
    )
    Item.objects.create(
        instrument=instrument,
        code="C1",
        text="In welcher Art von Einrichtung arbeiten Sie?",
        kind=ItemKind.SINGLE,
        choices=["Schule", "Kita", "Verwaltung"],
        position=4,
    )
    Item.objects.create(
        instrument=instrument,
        code="F1",
        text="Was sollte sich ändern?",
        kind=ItemKind.TEXT,
        position=5,
    )
    return instrument


def add_sheet(survey: Survey, region: Region, answers: dict[str, str]) -> Response:
    response = Response.objects.create(survey=survey, region=region)
    items = {i.code: i for i in survey.instrument.items.all()}
    for code, value in answers.items():
        item = items[code]
        if item.kind == ItemKind.TEXT:
            Answer.objects.create(response=response, item=item, text=value)
        else:
            Answer.objects.create(response=response, item=item, value=value)
    return response


def invite(survey: Survey, region: Region, count: int) -> None:
    Invitation.objects.bulk_create(
        Invitation(
            survey=survey,
            region=region,
            email=f"akteur{index}.{region.ags}@bildungsnetz-test.de",
            token_hash=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
        )
        for index in range(count)
    )


def make_survey(threshold: int = 5, sheets=None, pk: int | None = None) -> Survey:
    sheets = SHEETS if sheets is None else sheets
    instrument = make_instrument()
    survey = Survey.objects.create(
        pk=pk,
        instrument=instrument,
        title="Evaluation der Bildungsnetzwerke 2026",
        closes_on=datetime.date(2026, 12, 18),
        anonymity_threshold=threshold,
    )
    regions = {r.ags: r for r in Region.objects.filter(ags__in=list(sheets))}
    for ags in sheets:
        SurveyRegion.objects.create(
            survey=survey, region=regions[ags], invited_offline=OFFLINE_INVITED.get(ags, 0)
        )
        invite(survey, regions[ags], EMAIL_INVITED.get(ags, 0))
        for answers in sheets[ags]:
            add_sheet(survey, regions[ags], answers)
    return survey
