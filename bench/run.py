"""`make bench`: server time of the key pages against a floor measured in the same run.

Runs once per database (SQLite, and PostgreSQL when reachable): migrate a fresh database,
import the real register from ../shared/data/nrw (rows/s and peak memory), then request each
key page through Django's full stack (test client, all middleware) and report median and p95
server time, and the ratio to the floor (a bare view returning a page of similar size through
the same stack). Results go to bench/results.json and docs/performance.md. A key page whose
ratio is more than 20 % above the last recorded run on the same database fails the run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTER = Path(os.environ.get("BENCH_REGISTER", ROOT.parent / "shared/data/nrw/schuldaten.csv"))
RESULTS = ROOT / "bench" / "results.json"
REPORT = ROOT / "docs" / "performance.md"
TOLERANCE = 1.20

PAGES = [
    ("Startseite", "/"),
    ("Regionsliste", "/regionen/"),
    ("Regionsseite (Bochum)", "/regionen/05911/"),
    ("Schulsuche „Gymn Boch“", "/schulen/?q=Gymn+Boch"),
    ("Schulverzeichnis Seite 1", "/schulen/"),
    ("Schulverzeichnis Kreis Mettmann, Grundschulen", "/schulen/?region=05158&schulform=02"),
    ("Schulseite mit Schulaufsicht", "/schulen/100011/"),
    ("Karte (JSON, ganz NRW)", "/schulen/karte.json"),
    ("Globale Suche „Münster“", "/suche/?q=M%C3%BCnster"),
    (
        "Partnersuche 10 km (20.000 Einrichtungen)",
        "/bildungspartner/in-der-naehe/?schule=100011&km=10",
    ),
    ("Unterstützungskatalog Suche „Schulpsychologie“", "/unterstuetzung/suche/?q=Schulpsychologie"),
    ("Netzwerke Übersicht", "/netzwerk/"),
    ("API Schule", "/api/v1/schools/100011"),
    ("API Regionen", "/api/v1/regions"),
]


def measure(client, url: str, repeat: int) -> list[float]:
    for _ in range(3):
        client.get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def run_one(database_url: str, label: str, repeat: int) -> dict:
    """Runs in a child process per database, so settings and memory start clean."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bildungsnetz.settings"
    os.environ.setdefault("DATA_DIR", str(ROOT / "var" / "bench"))
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.core.management import call_command
    from django.test import Client

    from bildungsnetz.schools.importers import import_register

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    start = time.perf_counter()
    result = import_register(REGISTER, allow_mass_closure=True)
    seconds = time.perf_counter() - start
    rows = result.created + result.updated + result.unchanged + result.rejected
    create_institutions(20_000)
    client = Client()
    floor = measure(client, "/_bench/floor/", repeat)
    floor_median = statistics.median(floor)
    pages = []
    for name, url in PAGES:
        times = measure(client, url, repeat)
        size = len(client.get(url).content)
        median = statistics.median(times)
        pages.append(
            {
                "name": name,
                "url": url,
                "bytes": size,
                "median_ms": round(median, 2),
                "p95_ms": round(p95(times), 2),
                "ratio": round(median / floor_median, 2),
            }
        )
    return {
        "database": label,
        "import": {
            "rows": rows,
            "seconds": round(seconds, 2),
            "rows_per_second": round(rows / seconds),
            "summary": result.summary_line(),
        },
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "floor": {"median_ms": round(floor_median, 2), "p95_ms": round(p95(floor), 2)},
        "pages": pages,
    }


def create_institutions(count: int, seed: int = 2026) -> None:
    """Synthetic verified institutions spread over NRW's bounding box (as bench_near does)."""
    import random

    from bildungsnetz.partners.models import Institution, InstitutionKind
    from bildungsnetz.regions.models import Region

    rng = random.Random(seed)
    regions = list(Region.objects.values_list("pk", flat=True))
    kinds = list(InstitutionKind.values)
    Institution.objects.bulk_create(
        [
            Institution(
                name=f"Bench-Einrichtung {i}", kind=rng.choice(kinds), plz="00000", ort="Bench",
                lat=rng.uniform(50.33, 52.52), lon=rng.uniform(5.87, 9.45),
                geocode_method="import", region_id=rng.choice(regions), verified=True,
                verified_at="2026-01-01T00:00:00Z",
            )
            for i in range(count)
        ],
        batch_size=2000,
    )  # fmt: skip


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 – any failure means: no PostgreSQL here
        return False


def fresh_postgres(name: str) -> str:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def table(run: dict) -> str:
    imp = run["import"]
    lines = [
        f"**{run['database']}** – Import: {imp['rows']} Zeilen in {imp['seconds']} s "
        f"({imp['rows_per_second']} Zeilen/s), Spitzenspeicher {run['peak_memory_mb']} MB; "
        f"Boden (leere Seite, 30 kB, gleicher Stack): Median {run['floor']['median_ms']} ms.",
        "",
        "| Seite | Größe | Median ms | p95 ms | × Boden |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for page in run["pages"]:
        lines.append(
            f"| {page['name']} (`{page['url']}`) | {page['bytes'] // 1000} kB | "
            f"{page['median_ms']} | {page['p95_ms']} | {page['ratio']} |"
        )
    return "\n".join(lines)


def compare(previous: dict | None, current: list[dict]) -> list[str]:
    if not previous:
        return []
    before = {
        (run["database"], page["url"]): page["ratio"]
        for run in previous["runs"]
        for page in run["pages"]
    }
    slower = []
    for run in current:
        for page in run["pages"]:
            old = before.get((run["database"], page["url"]))
            if old and page["ratio"] > old * TOLERANCE:
                slower.append(
                    f"{run['database']} {page['url']}: {page['ratio']} × Boden, "
                    f"zuletzt {old} × (mehr als {round((TOLERANCE - 1) * 100)} % langsamer)"
                )
    return slower


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--child", nargs=2, metavar=("DATABASE_URL", "LABEL"))
    parser.add_argument("--no-record", action="store_true", help="nichts in docs/ schreiben")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child[0], args.child[1], args.repeat)))
        return 0
    if not REGISTER.is_file():
        print(f"Registerdatei fehlt: {REGISTER}", file=sys.stderr)
        return 2
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    sqlite = bench_dir / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite}{suffix}").unlink(missing_ok=True)
    targets = [(f"sqlite:///{sqlite}", "SQLite")]
    if postgres_available():
        targets.append((fresh_postgres("bildungsnetz_bench"), "PostgreSQL"))
    else:
        print("PostgreSQL nicht erreichbar – nur SQLite.", file=sys.stderr)
    runs = []
    for url, label in targets:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", url, label, "--repeat", str(args.repeat)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr, file=sys.stderr)
            return proc.returncode
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    previous = json.loads(RESULTS.read_text()) if RESULTS.is_file() else None
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} Kerne, Python {platform.python_version()}"
    text = "\n\n".join(table(run) for run in runs)
    print(f"Lauf {when} – {machine}\n\n{text}")
    slower = compare(previous, runs)
    if not args.no_record and not slower:
        RESULTS.write_text(
            json.dumps(
                {"date": when, "machine": machine, "runs": runs}, indent=2, ensure_ascii=False
            )
            + "\n"
        )
        with REPORT.open("a", encoding="utf-8") as fh:
            fh.write(f"\n## Lauf {when}\n\nMaschine: {machine}.\n\n{text}\n")
    if slower:
        print("\nLangsamer als beim letzten Lauf:\n" + "\n".join(slower), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
