"""``bildungsnetz check_links``: check the URLs of the catalogue now and record the results."""

from django.core.management.base import BaseCommand

from ...linkcheck import check_materials
from ...models import Material
from ...selectors import broken_links


class Command(BaseCommand):
    help = "Prüft die Links der Katalogeinträge (HEAD, sonst GET) und speichert das Ergebnis."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="nur diese Einträge (IDs)")

    def handle(self, *args, ids, **options):
        counts = check_materials(ids or None)
        self.stdout.write(
            f"{counts['geprueft']} Links geprüft: {counts['ok']} erreichbar, "
            f"{counts['defekt']} nicht erreichbar."
        )
        qs = broken_links(Material.objects.all())
        if ids:
            qs = qs.filter(pk__in=ids)
        for m in qs:
            reason = m.link_error or f"HTTP {m.link_status}"
            self.stdout.write(f"  #{m.pk} {m.criterion.number} {m.title}: {reason} – {m.url}")
