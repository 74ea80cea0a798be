import json

from django.core.management.base import BaseCommand, CommandError

from ....regions.models import Region
from ...selectors import seat_check


class Command(BaseCommand):
    help = (
        "Prüft die Besetzung von Lenkungskreis oder Bildungskonferenz einer Region "
        "(Sitzprüfung). Beispiel: bildungsnetz seats 05911 lenkungskreis --json"
    )

    def add_arguments(self, parser):
        parser.add_argument("ags", help="Kreisschlüssel, z. B. 05911")
        parser.add_argument("body", choices=["lenkungskreis", "bildungskonferenz", "bildungsbuero"])
        parser.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")

    def handle(self, *args, **options):
        try:
            region = Region.objects.get(ags=options["ags"])
        except Region.DoesNotExist as exc:
            raise CommandError(f"Keine Region mit dem Kreisschlüssel {options['ags']}.") from exc
        result = seat_check(region, options["body"])
        data = result.as_json(region.ags)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{region.name} – {options['body']} ({data['variant']})")
        for seat in data["seats"]:
            bound = (
                seat["required"]
                if seat["max"] == seat["required"]
                else (f"{seat['required']}–{seat['max'] if seat['max'] is not None else '∞'}")
            )
            members = ", ".join(seat["members"]) or "-"
            self.stdout.write(
                f"  [{seat['status']:>12}] {seat['label']}: {seat['filled']}/{bound}  {members}"
            )
        self.stdout.write("Besetzung vollständig." if data["ok"] else "Besetzung unvollständig.")
