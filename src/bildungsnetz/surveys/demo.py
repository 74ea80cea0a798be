"""Demo data: a running statewide actors' survey with paper sheets from five regions.

The sheets come in through the same CSV import a Bildungsbüro uses, so the demo shows the
report, the regional comparison and the anonymity threshold (Olpe has too few sheets).
Repeatable: a second run finds the survey and imports nothing twice.
"""

import datetime
import io
import random

from django.utils import timezone

from ..regions.models import Region
from . import services
from .models import Instrument, Survey, SurveyStatus

TITLE = "RBN-Befragung Akteure und Partner 2026 (Demo)"
# AGS: (paper invitations, answer sheets, chance of "voll"/"eher" per sheet)
REGIONS = {
    "05111": (120, 74, 0.78),  # Düsseldorf
    "05911": (90, 41, 0.66),  # Bochum
    "05515": (110, 83, 0.81),  # Münster
    "05554": (60, 21, 0.58),  # Kreis Borken
    "05966": (25, 3, 0.70),  # Kreis Olpe – below the threshold of 5
}
SCALE = ["voll", "eher", "eher_nicht", "gar_nicht"]


def _sheets(instrument: Instrument, rng: random.Random) -> bytes:
    codes = list(instrument.items.values_list("code", flat=True))
    out = io.StringIO()
    out.write(";".join(["bogen", "region", *codes]) + "\n")
    for ags, (_, sheets, agree) in REGIONS.items():
        for n in range(1, sheets + 1):
            row = [f"{ags}-{n:03d}", ags]
            for _code in codes:
                roll = rng.random()
                if roll < 0.06:
                    row.append("keine Angabe")
                elif roll < 0.09:
                    row.append("")
                elif rng.random() < agree:
                    row.append(rng.choice(SCALE[:2]))
                else:
                    row.append(rng.choice(SCALE[2:]))
            out.write(";".join(row) + "\n")
    return out.getvalue().encode("utf-8")


def load(*, acting_user) -> list[str]:
    instrument = Instrument.objects.get(code="rbn-akteure")
    survey = Survey.objects.filter(title=TITLE).first()
    if survey is None:
        today = timezone.localdate()
        survey = services.create_survey(
            instrument=instrument,
            title=TITLE,
            closes_on=today + datetime.timedelta(days=60),
            opens_on=today,
            by=acting_user,
        )
    if survey.status == SurveyStatus.ENTWURF:
        survey = services.open_survey(survey, by=acting_user)
    for ags, (invited, _, _) in REGIONS.items():
        services.set_offline_invitations(
            survey, Region.objects.get(ags=ags), invited, by=acting_user
        )
    report = services.import_responses(
        survey, _sheets(instrument, random.Random(2026)), by=acting_user
    )
    return [
        f"  {survey.title}: {report.accepted} Antwortbögen importiert, "
        f"{report.duplicate} schon vorhanden, {len(report.rejected)} abgelehnt."
    ]
