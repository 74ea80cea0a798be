"""The probe list: every URL pattern of ours, taken from Django's URL resolver, with the
keyword arguments to reach a real object of the target region (Bochum).

A URL parameter or a path segment without a recipe fails the probes with
"new view without probe: <name>", so a new view cannot slip past them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Views of third-party code (admin, allauth, i18n, django-ninja's API router, which the
# OpenAPI probes cover) are recognised by the module of the view function.
OUR_MODULE_PREFIX = "bildungsnetz."

# Which object a `<int:pk>` addresses, by the path segment in front of it.
PK_BY_SEGMENT = {
    "praxis": "practice",
    "neuigkeiten": "news",
    "organisation": "org",
    "person": "person",
    "gremien": "body",
    "sitzungen": "meeting",
    "beschluesse": "decision",
    "auftraege": "order",
    "handlungsfelder": "hf",
    "material": "material",
    "einrichtungen": "library",
    "partnerschaften": "partnership",
    "bedarfe": "need",
    "suchen": "saved_search",
    "befragungen": "survey",
    "frageboegen": "instrument",
    "api-schluessel": "api_token",
}
# Parameters whose meaning depends on the view.
KWARGS_BY_NAME = {
    "monitoring:opendata_download": {"slug": "regionen", "fmt": "csv"},
    "surveys:report_export": {"format": "csv"},
}


def _param_recipes(world: dict) -> dict:
    """URL parameter name -> value, for every parameter that is not a plain ``pk``."""
    return {
        "ags": world["region"].ags,
        "schulnummer": world["school"].schulnummer,
        "slug": "impressum",
        "token": "probe-ungueltiges-token",
        "year": 2025,
        "number": world["criterion"].number,
        "mid": world["membership"].pk,
        "did": world["document"].pk,
        "item_id": world["plan_item"].pk,
        "contact_id": world["contact"].pk,
        "offer_id": world["offer"].pk,
        "item_pk": world["survey_item"].pk,
    }


@dataclass
class Probe:
    name: str
    route: str
    kwargs: dict | None = None
    missing: str = ""  # why no probe could be built


def _patterns(resolver=None, prefix="", ns=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from _patterns(p, prefix + str(p.pattern), sub_ns)
        elif isinstance(p, URLPattern):
            yield (f"{ns}{p.name}" if p.name else ""), prefix + str(p.pattern), p


def _is_ours(pattern) -> bool:
    view = pattern.callback
    module = getattr(view, "__module__", "") or ""
    if module.startswith("django.views.decorators") or not module.startswith(OUR_MODULE_PREFIX):
        module = getattr(getattr(view, "__wrapped__", None), "__module__", module) or module
    return module.startswith(OUR_MODULE_PREFIX)


def our_url_patterns():
    """(name, route) of every URL pattern of ours (not admin, allauth, i18n, the API)."""
    for name, route, pattern in _patterns():
        if _is_ours(pattern):
            yield name or f"<unnamed {route}>", route


# path() converters <int:pk> and re_path() groups (?P<ags>...)
_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>")


def build_probes(world: dict) -> list[Probe]:
    recipes = _param_recipes(world)
    probes = []
    for name, route in our_url_patterns():
        kwargs, missing = {}, ""
        if name.startswith("<unnamed"):
            missing = "URL pattern without a name"
        fixed = KWARGS_BY_NAME.get(name, {})
        for match in _PARAM.finditer(route):
            param = match["name"] or match["group"]
            if param in fixed:
                kwargs[param] = fixed[param]
            elif param == "pk":
                segment = route[: match.start()].rstrip("/").rsplit("/", 1)[-1].lstrip("^")
                key = PK_BY_SEGMENT.get(segment)
                if key is None:
                    missing = f"no recipe for <pk> after '{segment}/' (add it to PK_BY_SEGMENT)"
                    break
                kwargs["pk"] = world[key].pk
            elif param in recipes:
                kwargs[param] = recipes[param]
            else:
                missing = f"no recipe for URL parameter '{param}' (add it to _param_recipes)"
                break
        probes.append(Probe(name, route, None if missing else kwargs, missing))
    return probes


HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
NON_HTML_SUFFIXES = (".csv", ".xlsx", ".json", ".jsonld", ".ics", ".xml", ".docx", "$")


def allowed_methods(view) -> set[str] | None:
    """The methods a view's require_http_methods/require_safe/require_POST decorator allows
    (read from the decorator's closure), or None when the view does not restrict them."""
    seen = 0
    while view is not None and seen < 10:
        for cell in getattr(view, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(value, list | tuple)
                and value
                and all(isinstance(v, str) and v in HTTP_METHODS for v in value)
            ):
                return set(value)
        view = getattr(view, "__wrapped__", None)
        seen += 1
    return None


def html_page_types():
    """Names of our views that answer GET with an HTML page (not exports, feeds, files)."""
    names = []
    for name, route, pattern in _patterns():
        if not _is_ours(pattern) or not name:
            continue
        methods = allowed_methods(pattern.callback)
        if methods is not None and "GET" not in methods:
            continue
        clean = route.rstrip("$")
        if clean.endswith(NON_HTML_SUFFIXES[:-1]) or re.search(r"\.\(\?P<|\.<", clean):
            continue
        names.append(name)
    return names
