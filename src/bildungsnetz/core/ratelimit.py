"""A per-address limit for public forms (no login): feedback, newsletter, self-registration.

Counts live in Django's cache, so every app process shares them when the cache is shared
(database cache by default, Redis when ``REDIS_URL`` is set).
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_address(request) -> str:
    """The visitor's address; behind our own reverse proxy the last forwarded hop."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "unbekannt")


def allow(scope: str, address: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count one attempt; ``False`` once ``limit`` attempts fell into the current window."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{address}:{window}"
    cache.add(key, 0, timeout=window_seconds + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 60)
        count = 1
    return count <= limit


def limit_public_posts(scope: str):
    """Refuse POSTs beyond ``PUBLIC_FORM_LIMIT_PER_HOUR`` per address with a German 429 page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not allow(
                scope, client_address(request), settings.PUBLIC_FORM_LIMIT_PER_HOUR
            ):
                return render(request, "core/too_many_requests.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
