"""Factories with real-looking NRW data. Reference tables exist after migrate."""

from bildungsnetz.core.models import RegionMembership, User
from bildungsnetz.regions.models import Gemeinde, Region
from bildungsnetz.schools.models import School

PASSWORD = "Sommer-2026-geheim"


def make_user(
    email: str,
    role: str | None = None,
    ags: str | None = None,
    *,
    school=None,
    first_name: str = "Petra",
    last_name: str = "Sommer",
) -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, first_name=first_name, last_name=last_name
    )
    if role:
        region = Region.objects.get(ags=ags) if ags else None
        RegionMembership.objects.create(user=user, region=region, role=role, school=school)
    return user


def make_school(
    schulnummer: str = "188001",
    schulform: str = "02",
    *,
    gemeinde_ags: str = "05911000",
    name: str = "Gemeinschaftsgrundschule Am Park",
    ort: str | None = None,
    **extra,
) -> School:
    gemeinde = Gemeinde.objects.select_related("region__regierungsbezirk").get(ags=gemeinde_ags)
    region = gemeinde.region
    defaults = {
        "schulform_id": schulform,
        "name_1": name[:80],
        "name": name,
        "plz": "44787",
        "ort": ort or gemeinde.name,
        "strasse": "Parkstraße 12",
        "email": f"{schulnummer}@schule.nrw.de",
        "rechtsform": 1,
        "traegernummer": region.traegernummer,
        "gemeinde": gemeinde,
        "region": region,
        "regierungsbezirk": region.regierungsbezirk,
        "betriebsschluessel": 1,
        "utm_east": 377000,
        "utm_north": 5705000,
        "lat": 51.48,
        "lon": 7.22,
    }
    defaults.update(extra)
    return School.objects.create(schulnummer=schulnummer, **defaults)
