"""Link health against a local HTTP server on 127.0.0.1 – never the internet."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from bildungsnetz.catalogue import linkcheck, selectors, tasks
from bildungsnetz.catalogue.models import Material

RELEASE = threading.Event()
SEEN: list[tuple[str, str]] = []


class Handler(BaseHTTPRequestHandler):
    def _answer(self, send_body: bool):
        SEEN.append((self.command, self.path))
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/alt":
            self.send_response(301)
            self.send_header("Location", "/neu")
        elif self.path == "/neu":
            self.send_response(200)
        elif self.path == "/kette":
            self.send_response(302)
            self.send_header("Location", "/alt")
        elif self.path == "/nur-get":
            if self.command == "HEAD":
                self.send_response(405)
            else:
                self.send_response(200)
        elif self.path == "/langsam":
            RELEASE.wait(5)
            self.send_response(200)
        elif self.path == "/schleife":
            self.send_response(302)
            self.send_header("Location", "/schleife")
        else:
            self.send_response(404)
        body = b"Bildungsnetz" if send_body else b""
        self.send_header("Content-Length", str(len(b"Bildungsnetz")))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_HEAD(self):  # noqa: N802
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    RELEASE.clear()
    SEEN.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.CATALOGUE_LINK_TIMEOUT = 0.5
    settings.CATALOGUE_LINK_HOST_DELAY = 0
    settings.CATALOGUE_LINK_WORKERS = 2


def test_ok_redirect_not_found_head_refused_timeout(server):
    results = linkcheck.check_urls(
        [server + p for p in ("/ok", "/alt", "/kette", "/fehlt", "/nur-get", "/langsam")]
    )
    RELEASE.set()
    ok = results[server + "/ok"]
    assert (ok.status, ok.error, ok.method, ok.redirects) == (200, "", "HEAD", [])
    moved = results[server + "/alt"]
    assert moved.status == 200 and moved.final_url == server + "/neu"
    assert moved.redirects == [[301, server + "/neu"]]
    chain = results[server + "/kette"]
    assert [r[0] for r in chain.redirects] == [302, 301] and chain.final_url == server + "/neu"
    missing = results[server + "/fehlt"]
    assert missing.status == 404 and not missing.ok
    head_refused = results[server + "/nur-get"]
    assert (head_refused.status, head_refused.method) == (200, "GET")
    assert ("GET", "/nur-get") in SEEN and ("HEAD", "/nur-get") in SEEN
    slow = results[server + "/langsam"]
    assert slow.error == "Zeitüberschreitung" and slow.status is None and not slow.ok


def test_redirect_loops_and_bad_addresses_become_errors(server):
    assert linkcheck.check_url(server + "/schleife").error == "zu viele Weiterleitungen"
    assert linkcheck.check_url("ftp://example.org/datei").error == "keine http(s)-Adresse"
    closed = linkcheck.check_url("http://127.0.0.1:9/nichts", timeout=0.5)
    assert closed.error.startswith("Verbindungsfehler")


@pytest.mark.django_db
def test_check_links_command_records_results_and_editor_lists(server, capsys):
    ok = Material.objects.get(title="Qualitätsanalyse NRW")
    moved = Material.objects.get(title="Kompetenzteams NRW")
    gone = Material.objects.get(title="AusbildungPlus")
    for material, path in ((ok, "/ok"), (moved, "/alt"), (gone, "/fehlt")):
        Material.objects.filter(pk=material.pk).update(url=server + path)
    history_before = Material.history.count()

    call_command("check_links", str(ok.pk), str(moved.pk), str(gone.pk))
    out = capsys.readouterr().out
    assert "3 Links geprüft: 2 erreichbar, 1 nicht erreichbar." in out
    assert "AusbildungPlus: HTTP 404" in out

    moved.refresh_from_db()
    assert moved.link_status == 200
    assert moved.link_final_url == server + "/neu"
    assert moved.link_redirects == [[301, server + "/neu"]]
    assert moved.link_checked_at is not None and moved.link_error == ""
    assert Material.history.count() == history_before  # no history rows for link checks

    all_qs = Material.objects.all()
    assert list(selectors.broken_links(all_qs)) == [gone]
    stale = selectors.stale_links(all_qs)
    assert ok not in stale and gone not in stale
    later = timezone.now() + datetime.timedelta(days=400)
    assert ok in selectors.stale_links(all_qs, now=later)
    assert "link_defekt" in {code for code, _ in Material.objects.get(pk=gone.pk).quality_flags()}


@pytest.mark.django_db
def test_celery_task_checks_by_ids_and_is_idempotent(server):
    material = Material.objects.get(title="Zooschule des Kölner Zoos")
    Material.objects.filter(pk=material.pk).update(url=server + "/ok")
    assert tasks.check_links.delay([material.pk]).get() == {"geprueft": 1, "ok": 1, "defekt": 0}
    assert tasks.check_links.delay([material.pk]).get() == {"geprueft": 1, "ok": 1, "defekt": 0}
    material.refresh_from_db()
    assert material.link_status == 200


@pytest.mark.django_db
def test_unchecked_urls_older_than_12_months_are_listed(server):
    material = Material.objects.get(title="Zooschule des Kölner Zoos")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Material.objects.filter(pk=material.pk).update(url=server + "/ok", link_checked_at=long_ago)
    assert material in selectors.stale_links(Material.objects.all())
    never = Material.objects.get(title="Schüleraustausch")
    Material.objects.filter(pk=never.pk).update(url=server + "/ok")
    assert never in selectors.stale_links(Material.objects.all())
