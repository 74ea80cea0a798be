"""Mein Bereich: the blocks each role sees, with bounded queries."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.catalogue.models import Criterion, Material
from bildungsnetz.network.models import Body, Meeting
from bildungsnetz.partners.models import PartnerMembership
from bildungsnetz.regions.models import Region
from tests.factories import PASSWORD, make_school, make_user
from tests.monitoring.conftest import build_bochum_network, institution, partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def bochum_network(db):
    """Bochum with bodies, meetings and work orders (see tests/monitoring/conftest.py)."""
    return build_bochum_network()


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.fixture
def school_world(db):
    """The Grundschule Am Park in Bochum with a public partnership, a library 2 km away, a
    public meeting next month and a closed (not public) one; a Dortmund school 15 km off."""
    school = make_school("188101", "02", name="Grundschule Am Park", lat=51.48, lon=7.22)
    museum = institution("Kunstmuseum Bochum", "museum", 51.4867, 7.2150)
    institution("Stadtbücherei Bochum", "bibliothek", 51.498, 7.22)
    partnership(school, museum, "oeffentlich", registered_at=timezone.now())
    bochum = Region.objects.get(ags="05911")
    konferenz = Body.objects.create(
        region=bochum, kind="bildungskonferenz", name="Bildungskonferenz Bochum", is_public=True
    )
    soon = timezone.now() + datetime.timedelta(days=30)
    Meeting.objects.create(body=konferenz, title="Bildungskonferenz 2027", starts_at=soon,
                           is_public=True)  # fmt: skip
    Meeting.objects.create(body=konferenz, title="Vorbesprechung intern", starts_at=soon)
    return school


def test_principal_sees_supervision_partnerships_offers_plan_and_meetings(
    client, school_world, django_assert_max_num_queries
):
    user = make_user("leitung@gs-am-park.example.org", "schule", "05911", school=school_world)
    login(client, user)
    with django_assert_max_num_queries(30):
        html = client.get("/mein-bereich/").content.decode()
    assert "Schulamt für die Stadt Bochum" in html  # Grundschule: Schulamt, both kinds
    assert "Kunstmuseum Bochum</a> – öffentlich" in html
    assert "Stadtbücherei Bochum" in html and "2,0 km entfernt" in html
    assert "/bildungspartner/in-der-naehe/?schule=188101&amp;km=10" in html
    assert "/unterstuetzung/plan/188101/" in html
    assert "Bildungskonferenz 2027" in html
    assert "Vorbesprechung intern" not in html
    assert "überfällige" not in html  # not an office


def test_partner_sees_schools_near_without_a_partner_of_its_kind(
    client, db, django_assert_max_num_queries
):
    museum = institution("Kunstmuseum Bochum", "museum", 51.48, 7.22)
    with_museum = make_school("188001", "02", name="Grundschule Am Hellweg", lat=51.49, lon=7.22)
    make_school("188002", "04", name="Hauptschule Wattenscheid", lat=51.50, lon=7.22)
    far = make_school("188003", "20", name="Gymnasium Dortmund-Nord", lat=51.70, lon=7.22)
    other = institution("Museum am Ostring", "museum", 51.49, 7.23)
    partnership(with_museum, other, "registriert", registered_at=timezone.now())
    user = make_user("brinkmann@kunstmuseum.example.org", "partner", "05911")
    PartnerMembership.objects.create(user=user, institution=museum)
    login(client, user)
    with django_assert_max_num_queries(20):
        html = client.get("/mein-bereich/").content.decode()
    assert "1 Schule im Umkreis von 10 km ohne Partnerschaft" in html
    assert "Hauptschule Wattenscheid" in html
    assert with_museum.name not in html  # has a museum partner already
    assert far.name not in html  # 24 km away


def test_office_sees_overdue_orders_bodies_expiring_surveys_and_links(
    client,
    bochum_network,
    django_assert_max_num_queries,
):
    school = make_school("188101", "02", name="Grundschule Am Park")
    museum = institution("Kunstmuseum Bochum", "museum", 51.4867, 7.2150)
    today = timezone.localdate()
    partnership(school, museum, "oeffentlich", end_date=today + datetime.timedelta(days=20),
                start_date=today - datetime.timedelta(days=300))  # fmt: skip
    Material.objects.create(
        criterion=Criterion.objects.get(number="6.6.4"), title="Schulpsychologie Bochum",
        description="Beratung.", kind="angebot", region=bochum_network, status="veroeffentlicht",
        url="https://www.bochum.de/alt", link_status=404, link_checked_at=timezone.now(),
    )  # fmt: skip
    user = make_user("sommer@bildungsbuero-bochum.example.org", "bildungsbuero", "05911")
    login(client, user)
    with django_assert_max_num_queries(40):
        html = client.get("/mein-bereich/").content.decode()
    assert "2 überfällige Arbeitsaufträge" in html
    assert "Übergangsbericht Kita–Grundschule" in html
    assert "Elternbrief zum Ganztag" not in html  # due in the future
    assert "Bildungskonferenz: Sitze fehlen oder sind überzählig" in html
    assert "Grundschule Am Park – Kunstmuseum Bochum" in html
    assert "Zurzeit läuft keine Befragung" in html
    assert "1 defekter Link im Katalog der Region" in html
    assert "Schulpsychologie Bochum" in html
    assert "/monitoring/05911/" in html
    # The role list, MFA link and audit log link stay.
    assert "Bildungsbüro</strong>" in html
    assert "/konto/2fa/" in html or "Zwei-Faktor" in html
    assert "Änderungsprotokoll ansehen" in html


def test_office_of_another_region_sees_only_its_own(client, bochum_network):
    user = make_user("yilmaz@bildungsbuero-dortmund.example.org", "bildungsbuero", "05913")
    login(client, user)
    html = client.get("/mein-bereich/").content.decode()
    assert "0 überfällige Arbeitsaufträge" in html
    assert "Übergangsbericht" not in html
    assert "noch nicht angelegt" in html  # Dortmund has no bodies


def test_land_sees_statewide_figures_and_the_dashboard_link(
    client, bochum_network, django_assert_max_num_queries
):
    user = make_user("referat@msb.example.org", "land", None)
    login(client, user)
    with django_assert_max_num_queries(20):
        html = client.get("/mein-bereich/").content.decode()
    assert "Ganz NRW im Überblick" in html
    assert 'href="/monitoring/"' in html
    assert "Arbeitsaufträge überfällig" in html


def test_survey_progress_of_the_region_is_listed(client, db):
    from bildungsnetz.surveys.models import Instrument, Survey, SurveyRegion

    bochum = Region.objects.get(ags="05911")
    instrument = Instrument.objects.create(code="akteure-bochum-test", title="Akteursbefragung")
    survey = Survey.objects.create(
        instrument=instrument, title="Akteursbefragung Bochum 2026", region=bochum,
        status="laeuft", closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )  # fmt: skip
    SurveyRegion.objects.create(survey=survey, region=bochum, invited_offline=20)
    user = make_user("sommer@bildungsbuero-bochum.example.org", "bildungsbuero", "05911")
    login(client, user)
    html = client.get("/mein-bereich/").content.decode()
    assert f'href="/befragungen/{survey.pk}/">Akteursbefragung Bochum 2026</a>: 0 von 20' in html
    assert "0 von 20 geantwortet (0 %)" in html
