"""The indicators on constructed data whose numbers are counted by hand (see conftest)."""

import datetime
import math
import random

import pytest
from django.utils import timezone

from bildungsnetz.catalogue.models import Criterion, Material
from bildungsnetz.monitoring import indicators as ind
from bildungsnetz.partners.selectors import white_spots
from bildungsnetz.regions.models import Region
from tests.factories import make_school

from .conftest import BOCHUM, HERNE, institution

pytestmark = pytest.mark.django_db

KM_PER_DEGREE_LAT = 2 * math.pi * 6371.0088 / 360  # 111.195 km


def north(lat, km):
    return lat + km / KM_PER_DEGREE_LAT


def test_contracts_signed_three_of_53_and_per_region(contracts):
    land = ind.contracts_signed()
    assert (land.value, land.total) == (3, 53)
    assert land.url == "/netzwerk/"
    herne = ind.contracts_signed(Region.objects.get(ags=HERNE))
    assert (herne.value, herne.total) == (0, 1)
    bochum = ind.contracts_signed(Region.objects.get(ags=BOCHUM))
    assert (bochum.value, bochum.total) == (1, 1)
    assert bochum.url == "/netzwerk/05911/"


def test_bodies_complete_counts_seat_checked_obligatory_bodies(bochum_network):
    status = ind.body_status_by_region(bochum_network)[bochum_network.pk]
    assert status == {"lenkungskreis": True, "bildungsbuero": True, "bildungskonferenz": False}
    region = ind.bodies_complete(bochum_network)
    assert (region.value, region.total) == (2, 3)
    land = ind.bodies_complete()
    assert (land.value, land.total) == (2, 159)


def test_body_with_ended_membership_is_incomplete(bochum_network):
    from bildungsnetz.network.models import Membership

    seat = Membership.objects.get(body__kind="bildungsbuero", seat="landesstelle")
    seat.end = timezone.localdate() - datetime.timedelta(days=1)
    seat.save()
    assert ind.bodies_complete(bochum_network).value == 1


def test_work_orders_done_and_overdue(bochum_network):
    done, overdue = ind.work_order_figures(bochum_network)
    assert (done.value, done.total) == (1, 4)
    assert (overdue.value, overdue.total) == (2, 4)
    assert overdue.url == "/netzwerk/05911/auftraege/?ueberfaellig=1"
    assert done.internal and overdue.internal
    # On a day 31 days ago only the order due 30 days ago was not yet overdue … and the one
    # due yesterday neither: none of the open ones was overdue then except none.
    past = timezone.localdate() - datetime.timedelta(days=31)
    assert ind.work_order_figures(bochum_network, day=past)[1].value == 0
    assert [f.value for f in ind.work_order_figures()] == [1, 2]


def test_meetings_per_year(bochum_network, dortmund_meeting):
    assert ind.meetings_per_year(bochum_network) == [(2025, 2), (2026, 1)]
    assert ind.meetings_per_year() == [(2025, 2), (2026, 2)]


def test_work_orders_done_per_year_uses_the_history(bochum_network):
    assert ind.work_orders_done_per_year(bochum_network) == [(timezone.localdate().year, 1)]


def test_partnership_density_counts_registered_and_public_only(bochum_partnerships):
    bochum = Region.objects.get(ags=BOCHUM)
    density = ind.partnership_density(bochum)
    assert density["schools"] == 5
    assert density["partnerships"] == 2
    assert density["per_100"] == pytest.approx(40.0)
    assert [(k["kind"], k["count"], k["per_100"]) for k in density["by_kind"]] == [
        ("bibliothek", 1, pytest.approx(20.0)),
        ("museum", 1, pytest.approx(20.0)),
    ]
    assert (
        density["by_kind"][1]["url"] == "/bildungspartner/wir-sind-dabei/?region=05911&kind=museum"
    )
    share = ind.schools_with_partnership(bochum)
    assert (share.value, share.total) == (1, 5)
    assert share.percent == pytest.approx(20.0)
    assert share.url == "/bildungspartner/wir-sind-dabei/?region=05911&ansicht=schulen"


def test_partnerships_registered_per_year_keeps_every_registration(bochum_partnerships):
    bochum = Region.objects.get(ags=BOCHUM)
    # Also the ended one (registered 2024) and that of the since closed school (2019).
    assert ind.partnerships_registered_per_year(bochum) == [
        (2019, 1),
        (2024, 1),
        (2025, 1),
        (2026, 1),
    ]


@pytest.fixture
def spread_schools(db):
    """Five Herne schools far apart (50 km), each with institutions at known distances:

    1. a museum 4 km north → covered by 5 and 10 km
    2. a library 7 km north → covered by 10 km only
    3. a music school 12 km north → not covered
    4. an unverified museum 1 km north → not covered (not public)
    5. an association (Verband, not eligible) 1 km north → not covered
    Without institution within 5 km: 2, 3, 4, 5 = 4; within 10 km: 3, 4, 5 = 3.
    """
    base = [(50.6, 6.5), (51.05, 6.5), (51.5, 6.5), (51.95, 6.5), (52.4, 6.5)]
    schools = []
    for i, (lat, lon) in enumerate(base, start=1):
        schools.append(
            make_school(
                f"19900{i}", "02", gemeinde_ags="05916000", name=f"Grundschule Herne {i}",
                lat=lat, lon=lon,
            )
        )  # fmt: skip
    institution("Museum Eins", "museum", north(base[0][0], 4), 6.5, ags=HERNE)
    institution("Bücherei Zwei", "bibliothek", north(base[1][0], 7), 6.5, ags=HERNE)
    institution("Musikschule Drei", "musikschule", north(base[2][0], 12), 6.5, ags=HERNE)
    institution("Museum Vier", "museum", north(base[3][0], 1), 6.5, ags=HERNE, verified=False)
    institution("Heimatverein Fünf", "verband", north(base[4][0], 1), 6.5, ags=HERNE)
    return schools


def test_white_spots_5_and_10_km(spread_schools):
    herne = Region.objects.get(ags=HERNE)
    five, ten = ind.white_spot_figures(herne)
    assert (five.value, five.total) == (4, 5)
    assert (ten.value, ten.total) == (3, 5)
    assert five.url == "/bildungspartner/weisse-flecken/?region=05916&km=5"
    land_five, land_ten = ind.white_spot_figures()
    assert (land_five.value, land_ten.value) == (4, 3)


def test_statewide_white_spots_are_cached_until_an_institution_changes(spread_schools):
    from bildungsnetz.partners.models import Institution

    assert sum(ind.white_spots_by_region()[5].values()) == 4
    assert sum(ind.white_spots_by_region()[5].values()) == 4  # from the cache
    # Verifying the museum 1 km from school 4 covers that school: the cache must not answer.
    museum = Institution.objects.get(name="Museum Vier")
    museum.verified, museum.verified_at = True, timezone.now()
    museum.save()
    assert sum(ind.white_spots_by_region()[5].values()) == 3


def test_white_spots_agree_with_the_partners_white_spot_list(spread_schools):
    herne = Region.objects.get(ags=HERNE)
    spots = ind.white_spots_by_region(herne)
    for km in (5, 10):
        rows = white_spots(herne, km=km)
        assert spots[km][herne.pk] == sum(1 for r in rows if r.without_institution)


def test_grid_search_equals_brute_force_across_cell_borders():
    rng = random.Random(2026)
    points = [(rng.uniform(50.3, 52.5), rng.uniform(5.9, 9.4)) for _ in range(600)]
    schools = [(i, rng.uniform(50.3, 52.5), rng.uniform(5.9, 9.4)) for i in range(300)]
    from bildungsnetz.core.geo import haversine_km

    result = ind.nearest_distances(schools, points, reach_km=10)
    for key, lat, lon in schools:
        dists = [haversine_km(lat, lon, plat, plon) for plat, plon in points]
        best = min(dists)
        expected = best if best <= 10 else None
        assert result[key] == (pytest.approx(expected) if expected is not None else None)


def test_link_health_counts_broken_links_of_the_scope(db):
    bochum = Region.objects.get(ags=BOCHUM)
    criterion = Criterion.objects.get(number="6.6.4")
    before = ind.link_health()
    now = timezone.now()

    def material(title, **extra):
        return Material.objects.create(
            criterion=criterion, title=title, description="Beratung in Bochum.", kind="angebot",
            region=bochum, status="veroeffentlicht", url="https://www.bochum.de/" + title, **extra
        )  # fmt: skip

    material("ok", link_status=200, link_checked_at=now)
    material("weg", link_status=404, link_checked_at=now)
    material("zeitueberschreitung", link_error="Zeitüberschreitung", link_checked_at=now)
    material("neu")
    material("archiviert", link_status=410, link_checked_at=now).__class__.objects.filter(
        title="archiviert"
    ).update(status="archiviert")
    region = ind.link_health(bochum)
    assert (region.value, region.total) == (2, 4)
    assert ind.links_unchecked(bochum) == 1
    land = ind.link_health()
    assert (land.value - before.value, land.total - before.total) == (2, 4)
