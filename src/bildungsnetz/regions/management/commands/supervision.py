import json

from django.core.management.base import BaseCommand, CommandError

from ...supervision import supervision_json


class Command(BaseCommand):
    help = "Zeigt, welche Behörde Fach- und Dienstaufsicht über eine Schule führt."

    def add_arguments(self, parser):
        parser.add_argument("schulnummer", help="sechsstellige Schulnummer")
        parser.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")

    def handle(self, *args, schulnummer, **options):
        from ....schools.models import School
        from ....schools.selectors import get_school

        try:
            school = get_school(schulnummer.strip())
        except School.DoesNotExist as exc:
            raise CommandError(
                f"Schulnummer {schulnummer}: keine Schule mit dieser Schulnummer im Register."
            ) from exc
        data = supervision_json(school)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{school.name} ({school.schulnummer}), {school.schulform.name}")
        for key, label in (("fachaufsicht", "Fachaufsicht"), ("dienstaufsicht", "Dienstaufsicht")):
            item = data[key]
            text = (
                f"{item['behoerde']} ({item['ebene']} Schulaufsicht)" if item else "nicht geregelt"
            )
            self.stdout.write(f"{label}: {text}")
        self.stdout.write(f"Regel: {data['regel']}")
        if data["hinweis"]:
            self.stdout.write(f"Hinweis: {data['hinweis']}")
