from django.core.management.base import BaseCommand

from ...services import ensure_default_pages


class Command(BaseCommand):
    help = (
        "Legt die Inhaltsseiten (Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache) "
        "mit Vorgabetexten an, soweit sie fehlen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="auch bestehende Seiten auf die Vorgabetexte zurücksetzen",
        )

    def handle(self, *args, reset=False, **options):
        for slug, outcome in ensure_default_pages(reset=reset).items():
            self.stdout.write(f"{slug}: {outcome}")
