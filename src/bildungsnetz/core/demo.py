"""Demo data for ``make demo``: the register (real file or a generated sample) and accounts.

The generated sample is written in the official register format and goes through the same
importer as the real file. Its schools are labelled as generated in name and short name.
"""

import csv
import random
from pathlib import Path

from django.db import transaction

from .models import RegionMembership, Role, User

DEMO_PASSWORD = "Demo-Bildungsnetz-2026"
DEMO_ACCOUNTS = [
    # e-mail, first name, last name, role, region AGS
    ("land@demo.bildungsnetz.nrw", "Martina", "Lehmkuhl", Role.LAND, None),
    ("bildungsbuero.bochum@demo.bildungsnetz.nrw", "Petra", "Sommer", Role.BILDUNGSBUERO, "05911"),
]

REGISTER_HEADER = [
    "Schulnummer", "Schulform", "Schulbezeichnung_1", "Schulbezeichnung_2",
    "Schulbezeichnung_3", "Kurzbezeichnung", "PLZ", "Ort", "Strasse", "Telefonvorwahl",
    "Telefon", "Faxvorwahl", "Fax", "E-Mail", "Homepage", "Rechtsform", "Traegernummer",
    "Gemeindeschluessel", "Schulbetriebsschluessel", "Schulbetriebsdatum", "EPSG",
    "UTMRechtswert", "UTMHochwert",
]  # fmt: skip

# Towns for the generated sample: Gemeinde AGS, place, PLZ, phone prefix, UTM centre (approx.).
SAMPLE_TOWNS = [
    ("05911000", "Bochum", "44787", "0234", 377400, 5705300),
    ("05913000", "Dortmund", "44135", "0231", 393700, 5709900),
    ("05315000", "Köln", "50667", "0221", 356400, 5645600),
    ("05111000", "Düsseldorf", "40213", "0211", 344000, 5677700),
    ("05515000", "Münster", "48143", "0251", 405000, 5757600),
    ("05711000", "Bielefeld", "33602", "0521", 467400, 5764700),
    ("05334002", "Aachen", "52062", "0241", 294500, 5628200),
    ("05970040", "Siegen", "57072", "0271", 437400, 5636300),
]
SAMPLE_KINDS = [
    # Schulform, name prefix, short name code
    ("02", "Beispiel-Grundschule", "GS"),
    ("02", "Beispiel-Grundschule", "GS"),
    ("04", "Beispiel-Hauptschule", "HS"),
    ("10", "Beispiel-Realschule", "RS"),
    ("15", "Beispiel-Gesamtschule", "GE"),
    ("20", "Beispiel-Gymnasium", "Gym"),
    ("30", "Beispiel-Berufskolleg", "BK"),
    ("08", "Beispiel-Förderschule", "FÖ LE,ES"),
]
STREETS = ["Schulstraße", "Am Stadtpark", "Lindenallee", "Kirchplatz", "Rosenweg", "Bahnhofstraße"]


def write_sample_register(path: Path, *, seed: int = 2026) -> int:
    """Write a small generated register (64 schools in 8 towns); returns the row count."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("sep=;\n")
        fh.write(";".join(REGISTER_HEADER) + ";\n")
        writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        for t, (ags, ort, plz, vorwahl, east, north) in enumerate(SAMPLE_TOWNS):
            for k, (schulform, prefix, kuerzel) in enumerate(SAMPLE_KINDS):
                schulnummer = f"{990000 + t * 100 + k:06d}"
                street = f"{rng.choice(STREETS)} {rng.randint(1, 80)}"
                name = f"{prefix} {STREETS[(t + k) % len(STREETS)]}"
                writer.writerow([
                    schulnummer, schulform, name, "(erzeugte Beispielschule)", "",
                    f"{ort}, {kuerzel} {name} (Beispieldaten)", plz, ort, street, vorwahl,
                    f"{rng.randint(100000, 999999)}", "", "", f"{schulnummer}@schule.nrw.de",
                    "", "1", "", ags, "1", "01.08.1973", "EPSG:25832",
                    str(east + rng.randint(-3000, 3000)), str(north + rng.randint(-3000, 3000)),
                ])  # fmt: skip
                rows += 1
    return rows


@transaction.atomic
def ensure_demo_accounts() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo accounts; returns (e-mail, password, role text) rows."""
    from ..regions.models import Region

    out = []
    for email, first, last, role, ags in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(DEMO_PASSWORD)
        user.is_active = True
        user.save()
        region = Region.objects.get(ags=ags) if ags else None
        RegionMembership.objects.get_or_create(user=user, region=region, role=role)
        where = region.name if region else "ganz NRW"
        out.append((email, DEMO_PASSWORD, f"{Role(role).label} – {where}"))
    return out
