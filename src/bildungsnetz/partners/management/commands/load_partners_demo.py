from django.core.management.base import BaseCommand, CommandError

from ....core.demo import DEMO_ACCOUNTS
from ....core.models import User


class Command(BaseCommand):
    help = (
        "Lädt Demodaten für Bildungspartner NRW (Einrichtungen in Münster und Bochum, "
        "Demokonten, eine öffentliche Partnerschaft). Erst load_demo ausführen."
    )

    def handle(self, *args, **options):
        from ...demo import load

        land = User.objects.filter(email=DEMO_ACCOUNTS[0][0]).first()
        if land is None:
            raise CommandError("Zuerst `bildungsnetz load_demo` ausführen (Demokonto Land fehlt).")
        self.stdout.write("Demokonten Bildungspartner:")
        for line in load(acting_user=land):
            self.stdout.write(line)
