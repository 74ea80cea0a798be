import datetime

from django.core.management.base import BaseCommand

from ...meeting_services import send_reminders


class Command(BaseCommand):
    help = "Erinnert an fällige und überfällige Arbeitsaufträge (idempotent, täglich ausführen)."

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="Stichtag JJJJ-MM-TT (Vorgabe: heute)")

    def handle(self, *args, **options):
        day = datetime.date.fromisoformat(options["datum"]) if options["datum"] else None
        sent = send_reminders(day)
        self.stdout.write(f"{sent} Erinnerung(en) versandt.")
