"""Named personas and sample entries for the catalogue tests (shipped content is present
after migrate: 14 criteria, 69 NRW-wide materials)."""

import pytest

from bildungsnetz.catalogue import services
from bildungsnetz.catalogue.models import Criterion, Material, MaterialKind
from bildungsnetz.regions.models import Region
from tests.factories import make_school, make_user


@pytest.fixture
def land_editor(db):
    return make_user(
        "martina.lehmkuhl@msb.nrw.de", "land", None, first_name="Martina", last_name="Lehmkuhl"
    )


@pytest.fixture
def buero_bochum(db):
    return make_user(
        "petra.sommer@bochum.de", "bildungsbuero", "05911", first_name="Petra", last_name="Sommer"
    )


@pytest.fixture
def buero_dortmund(db):
    return make_user(
        "yusuf.demir@dortmund.de", "bildungsbuero", "05913", first_name="Yusuf", last_name="Demir"
    )


@pytest.fixture
def bochum(db):
    return Region.objects.get(ags="05911")


@pytest.fixture
def grundschule(db):
    return make_school("188001", "02", name="Gemeinschaftsgrundschule Am Park")


@pytest.fixture
def schulleitung(grundschule):
    return make_user(
        "anke.brandt@schule.nrw.de",
        "schule",
        "05911",
        school=grundschule,
        first_name="Anke",
        last_name="Brandt",
    )


@pytest.fixture
def criterion_664(db):
    return Criterion.objects.get(number="6.6.4")


def regional_data(**extra) -> dict:
    data = {
        "criterion": Criterion.objects.get(number="6.6.4"),
        "title": "Schulpsychologische Beratungsstelle Bochum",
        "description": "Beratung für Lehrkräfte, Eltern und Schulen in Bochum bei Lern- und "
        "Verhaltensfragen sowie in Krisen.",
        "kind": MaterialKind.ANGEBOT,
        "url": "https://www.bochum.de/schulpsychologie",
        "tags": "Schulpsychologie, Krisen",
    }
    data.update(extra)
    return data


@pytest.fixture
def regional_draft(buero_bochum, bochum):
    return services.create_material(acting_user=buero_bochum, region=bochum, data=regional_data())


@pytest.fixture
def regional_published(regional_draft, buero_bochum) -> Material:
    services.transition_material(regional_draft, acting_user=buero_bochum, verb="submit")
    return services.transition_material(regional_draft, acting_user=buero_bochum, verb="publish")
