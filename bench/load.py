"""`make load`: gunicorn (2 workers) on loopback under a mixed read workload.

Builds the dataset (real register from ../shared/data/nrw, the demo data, 20,000 generated
institutions) in a fresh database, starts gunicorn with 2 gthread workers (4 threads each)
on 127.0.0.1 and lets N virtual users loose on the public pages and API routes, for each N
in --users. A user requests a page, reads it for a random 0.5–1.5 × --think seconds,
requests the next, like a person; with --think 0 it becomes a closed loop that measures
saturation throughput. Each level runs --duration seconds (after a short ramp-up that is not
counted). One table per database: throughput, p50/p95/p99 of the full request time seen by
the client (connect, server, transfer) and the error rate (anything but HTTP 200, timeouts,
refused connections).

The load generator is plain asyncio from the standard library (no locust, no wrk): it
costs little CPU, and it measures exactly what we report. Target (issue 7): p95 ≤ 100 ms
at 50 users, no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    ROOT,
    Gunicorn,
    dump,
    fresh_postgres,
    load_average,
    log,
    machine,
    postgres_available,
    prepare_dataset,
    product_env,
    sql,
)

SCHOOL_QUERIES = ["Gymn Boch", "Grundschule Köln", "Realschule", "Gesamtschule Essen", "Bielefeld"]
CATALOGUE_QUERIES = ["Schulpsychologie", "Inklusion", "Sprache", "Berufsorientierung", "Medien"]
GLOBAL_QUERIES = ["Münster", "Dortmund", "Gymnasium"]
TARGET_USERS, TARGET_P95_MS = 50, 100.0


class Workload:
    """The page mix (weights ≈ what a public visitor does), with real keys from the data."""

    def __init__(self, database_url: str, seed: int = 7):
        self.rng = random.Random(seed)
        self.ags = [r[0] for r in sql(database_url, "SELECT ags FROM regions_region")]
        self.schools = [
            r[0]
            for r in sql(
                database_url,
                "SELECT schulnummer FROM schools_school WHERE closed_at IS NULL "
                "ORDER BY schulnummer",
            )
        ][::25]
        q = self.rng.choice
        self.routes = [
            (10, "Startseite", lambda: "/"),
            (10, "Regionsseite", lambda: f"/regionen/{q(self.ags)}/"),
            (12, "Schulsuche", lambda: "/schulen/?q=" + _quote(q(SCHOOL_QUERIES))),
            (4, "Schulverzeichnis Region", lambda: f"/schulen/?region={q(self.ags)}"),
            (14, "Schulseite", lambda: f"/schulen/{q(self.schools)}/"),
            (
                8,
                "Partnersuche 10 km",
                lambda: f"/bildungspartner/in-der-naehe/?schule={q(self.schools)}&km=10",
            ),
            (
                10,
                "Katalogsuche",
                lambda: "/unterstuetzung/suche/?q=" + _quote(q(CATALOGUE_QUERIES)),
            ),
            (5, "Globale Suche", lambda: "/suche/?q=" + _quote(q(GLOBAL_QUERIES))),
            (5, "API Regionen", lambda: "/api/v1/regions"),
            (6, "API Schule", lambda: f"/api/v1/schools/{q(self.schools)}"),
            (5, "API Einrichtungen", lambda: f"/api/v1/institutions?region={q(self.ags)}"),
            (3, "API Netzwerke", lambda: "/api/v1/networks"),
            (
                3,
                "API Materialien",
                lambda: "/api/v1/catalogue/materials?q=" + _quote(q(CATALOGUE_QUERIES)),
            ),
        ]
        self.weights = [w for w, _, _ in self.routes]

    def pick(self) -> tuple[str, str]:
        _, name, make = self.rng.choices(self.routes, weights=self.weights)[0]
        return name, make()


def _quote(text: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(text)


async def fetch(port: int, path: str, timeout: float = 30.0) -> tuple[int, float]:
    start = time.perf_counter()

    async def go() -> int:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
            "Accept: text/html,application/json\r\nAccept-Language: de\r\n\r\n".encode()
        )
        await writer.drain()
        data = await reader.read()
        writer.close()
        return int(data[9:12]) if data[:5] == b"HTTP/" else 0

    try:
        status = await asyncio.wait_for(go(), timeout)
    except (TimeoutError, OSError, ValueError):
        status = 0
    return status, (time.perf_counter() - start) * 1000


def cpu_seconds(server: Gunicorn, database_url: str) -> float:
    """CPU time used so far by the gunicorn workers and (PostgreSQL) the database backends
    serving this database: what a request costs, independent of how busy the machine is."""
    pids = [int(p) for p in _children(server.proc.pid)]
    if database_url.startswith("postgres"):
        name = database_url.rsplit("/", 1)[1]
        pids += [
            r[0]
            for r in sql(
                database_url,
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
        ]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[str]:
    import subprocess

    return subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()


async def run_level(port: int, workload: Workload, users: int, think: float, duration: float):
    ramp = min(3.0, duration / 5)
    t0 = time.perf_counter()
    stop_at = t0 + ramp + duration
    samples: list[tuple[str, int, float]] = []

    async def user(n: int) -> None:
        await asyncio.sleep(ramp * n / users)  # staggered start
        while time.perf_counter() < stop_at:
            name, path = workload.pick()
            started = time.perf_counter()
            status, ms = await fetch(port, path)
            if started >= t0 + ramp and started < stop_at:
                samples.append((name, status, ms))
            if think:
                await asyncio.sleep(think * workload.rng.uniform(0.5, 1.5))

    await asyncio.gather(*(user(n) for n in range(users)))
    return samples


def percentile(values: list[float], p: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def summarise(users: int, think: float, duration: float, samples) -> dict:
    times = [ms for _, _, ms in samples]
    errors = sum(1 for _, status, _ in samples if status != 200)
    pages = {}
    for name in sorted({n for n, _, _ in samples}):
        page_times = [ms for n, _, ms in samples if n == name]
        pages[name] = {
            "requests": len(page_times),
            "p50_ms": round(percentile(page_times, 50), 1),
            "p95_ms": round(percentile(page_times, 95), 1),
        }
    return {
        "users": users,
        "think_s": think,
        "requests": len(samples),
        "rps": round(len(samples) / duration, 1),
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "p99_ms": round(percentile(times, 99), 1),
        "errors": errors,
        "error_rate": round(errors / len(samples) * 100, 2) if samples else 100.0,
        "pages": pages,
    }


def table(label: str, levels: list[dict]) -> str:
    lines = [
        f"**{label}**",
        "",
        "| Nutzer | Denkzeit | Anfragen | Durchsatz req/s | p50 ms | p95 ms | p99 ms | Fehler "
        "| CPU ms/Anfrage |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lv in levels:
        think = f"{lv['think_s']} s" if lv["think_s"] else "keine"
        lines.append(
            f"| {lv['users']} | {think} | {lv['requests']} | {lv['rps']} | {lv['p50_ms']} | "
            f"{lv['p95_ms']} | {lv['p99_ms']} | {lv['errors']} ({lv['error_rate']} %) | "
            f"{lv.get('cpu_ms_per_request', '')} |"
        )
    target = next((lv for lv in levels if lv["users"] == TARGET_USERS and lv["think_s"]), None)
    if target:
        lines += ["", f"Seiten bei {TARGET_USERS} Nutzern (p50 / p95 ms):", ""]
        lines += [
            f"- {name}: {p['p50_ms']} / {p['p95_ms']} ({p['requests']} Anfragen)"
            for name, p in sorted(target["pages"].items(), key=lambda kv: -kv[1]["p95_ms"])
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", default="10,25,50,100")
    parser.add_argument("--think", type=float, default=1.0, help="mittlere Lesezeit in s")
    parser.add_argument("--duration", type=float, default=30.0, help="Sekunden je Stufe")
    parser.add_argument("--saturation", type=int, default=10, help="Nutzer ohne Denkzeit; 0=aus")
    parser.add_argument("--databases", default="postgres,sqlite")
    parser.add_argument("--reuse", action="store_true", help="Datenbestand nicht neu aufbauen")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="Threads je Worker (gthread); 1 = klassische Sync-Worker",
    )
    args = parser.parse_args()
    levels = [int(n) for n in args.users.split(",")]
    targets = []
    for db in args.databases.split(","):
        if db == "postgres":
            if not postgres_available():
                log("PostgreSQL nicht erreichbar – übersprungen.")
                continue
            url = "postgres://postgres@127.0.0.1:5432/bn_load"
            if not args.reuse:
                url = fresh_postgres("bn_load")
            targets.append(("PostgreSQL", url, "load-pg"))
        elif db == "sqlite":
            path = ROOT / "var" / "load-sqlite" / "load.sqlite3"
            path.parent.mkdir(parents=True, exist_ok=True)
            if not args.reuse:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            targets.append(("SQLite", f"sqlite:///{path}", "load-sqlite"))
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = {"date": started, "machine": machine(), "runs": []}
    ok = True
    for label, url, name in targets:
        env = product_env(url, name)
        if not args.reuse:
            log(f"{label}: Datenbestand aufbauen (Register, Demodaten, 20.000 Einrichtungen) …")
            prepare_dataset(env)
        workload = Workload(url)
        threads = ["--threads", str(args.threads)] if args.threads > 1 else []
        server = Gunicorn(env, workers=args.workers, extra=threads).start()
        try:
            for _ in range(30):  # warm both workers' caches and connections
                asyncio.run(fetch(server.port, workload.pick()[1]))
            results = []
            plan = [(n, args.think) for n in levels]
            if args.saturation:
                plan.append((args.saturation, 0.0))
            for users, think in plan:
                log(f"{label}: {users} Nutzer, Denkzeit {think} s, {args.duration} s … "
                    f"({load_average()})")  # fmt: skip
                cpu_before = cpu_seconds(server, url)
                samples = asyncio.run(run_level(server.port, workload, users, think, args.duration))
                cpu = cpu_seconds(server, url) - cpu_before
                level = summarise(users, think, args.duration, samples)
                # includes the uncounted ramp-up requests: a slight overestimate
                level["cpu_ms_per_request"] = round(cpu * 1000 / max(1, len(samples)), 1)
                results.append(level)
        finally:
            server.stop()
        kind = f"gthread, je {args.threads} Threads" if args.threads > 1 else "sync"
        text = table(f"{label} – gunicorn {args.workers} Worker ({kind})", results)
        log("\n" + text + "\n")
        report["runs"].append({"database": label, "levels": results})
        target = next((r for r in results if r["users"] == TARGET_USERS and r["think_s"]), None)
        if target and (target["p95_ms"] > TARGET_P95_MS or target["errors"]):
            ok = False
            log(
                f"Ziel verfehlt ({label}): p95 {target['p95_ms']} ms bei {TARGET_USERS} Nutzern "
                f"(Ziel ≤ {TARGET_P95_MS:.0f} ms), {target['errors']} Fehler."
            )
        if any(r["errors"] for r in results):
            ok = False
    report["load_after"] = load_average()
    dump(ROOT / "var" / "load-results.json", report)
    log(f"Lauf {started} – {report['machine']}; {report['load_after']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
