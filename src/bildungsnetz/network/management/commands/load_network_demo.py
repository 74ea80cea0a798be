from django.core.management.base import BaseCommand

from ...demo import load_duesseldorf


class Command(BaseCommand):
    help = "Lädt Demodaten des Bildungsnetzwerks Düsseldorf (idempotent)."

    def handle(self, *args, **options):
        region = load_duesseldorf()
        self.stdout.write(f"Demodaten für {region.name} geladen.")
