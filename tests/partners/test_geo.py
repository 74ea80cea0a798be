"""Great-circle distances and the bounding-box prefilter, against pyproj's geodesic on the
WGS84 ellipsoid as the independent reference."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from bildungsnetz.core.geo import EARTH_RADIUS_KM, bounding_box, haversine_km, within_km

GEOD = Geod(ellps="WGS84")


def reference_km(lat1, lon1, lat2, lon2) -> float:
    _az1, _az2, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    return metres / 1000


PLACES = {
    "Münster, Domplatz": (51.9624, 7.6257),
    "Bochum, Rathaus": (51.4818, 7.2162),
    "Köln, Dom": (50.9413, 6.9583),
    "Düsseldorf, Landtag": (51.2150, 6.7553),
    "Aachen, Dom": (50.7747, 6.0839),
    "Paderborn, Dom": (51.7189, 8.7544),
    "Bielefeld, Sparrenburg": (52.0145, 8.5243),
    "Siegen, Oberes Schloss": (50.8723, 8.0243),
}


@pytest.mark.parametrize("a", sorted(PLACES))
@pytest.mark.parametrize("b", sorted(PLACES))
def test_haversine_matches_wgs84_geodesic_within_half_a_percent(a, b):
    (lat1, lon1), (lat2, lon2) = PLACES[a], PLACES[b]
    ours = haversine_km(lat1, lon1, lat2, lon2)
    ref = reference_km(lat1, lon1, lat2, lon2)
    if a == b:
        assert ours == 0
    else:
        assert abs(ours - ref) / ref < 0.005, (a, b, ours, ref)


def test_known_distance_muenster_bochum():
    ours = haversine_km(*PLACES["Münster, Domplatz"], *PLACES["Bochum, Rathaus"])
    assert round(ours, 0) == round(reference_km(51.9624, 7.6257, 51.4818, 7.2162), 0) == 60


def test_radius_is_the_iugg_mean_radius():
    assert EARTH_RADIUS_KM == 6371.0088
    # A quarter meridian on the sphere.
    assert haversine_km(0, 0, 90, 0) == pytest.approx(math.pi / 2 * EARTH_RADIUS_KM)


nrw_lat = st.floats(min_value=50.3, max_value=52.6, allow_nan=False)
nrw_lon = st.floats(min_value=5.8, max_value=9.5, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(nrw_lat, nrw_lon, nrw_lat, nrw_lon)
def test_haversine_agrees_with_geodesic_anywhere_in_nrw(lat1, lon1, lat2, lon2):
    ref = reference_km(lat1, lon1, lat2, lon2)
    ours = haversine_km(lat1, lon1, lat2, lon2)
    assert abs(ours - ref) <= max(0.005 * ref, 1e-6)


@settings(max_examples=300, deadline=None)
@given(
    nrw_lat,
    nrw_lon,
    st.floats(min_value=0.1, max_value=100),
    st.floats(min_value=0, max_value=360),
    st.floats(min_value=0, max_value=1),
)
def test_bounding_box_contains_every_point_within_the_radius(lat, lon, km, bearing, fraction):
    """Walk a geodesic from the centre in any direction, up to the radius: the point is
    inside the box (the prefilter never loses a hit)."""
    lon2, lat2, _ = GEOD.fwd(lon, lat, bearing, km * fraction * 1000 * 0.995)
    if haversine_km(lat, lon, lat2, lon2) <= km:
        assert bounding_box(lat, lon, km).contains(lat2, lon2)


def test_bounding_box_is_not_needlessly_large():
    box = bounding_box(51.96, 7.62, 10)
    assert box.max_lat - box.min_lat == pytest.approx(2 * 10 / 111.195, rel=1e-3)
    assert (box.max_lon - box.min_lon) < 2 * 10 / (111.195 * math.cos(math.radians(52.1)))


def test_bounding_box_rejects_negative_radius():
    with pytest.raises(ValueError):
        bounding_box(51, 7, -1)


def test_within_km_sorts_by_distance_and_drops_points_outside():
    class P:
        def __init__(self, name, lat, lon):
            self.name, self.lat, self.lon = name, lat, lon

    centre = PLACES["Münster, Domplatz"]
    points = [P(n, *c) for n, c in PLACES.items()] + [P("ohne Lage", None, None)]
    hits = within_km(*centre, points, 70)
    expected = sorted(
        (n for n, c in PLACES.items() if reference_km(*centre, *c) < 70),
        key=lambda n: reference_km(*centre, *PLACES[n]),
    )
    assert (
        [p.name for p, _ in hits]
        == expected
        == [
            "Münster, Domplatz",
            "Bochum, Rathaus",
            "Bielefeld, Sparrenburg",
        ]
    )
    assert hits[0][1] == 0
    assert all(d <= 70 for _, d in hits)
