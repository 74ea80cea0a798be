"""Security headers on HTML pages, API responses and error pages (404, 500, 503);
HSTS only over HTTPS (directly or behind a proxy that says so)."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.test import Client

PAGES = {
    "Startseite": ("/", 200),
    "Schulsuche": ("/schulen/", 200),
    "Anmeldung": ("/konto/login/", 200),
    "API": ("/api/v1/regions", 200),
    "API-Beschreibung": ("/api/v1/openapi.json", 200),
    "404": ("/gibt-es-nicht/", 404),
    "API-404": ("/api/v1/regions/99999", 404),
    "500": ("/probe/fehler/", 500),
    "503": ("/probe/datenbank-weg/", 503),
}


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls_faults")
@pytest.mark.parametrize("label", PAGES)
def test_security_headers(label):
    url, status = PAGES[label]
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status, label
    csp = _csp(response)
    scripts = csp.get("script-src", csp.get("default-src"))
    assert scripts == ["'self'"], (label, scripts)  # no unsafe-inline, no unsafe-eval
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(csp.get("style-src", []))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # Plain http (development, tests): no HSTS, which would lock browsers out of http.
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_hsts_is_sent_over_https_only(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert "Strict-Transport-Security" not in Client().get("/api/v1/regions")
    secure = Client().get("/api/v1/regions", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


PRODUCTION_PROBE = textwrap.dedent(
    """
    import json

    import django

    django.setup()
    from django.test import Client

    host = "bildungsnetz.example.org"
    client = Client(HTTP_HOST=host)
    https = client.get("/api/v1/openapi.json", headers={"X-Forwarded-Proto": "https"})
    http = client.get("/api/v1/openapi.json")
    print(json.dumps({
        "https_status": https.status_code,
        "https_hsts": https.get("Strict-Transport-Security"),
        "https_cookie_secure": __import__("django.conf").conf.settings.SESSION_COOKIE_SECURE,
        "http_status": http.status_code,
        "http_location": http.get("Location"),
        "http_hsts": http.get("Strict-Transport-Security"),
    }))
    """
)


def production_env(tmp_path, **extra) -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "bildungsnetz.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k7Vq9-Zp3Lr_8wN2xT6yB1cF4hJ0mS5dG8aE3uR7iO2pK9lQ6nW1vX4zC0bY7tH5",
        "ALLOWED_HOSTS": "bildungsnetz.example.org",
        "HTTPS": "1",
        "BEHIND_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3",
        "DATA_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def test_production_settings_send_hsts_behind_an_https_proxy_only(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["https_status"] == 200
    assert result["https_hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert result["https_cookie_secure"] is True
    # Plain http is redirected to https and carries no HSTS header.
    assert result["http_status"] == 301
    assert result["http_location"] == "https://bildungsnetz.example.org/api/v1/openapi.json"
    assert result["http_hsts"] is None
