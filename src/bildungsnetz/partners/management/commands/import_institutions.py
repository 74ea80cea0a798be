from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ....core.errors import DomainError
from ....core.models import User
from ...importers import ImportFileError, import_institutions


class Command(BaseCommand):
    help = (
        "Importiert außerschulische Einrichtungen aus einer CSV- oder XLSX-Datei "
        "(Spalten: siehe docs/partners.md). Wiederholbar: der Schlüssel erkennt bekannte Sätze."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV- oder XLSX-Datei")
        parser.add_argument(
            "--as",
            dest="as_user",
            required=True,
            help="E-Mail-Adresse des Kontos, dem der Import zugerechnet wird "
            "(Bildungsbüro oder Land)",
        )
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts speichern")

    def handle(self, *args, path, as_user, dry_run, **options):
        user = User.objects.filter(email=as_user.lower()).first()
        if user is None:
            raise CommandError(f"--as: kein Konto mit der E-Mail-Adresse {as_user}.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: Datei nicht gefunden.")
        try:
            report = import_institutions(
                file.read_bytes(), file.name, acting_user=user, dry_run=dry_run
            )
        except (ImportFileError, DomainError) as exc:
            raise CommandError(f"{file.name}: {exc}") from exc
        for row in report.rows:
            if row.outcome == "abgelehnt":
                self.stdout.write(f"Zeile {row.line}, Spalte {row.field}: {row.reason}")
        summary = ", ".join(f"{n} {outcome}" for outcome, n in report.summary.items())
        prefix = "Probelauf (nichts gespeichert): " if dry_run else ""
        self.stdout.write(f"{prefix}{summary}.")
