"""Link health: check material URLs over HTTP(S) with the standard library.

* HEAD first; GET (reading only the first bytes) when a server refuses HEAD (405, 501).
* Redirects (301, 302, 303, 307, 308) are followed up to ``MAX_REDIRECTS`` and recorded.
* Timeouts per request (setting ``CATALOGUE_LINK_TIMEOUT``, seconds).
* Bounded concurrency: at most ``CATALOGUE_LINK_WORKERS`` hosts are checked at once
  (ThreadPoolExecutor); the URLs of one host run one after the other with a pause of
  ``CATALOGUE_LINK_HOST_DELAY`` seconds between them (politeness). Tests set it to 0.
* Worker threads only talk HTTP; results are written to the database by the caller's
  thread (``services.record_link_result``), so no database connection crosses threads.
"""

from __future__ import annotations

import datetime
import http.client
import ssl
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

USER_AGENT = "BildungsnetzNRW-Linkpruefung/1.0 (+https://bildungsnetz.nrw)"
MAX_REDIRECTS = 10
REDIRECT_CODES = {301, 302, 303, 307, 308}
HEAD_REFUSED = {405, 501}


def _setting(name: str, default):
    return getattr(settings, name, default)


@dataclass
class LinkResult:
    url: str
    status: int | None = None
    final_url: str = ""
    redirects: list[list] = field(default_factory=list)  # [[status, location], …]
    error: str = ""
    method: str = "HEAD"
    checked_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def ok(self) -> bool:
        return not self.error and self.status is not None and self.status < 400


def _request(method: str, url: str, timeout: float) -> tuple[int, str | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("keine http(s)-Adresse")
    conn_cls = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    kwargs = {"timeout": timeout}
    if parts.scheme == "https":
        kwargs["context"] = ssl.create_default_context()
    conn = conn_cls(parts.hostname, parts.port, **kwargs)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        conn.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = conn.getresponse()
        if method == "GET":
            response.read(1024)
        return response.status, response.getheader("Location")
    finally:
        conn.close()


def _follow(method: str, url: str, timeout: float) -> tuple[int, str, list[list]]:
    redirects: list[list] = []
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location = _request(method, current, timeout)
        if status in REDIRECT_CODES and location:
            target = urljoin(current, location)
            redirects.append([status, target])
            current = target
            continue
        return status, current, redirects
    raise RuntimeError("zu viele Weiterleitungen")


def check_url(url: str, *, timeout: float | None = None) -> LinkResult:
    """Check one URL; never raises – problems end up in ``error``."""
    timeout = timeout if timeout is not None else _setting("CATALOGUE_LINK_TIMEOUT", 10.0)
    result = LinkResult(url=url)
    try:
        status, final, redirects = _follow("HEAD", url, timeout)
        if status in HEAD_REFUSED:
            result.method = "GET"
            status, final, redirects = _follow("GET", url, timeout)
        result.status, result.final_url, result.redirects = status, final, redirects
    except TimeoutError:
        result.error = "Zeitüberschreitung"
    except ssl.SSLError as exc:
        result.error = f"TLS-Fehler: {exc.reason or exc}"
    except (ConnectionError, OSError, http.client.HTTPException) as exc:
        result.error = f"Verbindungsfehler: {exc.__class__.__name__}"
    except (ValueError, RuntimeError) as exc:
        result.error = str(exc)
    result.checked_at = timezone.now()
    return result


def check_urls(urls: Iterable[str]) -> dict[str, LinkResult]:
    """Check many URLs politely: hosts in parallel (bounded), one host's URLs in sequence."""
    workers = max(1, int(_setting("CATALOGUE_LINK_WORKERS", 4)))
    delay = float(_setting("CATALOGUE_LINK_HOST_DELAY", 1.0))
    timeout = float(_setting("CATALOGUE_LINK_TIMEOUT", 10.0))
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in dict.fromkeys(urls):
        by_host[(urlsplit(url).hostname or "").lower()].append(url)

    def run_host(host_urls: list[str]) -> list[LinkResult]:
        results = []
        for i, url in enumerate(host_urls):
            if i and delay > 0:
                time.sleep(delay)
            results.append(check_url(url, timeout=timeout))
        return results

    results: dict[str, LinkResult] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for host_results in pool.map(run_host, by_host.values()):
            for result in host_results:
                results[result.url] = result
    return results


def check_materials(ids: list[int] | None = None) -> dict:
    """Check the URLs of the given (or all non-archived) materials and record the results.

    Returns counts ``{"geprueft": n, "ok": n, "defekt": n}``. Idempotent; used by
    ``bildungsnetz check_links``, the Celery task and the editors' button.
    """
    from . import services
    from .selectors import materials_to_check

    pairs = list(materials_to_check(ids=ids).values_list("id", "url"))
    results = check_urls(url for _, url in pairs)
    ok = broken = 0
    for material_id, url in pairs:
        result = results[url]
        services.record_link_result(material_id, result)
        if result.ok:
            ok += 1
        else:
            broken += 1
    return {"geprueft": len(pairs), "ok": ok, "defekt": broken}
