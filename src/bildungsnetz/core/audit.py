"""Named audit actions (``<app>.<model>.<verb>``) with their German sentences."""

from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ACTIONS = {
    "schools.school.supplement_changed": _("hat Förderschwerpunkte/Bildungsbereich geändert"),
    "schools.register.imported": _("hat das Schulregister importiert"),
    "core.page.changed": _("hat eine Inhaltsseite geändert"),
    "core.membership.created": _("hat eine Rolle vergeben"),
}


def log(action: str, *, actor, obj, region=None, data: dict | None = None) -> AuditEntry:
    if action not in ACTIONS:
        raise ValueError(f"Unbekannte Protokollaktion: {action}")
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        region=region,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )


def describe(entry: AuditEntry) -> str:
    return str(ACTIONS.get(entry.action, entry.action))
