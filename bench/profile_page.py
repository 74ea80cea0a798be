"""Where does a page spend its time? ``python bench/profile_page.py URL [--land]``.

Uses the database the last ``make bench`` left behind (``var/bench/bench.sqlite3``, or
``DATABASE_URL``): requests the page through the bench URLs (full stack, test client) a few
times, then prints the median time, the number and total time of the SQL queries, the slowest
queries and the top functions of a cProfile run (cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--land", action="store_true", help="angemeldet als Landesbenutzer")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")
    os.environ.setdefault("DATA_DIR", str(ROOT / "var" / "bench"))
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.dataset import land_user

    client = Client()
    if args.land:
        client.force_login(land_user())
    client.get(args.url)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        response = client.get(args.url)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{args.url}: HTTP {response.status_code}, {len(response.content)} Bytes, "
          f"Median {statistics.median(times):.1f} ms")  # fmt: skip
    with CaptureQueriesContext(connection) as ctx:
        client.get(args.url)
    sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    print(f"{len(ctx)} Abfragen, zusammen {sql_ms:.1f} ms")
    for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:5]:
        print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(args.url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
