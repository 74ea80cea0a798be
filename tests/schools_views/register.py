"""A small register with real NRW schools (values from Schulgrunddaten NRW 2021)."""

import datetime

from tests.factories import make_school

HAAN = "05158008"
BOCHUM = "05911000"
MUENSTER = "05515000"
KOELN = "05315000"


def make_register() -> dict:
    """Schulnummer → School for a dozen schools in Haan, Bochum, Münster and Köln."""
    schools = [
        make_school(
            "100011",
            "15",
            gemeinde_ags=HAAN,
            name="Städt. Gesamtschule Schule d. Sekundarstufe I u. II",
            kurzbezeichnung="Haan, GE Walder Straße",
            plz="42781",
            strasse="Walder Str. 15",
            telefon="02129 3754950",
            traegernummer="11435",
            homepage="http://www.gesamtschule-haan.de",
            lat=51.1929,
            lon=7.0078,
        ),
        make_school(
            "106434",
            "02",
            gemeinde_ags=HAAN,
            name="Don-Bosco-Schule Städt. Kath. Grundschule",
            kurzbezeichnung="Haan, KG Don-Bosco",
            plz="42781",
            strasse="Thienhausener Str. 24",
            lat=51.1875,
            lon=6.9958,
        ),
        make_school(
            "169158",
            "20",
            gemeinde_ags=BOCHUM,
            name="Hildegardis-Schule, Europaschule in NRW Städt. Gymnasium für Jungen und Mädchen",
            kurzbezeichnung="Bochum, Gym Hildegardis-Schule",
            plz="44791",
            strasse="Klinikstr. 1",
            lat=51.4876,
            lon=7.2227,
        ),
        make_school(
            "100121",
            "20",
            gemeinde_ags=BOCHUM,
            name="Gymnasium Carolinenschule Sekundarstufe I und II",
            kurzbezeichnung="Bochum, Gym Carolinenschule",
            plz="44795",
            strasse="Springorumallee 1-3",
            rechtsform=2,
            lat=51.4661,
            lon=7.2016,
        ),
        make_school(
            "164045",
            "25",
            gemeinde_ags=BOCHUM,
            name="Ottilie-Schoenewald-Weiterbildungskolleg der Stadt Bochum",
            kurzbezeichnung="Bochum,WBK RS,Gym,KOL Ottil.-Schoenewald",
            plz="44789",
            strasse="Wittener Str. 61",
            lat=51.4770,
            lon=7.2290,
        ),
        make_school(
            "100065",
            "02",
            gemeinde_ags=MUENSTER,
            name="Städtische Grundschule Wolbeck - Nord",
            kurzbezeichnung="Münster, GG Wolbeck - Nord",
            plz="48167",
            strasse="Grenkuhlenweg 21",
            lat=51.9173,
            lon=7.7308,
        ),
        make_school(
            "100058",
            "25",
            gemeinde_ags=MUENSTER,
            name="Weiterbildungskolleg Münster Abendrealschule und Abendgymnasium",
            kurzbezeichnung="Münster, WBK RS, Gym Uppenkampstiege",
            plz="48147",
            strasse="Uppenkampstiege 21",
            lat=51.9720,
            lon=7.6180,
        ),
        make_school(
            "100010",
            "20",
            gemeinde_ags=KOELN,
            name="Gymnasium Claudia Agrippina Privatschule",
            kurzbezeichnung="Köln, Gym Gymnasium Claudia Agrippina",
            plz="50933",
            strasse="Stolberger Str. 112",
            rechtsform=2,
            lat=50.9373,
            lon=6.8920,
        ),
        # Dissolved by the register (Betriebsschlüssel 9).
        make_school(
            "187070",
            "04",
            gemeinde_ags=BOCHUM,
            name="Städt. Hauptschule Am Hagenacker",
            plz="44805",
            strasse="Hagenackerstraße 7",
            betriebsschluessel=9,
            betriebsdatum=datetime.date(2021, 7, 31),
            lat=51.5180,
            lon=7.2490,
        ),
        # Missing from a newer register file.
        make_school(
            "188090",
            "02",
            gemeinde_ags=MUENSTER,
            name="Städt. Grundschule Überwasser",
            plz="48143",
            strasse="Katthagen 1",
            closed_at=datetime.datetime(2025, 8, 1, 12, 0, tzinfo=datetime.UTC),
            lat=51.9660,
            lon=7.6230,
        ),
        # A supervision office (Schulform 0A): not a school.
        make_school(
            "600911",
            "0A",
            gemeinde_ags=BOCHUM,
            name="Schulamt für die Stadt Bochum",
            plz="44787",
            strasse="Willy-Brandt-Platz 1-3",
            lat=51.4817,
            lon=7.2165,
        ),
    ]
    return {s.schulnummer: s for s in schools}
