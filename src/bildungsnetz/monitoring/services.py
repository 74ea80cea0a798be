"""Writes of the monitoring app: the daily Stichtag record of the indicators."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Snapshot
from .selectors import snapshot_values


def take_snapshot(*, day: datetime.date | None = None) -> int:
    """Store today's value of every stateful indicator for the Land and each region.

    Idempotent per day: a second run on the same day replaces that day's rows with the
    current values (delete and insert in one transaction), so there is never more than
    one value per day, region and key – the database constraints guarantee it too.
    Returns the number of rows stored.
    """
    day = day or timezone.localdate()
    values = snapshot_values(day=day)
    rows = [
        Snapshot(day=day, region_id=rid, key=key, value=value, total=total)
        for rid, key, value, total in values
    ]
    with transaction.atomic():
        Snapshot.objects.filter(day=day).delete()
        Snapshot.objects.bulk_create(rows)
    return len(rows)
