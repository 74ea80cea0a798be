"""Every operation of the OpenAPI document has a probe.

Public operations (open data about schools, regions, networks, the catalogue and
verified institutions) are listed with the reason. Every other operation must refuse
anonymous callers (401), tokens and sessions of another region (403/404) and revoked
tokens (401), while the own region's token is served; unsafe operations must in addition
leave the database unchanged. A new operation without an entry here fails the suite.
"""

import re

import pytest
from django.test import Client

from bildungsnetz.api import services as api_services
from bildungsnetz.api.api import api

from .world import attackers, build_world, db_fingerprint

PUBLIC_OPERATIONS = {
    "GET /api/v1/schools": "amtliche Schuldaten (offene Daten des Landes)",
    "GET /api/v1/schools/{schulnummer}": "amtliche Schuldaten mit zuständiger Schulaufsicht",
    "GET /api/v1/regions": "Kreise und kreisfreie Städte",
    "GET /api/v1/regions/{ags}": "eine Region",
    "GET /api/v1/networks": "Übersicht der Bildungsnetzwerke (öffentlich auf der Website)",
    "GET /api/v1/networks/practice-examples": "veröffentlichte Praxisbeispiele",
    "GET /api/v1/networks/{ags}": "öffentliche Netzwerkseite",
    "GET /api/v1/networks/{ags}/bodies": "Gremien (öffentlich auf der Netzwerkseite)",
    "GET /api/v1/networks/{ags}/meetings": "nur öffentliche Sitzungen",
    "GET /api/v1/catalogue/criteria": "Unterstützungskatalog",
    "GET /api/v1/catalogue/materials": "veröffentlichte Einträge des Katalogs",
    "GET /api/v1/institutions": "nur geprüfte Einrichtungen",
    "GET /api/v1/institutions/{institution_id}": "eine geprüfte Einrichtung",
    "GET /api/v1/partnerships": "nur veröffentlichte Partnerschaften",
}
UNSAFE = {"post", "put", "patch", "delete"}


def operations():
    schema = api.get_openapi_schema()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield method.lower(), path, op


def _path_values(world):
    return {
        "ags": world["region"].ags,
        "schulnummer": world["school"].schulnummer,
        "institution_id": world["library"].pk,
        "survey_id": world["survey"].pk,
    }


def _url(path, world):
    values = _path_values(world)

    def fill(match):
        name = match[1]
        if name not in values:
            raise KeyError(f"no recipe for API path parameter {{{name}}} in {path}")
        return str(values[name])

    return re.sub(r"\{(\w+)\}", fill, path)


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def test_every_operation_is_public_by_intent_or_protected():
    problems = []
    for method, path, op in operations():
        key = f"{method.upper()} {path}"
        if key in PUBLIC_OPERATIONS:
            if method in UNSAFE:
                problems.append(f"{key}: an unsafe operation cannot be public")
            if op.get("security"):
                problems.append(f"{key}: listed as public but requires authentication")
        elif not op.get("security"):
            problems.append(f"new API operation without probe: {key} (no authentication)")
    assert problems == [], "\n".join(problems)


def test_protected_operations_refuse_other_regions_anonymous_and_revoked_tokens(world):
    own_token = world["api_secret"]
    foreign = {}
    for key, user in attackers().items():
        _token, secret = api_services.create_token(acting_user=user, name="Probe")
        foreign[key] = (user, secret)
    revoked, revoked_secret = api_services.create_token(acting_user=world["author"], name="Alt")
    api_services.revoke_token(revoked, acting_user=world["author"])

    probed, problems = 0, []
    for method, path, _op in operations():
        key = f"{method.upper()} {path}"
        if key in PUBLIC_OPERATIONS:
            continue
        try:
            url = _url(path, world)
        except KeyError as exc:
            problems.append(f"new API operation without probe: {key} – {exc}")
            continue
        probed += 1
        call = getattr(Client(), method)
        before = db_fingerprint()
        anonymous = call(url)
        if anonymous.status_code != 401:
            problems.append(f"{key} anonymous: {anonymous.status_code}, expected 401")
        bad = call(url, headers={"Authorization": f"Bearer {revoked_secret}"})
        if bad.status_code != 401:
            problems.append(f"{key} revoked token: {bad.status_code}, expected 401")
        for who, (user, secret) in foreign.items():
            with_token = call(url, headers={"Authorization": f"Bearer {secret}"})
            if with_token.status_code not in (403, 404):
                problems.append(f"{key} token of {who}: {with_token.status_code}")
            session = Client()
            session.force_login(user)
            before_session = db_fingerprint()
            by_session = getattr(session, method)(url)
            if by_session.status_code not in (401, 403, 404):
                problems.append(f"{key} session of {who}: {by_session.status_code}")
            if method in UNSAFE and db_fingerprint() != before_session:
                problems.append(f"{key} session of {who}: database changed")
        if method in UNSAFE and db_fingerprint() != before:
            problems.append(f"{key}: database changed by refused calls")
        if method == "get":
            own = call(url, headers={"Authorization": f"Bearer {own_token}"})
            if own.status_code != 200:
                problems.append(f"{key} own region's token: {own.status_code}, expected 200")
    print(f"API probes: {probed} protected operations probed")
    assert problems == [], "\n".join(problems)
    assert probed >= 2  # work orders and persons of a network at least


def test_public_operations_answer_and_refuse_unsafe_methods(world):
    problems = []
    paths = {path for _m, path, _op in operations()}
    for method, path, _op in operations():
        key = f"{method.upper()} {path}"
        if key not in PUBLIC_OPERATIONS:
            continue
        try:
            url = _url(path, world)
        except KeyError as exc:
            problems.append(f"new API operation without probe: {key} – {exc}")
            continue
        response = Client().get(url)
        if response.status_code != 200:
            problems.append(f"{key}: {response.status_code}")
    # No path answers an unsafe method it does not declare.
    declared = {(m, p) for m, p, _op in operations()}
    for path in paths:
        try:
            url = _url(path, world)
        except KeyError:
            continue  # reported above
        for method in sorted(UNSAFE):
            if (method, path) in declared:
                continue
            before = db_fingerprint()
            response = getattr(Client(), method)(url, content_type="application/json")
            if response.status_code not in (401, 403, 404, 405):
                problems.append(f"{method.upper()} {path}: {response.status_code}")
            if db_fingerprint() != before:
                problems.append(f"{method.upper()} {path}: database changed")
    assert problems == [], "\n".join(problems)
