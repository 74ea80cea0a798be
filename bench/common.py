"""Shared helpers of the load, two-process and fault scripts (not of `make bench`).

Everything here drives the product from outside, as in production: `bildungsnetz` management
commands and gunicorn as subprocesses, plain HTTP over loopback, a real Celery worker. The
shared PostgreSQL (127.0.0.1:5432) and Redis (6379) are only used through databases of our
own (PostgreSQL database ``bn_<name>``, Redis DB number 7 by default); for the database
restart fault, :class:`PrivatePostgres` starts a throwaway cluster on another port.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REGISTER = Path(os.environ.get("BENCH_REGISTER", ROOT.parent / "shared/data/nrw/schuldaten.csv"))
SHARED_PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DEMO_EMAIL = "bildungsbuero.bochum@demo.bildungsnetz.nrw"
DEMO_PASSWORD = "Demo-Bildungsnetz-2026"
DEMO_REGION = "05911"  # Bochum: the demo account's region


def log(*parts) -> None:
    print(*parts, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"Zeitüberschreitung beim Warten auf {what or check}")


# --- Databases -----------------------------------------------------------------------------


def postgres_available(base: str = SHARED_PG) -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{base}/postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 – any failure means: no PostgreSQL here
        return False


def fresh_postgres(name: str, base: str = SHARED_PG) -> str:
    """Drop and create database ``name``; returns its DATABASE_URL."""
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.replace("postgresql://", "postgres://", 1) + f"/{name}"


def sql(database_url: str, query: str, params=()):
    """One query against a PostgreSQL or SQLite database URL; returns all rows."""
    if database_url.startswith("sqlite:"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30) as conn:
            return conn.execute(query.replace("%s", "?"), params).fetchall()
    import psycopg

    url = database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        return conn.execute(query, params).fetchall()


def flush_redis(url: str = REDIS_URL) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


class PrivatePostgres:
    """A throwaway PostgreSQL 15 cluster in a temp directory (run as user ``postgres``
    when we are root, because initdb refuses root). Only this one is ever restarted."""

    def __init__(self, port: int = 55432):
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="bn-pg-"))
        self.data = self.dir / "data"
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.dir, self.user)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(PG_BIN / args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check)

    def init(self) -> PrivatePostgres:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\nfsync = off\n"
            )
        return self.start()

    def start(self) -> PrivatePostgres:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    @property
    def base(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- The product as subprocesses -------------------------------------------------------------


def product_env(database_url: str, name: str, **extra: str) -> dict[str, str]:
    """Environment for `bildungsnetz`, gunicorn and celery: production-like (DEBUG off)."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    data_dir = ROOT / "var" / name
    data_dir.mkdir(parents=True, exist_ok=True)
    env.update(
        DJANGO_SETTINGS_MODULE="bildungsnetz.settings",
        DATABASE_URL=database_url,
        DATA_DIR=str(data_dir),
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY="bench-nur-lokal-" + "x" * 40,
        ENV_FILE=str(data_dir / "kein.env"),
        EMAIL_URL="dummymail://",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [str(BIN / "bildungsnetz"), *args], env=env, capture_output=True, text=True, check=False
    )
    if check and proc.returncode != 0:
        raise RuntimeError(f"bildungsnetz {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def prepare_dataset(env: dict, institutions: int = 20_000) -> str:
    """Migrate, load the real register plus the demo data (accounts, network, partners) and
    ``institutions`` generated verified institutions (as `make bench`)."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    register = str(REGISTER) if REGISTER.is_file() else ""
    out = manage(env, "load_demo", "--register", register).stdout
    if institutions:
        code = (
            f"import sys, django; sys.path.insert(0, {str(ROOT)!r}); django.setup(); "
            f"from bench.run import create_institutions; create_institutions({institutions})"
        )
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return out


@dataclass
class Gunicorn:
    env: dict
    port: int = 0
    workers: int = 2
    proc: subprocess.Popen | None = None
    extra: list[str] = field(default_factory=list)

    def start(self) -> Gunicorn:
        self.port = self.port or free_port()
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"), "bildungsnetz.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                "--backlog", "2048", "--timeout", "60", "--graceful-timeout", "5",
                "--log-level", "warning", *self.extra,
            ],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: get(self.url("/")).status < 500, 60, f"gunicorn :{self.port}")
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def kill(self, sig=signal.SIGKILL) -> None:
        """SIGKILL the whole process group: master and workers die at once, as in a crash."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def celery_worker(env: dict, name: str, concurrency: int = 1) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "celery"), "-A", "bildungsnetz", "worker", "--loglevel", "WARNING",
            "--concurrency", str(concurrency), "--pool", "prefork", "-n", f"{name}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def kill_group(proc: subprocess.Popen, sig=signal.SIGKILL) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        proc.wait(timeout=30)


# --- Plain HTTP (one connection per request, as a browser behind a proxy would) -------------


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(
    method: str, url: str, *, data: dict | None = None, headers=None, timeout: float = 30
) -> Response:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        body = urllib.parse.urlencode(data) if data is not None else None
        hdrs = {"Host": parts.netloc, **(headers or {})}
        if body is not None:
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def get(url: str, **kw) -> Response:
    return request("GET", url, **kw)


class Browser:
    """Cookies and CSRF like a browser, against any of several base URLs.

    ``host``: the Host header to send whatever the port, as a reverse proxy in front of
    several app processes does (CSRF origin and allauth's rate-limit key depend on it)."""

    def __init__(self, host: str | None = None):
        self.cookies: dict[str, str] = {}
        self.host = host

    def _headers(self, base: str, extra=None) -> dict:
        hdrs = {"Referer": base + "/", "Origin": base}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**hdrs, **(extra or {})}

    def _keep(self, resp: Response, raw_headers: list[str]) -> None:
        for raw in raw_headers:
            cookie = SimpleCookie()
            cookie.load(raw)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value

    def call(self, method: str, url: str, data: dict | None = None, timeout=30) -> Response:
        parts = urllib.parse.urlsplit(url)
        host = self.host or parts.netloc
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            body = None
            hdrs = self._headers(f"{parts.scheme}://{host}", {"Host": host})
            if data is not None:
                data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
                body = urllib.parse.urlencode(data)
                hdrs["Content-Type"] = "application/x-www-form-urlencoded"
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            result = Response(
                resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
            )
            self._keep(result, resp.headers.get_all("Set-Cookie") or [])
            return result
        finally:
            conn.close()

    def login(self, base: str, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> None:
        self.call("GET", base + "/konto/login/")
        resp = self.call("POST", base + "/konto/login/", {"login": email, "password": password})
        if resp.status != 302:
            raise RuntimeError(f"Anmeldung fehlgeschlagen: HTTP {resp.status}")


# --- Reporting -------------------------------------------------------------------------------


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    pg = ""
    try:
        pg = sql(f"{SHARED_PG}/postgres", "SHOW server_version")[0][0].split()[0]
    except Exception:  # noqa: BLE001 – report without the version
        pg = "?"
    return (
        f"{platform.machine()}, {os.cpu_count()} Kerne, {mem:.0f} GB RAM, "
        f"Python {platform.python_version()}, PostgreSQL {pg}"
    )


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"Last (1/5 min) {one:.1f}/{five:.1f}"


def verdict(name: str, ok: bool, details: str) -> bool:
    log(f"{'PASS' if ok else 'FAIL'}  {name}: {details}")
    return ok


def dump(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
