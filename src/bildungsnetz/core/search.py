"""The global search box: groups of hits from each part of the product."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ..regions.selectors import search_regions
from ..schools.selectors import search_schools


def global_search(query: str, *, limit: int = 10) -> list[dict]:
    """Regions (name or AGS, umlaut-tolerant) and open schools (full-text search).

    Schools come from the same search as the school directory, so "Alle Treffer anzeigen"
    leads to a list that starts with the same schools.
    """
    query = (query or "").strip()
    if not query:
        return []
    groups = []
    regions = search_regions(query, limit=limit)
    if regions:
        groups.append(
            {
                "title": _("Regionen"),
                "items": [
                    {"label": r.name, "url": r.get_absolute_url(), "detail": r.get_kind_display()}
                    for r in regions
                ],
            }
        )
    schools = list(search_schools(query)[:limit])
    if schools:
        groups.append(
            {
                "title": _("Schulen"),
                "items": [
                    {
                        "label": s.name,
                        "url": s.get_absolute_url(),
                        "detail": ", ".join([s.schulform.name, s.ort]),
                    }
                    for s in schools
                ],
                "more_url": reverse("schools:list") + "?" + urlencode({"q": query}),
            }
        )
    return groups
