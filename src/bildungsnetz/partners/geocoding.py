"""Coordinates and region of an institution without an internet geocoder.

* Coordinates given (import or form) are taken as they are: method ``import``.
* Otherwise the centroid of the open schools of the register with the same postcode is
  used: method ``plz_schwerpunkt``. It is approximate (a postcode area spans a few km).
* Otherwise: no coordinates (method ``keine``); the institution is then missing from
  distance searches and maps, and the Bildungsbüro sees it in its worklist.

The region follows the same idea: the region of most open schools with that postcode.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count

from ..regions.models import Region
from ..schools.models import School
from .models import GeocodeMethod


@dataclass(frozen=True)
class Location:
    lat: float | None
    lon: float | None
    method: str


def _schools_with_plz(plz: str):
    return School.objects.schools().open().filter(plz=plz)


def plz_centroid(plz: str) -> tuple[float, float] | None:
    """Mean WGS84 position of the register's open schools in this postcode."""
    if not plz:
        return None
    agg = _schools_with_plz(plz).aggregate(lat=Avg("lat"), lon=Avg("lon"), n=Count("id"))
    if not agg["n"]:
        return None
    return round(agg["lat"], 6), round(agg["lon"], 6)


def region_for_plz(plz: str) -> Region | None:
    """The region of most open schools with this postcode (ties: lowest AGS)."""
    if not plz:
        return None
    row = (
        _schools_with_plz(plz)
        .values("region_id", "region__ags")
        .annotate(n=Count("id"))
        .order_by("-n", "region__ags")
        .first()
    )
    return Region.objects.get(pk=row["region_id"]) if row else None


def locate(plz: str, lat: float | None = None, lon: float | None = None) -> Location:
    if lat is not None and lon is not None:
        return Location(lat, lon, GeocodeMethod.IMPORT)
    centroid = plz_centroid(plz)
    if centroid:
        return Location(centroid[0], centroid[1], GeocodeMethod.PLZ_SCHWERPUNKT)
    return Location(None, None, GeocodeMethod.KEINE)
