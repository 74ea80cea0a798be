"""`make faults`: what happens when the database, a job worker or an import dies.

(a) PostgreSQL restart during requests – against a private throwaway cluster on a free port
    (BENCH_PRIVATE_PG_PORT to choose one; never the shared server): while it is down, every
    page answers with the German 503 page (no 500, no traceback); after it is back, the
    same gunicorn processes answer 200 again.
(b) Celery worker killed with SIGKILL mid-job – a real newsletter send (one mail per
    confirmed subscription, recorded as NewsletterDelivery) via the Redis broker (DB 7):
    b1 kills the pool process running the job (the master re-queues it:
    task_reject_on_worker_lost), b2 kills the whole worker (the message stays unacknowledged
    in Redis and a new worker gets it after the visibility timeout). Afterwards every
    subscription has exactly one delivery, and the mails sent are counted.
(c) Register import killed with SIGKILL while writing – no school and no ImportRun were
    written; the next run imports everything.

Each case prints PASS/FAIL with counts; the exit status is non-zero if one fails.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    BIN,
    REDIS_URL,
    REGISTER,
    Browser,
    Gunicorn,
    PrivatePostgres,
    celery_worker,
    flush_redis,
    free_port,
    fresh_postgres,
    get,
    kill_group,
    log,
    machine,
    manage,
    prepare_dataset,
    product_env,
    sql,
    verdict,
    wait_for,
)

PAGES = ["/", "/regionen/05911/", "/schulen/?q=Gymn+Boch", "/schulen/100011/", "/api/v1/regions"]
GERMAN_503 = "Vorübergehend nicht erreichbar"


# --- (a) PostgreSQL restart --------------------------------------------------------------------


def fault_database_restart(outage: float) -> bool:
    pg = PrivatePostgres(int(os.environ.get("BENCH_PRIVATE_PG_PORT", 0)) or free_port())
    server = None
    try:
        pg.init()
        url = fresh_postgres("bn_fault", base=pg.base)
        env = product_env(url, "faults-pg")
        log("(a) privates PostgreSQL auf Port", pg.port, "– Datenbestand aufbauen …")
        prepare_dataset(env, institutions=0)
        server = Gunicorn(env).start()
        for path in PAGES:
            assert get(server.url(path)).status == 200, path
        results: list[tuple[str, float, int, str]] = []  # phase, time, status, body marker
        phase = ["vorher"]
        stop = threading.Event()

        staff = Browser()
        staff.login(server.url(""))
        assert staff.call("GET", server.url("/mein-bereich/")).status == 200

        def hammer(logged_in: bool) -> None:
            i = 0
            while not stop.is_set():
                path = "/mein-bereich/" if logged_in else PAGES[i % len(PAGES)]
                i += 1
                started_in = phase[0]
                try:
                    if logged_in:
                        resp = staff.call("GET", server.url(path), timeout=20)
                    else:
                        resp = get(server.url(path), timeout=20)
                    marker = "503-Seite" if GERMAN_503 in resp.text else ""
                    if "Traceback" in resp.text:
                        marker = "Traceback"
                    results.append((started_in, time.monotonic(), resp.status, marker))
                except OSError as exc:
                    results.append((started_in, time.monotonic(), 0, type(exc).__name__))
                time.sleep(0.02)

        threads = [threading.Thread(target=hammer, args=(n == 0,)) for n in range(3)]
        for t in threads:
            t.start()
        time.sleep(2)
        phase[0] = "Herunterfahren"
        pg.stop("fast")  # terminates every session, as a restart does
        phase[0] = "Ausfall"
        time.sleep(outage)
        phase[0] = "Neustart"
        pg.start()
        restarted = time.monotonic()
        time.sleep(0.2)
        phase[0] = "nachher"
        time.sleep(5)
        stop.set()
        for t in threads:
            t.join()
        pids_before = server.proc.pid
        by_phase: dict[str, dict[str, int]] = {}
        for ph, _, status, marker in results:
            key = f"{status}{' ' + marker if marker else ''}"
            by_phase.setdefault(ph, {}).setdefault(key, 0)
            by_phase[ph][key] += 1
        outage_rows = [r for r in results if r[0] == "Ausfall"]
        after = [r for r in results if r[0] == "nachher"]
        first_ok = next((t for ph, t, s, _ in results if t >= restarted and s == 200), None)
        clean_outage = bool(outage_rows) and all(
            s == 503 and m == "503-Seite" for _, _, s, m in outage_rows
        )
        no_500 = not any(s >= 500 and s != 503 for _, _, s, _ in results)
        recovered = bool(after) and all(s == 200 for _, _, s, _ in after)
        same_app = server.proc.poll() is None and server.proc.pid == pids_before
        details = "; ".join(
            f"{ph}: " + ", ".join(f"{k}×{v}" for k, v in sorted(counts.items()))
            for ph, counts in by_phase.items()
        )
        wait = f"{(first_ok - restarted):.2f} s" if first_ok else "nie"
        return verdict(
            "(a) PostgreSQL-Neustart",
            clean_outage and no_500 and recovered and same_app,
            f"{details}; erste 200 nach Neustart nach {wait}; App nicht neu gestartet: {same_app}",
        )
    finally:
        if server:
            server.stop()
        pg.destroy()


# --- (b) Celery worker killed mid-job ------------------------------------------------------------

SETUP_NEWSLETTER = """
import django, sys
django.setup()
from django.utils import timezone
from bildungsnetz.core.models import User
from bildungsnetz.network.models import NewsItem, NewsletterSubscription
from bildungsnetz.network.news_services import send_news_as_newsletter
from bildungsnetz.regions.models import Region
n, tag = int(sys.argv[1]), sys.argv[2]
region = Region.objects.get(ags="05911")
NewsletterSubscription.objects.bulk_create([
    NewsletterSubscription(email=f"leser{i}.{tag}@beispiel-schule.de", region=region,
                           confirmed_at=timezone.now())
    for i in range(n)
])
item = NewsItem.objects.create(region=region, title=f"Fachtag Ganztag ({tag})",
    text="Der Fachtag zum Ganztag findet im Rathaus statt.", is_public=True,
    published_at=timezone.now())
land = User.objects.get(email="land@demo.bildungsnetz.nrw")
print(item.pk, send_news_as_newsletter(item, acting_user=land, base_url="http://127.0.0.1/"))
"""


def _pool_children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def fault_worker_killed(subscriptions: int, whole_worker: bool, url: str, env: dict) -> bool:
    tag = "b2" if whole_worker else "b1"
    mail_dir = Path(env["DATA_DIR"]) / f"mails-{tag}"
    mail_dir.mkdir(parents=True, exist_ok=True)
    for old in mail_dir.iterdir():
        old.unlink()
    env = {**env, "EMAIL_URL": f"filemail:///{mail_dir}"}  # 4 slashes: absolute
    proc = subprocess.run(
        [sys.executable, "-c", SETUP_NEWSLETTER, str(subscriptions), tag],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    item_id, count = (int(n) for n in proc.stdout.split()[-2:])  # recipients of this item

    def delivered() -> int:
        return sql(
            url, "SELECT count(*) FROM network_newsletterdelivery WHERE news_item_id=%s", (item_id,)
        )[0][0]

    worker = celery_worker(env, f"fault-{tag}")
    try:
        wait_for(lambda: delivered() >= count // 4, 120, "erste Zustellungen")
        before_kill = delivered()
        if whole_worker:
            kill_group(worker)  # master and pool die together: nobody acknowledges the job
        else:
            children = _pool_children(worker.pid)
            for child in children:
                os.kill(child, signal.SIGKILL)  # the process running the job
        at_kill, killed = delivered(), time.monotonic()
        log(f"({tag}) Worker getötet nach {at_kill} von {count} Zustellungen")
        if whole_worker:
            worker = celery_worker(env, f"fault-{tag}-neu")
        wait_for(lambda: delivered() > at_kill, 240, "erneute Zustellung")
        resumed = time.monotonic() - killed
        wait_for(lambda: delivered() >= count, 240, "alle Zustellungen")
        time.sleep(2)  # a duplicate run, if any, would add mails now
        rows = delivered()
        distinct = sql(
            url,
            "SELECT count(DISTINCT subscription_id) FROM network_newsletterdelivery "
            "WHERE news_item_id=%s",
            (item_id,),
        )[0][0]
        mails = sum(
            f.read_text(errors="replace").count("\nSubject: ") for f in mail_dir.glob("*.log")
        )
        recipients = [
            line.split(":", 1)[1].strip()
            for f in mail_dir.glob("*.log")
            for line in f.read_text(errors="replace").splitlines()
            if line.startswith("To: ")
        ]
        duplicates = len(recipients) - len(set(recipients))
        ok = rows == count and distinct == count and mails >= count and duplicates <= 1
        what = "ganzer Worker" if whole_worker else "Pool-Prozess mit dem Job"
        return verdict(
            f"({tag}) Celery-Worker getötet ({what})",
            ok,
            f"{count} Empfänger, beim Töten {before_kill}–{at_kill} zugestellt; Job nach "
            f"{resumed:.1f} s erneut ausgeliefert; danach "
            f"{rows} Zustellungen ({distinct} verschiedene Abonnements), {mails} Mails, "
            f"davon doppelt {duplicates} (höchstens 1 möglich: Mail gesendet, Commit nicht mehr)",
        )
    finally:
        kill_group(worker, signal.SIGTERM)


# --- (c) import killed ------------------------------------------------------------------------


def fault_import_killed() -> bool:
    url = fresh_postgres("bn_fault_import")
    env = product_env(url, "faults-import")
    manage(env, "migrate", "--no-input", "-v", "0")

    def counts() -> tuple[int, int]:
        return (
            sql(url, "SELECT count(*) FROM schools_school")[0][0],
            sql(url, "SELECT count(*) FROM schools_importrun")[0][0],
        )

    before = counts()
    proc = subprocess.Popen(
        [str(BIN / "bildungsnetz"), "import_schools", str(REGISTER), "--allow-mass-closure"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip

    def writing() -> bool:
        rows = sql(
            "postgres://postgres@127.0.0.1:5432/postgres",
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'bn_fault_import' "
            "AND backend_xid IS NOT NULL",
        )
        return rows[0][0] > 0

    wait_for(writing, 120, "Import schreibt")
    time.sleep(0.5)  # well into the writing transaction
    still_running = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    wait_for(lambda: not writing(), 30, "Abbruch der Transaktion")
    after_kill = counts()
    time.sleep(1.5)  # PostgreSQL publishes the ended backend's statistics

    def inserted() -> int:
        return sql(
            url, "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'schools_school'"
        )[0][0]

    rolled_back = inserted()
    second = manage(env, "import_schools", str(REGISTER), "--allow-mass-closure")
    after_rerun = counts()
    summary = second.stdout.strip().splitlines()[-1]
    ok = still_running and after_kill == before and after_rerun[0] > 5000 and after_rerun[1] == 1
    return verdict(
        "(c) Import mit SIGKILL abgebrochen",
        ok,
        f"vorher {before[0]} Schulen/{before[1]} Importläufe; nach dem Töten mitten im "
        f"Schreiben {after_kill[0]}/{after_kill[1]} (die getötete Transaktion hatte "
        f"{rolled_back} Schulzeilen geschrieben, alle zurückgerollt); nächster Lauf: {summary} → "
        f"{after_rerun[0]}/{after_rerun[1]}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="a,b,c", help="Auswahl, z. B. a,c")
    parser.add_argument("--outage", type=float, default=4.0, help="Sekunden ohne Datenbank")
    parser.add_argument("--mails", type=int, default=1500, help="Abonnements im Newsletter-Job")
    args = parser.parse_args()
    only = set(args.only.split(","))
    log(f"Fehlerfälle – {machine()}")
    results = []
    if "a" in only:
        results.append(fault_database_restart(args.outage))
    if "b" in only:
        url = fresh_postgres("bn_fault_jobs")
        flush_redis()
        env = product_env(
            url, "faults-jobs", REDIS_URL=REDIS_URL, CELERY_BROKER_VISIBILITY_TIMEOUT="20"
        )
        log("(b) Datenbestand aufbauen …")
        prepare_dataset(env, institutions=0)
        results.append(fault_worker_killed(args.mails, False, url, env))
        results.append(fault_worker_killed(args.mails, True, url, env))
        flush_redis()
    if "c" in only:
        results.append(fault_import_killed())
    log(f"{sum(results)} von {len(results)} Fehlerfällen bestanden.")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
