"""The bench's NRW-scale generator keeps the model rules (on a small scale: the sample
register of 64 schools, a few hundred institutions, one year of meetings)."""

from collections import Counter

import pytest

from bench import dataset
from bildungsnetz.core.demo import write_sample_register
from bildungsnetz.network import seats
from bildungsnetz.network.models import Body, Meeting, Membership, Network, WorkOrder
from bildungsnetz.partners.models import Institution, Partnership
from bildungsnetz.partners.services import check_eligibility
from bildungsnetz.regions.models import Region
from bildungsnetz.schools.importers import import_register
from bildungsnetz.schools.models import School
from bildungsnetz.surveys.models import Answer, Item, Response, SurveyRegion

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "beispielregister.csv"
    write_sample_register(path)
    import_register(path, allow_mass_closure=True)


def test_institutions_sit_near_a_school_of_their_region(register):
    dataset.create_institutions(200)
    schools = list(School.objects.values_list("lat", "lon", "region_id"))
    assert Institution.objects.count() == 200
    for inst in Institution.objects.all()[:50]:
        # within ~4 km (0.05° latitude ≈ 5.6 km) of some school of the same region
        assert any(
            region == inst.region_id and abs(lat - inst.lat) < 0.05 and abs(lon - inst.lon) < 0.08
            for lat, lon, region in schools
        ), inst.name
        assert inst.verified and inst.is_public


def test_partnerships_keep_the_rules(register):
    user = dataset.land_user()
    dataset.create_institutions(300)
    dataset.create_partnerships(150, user.pk)
    partnerships = list(
        Partnership.objects.select_related("school", "institution", "third_institution")
    )
    assert len(partnerships) == 150
    open_pairs = Counter(
        (p.school_id, p.institution_id) for p in partnerships if p.state != "beendet"
    )
    assert max(open_pairs.values()) == 1
    for p in partnerships:
        check_eligibility(
            school=p.school, institution=p.institution, third_institution=p.third_institution
        )
        assert p.institution.kind != "kita"
        assert p.school.region_id == p.institution.region_id
        if p.state in ("registriert", "oeffentlich"):
            assert p.fully_signed and p.schulkonferenz_date and p.submitted_at and p.registered_at
        if p.state == "oeffentlich":
            assert p.published_at
        if p.state == "entwurf":
            assert not p.registered_at and not p.school_signed_on
        if p.state == "beendet":
            assert p.ended_on and (p.end_date is None or p.ended_on <= p.end_date)
        if p.start_date and p.end_date:
            assert p.start_date <= p.end_date
    states = Counter(p.state for p in partnerships)
    assert states["oeffentlich"] > states["registriert"] > states["entwurf"]


def test_networks_bodies_meetings_and_work_orders(register):
    result = dataset.create_networks(years=2)
    regions = Region.objects.count()
    assert regions == 53
    assert Network.objects.count() == 53
    assert Body.objects.count() == 3 * 53
    body = Body.objects.select_related("region").get(region__ags="05911", kind="lenkungskreis")
    minimum = sum(max(s.min, 1) for s in seats.seat_rules(body.kind, body.region.kind) if s.counted)
    assert Membership.objects.filter(body=body).count() == minimum
    # Lenkungskreis 4, Bildungskonferenz 2 meetings a year, two years
    assert Meeting.objects.filter(body=body).count() == 8
    assert Meeting.objects.count() == 53 * (8 + 4)
    assert result["work_orders"] == WorkOrder.objects.count() > 0
    today = dataset.TODAY
    for order in WorkOrder.objects.select_related("decision__meeting__body"):
        assert order.decision.meeting.body.region_id == order.region_id
        assert order.decision.meeting.starts_at.date() <= today
        if order.due_date >= today:
            assert order.is_open
    assert result["overdue"] == sum(1 for o in WorkOrder.objects.all() if o.is_overdue(today))


def test_survey_answers_spread_over_all_regions(register):
    user = dataset.land_user()
    result = dataset.create_survey(900, user.pk)
    items = Item.objects.filter(instrument__code=result["instrument"]).count()
    assert items >= 9
    assert result["answers"] == Answer.objects.count() >= 900
    assert Answer.objects.count() == Response.objects.count() * items
    assert SurveyRegion.objects.filter(survey_id=result["survey_pk"]).count() == 53
    per_region = Counter(Response.objects.values_list("region_id", flat=True))
    assert len(per_region) == 53 and min(per_region.values()) >= 3
    for sr in SurveyRegion.objects.filter(survey_id=result["survey_pk"]):
        assert sr.invited_offline >= per_region[sr.region_id]
    values = set(Answer.objects.filter(item__kind="zustimmung").values_list("value", flat=True))
    assert values <= {"voll", "eher", "eher_nicht", "gar_nicht", "keine_angabe"}
