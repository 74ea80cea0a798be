"""Every view of ours that accepts POST refuses it from accounts of another region and
leaves the database untouched; anonymous visitors are sent to the login.

The list of views comes from the URL resolver (tests/security/probes.py). A view is a
write view when it does not answer a POST of the Land account with 405. Public forms
that legitimately accept anonymous POSTs are listed below with the reason.
"""

import json
import os
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.factories import make_user
from tests.permissions.test_write_view_registry import WRITE_VIEWS

from .probes import build_probes
from .world import attackers, build_world, db_fingerprint

# Accept POSTs from anyone by design; the probe still checks that an empty POST writes nothing.
PUBLIC_WRITE_VIEWS = {
    "core:feedback": "Rückmeldung zur Barrierefreiheit: öffentliches Formular, ändert nichts "
    "Gemeinsames, begrenzt je Adresse und Stunde",
    "network:newsletter": "Newsletter-Anmeldung: nur das eigene Abonnement, Double-Opt-in",
    "network:newsletter_confirm": "Bestätigung per signiertem Token aus der E-Mail",
    "network:newsletter_unsubscribe": "Abmeldung per signiertem Token aus der E-Mail",
    "surveys:answer": "Antwort auf eine Befragung über den Einmal-Link aus der Einladung; "
    "ohne gültiges Token 404",
    "partners:institution_register": "Selbstanmeldung einer Einrichtung: ungeprüft, erst nach "
    "Prüfung durch das Bildungsbüro öffentlich",
}
# Create views that address no object of another region: the account creates in its own
# scope (own region, own school, own searches). Their grids in tests/permissions/ prove that
# choices of another region are refused; here: an empty POST writes nothing.
OWN_SCOPE_CREATE_VIEWS = {
    "catalogue:material_create": "Bildungsbüro legt Einträge nur für die eigene Region an",
    "partners:partnership_create": "Schule/Einrichtung/Bildungsbüro nur mit eigenen Schulen",
    "partners:institution_create": "Bildungsbüro legt Einrichtungen der eigenen Region an",
    "partners:institution_import": "Import nur in die eigene Region",
    "partners:need_create": "Bedarf nur für die eigene Schule",
    "partners:search_save": "Suchaufträge gehören dem eigenen Konto",
    "surveys:create": "Bildungsbüro legt Befragungen nur für die eigene Region an",
    "api:token_create": "API-Schlüssel gehören dem eigenen Konto",
}
ALLOWED_REFUSALS = (403, 404)
RESULTS_FILE = Path(os.environ.get("SECURITY_PROBE_RESULTS", "var/security-probes.json"))


def _post(client, url):
    try:
        return client.post(url, {})
    except Exception as exc:  # a crash is a finding, not a refusal
        return exc


def _status(response):
    return response.status_code if hasattr(response, "status_code") else repr(response)


@pytest.mark.django_db
def test_every_write_view_refuses_other_regions_and_changes_nothing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world()
    probes = build_probes(world)
    problems = [f"new view without probe: {p.name} – {p.missing}" for p in probes if p.missing]

    land = Client()
    land.force_login(make_user("martina.lehmkuhl@msb.nrw.de", "land", None))
    clients = {}
    for key, user in attackers().items():
        clients[key] = Client()
        clients[key].force_login(user)
    clients["anonym"] = Client()

    write_views, refused, read_only = [], 0, []
    for probe in probes:
        if probe.missing:
            continue
        url = reverse(probe.name, kwargs=probe.kwargs)
        # Does the view accept unsafe methods at all? Asked as the Land, then rolled back.
        with transaction.atomic():
            answer = _post(land, url)
            transaction.set_rollback(True)
        if _status(answer) == 405:
            read_only.append(probe.name)
            continue
        write_views.append(probe.name)
        for who, client in clients.items():
            before = db_fingerprint()
            response = _post(client, url)
            changed = db_fingerprint() != before
            status = _status(response)
            if changed:
                problems.append(f"{probe.name} ({url}) as {who}: database changed ({status})")
            if probe.name in PUBLIC_WRITE_VIEWS or (
                probe.name in OWN_SCOPE_CREATE_VIEWS and who != "anonym"
            ):
                if not isinstance(status, int) or status >= 500:
                    problems.append(f"{probe.name} ({url}) as {who}: {status}")
                continue
            if who == "anonym":
                ok = status in ALLOWED_REFUSALS or (
                    status == 302 and "/konto/login/" in response["Location"]
                )
            else:
                ok = status in ALLOWED_REFUSALS
            if ok:
                refused += 1
            else:
                problems.append(f"{probe.name} ({url}) as {who}: not refused ({status})")

    summary = {
        "url_patterns": len(probes),
        "read_only": len(read_only),
        "write_views": len(write_views),
        "public_write_views": len(PUBLIC_WRITE_VIEWS),
        "own_scope_create_views": len(OWN_SCOPE_CREATE_VIEWS),
        "cross_region_posts_refused": refused,
        "problems": len(problems),
    }
    print("security probes:", json.dumps(summary))
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(json.dumps({**summary, "write_view_names": write_views}, indent=1))
    assert problems == [], "\n".join(problems)
    # Every view that accepts POST also has its role/region grid in tests/permissions/.
    without_grid = [n for n in write_views if n not in WRITE_VIEWS]
    assert without_grid == [], (
        "write views (accept POST) missing in tests/permissions/test_write_view_registry.py "
        f"WRITE_VIEWS: {without_grid}"
    )
    listed = set(PUBLIC_WRITE_VIEWS) | set(OWN_SCOPE_CREATE_VIEWS)
    assert listed <= set(write_views), f"listed but not a write view: {listed - set(write_views)}"
