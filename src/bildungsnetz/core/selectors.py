"""Reads of the core app."""

from django.db.models import Q, QuerySet

from .models import AuditEntry, Role
from .rules import _roles, is_land_admin


def audit_entries_for(user) -> QuerySet[AuditEntry]:
    """The audit entries a user may read: all for the Land; for a region's Bildungsbüro and
    Schulaufsicht the entries of their regions; nothing for everyone else."""
    qs = AuditEntry.objects.select_related("actor", "region").order_by("-created", "-pk")
    if is_land_admin(user):
        return qs
    regions = {
        rid for rid, role in _roles(user) if role in (Role.BILDUNGSBUERO, Role.SCHULAUFSICHT)
    }
    if not regions:
        return qs.none()
    return qs.filter(Q(region_id__in=regions))
