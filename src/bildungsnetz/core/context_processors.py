from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        # The global search box shows the current query on the search page only.
        "site_query": request.GET.get("q", "") if request.path.startswith("/suche/") else "",
    }
