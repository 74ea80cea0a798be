"""``bildungsnetz search_catalogue "QUERY" [--json]``: the catalogue search from the shell."""

import json

from django.core.management.base import BaseCommand

from ...selectors import SearchFilter, search
from ...services import rebuild_index


class Command(BaseCommand):
    help = "Durchsucht die veröffentlichten Einträge des Unterstützungskatalogs."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="", help="Suchbegriffe")
        parser.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--kriterium", default="", help="z. B. 6.6.4")
        parser.add_argument("--reindex", action="store_true", help="Suchindex neu aufbauen")

    def handle(self, *args, query, json: bool, limit, kriterium, reindex, **options):
        if reindex:
            count = rebuild_index()
            if not query:
                self.stdout.write(f"Suchindex neu aufgebaut: {count} Begriffe.")
                return
        result = search(SearchFilter(query=query, criterion=kriterium))
        hits = [
            {
                "id": h.material.pk,
                "criterion": h.material.criterion.number,
                "title": h.material.title,
                "score": h.score,
            }
            for h in result.hits(0, limit)
        ]
        if json:
            self.stdout.write(_dumps({"query": query, "hits": hits}))
            return
        if not hits:
            self.stdout.write("Keine Treffer.")
        for hit in hits:
            self.stdout.write(
                f"{hit['score']!s:>6}  {hit['criterion']:<7} #{hit['id']} {hit['title']}"
            )


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
