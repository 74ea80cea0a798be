"""Real-looking Bildungspartner data: Münster and Bochum schools and institutions.

Coordinates of the schools are the register's UTM values converted to WGS84; those of the
institutions are their real positions, rounded.
"""

from django.utils import timezone

from bildungsnetz.partners.models import Institution, PartnerMembership
from bildungsnetz.regions.models import Region
from tests.factories import make_school, make_user

SCHOOLS = {
    "paulinum": dict(
        schulnummer="167850",
        schulform="20",
        gemeinde_ags="05515000",
        name="Gymnasium Paulinum",
        plz="48143",
        strasse="Am Stadtgraben 30",
        lat=51.959967,
        lon=7.617759,
    ),
    "schiller": dict(
        schulnummer="167848",
        schulform="20",
        gemeinde_ags="05515000",
        name="Schiller-Gymnasium",
        plz="48149",
        strasse="Gertrudenstr. 5",
        lat=51.968968,
        lon=7.620816,
    ),
    "martini": dict(
        schulnummer="119659",
        schulform="02",
        gemeinde_ags="05515000",
        name="Martinischule",
        plz="48143",
        strasse="Stiftsherrenstr. 40",
        lat=51.96525,
        lon=7.63165,
    ),
    "graf_engelbert": dict(
        schulnummer="169160",
        schulform="20",
        gemeinde_ags="05911000",
        name="Graf-Engelbert-Schule",
        plz="44789",
        strasse="Königsallee 77-79",
        lat=51.466226,
        lon=7.219806,
    ),
}

INSTITUTIONS = {
    "lwl_museum": dict(
        name="LWL-Museum für Kunst und Kultur",
        kind="museum",
        strasse="Domplatz 10",
        plz="48143",
        ort="Münster",
        lat=51.96240,
        lon=7.62570,
        region="05515",
        email="museum@lwl.org",
    ),
    "stadtbuecherei_ms": dict(
        name="Stadtbücherei Münster",
        kind="bibliothek",
        strasse="Alter Steinweg 11",
        plz="48143",
        ort="Münster",
        lat=51.96160,
        lon=7.63030,
        region="05515",
    ),
    "villa_ten_hompel": dict(
        name="Geschichtsort Villa ten Hompel",
        kind="gedenkstaette",
        strasse="Kaiser-Wilhelm-Ring 28",
        plz="48145",
        ort="Münster",
        lat=51.96200,
        lon=7.64400,
        region="05515",
    ),
    "allwetterzoo": dict(
        name="Allwetterzoo Münster – Zooschule",
        kind="umweltbildung",
        strasse="Sentruper Straße 315",
        plz="48161",
        ort="Münster",
        lat=51.94900,
        lon=7.58500,
        region="05515",
    ),
    "heimatbund": dict(
        name="Westfälischer Heimatbund e. V.",
        kind="verband",
        strasse="Kaiser-Wilhelm-Ring 3",
        plz="48145",
        ort="Münster",
        lat=51.96380,
        lon=7.63790,
        region="05515",
    ),
    "umweltamt_ms": dict(
        name="Amt für Grünflächen, Umwelt und Nachhaltigkeit der Stadt Münster",
        kind="behoerde",
        strasse="Albersloher Weg 33",
        plz="48155",
        ort="Münster",
        lat=51.95330,
        lon=7.63810,
        region="05515",
    ),
    "kita_sonnenblume": dict(
        name="Städtische Kita Sonnenblume",
        kind="kita",
        strasse="Hammer Straße 120",
        plz="48153",
        ort="Münster",
        lat=51.94610,
        lon=7.62630,
        region="05515",
    ),
    "stadtbibliothek_bochum": dict(
        name="Stadtbibliothek Bochum",
        kind="bibliothek",
        strasse="Gustav-Heinemann-Platz 2–6",
        plz="44787",
        ort="Bochum",
        lat=51.48100,
        lon=7.21650,
        region="05911",
    ),
    "bergbau_museum": dict(
        name="Deutsches Bergbau-Museum Bochum",
        kind="museum",
        strasse="Am Bergbaumuseum 28",
        plz="44791",
        ort="Bochum",
        lat=51.48900,
        lon=7.21700,
        region="05911",
    ),
}


def school(key: str, **extra):
    spec = {**SCHOOLS[key], **extra}
    return make_school(spec.pop("schulnummer"), spec.pop("schulform"), **spec)


def institution(key: str, *, verified: bool = True, **extra) -> Institution:
    spec = {**INSTITUTIONS[key], **extra}
    region = Region.objects.get(ags=spec.pop("region"))
    return Institution.objects.create(
        region=region,
        geocode_method="import",
        verified=verified,
        verified_at=timezone.now() if verified else None,
        **spec,
    )


def partner_account(email: str, inst: Institution, *, first_name="Hannah", last_name="Brinkmann"):
    user = make_user(email, "partner", inst.region.ags, first_name=first_name, last_name=last_name)
    PartnerMembership.objects.create(user=user, institution=inst)
    return user
