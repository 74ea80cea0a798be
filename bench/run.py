"""`make bench`: server time of the key pages at NRW scale against a floor measured in the same run.

Runs once per database (SQLite, and PostgreSQL when reachable), each in a child process so
settings and memory start clean: migrate a fresh database, import the real register from
../shared/data/nrw (rows/s and peak memory; a labelled generated sample when the file is
missing), generate the NRW-scale data set of ``bench/dataset.py`` (20,000 institutions,
3,000 partnerships, 53 networks with bodies and ten years of meetings and work orders,
~100,000 survey answers; the catalogue comes with the migrations), then request every page
through Django's full stack (test client, all middleware) and report median and p95 server
time and the ratio to the floor (a bare view returning a 30 kB page through the same stack;
measured anonymously and logged in). Requests are interleaved: each round requests every page
and both floors once in a shuffled order, so load from other processes hits page and floor
alike; after three warm-up rounds, a page slower than 200 ms gets fewer samples (at least 10).
Results go to bench/results.json and docs/performance.md. A key page whose ratio is
more than 20 % above the last recorded run on the same database and data set fails the run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
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
DATASET = "nrw-v2"  # bump when the generated data changes: ratios compare only within one
SIZES = {"institutions": 20_000, "partnerships": 3_000, "answers": 100_000, "years": 10}
BOCHUM = "05911"
SCHOOL = "100011"  # a Bochum school of the real register (the sample picks its first school)

# name, URL (a string, or a function of the context returning a string, or None when the
# page does not exist yet), "anon" or "land" (logged in as Land staff), key page?
PAGES = [
    ("Startseite", "/", "anon", True),
    ("Regionsliste", "/regionen/", "anon", False),
    ("Regionsseite (Bochum)", f"/regionen/{BOCHUM}/", "anon", True),
    ("Schulsuche „Gymn Boch“", "/schulen/?q=Gymn+Boch", "anon", True),
    ("Schulverzeichnis Seite 1", "/schulen/", "anon", False),
    (
        "Schulverzeichnis Kreis Mettmann, Grundschulen",
        "/schulen/?region=05158&schulform=02",
        "anon",
        False,
    ),
    ("Schulseite mit Schulaufsicht", lambda c: f"/schulen/{c['school']}/", "anon", True),
    ("Karte (JSON, ganz NRW)", "/schulen/karte.json", "anon", False),
    ("Globale Suche „Münster“", "/suche/?q=M%C3%BCnster", "anon", False),
    (
        "Partnersuche 10 km (20.000 Einrichtungen)",
        lambda c: f"/bildungspartner/in-der-naehe/?schule={c['school']}&km=10",
        "anon",
        True,
    ),
    (
        "Partnerschaftsregister (3.000 Partnerschaften)",
        "/bildungspartner/wir-sind-dabei/",
        "anon",
        False,
    ),
    (
        "Unterstützungskatalog Suche „Schulpsychologie“",
        "/unterstuetzung/suche/?q=Schulpsychologie",
        "anon",
        True,
    ),
    ("Netzwerke Übersicht", "/netzwerk/", "anon", False),
    ("Netzwerkseite Bochum (Gremien, Sitzungen)", f"/netzwerk/{BOCHUM}/", "anon", False),
    (
        "Lenkungskreis Bochum (40 Sitzungen, Sitze)",
        lambda c: _reverse("network:body", ags=BOCHUM, pk=c["lenkungskreis"]),
        "land",
        False,
    ),
    (
        "Befragungsbericht (100.000 Antworten)",
        lambda c: _reverse("surveys:report", pk=c["survey"]),
        "land",
        True,
    ),
    ("Monitoring-Dashboard (NRW)", lambda c: _reverse("monitoring:dashboard"), "land", True),
    (
        "Monitoring Region Bochum",
        lambda c: _reverse("monitoring:region", ags=BOCHUM),
        "land",
        True,
    ),
    ("API Schule", lambda c: f"/api/v1/schools/{c['school']}", "anon", True),
    ("API Regionen", "/api/v1/regions", "anon", True),
    ("API Einrichtungen Bochum", f"/api/v1/institutions?region={BOCHUM}&limit=100", "anon", True),
    (
        "API Partnerschaften Bochum",
        f"/api/v1/partnerships?region={BOCHUM}&limit=100",
        "anon",
        False,
    ),
    ("API Netzwerke", "/api/v1/networks", "anon", False),
    ("API Katalog Suche", "/api/v1/catalogue/materials?q=Schulpsychologie", "anon", False),
]


def create_institutions(count: int, seed: int = 2026) -> int:
    """Kept for the other bench scripts: see ``bench.dataset.create_institutions``."""
    from bench.dataset import create_institutions as create

    return create(count, seed)


SLOW_BUDGET_MS = 6_000  # per page and database: 30 samples unless one takes > 200 ms
FLOORS = {"anon": "Boden (anonym)", "land": "Boden (angemeldet, Land)"}


def _reverse(name: str, **kwargs) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def maxrss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


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
    from django.db import connection

    from bench import dataset
    from bildungsnetz.schools.importers import import_register

    log = lambda msg: print(f"[{label}] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    migrate_seconds = time.perf_counter() - start
    log(f"migriert in {migrate_seconds:.1f} s")
    register, sample = REGISTER, False
    if not register.is_file():
        from bildungsnetz.core.demo import write_sample_register

        register, sample = ROOT / "var" / "bench" / "beispielregister.csv", True
        write_sample_register(register)
    rss_before = maxrss_mb()
    start = time.perf_counter()
    result = import_register(register, allow_mass_closure=True)
    seconds = time.perf_counter() - start
    rss_import = maxrss_mb()
    rows = result.created + result.updated + result.unchanged + result.rejected
    log(f"Register: {rows} Zeilen in {seconds:.1f} s")
    start = time.perf_counter()
    built = dataset.build(
        SIZES["institutions"], SIZES["partnerships"], SIZES["answers"], SIZES["years"]
    )
    build_seconds = time.perf_counter() - start
    log(f"Datensatz in {build_seconds:.1f} s: {json.dumps(built, ensure_ascii=False)}")
    context = _context(built)
    measured = measure_all(context, built["land_user_pk"], repeat)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
    return {
        "database": label,
        "version": version,
        "migrate_seconds": round(migrate_seconds, 1),
        "import": {
            "source": "Beispielregister (erzeugt)" if sample else str(register.name),
            "rows": rows,
            "seconds": round(seconds, 2),
            "rows_per_second": round(rows / seconds),
            "summary": result.summary_line(),
            "rss_before_mb": rss_before,
            "rss_peak_mb": rss_import,
        },
        "dataset": {"seconds": round(build_seconds, 1), **_counts(), "parts": built},
        "peak_memory_mb": maxrss_mb(),
        **measured,
    }


def _context(built: dict) -> dict:
    from bildungsnetz.network.models import Body
    from bildungsnetz.schools.models import School

    school = School.objects.filter(schulnummer=SCHOOL).first() or (
        School.objects.filter(closed_at__isnull=True).order_by("schulnummer").first()
    )
    body = Body.objects.filter(region__ags=BOCHUM, kind="lenkungskreis").first()
    return {
        "school": school.schulnummer,
        "lenkungskreis": body.pk if body else 0,
        "survey": built["survey"]["result"]["survey_pk"],
    }


def _counts() -> dict:
    from django.apps import apps

    names = [
        ("schools", "School"), ("partners", "Institution"), ("partners", "Partnership"),
        ("network", "Body"), ("network", "Membership"), ("network", "Meeting"),
        ("network", "WorkOrder"), ("catalogue", "Material"), ("surveys", "Response"),
        ("surveys", "Answer"),
    ]  # fmt: skip
    out = {}
    for app, model in names:
        try:
            out[model] = apps.get_model(app, model).objects.count()
        except LookupError:
            continue
    return out


def measure_all(context: dict, land_user_pk: int, repeat: int) -> dict:
    """Interleaved rounds over all pages and both floors; query count of one extra request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bildungsnetz.core.models import User

    clients = {"anon": Client(), "land": Client()}
    clients["land"].force_login(User.objects.get(pk=land_user_pk))
    targets, missing, failed = [], [], []
    for who, name in FLOORS.items():
        targets.append({"name": name, "url": "/_bench/floor/", "who": who, "key": False})
    for name, url, who, key in PAGES:
        url = url(context) if callable(url) else url
        if url is None:
            missing.append(name)
            print(f"  {name}: noch nicht vorhanden", file=sys.stderr)
            continue
        try:
            status = clients[who].get(url).status_code
        except Exception as exc:  # noqa: BLE001 – a page under construction must not stop the run
            status = f"Ausnahme {type(exc).__name__}: {exc}"[:160]
        if status != 200:
            failed.append({"name": name, "url": url, "status": status})
            print(f"  {name} ({url}): HTTP {status}", file=sys.stderr)
            continue
        targets.append({"name": name, "url": url, "who": who, "key": key})
    print(f"  {len(targets)} Seiten und Böden, {repeat} Runden", file=sys.stderr, flush=True)
    rng = random.Random(7)
    times = {t["name"]: [] for t in targets}
    warm = {t["name"]: [] for t in targets}
    for round_no in range(3 + repeat):
        order = [t for t in targets if len(times[t["name"]]) < t.get("repeat", repeat)]
        rng.shuffle(order)
        for t in order:
            start = time.perf_counter()
            response = clients[t["who"]].get(t["url"])
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (t["url"], response.status_code)
            (times if round_no >= 3 else warm)[t["name"]].append(elapsed)
        if round_no % 10 == 2:
            print(f"  Runde {round_no + 1}/{3 + repeat}, {len(order)} Seiten", file=sys.stderr)
        if round_no == 2:  # slow pages: fewer samples (at least 10), so a run stays short
            for t in targets:
                fit = int(SLOW_BUDGET_MS / max(warm[t["name"]]))
                t["repeat"] = max(min(10, repeat), min(repeat, fit))
    floors = {who: statistics.median(times[name]) for who, name in FLOORS.items()}
    pages = []
    for t in targets:
        if t["url"] == "/_bench/floor/":
            continue
        with CaptureQueriesContext(connection) as queries:
            response = clients[t["who"]].get(t["url"])
        median = statistics.median(times[t["name"]])
        pages.append(
            {
                "name": t["name"],
                "url": t["url"],
                "who": t["who"],
                "key": t["key"],
                "bytes": len(response.content),
                "queries": len(queries),
                "median_ms": round(median, 2),
                "p95_ms": round(p95(times[t["name"]]), 2),
                "samples": len(times[t["name"]]),
                "ratio": round(median / floors[t["who"]], 2),
            }
        )
    return {
        "floor": {
            who: {"median_ms": round(floors[who], 3), "p95_ms": round(p95(times[name]), 3)}
            for who, name in FLOORS.items()
        },
        "pages": pages,
        "missing": missing,
        "failed": failed,
    }


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


def machine() -> dict:
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    return {
        "text": f"{platform.machine()}, {os.cpu_count()} Kerne (nproc), {ram}, "
        f"Python {platform.python_version()}",
        "cpus": os.cpu_count(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }


def table(run: dict) -> str:
    imp, data = run["import"], run["dataset"]
    floor = run["floor"]
    counts = ", ".join(
        f"{k} {v:,}".replace(",", ".") for k, v in data.items() if k not in ("seconds", "parts")
    )
    lines = [
        f"**{run['database']}** ({run['version']}) – Migration {run['migrate_seconds']} s. "
        f"Register ({imp['source']}): {imp['rows']} Zeilen in {imp['seconds']} s "
        f"(**{imp['rows_per_second']} Zeilen/s**), Speicher (max RSS) vor dem Import "
        f"{imp['rss_before_mb']} MB, nach dem Import {imp['rss_peak_mb']} MB, am Ende des "
        f"Laufs {run['peak_memory_mb']} MB. Datensatz erzeugt in {data['seconds']} s: {counts}. "
        "Boden (leere 30-kB-Seite, gleicher Stack): anonym Median "
        f"{floor['anon']['median_ms']} ms, angemeldet {floor['land']['median_ms']} ms.",
        "",
        "| Seite | Schlüssel | Größe | Abfragen | n | Median ms | p95 ms | × Boden |",
        "| --- | :---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in run["pages"]:
        who = " (angemeldet)" if page["who"] == "land" else ""
        lines.append(
            f"| {page['name']}{who} (`{page['url']}`) | {'●' if page['key'] else ''} | "
            f"{page['bytes'] // 1000} kB | {page['queries']} | {page['samples']} | "
            f"{page['median_ms']} | "
            f"{page['p95_ms']} | {page['ratio']} |"
        )
    for name in run["missing"]:
        lines.append(f"| {name} | | | | | noch nicht vorhanden | | |")
    for page in run["failed"]:
        lines.append(f"| {page['name']} (`{page['url']}`) | | | | | HTTP {page['status']} | | |")
    return "\n".join(lines)


def compare(previous: dict | None, current: list[dict]) -> list[str]:
    """Key pages more than 20 % slower (ratio to the floor) than in the last recorded run."""
    if not previous or previous.get("dataset") != DATASET:
        return []
    before = {
        (run["database"], page["name"]): page["ratio"]
        for run in previous["runs"]
        for page in run["pages"]
    }
    slower = []
    for run in current:
        for page in run["pages"]:
            old = before.get((run["database"], page["name"]))
            if page["key"] and old and page["ratio"] > old * TOLERANCE:
                slower.append(
                    f"{run['database']} {page['name']}: {page['ratio']} × Boden, "
                    f"zuletzt {old} × (mehr als {round((TOLERANCE - 1) * 100)} % langsamer)"
                )
        for page in run["failed"]:
            if (run["database"], page["name"]) in before:
                slower.append(f"{run['database']} {page['name']}: HTTP {page['status']}")
    return slower


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--child", nargs=2, metavar=("DATABASE_URL", "LABEL"))
    parser.add_argument("--no-record", action="store_true", help="nichts in docs/ schreiben")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child[0], args.child[1], args.repeat)))
        return 0
    if not REGISTER.is_file():
        print(
            f"Registerdatei fehlt: {REGISTER} – benutze das erzeugte Beispielregister "
            "(keine echten Schulen).",
            file=sys.stderr,
        )
    started = time.perf_counter()
    host = machine()
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    sqlite = bench_dir / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite}{suffix}").unlink(missing_ok=True)
    targets = [(f"sqlite:///{sqlite}", "SQLite")]
    if args.sqlite_only:
        pass
    elif postgres_available():
        targets.append((fresh_postgres(os.environ.get("BENCH_PG_DB", "bn_bench")), "PostgreSQL"))
    else:
        print("PostgreSQL nicht erreichbar – nur SQLite.", file=sys.stderr)
    runs = []
    for url, label in targets:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", url, label, "--repeat", str(args.repeat)],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stdout, file=sys.stderr)
            return proc.returncode
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    previous = json.loads(RESULTS.read_text()) if RESULTS.is_file() else None
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    host["load_after"] = [round(x, 2) for x in os.getloadavg()]
    host["minutes"] = round((time.perf_counter() - started) / 60, 1)
    loaded = max(host["load_before"][0], host["load_after"][0]) > 0.5 * (os.cpu_count() or 1)
    busy = "andere Prozesse teilten sich die Kerne" if loaded else "Maschine weitgehend ruhig"
    condition = (
        f"Last (loadavg 1/5/15 min) vor dem Lauf {host['load_before']}, danach "
        f"{host['load_after']} – {busy}; Seiten und Boden "
        f"wurden verschränkt gemessen ({args.repeat} Runden, jede Runde fragt jede Seite und "
        f"beide Böden einmal in gemischter Reihenfolge ab). Dauer des Laufs {host['minutes']} min."
    )
    text = "\n\n".join(table(run) for run in runs)
    print(f"Lauf {when} – {host['text']}\n{condition}\n\n{text}")
    slower = compare(previous, runs)
    if not args.no_record and not slower:
        RESULTS.write_text(
            json.dumps(
                {"date": when, "dataset": DATASET, "machine": host, "runs": runs},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        with REPORT.open("a", encoding="utf-8") as fh:
            fh.write(
                f"\n## Lauf {when} (Datensatz {DATASET})\n\nMaschine: {host['text']}. "
                f"{condition}\n\n{text}\n"
            )
    if slower:
        print("\nLangsamer als beim letzten Lauf:\n" + "\n".join(slower), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
