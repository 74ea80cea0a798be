"""Data for the accessibility run over the survey pages (tests/e2e/test_accessibility.py):
a running survey of the built-in actors' instrument with a known answer link, and an own
instrument with all three kinds of items."""

import datetime

from django.apps import apps
from django.utils import timezone

from bildungsnetz.regions.models import Region
from bildungsnetz.surveys import builtin, services
from bildungsnetz.surveys.models import (
    Dimension,
    Instrument,
    Invitation,
    Item,
    Survey,
    SurveyRegion,
    SurveyStatus,
)

ANSWER_TOKEN = "axe-einladung-2027-bochum"


def make_answer_survey(pk: int = 9002, instrument_pk: int = 9003) -> Survey:
    builtin.load(apps)  # flushed by transactional tests
    bochum = Region.objects.get(ags="05911")
    survey = Survey.objects.create(
        pk=pk,
        instrument=Instrument.objects.get(code="rbn-akteure"),
        title="RBN-Befragung Akteure und Partner 2027",
        status=SurveyStatus.LAEUFT,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    SurveyRegion.objects.create(survey=survey, region=bochum, invited_offline=12)
    Invitation.objects.create(
        survey=survey,
        region=bochum,
        email="a.nowak@vhs-bochum.de",
        token_hash=services.hash_token(ANSWER_TOKEN),
        sent_at=timezone.now(),
    )
    own = Instrument.objects.create(
        pk=instrument_pk, code="kitas-2027", title="Befragung der Kitas", target_group="sonstige"
    )
    dim = Dimension.objects.create(instrument=own, name="Nutzen", position=1)
    Item.objects.create(
        instrument=own, dimension=dim, code="K1", position=1,
        text="Die Angebote des Netzwerks helfen unserer Kita.",
    )  # fmt: skip
    Item.objects.create(
        instrument=own, code="K2", kind="einfachauswahl", position=2,
        text="Träger der Kita?", choices=["kommunal", "frei", "privat"],
    )  # fmt: skip
    Item.objects.create(
        instrument=own, code="K3", kind="freitext", position=3,
        text="Was wünschen Sie sich vom Bildungsbüro?",
    )  # fmt: skip
    return survey
