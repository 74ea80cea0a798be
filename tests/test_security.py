"""`check --deploy` is clean with production settings taken from the environment, and
it would not be clean without them (so the check really looks at our settings).

The other security probes (cross-region writes, CSRF, headers, rate limit, uploads,
exports) live in tests/security/.
"""

import subprocess
import sys

from tests.security.test_headers import production_env


def _check_deploy(env):
    return subprocess.run(
        [sys.executable, "-m", "bildungsnetz", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    proc = _check_deploy(production_env(tmp_path))
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "no issues" in proc.stdout


def test_check_deploy_fails_without_https_settings(tmp_path):
    # Same environment, but neither HTTPS nor a long secret: the check must complain.
    proc = _check_deploy(production_env(tmp_path, HTTPS="0", SECRET_KEY="kurz"))
    assert proc.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert warning in proc.stderr + proc.stdout, warning
