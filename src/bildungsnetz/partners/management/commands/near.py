import json

from django.core.management.base import BaseCommand, CommandError

from ...models import InstitutionKind
from ...selectors import MAX_RADIUS_KM, institutions_near, near_json, origin_for_school


class Command(BaseCommand):
    help = (
        "Listet geprüfte außerschulische Einrichtungen im Umkreis einer Schule, "
        "nach Entfernung sortiert (Großkreisentfernung auf WGS84)."
    )

    def add_arguments(self, parser):
        parser.add_argument("schulnummer", help="sechsstellige Schulnummer")
        parser.add_argument("--km", type=float, default=10.0, help="Radius in km (Vorgabe 10)")
        parser.add_argument(
            "--kind",
            action="append",
            choices=InstitutionKind.values,
            help="nur diese Art der Einrichtung (mehrfach möglich)",
        )
        parser.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")

    def handle(self, *args, schulnummer, km, kind, **options):
        if not 0 < km <= MAX_RADIUS_KM:
            raise CommandError(
                f"--km: der Radius muss größer als 0 und höchstens {MAX_RADIUS_KM} sein."
            )
        origin = origin_for_school(schulnummer)
        if origin is None:
            raise CommandError(
                f"Schulnummer {schulnummer}: keine Schule mit dieser Schulnummer im Register."
            )
        hits = institutions_near(origin.lat, origin.lon, km, kinds=kind)
        data = near_json(origin.school.schulnummer, km, hits)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{origin.school.name} ({origin.school.schulnummer}), Umkreis {km:g} km:")
        if not hits:
            self.stdout.write("keine geprüfte Einrichtung im Umkreis.")
        for hit in hits:
            distance = f"{hit.distance_km:.2f}".replace(".", ",")
            label = InstitutionKind(hit.institution.kind).label
            self.stdout.write(f"{distance:>7} km  {hit.institution.name} ({label})")
