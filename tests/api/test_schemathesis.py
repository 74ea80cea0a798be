"""schemathesis against our own OpenAPI document: every GET operation, generated inputs,
no server error and every response matching its documented schema.

Loaded from the WSGI application (no network); deterministic (derandomised Hypothesis,
no example database); runs in CI with the rest of the suite on SQLite and PostgreSQL.
Each operation is one test id, so a failure names the route.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from bildungsnetz.api.api import api
from bildungsnetz.api.services import create_token
from tests.factories import make_user

from .data import seed

# Paths are read from the document at collection time only to name the tests.
DOCUMENT = api.get_openapi_schema()
GET_PATHS = sorted(path for path, ops in DOCUMENT["paths"].items() if "get" in ops)
EXAMPLES = 8


@pytest.fixture(scope="module")
def wsgi_app():
    return get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """schemathesis calls the WSGI app directly, so Django's request signals close the
    database connection after every request – inside the test's transaction. Django's own
    test client switches this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("path", GET_PATHS)
def test_api_has_no_server_errors_and_matches_its_schema(path, wsgi_app):
    seed()
    headers = {}
    if DOCUMENT["paths"][path]["get"].get("security"):
        # Non-public routes: also with a token of the Bochum Bildungsbüro (200/403/404).
        user = make_user("petra.sommer@bochum.example.org", "bildungsbuero", "05911")
        headers["Authorization"] = "Bearer " + create_token(acting_user=user, name="Fuzz")[1]
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operation = loaded["/api/v1" + path.removeprefix("/api/v1")]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(
            response, checks=[not_a_server_error, response_schema_conformance], headers=headers
        )

    run()
