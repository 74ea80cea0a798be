import os
import subprocess
import sys

import pytest
from django.test import Client


@pytest.mark.django_db
def test_security_headers_on_a_public_page(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_csrf_protection_is_active_on_forms():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/barrierefreiheit/rueckmeldung/", {"topic": "barriere", "message": "Kontrast zu gering"}
    )
    assert response.status_code == 403


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60 + "-Produktionsschluessel-0123456789",
        "ALLOWED_HOSTS": "bildungsnetz.example.org",
        "HTTPS": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3",
        "DATA_DIR": str(tmp_path),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bildungsnetz", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
