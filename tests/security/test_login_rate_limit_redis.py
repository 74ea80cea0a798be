"""The login rate limit lives in the shared cache (Redis in production): failed logins
counted by one app process lock the account for every other process too.

A separate OS process runs allauth's own pre-authentication step (the call that counts a
failed login) against the same Redis database; the test process then finds the correct
password refused. Redis runs on our machines and in CI, so this test never skips.
"""

import os
import subprocess
import sys
import textwrap

import pytest
import redis

from tests.factories import PASSWORD, make_user

REDIS_URL = os.environ.get("SECURITY_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
KEY_PREFIX = "bn-sicherheitsprobe"

FAILED_LOGINS = textwrap.dedent(
    """
    import sys

    import django

    django.setup()
    from allauth.account.adapter import get_adapter
    from django.core.exceptions import ValidationError
    from django.test import RequestFactory

    email, count = sys.argv[1], int(sys.argv[2])
    refused = 0
    for _ in range(count):
        request = RequestFactory().post("/konto/login/", REMOTE_ADDR="127.0.0.1")
        try:
            # What allauth does before checking a password; a failed check keeps the count.
            get_adapter(request).pre_authenticate(request, email=email, password="falsch")
        except ValidationError:
            refused += 1
    print(refused)
    """
)


@pytest.fixture
def redis_cache(settings):
    connection = redis.Redis.from_url(REDIS_URL)
    connection.ping()  # fails loudly when Redis is not running
    connection.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": KEY_PREFIX,
        }
    }
    yield connection
    connection.flushdb()
    connection.close()


def _fail_in_other_process(email: str, count: int, tmp_path) -> int:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bildungsnetz.settings",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": KEY_PREFIX,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path}/anderer-prozess.sqlite3",
        "DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    proc = subprocess.run(
        [sys.executable, "-c", FAILED_LOGINS, email, str(count)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_failed_logins_in_another_process_lock_the_account_here(client, redis_cache, tmp_path):
    make_user("klaus.becker@dortmund.de")
    make_user("ines.yilmaz@dortmund.de")

    # Five failures (the per-account limit) happen in another OS process.
    assert _fail_in_other_process("klaus.becker@dortmund.de", 5, tmp_path) == 0
    assert redis_cache.dbsize() > 0  # the counters are in Redis, not in process memory

    response = client.post(
        "/konto/login/", {"login": "klaus.becker@dortmund.de", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 429 or "Zu viele" in response.content.decode()

    # Control: another account on the same machine logs in normally.
    response = client.post(
        "/konto/login/", {"login": "ines.yilmaz@dortmund.de", "password": PASSWORD}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_other_process_sees_the_limit_reached_here(client, redis_cache, tmp_path):
    make_user("klaus.becker@dortmund.de")
    for _ in range(5):
        client.post("/konto/login/", {"login": "klaus.becker@dortmund.de", "password": "nein"})
    # The sixth attempt, in another process, is refused before any password check.
    assert _fail_in_other_process("klaus.becker@dortmund.de", 1, tmp_path) == 1
