"""Distances on WGS84 coordinates without a GIS server.

Searches first narrow the candidates with a bounding box on indexed ``lat``/``lon``
columns (cheap on SQLite and PostgreSQL alike), then compute the exact great-circle
distance with the haversine formula on a sphere of the IUGG mean Earth radius
(R1 = 6371.0088 km). Against the WGS84 ellipsoid this errs by less than 0.5 %, which
is far below what "within 10 km" means to a school.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
_MAX_LAT = 89.9


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points (degrees)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon

    def as_filter(self, prefix: str = "") -> dict[str, float]:
        """Keyword arguments for ``QuerySet.filter`` on ``<prefix>lat`` / ``<prefix>lon``."""
        return {
            f"{prefix}lat__gte": self.min_lat,
            f"{prefix}lat__lte": self.max_lat,
            f"{prefix}lon__gte": self.min_lon,
            f"{prefix}lon__lte": self.max_lon,
        }


def bounding_box(lat: float, lon: float, km: float) -> BoundingBox:
    """A box that contains every point within ``km`` of ``(lat, lon)`` (never too small).

    The longitude span is computed at the box edge nearest the pole, where a degree of
    longitude is shortest, so the box is a superset of the circle.
    """
    if km < 0:
        raise ValueError("km must not be negative")
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    min_lat, max_lat = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    polar_lat = min(_MAX_LAT, max(abs(min_lat), abs(max_lat)))
    dlon = math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(polar_lat))))
    dlon = min(dlon, 180.0)
    return BoundingBox(min_lat, max_lat, lon - dlon, lon + dlon)


def within_km(lat: float, lon: float, points, km: float, *, key=lambda p: (p.lat, p.lon)):
    """``[(point, distance_km), …]`` of the points within ``km``, nearest first.

    ``points`` should already be prefiltered with :func:`bounding_box`. Ties keep the
    input order (stable sort), so callers order the input for a stable result.
    """
    hits = []
    for point in points:
        plat, plon = key(point)
        if plat is None or plon is None:
            continue
        distance = haversine_km(lat, lon, plat, plon)
        if distance <= km:
            hits.append((point, distance))
    hits.sort(key=lambda hit: hit[1])
    return hits
