"""CSRF protection is active on every write view of every app: a logged-in POST without
token is refused with 403 before the view runs; with the token from the form it passes."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_user
from tests.permissions.test_write_view_registry import WRITE_VIEWS

from .probes import _is_ours, _patterns, build_probes
from .world import build_world, db_fingerprint

# Views that may be posted without a CSRF token, with the reason. Nothing else may be exempt.
CSRF_EXEMPT = {
    "network:newsletter_unsubscribe": "Ein-Klick-Abmeldung nach RFC 8058: Mailprogramme senden "
    "den POST ohne Sitzung; das signierte Token in der Adresse entscheidet",
}


def test_only_the_listed_views_are_csrf_exempt():
    exempt = {
        name
        for name, _route, pattern in _patterns()
        if _is_ours(pattern) and getattr(pattern.callback, "csrf_exempt", False)
    }
    assert exempt == set(CSRF_EXEMPT)


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused_on_every_write_view(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("martina.lehmkuhl@msb.nrw.de", "land", None))
    probes = {p.name: p for p in build_probes(world) if not p.missing}
    apps, problems = set(), []
    for name in WRITE_VIEWS:
        if name not in probes or name in CSRF_EXEMPT:
            continue  # a registry entry without URL is reported by the registry test
        url = reverse(name, kwargs=probes[name].kwargs)
        before = db_fingerprint()
        response = client.post(url, {"title": "Ohne Token"})
        if response.status_code != 403 or b"CSRF" not in response.content:
            problems.append(f"{name} ({url}): {response.status_code}")
        if db_fingerprint() != before:
            problems.append(f"{name} ({url}): database changed")
        apps.add(name.split(":")[0])
    assert problems == [], "\n".join(problems)
    assert {"core", "schools", "network", "partners", "catalogue", "api"} <= apps


@pytest.mark.django_db
def test_the_same_post_with_the_forms_token_passes_the_check():
    from bildungsnetz.core.services import ensure_default_pages

    ensure_default_pages()
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("martina.lehmkuhl@msb.nrw.de", "land", None))
    client.get("/seiten/impressum/bearbeiten/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/seiten/impressum/bearbeiten/", {"csrfmiddlewaretoken": token, "body_de": ""}
    )
    assert response.status_code == 200  # the view ran: the form shows its own error
    assert b"CSRF" not in response.content
