from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Erinnert an das nahe Ende von Bildungspartnerschaften und fragt einmal im Jahr, ob "
        "öffentliche Partnerschaften noch aktiv sind. Mehrfach ausführbar (idempotent)."
    )

    def handle(self, *args, **options):
        from ...services import send_reminders

        counts = send_reminders()
        self.stdout.write(
            f"Erinnerungen an das Ende: {counts['ende']}, "
            f"Bitten um Bestätigung: {counts['bestaetigung']}."
        )
