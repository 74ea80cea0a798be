from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ....core.errors import DomainError
from ...importers import import_register


class Command(BaseCommand):
    help = (
        "Importiert das Schulregister „Schulgrunddaten NRW“ (CSV) aus einer Datei oder von "
        "einer Adresse; legt neue Schulen an, ändert geänderte und markiert fehlende als "
        "geschlossen. Die letzte Ausgabezeile ist die Zusammenfassung."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            nargs="?",
            metavar="PATH_OR_URL",
            help="Pfad oder http(s)-Adresse der Registerdatei "
            "(Standard: Einstellung SCHOOL_REGISTER_SOURCE)",
        )
        parser.add_argument(
            "--report", metavar="FILE", help="Bericht je Zeile als CSV (Semikolon, UTF-8) schreiben"
        )
        parser.add_argument(
            "--allow-mass-closure",
            action="store_true",
            help="auch dann importieren, wenn ungewöhnlich viele Schulen geschlossen würden",
        )

    def handle(self, *args, source=None, report=None, allow_mass_closure=False, **options):
        source = source or settings.SCHOOL_REGISTER_SOURCE
        if report and not Path(report).resolve().parent.is_dir():
            raise CommandError(f"Der Ordner für den Bericht „{report}“ existiert nicht.")
        try:
            result = import_register(
                source, allow_mass_closure=allow_mass_closure, report_path=report
            )
        except DomainError as exc:
            raise CommandError(f"Import abgelehnt, nichts wurde geändert: {exc.message}") from exc
        for outcome in result.rejections():
            self.stderr.write(f"Abgelehnt: {outcome}")
        if report:
            self.stdout.write(f"Bericht: {report}")
        self.stdout.write(result.summary_line())
