"""The register import killed with SIGKILL while it writes leaves nothing behind, and the
next run imports everything (`make faults` does the same at full size on PostgreSQL).

A real `bildungsnetz import_schools` process works on a copy of the test database (SQLite:
a file backed up from the in-memory test database; PostgreSQL: the test database itself),
is killed once its write transaction is open and has been writing for a moment, and the rows
are counted with a separate connection."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.schools.register_files import REAL_REGISTER

ROWS = 2000


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "sqlite":
        copy = tmp_path / "kopie.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _count(url: str) -> tuple[int, int]:
    queries = ("SELECT count(*) FROM schools_school", "SELECT count(*) FROM schools_importrun")
    if url.startswith("sqlite:"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return tuple(conn.execute(q).fetchone()[0] for q in queries)
    with connection.cursor() as cursor:
        out = []
        for q in queries:
            cursor.execute(q)
            out.append(cursor.fetchone()[0])
        return tuple(out)


def _writing(url: str) -> bool:
    """Is a write transaction open on the database (other than ours)?"""
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
            return False
        except sqlite3.OperationalError:  # "database is locked": the import holds the lock
            return True
        finally:
            conn.close()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def _wait(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not REAL_REGISTER.is_file(), reason="amtliches Register fehlt")
@pytest.mark.django_db(transaction=True)
def test_import_killed_mid_write_leaves_nothing_and_the_next_run_completes(
    tmp_path, reference_tables
):
    register = tmp_path / "schuldaten.csv"
    lines = REAL_REGISTER.read_text(encoding="utf-8").splitlines(keepends=True)
    register.write_text("".join(lines[: 2 + ROWS]), encoding="utf-8")  # sep line, header
    url = _database_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": str(tmp_path / "var")}
    command = [
        str(Path(sys.executable).parent / "bildungsnetz"),
        "import_schools",
        str(register),
        "--allow-mass-closure",
    ]
    assert _count(url) == (0, 0)

    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert _wait(lambda: _writing(url), 60), "the import never started writing"
        time.sleep(0.3)
        assert proc.poll() is None, "the import finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert _wait(lambda: not _writing(url), 30)

    assert _count(url) == (0, 0)  # no school, no import run: the transaction died with it

    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1].startswith(f"created={ROWS} ")
    assert _count(url) == (ROWS, 1)
