"""`make two-processes`: two gunicorn processes against one PostgreSQL and one Redis.

Both processes get the same settings (REDIS_URL → cache, sessions and the Celery broker
in Redis DB 7; one PostgreSQL database bn_two). The script shows:

1. a session created by logging in on process A is valid on process B;
2. a cache entry written by one is read by the other: five failed logins on A lock the
   account on B too (allauth's login rate limit counts in the cache), and the key is in Redis;
3. a job enqueued by A (newsletter sign-up → confirmation mail) is executed by a separate
   Celery worker: the web processes have no mail backend, only the worker writes mails;
4. a write-heavy run: 8 client threads create organisations through the real form view
   (logged in as the Bochum Bildungsbüro), spread over A and B like a load balancer; each
   organisation's name is the client's unique key (the database has a unique constraint on
   region + name, and the service refuses a second one with the same name). Midway, A is
   killed with SIGKILL (master and workers) and restarted. A request that failed with a
   connection error or 5xx is retried (on the other process); a retry that finds its name
   taken ("gibt es schon") counts as landed. Afterwards: every 302 answer has exactly one
   row, no name twice, no key lost, one audit entry per row.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    DEMO_REGION,
    REDIS_URL,
    Browser,
    Gunicorn,
    celery_worker,
    flush_redis,
    fresh_postgres,
    kill_group,
    log,
    machine,
    prepare_dataset,
    product_env,
    sql,
    verdict,
    wait_for,
)

ALREADY = "gibt es schon"
LAND_EMAIL = "land@demo.bildungsnetz.nrw"
PROXY_HOST = "127.0.0.1:8080"  # one public name for both processes, as behind a proxy


def check_session(a: Gunicorn, b: Gunicorn) -> bool:
    browser = Browser(PROXY_HOST)
    browser.login(a.url(""))
    on_b = browser.call("GET", b.url("/mein-bereich/"))
    anonymous = Browser(PROXY_HOST).call("GET", b.url("/mein-bereich/"))
    return verdict(
        "1 Sitzung geteilt",
        on_b.status == 200 and anonymous.status == 302,
        f"Anmeldung auf A, /mein-bereich/ auf B: HTTP {on_b.status} "
        f"(ohne Sitzung: HTTP {anonymous.status})",
    )


def check_cache(a: Gunicorn, b: Gunicorn) -> bool:
    import redis

    statuses = []
    for _ in range(5):
        browser = Browser(PROXY_HOST)
        browser.call("GET", a.url("/konto/login/"))
        resp = browser.call(
            "POST", a.url("/konto/login/"), {"login": LAND_EMAIL, "password": "falsch-falsch-1"}
        )
        statuses.append(resp.status)
    keys = [k.decode() for k in redis.Redis.from_url(REDIS_URL).keys("*rl:*")]
    browser = Browser(PROXY_HOST)
    browser.call("GET", b.url("/konto/login/"))
    right = browser.call(
        "POST",
        b.url("/konto/login/"),
        {"login": LAND_EMAIL, "password": "Demo-Bildungsnetz-2026"},
    )
    return verdict(
        "2 Cache geteilt",
        right.status != 302 and bool(keys),
        f"5 Fehlversuche auf A (HTTP {','.join(map(str, statuses))}), danach richtiges "
        f"Passwort auf B: HTTP {right.status} (gesperrt, keine Weiterleitung); "
        f"{len(keys)} Zählerschlüssel in Redis",
    )


def check_job(a: Gunicorn, mail_dir: Path) -> bool:
    email = f"probe-{uuid.uuid4().hex[:8]}@beispiel-schule.de"
    browser = Browser(PROXY_HOST)
    browser.call("GET", a.url("/netzwerk/newsletter/"))
    resp = browser.call(
        "POST", a.url("/netzwerk/newsletter/"), {"email": email, "region": DEMO_REGION}
    )

    def mailed() -> bool:
        return any(email in f.read_text(errors="replace") for f in mail_dir.glob("*.log"))

    try:
        wait_for(mailed, 60, "Bestätigungsmail")
        ok = True
    except TimeoutError:
        ok = False
    return verdict(
        "3 Job über Redis an Celery",
        resp.status == 302 and ok,
        f"Anmeldung auf A: HTTP {resp.status}; Bestätigungsmail vom Celery-Worker "
        f"geschrieben: {ok}",
    )


def write_run(a: Gunicorn, b: Gunicorn, url: str, total: int, threads: int, kill_at: float):
    run = uuid.uuid4().hex[:6]
    login = Browser(PROXY_HOST)
    login.login(a.url(""))
    keys = [f"Lastprobe {run} {i:05d}" for i in range(total)]
    next_key = iter(range(total))
    lock = threading.Lock()
    outcome: dict[str, str] = {}
    stats = Counter()
    done = [0]
    path = f"/netzwerk/{DEMO_REGION}/akteure/organisation/neu/"

    def client(n: int) -> None:
        browser = Browser(PROXY_HOST)
        browser.cookies = {k: login.cookies[k] for k in ("sessionid", "csrftoken")}
        while True:
            with lock:
                i = next(next_key, None)
            if i is None:
                return
            key = keys[i]
            servers = [a, b] if (i + n) % 2 == 0 else [b, a]
            attempt = 0
            while True:
                server = servers[attempt % 2]
                attempt += 1
                try:
                    resp = browser.call(
                        "POST", server.url(path), {"name": key, "kind": "sonstige"}, timeout=60
                    )
                except OSError:
                    with lock:
                        stats["Verbindungsfehler (wiederholt)"] += 1
                    time.sleep(0.2)
                    continue
                finally:
                    browser.cookies.pop("messages", None)
                if resp.status == 302:
                    result = "302" if attempt == 1 else "302 nach Wiederholung"
                    break
                if resp.status == 200 and ALREADY in resp.text:
                    result = "schon da (Wiederholung nach Commit)"
                    break
                with lock:
                    stats[f"HTTP {resp.status} (wiederholt)"] += 1
                if attempt > 20:
                    result = f"aufgegeben HTTP {resp.status}"
                    break
                time.sleep(0.2)
            with lock:
                outcome[key] = result
                stats[result] += 1
                done[0] += 1

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    started = time.monotonic()
    for t in workers:
        t.start()
    wait_for(lambda: done[0] >= total * kill_at, 600, "Hälfte der Schreibvorgänge")
    killed_after = done[0]
    a.kill()  # SIGKILL to master and workers
    log(f"4 Prozess A mit SIGKILL beendet nach {killed_after} von {total} Schreibvorgängen")
    time.sleep(1.0)
    a.start()
    log(f"4 Prozess A neu gestartet auf Port {a.port}")
    for t in workers:
        t.join()
    seconds = time.monotonic() - started
    like = f"Lastprobe {run} %"
    rows = sql(url, "SELECT count(*) FROM network_organisation WHERE name LIKE %s", (like,))[0][0]
    distinct = sql(
        url, "SELECT count(DISTINCT name) FROM network_organisation WHERE name LIKE %s", (like,)
    )[0][0]
    audit = sql(
        url,
        "SELECT count(*) FROM core_auditentry WHERE action = 'network.organisation.created' "
        "AND object_id IN (SELECT id::text FROM network_organisation WHERE name LIKE %s)",
        (like,),
    )[0][0]
    acknowledged = sum(1 for r in outcome.values() if r.startswith("302") or r.startswith("schon"))
    missing = total - distinct
    ok = rows == total and distinct == total and acknowledged == total and audit == total
    details = ", ".join(f"{k}: {v}" for k, v in sorted(stats.items()))
    return verdict(
        "4 Schreiblast mit SIGKILL",
        ok,
        f"{total} Schlüssel in {seconds:.1f} s ({total / seconds:.0f}/s, {threads} Clients); "
        f"{details}; Zeilen {rows}, verschiedene Namen {distinct}, fehlend {missing}, "
        f"doppelt {rows - distinct}, Protokolleinträge {audit}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    log(f"Zwei Prozesse – {machine()}")
    url = fresh_postgres("bn_two")
    flush_redis()
    base = product_env(url, "two", REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX="bn-two")
    mail_dir = Path(base["DATA_DIR"]) / "mails"
    mail_dir.mkdir(parents=True, exist_ok=True)
    for old in mail_dir.iterdir():
        old.unlink()
    log("Datenbestand aufbauen …")
    prepare_dataset(base, institutions=0)
    flush_redis()  # nothing from the preparation left in the cache
    web_env = {**base, "EMAIL_URL": "dummymail://"}  # web processes cannot send mail
    worker_env = {**base, "EMAIL_URL": f"filemail:///{mail_dir}"}
    a, b = Gunicorn(web_env).start(), Gunicorn(web_env).start()
    worker = celery_worker(worker_env, "two")
    log(f"Prozess A :{a.port}, Prozess B :{b.port}, Celery-Worker pid {worker.pid}")
    try:
        results = [
            check_session(a, b),
            check_cache(a, b),
            check_job(a, mail_dir),
            write_run(a, b, url, args.writes, args.threads, 0.4),
        ]
    finally:
        a.stop()
        b.stop()
        kill_group(worker)
        flush_redis()
    log(f"{sum(results)} von {len(results)} Prüfungen bestanden.")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
