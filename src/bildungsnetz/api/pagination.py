"""One pagination for every list route of the API: ``limit`` and ``offset`` in, and
``{"count", "limit", "offset", "items"}`` out. ``count`` is the total before the window."""

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from ninja import Field, Schema

T = TypeVar("T")

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Einträge je Seite (1–500)")
    offset: int = Field(0, ge=0, le=10_000_000, description="Anzahl übersprungener Einträge")


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    items: list[T]


def paginate(rows, params: PageParams, serialize: Callable[[Any], dict]) -> dict:
    """Window a queryset (counted in the database) or a list."""
    if isinstance(rows, list | tuple):
        count = len(rows)
    else:
        count = rows.count()
    window: Iterable = rows[params.offset : params.offset + params.limit]
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "items": [serialize(row) for row in window],
    }
