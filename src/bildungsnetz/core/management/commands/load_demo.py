from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ...demo import ensure_demo_accounts, write_sample_register
from ...services import ensure_default_pages


class Command(BaseCommand):
    help = (
        "Lädt Demodaten: das Schulregister (amtliche Datei oder erzeugte Stichprobe), "
        "die Inhaltsseiten und zwei Demokonten. Mehrfach ausführbar."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--register",
            default="",
            help="Pfad zur amtlichen Registerdatei schuldaten.csv; fehlt sie, wird eine "
            "kleine Stichprobe erzeugter Beispielschulen geladen",
        )

    def handle(self, *args, register="", **options):
        from ....schools.importers import import_register

        source = Path(register) if register else None
        if source is None or not source.is_file():
            source = Path(settings.DATA_DIR) / "demo" / "beispielregister.csv"
            count = write_sample_register(source)
            self.stdout.write(
                f"Amtliches Register nicht gefunden – lade {count} erzeugte Beispielschulen "
                "(keine echten Schulen)."
            )
        result = import_register(source, allow_mass_closure=True)
        self.stdout.write(f"Schulregister {source}: {result.summary_line()}")
        ensure_default_pages()
        from ....network.demo import load_duesseldorf

        region = load_duesseldorf()
        self.stdout.write(f"Netzwerk-Demodaten: {region.name} (Profil, Akteure, Gremien).")
        self.stdout.write("")
        self.stdout.write("Demokonten (Anmeldung unter http://127.0.0.1:8000/konto/login/):")
        accounts = ensure_demo_accounts()
        for email, password, role in accounts:
            self.stdout.write(f"  {email}  Passwort: {password}  ({role})")
        from ....core.models import User
        from ....partners.demo import load as load_partners

        land = User.objects.get(email=accounts[0][0])
        self.stdout.write("Bildungspartner (Einrichtungen in Münster und Bochum, Demokonten):")
        for line in load_partners(acting_user=land):
            self.stdout.write(line)
        from ....surveys.demo import load as load_survey

        self.stdout.write("Befragung (Papierbögen aus fünf Regionen):")
        for line in load_survey(acting_user=land):
            self.stdout.write(line)
