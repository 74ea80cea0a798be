"""Shared setup of the Bildungspartner permission grids in tests/permissions/ (Bochum is home).

Besides the general personas, two institution accounts: one bound to the institution of
the partnership (Stadtbibliothek Bochum), one bound to another institution.
"""

from django.utils import timezone

from bildungsnetz.partners.models import Institution, PartnerMembership, Partnership
from bildungsnetz.regions.models import Region

GRID = [
    "anonym",
    "schulleitung_eigene_schule",
    "schulleitung_andere_schule",
    "partner_eigene_einrichtung",
    "partner_andere_einrichtung",
    "lenkungskreis_bochum",
    "bildungsbuero_bochum",
    "bildungsbuero_dortmund",
    "schulaufsicht_bochum",
    "schulaufsicht_koeln",
    "land",
]
OFFICE = {"bildungsbuero_bochum", "land"}
PARTIES = {"schulleitung_eigene_schule", "partner_eigene_einrichtung"}


def make_library(**extra) -> Institution:
    spec = {
        "name": "Stadtbibliothek Bochum",
        "kind": "bibliothek",
        "strasse": "Gustav-Heinemann-Platz 2–6",
        "plz": "44787",
        "ort": "Bochum",
        "lat": 51.481,
        "lon": 7.2165,
        "geocode_method": "import",
        "region": Region.objects.get(ags="05911"),
        "verified": True,
        "verified_at": timezone.now(),
    }
    spec.update(extra)
    return Institution.objects.create(**spec)


def login_factory(persona, library, museum_bochum, settings):
    """``login(name)`` for the grid: the general personas plus two institution accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def login(name: str):
        if name.startswith("partner_"):
            user = persona("partner_bochum")
            inst = library if name == "partner_eigene_einrichtung" else museum_bochum
            PartnerMembership.objects.create(user=user, institution=inst)
            return user
        return persona(name)

    return login


def make_partnership(school, institution, state="entwurf", **extra) -> Partnership:
    data = {
        "title": "Lesen macht stark: Förderschule Am Hellweg und Stadtbibliothek",
        "handlungsfeld": "lesen",
        "goals": "Freude am Lesen wecken.",
        "activities": "Monatlicher Bibliotheksbesuch der Klassen 5 und 6.",
    }
    data.update(extra)
    return Partnership.objects.create(school=school, institution=institution, state=state, **data)


def assert_refused(response, user):
    if user is None:
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    else:
        assert response.status_code in (200, 403, 404), response.status_code
