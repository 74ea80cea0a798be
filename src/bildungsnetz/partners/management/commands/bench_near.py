"""Benchmark of the partner search: N synthetic institutions, M searches, median times.

Everything happens inside one transaction that is rolled back at the end, so the database
is unchanged afterwards. Needs the school register (the searches start at real schools).
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client

from ....regions.models import Region
from ....schools.models import School
from ...models import ELIGIBLE_KINDS, Institution, InstitutionKind
from ...selectors import institutions_near


class Command(BaseCommand):
    help = "Misst die Partnersuche (Umkreis) mit N erzeugten Einrichtungen; ändert nichts."

    def add_arguments(self, parser):
        parser.add_argument("--institutions", type=int, default=20_000)
        parser.add_argument("--searches", type=int, default=200)
        parser.add_argument("--km", type=float, default=10)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, institutions, searches, km, seed, **options):
        rng = random.Random(seed)
        schools = list(School.objects.schools().open().values_list("schulnummer", "lat", "lon"))
        if len(schools) < 10:
            raise CommandError("Zuerst das Schulregister laden (bildungsnetz load_demo).")
        regions = list(Region.objects.values_list("pk", flat=True))
        kinds = list(InstitutionKind.values)
        with transaction.atomic():
            Institution.objects.bulk_create(
                [
                    Institution(
                        name=f"Bench-Einrichtung {i}",
                        kind=rng.choice(kinds),
                        plz="00000",
                        ort="Bench",
                        lat=rng.uniform(50.33, 52.52),
                        lon=rng.uniform(5.87, 9.45),
                        geocode_method="import",
                        region_id=rng.choice(regions),
                        verified=True,
                        verified_at="2026-01-01T00:00:00Z",
                    )
                    for i in range(institutions)
                ],
                batch_size=2000,
            )
            sample = [rng.choice(schools) for _ in range(searches)]
            selector, hits = [], []
            for _nr, lat, lon in sample:
                start = time.perf_counter()
                found = institutions_near(lat, lon, km, kinds=list(ELIGIBLE_KINDS))
                selector.append((time.perf_counter() - start) * 1000)
                hits.append(len(found))
            client = Client()
            page = []
            for nr, _lat, _lon in sample[: max(1, searches // 4)]:
                start = time.perf_counter()
                response = client.get(
                    "/bildungspartner/in-der-naehe/",
                    {"schule": nr, "km": km},
                    HTTP_HOST="localhost",
                )
                page.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"Seite antwortet mit {response.status_code}.")
            transaction.set_rollback(True)
        self.stdout.write(
            f"{institutions} Einrichtungen, {searches} Suchen, Umkreis {km:g} km, "
            f"im Mittel {statistics.mean(hits):.1f} Treffer"
        )
        self.stdout.write(
            f"Selektor: Median {statistics.median(selector):.2f} ms, "
            f"95. Perzentil {sorted(selector)[int(len(selector) * 0.95) - 1]:.2f} ms"
        )
        self.stdout.write(
            f"Ganze Seite (Django-Testclient, {len(page)} Aufrufe): "
            f"Median {statistics.median(page):.2f} ms"
        )
