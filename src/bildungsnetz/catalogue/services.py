"""Writes of the catalogue: editorial workflow, search index, link results, support plans.

Every write checks the actor's right, validates, saves in a transaction, writes an
audit entry (``catalogue.<model>.<verb>``) and keeps the search index current.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..core import audit
from ..core.errors import DomainError
from ..regions.models import Region
from . import textindex
from .models import (
    Criterion,
    Material,
    MaterialStatus,
    PlanItem,
    PlanItemStatus,
    SearchTerm,
    SupportPlan,
)
from .rules import can_edit_scope, can_write_plan

EDITABLE_FIELDS = (
    "criterion",
    "title",
    "provider",
    "citation",
    "description",
    "kind",
    "url",
    "link_text",
    "link_pending",
    "checked_on",
    "tags",
    "editorial_note",
)

# (from status, verb) -> to status
TRANSITIONS = {
    (MaterialStatus.ENTWURF, "submit"): MaterialStatus.IN_PRUEFUNG,
    (MaterialStatus.IN_PRUEFUNG, "publish"): MaterialStatus.VEROEFFENTLICHT,
    (MaterialStatus.IN_PRUEFUNG, "return"): MaterialStatus.ENTWURF,
    (MaterialStatus.VEROEFFENTLICHT, "archive"): MaterialStatus.ARCHIVIERT,
    (MaterialStatus.ENTWURF, "archive"): MaterialStatus.ARCHIVIERT,
    (MaterialStatus.ARCHIVIERT, "restore"): MaterialStatus.ENTWURF,
}
VERB_ACTIONS = {
    "submit": "catalogue.material.submitted",
    "publish": "catalogue.material.published",
    "return": "catalogue.material.returned",
    "archive": "catalogue.material.archived",
    "restore": "catalogue.material.restored",
}
TRANSITION_ERRORS = {
    "submit": "Nur Entwürfe können zur Prüfung eingereicht werden.",
    "publish": "Veröffentlicht werden kann nur ein zur Prüfung eingereichter Eintrag.",
    "return": "Zurückgeben kann man nur einen zur Prüfung eingereichten Eintrag.",
    "archive": "Archiviert werden können nur Entwürfe und veröffentlichte Einträge.",
    "restore": "Nur archivierte Einträge können wiederhergestellt werden.",
}


# --- Search index -------------------------------------------------------------------


def index_material(material: Material) -> None:
    criterion = material.criterion
    terms = textindex.document_terms(
        textindex.material_fields(
            title=material.title,
            tags=material.tags,
            provider=material.provider.name if material.provider_id else "",
            kind=material.kind,
            description=material.description,
            citation=material.citation,
            criterion_title=criterion.title,
            key_statements=criterion.key_statements,
        )
    )
    SearchTerm.objects.filter(material=material).delete()
    SearchTerm.objects.bulk_create(
        SearchTerm(material=material, term=t, weight=w) for t, w in terms.items()
    )


def index_criterion(criterion: Criterion) -> None:
    terms = textindex.document_terms(
        textindex.criterion_fields(
            title=criterion.title,
            key_statements=criterion.key_statements,
            explanation=criterion.explanation,
        )
    )
    SearchTerm.objects.filter(criterion=criterion).delete()
    SearchTerm.objects.bulk_create(
        SearchTerm(criterion=criterion, term=t, weight=w) for t, w in terms.items()
    )


@transaction.atomic
def rebuild_index() -> int:
    """Rebuild the whole search index (e.g. after a change of ``textindex``)."""
    SearchTerm.objects.all().delete()
    for criterion in Criterion.objects.all():
        index_criterion(criterion)
    for material in Material.objects.select_related("criterion", "provider"):
        index_material(material)
    return SearchTerm.objects.count()


# --- Editorial workflow -------------------------------------------------------------


def _check_scope(acting_user, region: Region | None) -> None:
    if not can_edit_scope(acting_user, region.pk if region else None):
        if region is None:
            raise DomainError("Landesweite Einträge bearbeitet nur die Redaktion des Landes.")
        raise DomainError(
            "Sie dürfen nur Ergänzungen Ihrer eigenen Region bearbeiten.", field="region"
        )


def _validate(material: Material) -> None:
    if material.link_pending and material.url:
        raise DomainError(
            "Entweder eine Adresse angeben oder „Link folgt“ ankreuzen, nicht beides.",
            field="url",
        )
    if not material.title.strip():
        raise DomainError("Der Titel darf nicht leer sein.", field="title")
    if not material.description.strip():
        raise DomainError("Bitte beschreiben Sie das Angebot kurz.", field="description")
    try:
        material.full_clean(exclude=["source_key"])
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=name) from exc


@transaction.atomic
def create_material(*, acting_user, region: Region | None, data: dict) -> Material:
    """A new entry, always as draft. ``region`` None means NRW-wide."""
    _check_scope(acting_user, region)
    material = Material(region=region, created_by=acting_user, status=MaterialStatus.ENTWURF)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(material, name, data[name])
    _validate(material)
    material._change_reason = "catalogue.material.created"
    material._history_user = acting_user
    material.save()
    index_material(material)
    audit.log("catalogue.material.created", actor=acting_user, obj=material, region=region)
    return material


@transaction.atomic
def update_material(material: Material, *, acting_user, data: dict) -> Material:
    _check_scope(acting_user, material.region)
    material = Material.objects.select_for_update().get(pk=material.pk)
    if material.status == MaterialStatus.ARCHIVIERT:
        raise DomainError("Archivierte Einträge können nicht bearbeitet werden.")
    changed = [n for n in EDITABLE_FIELDS if n in data and getattr(material, n) != data[n]]
    if not changed:
        return material
    for name in changed:
        setattr(material, name, data[name])
    _validate(material)
    material._change_reason = "catalogue.material.changed"
    material._history_user = acting_user
    material.save()
    index_material(material)
    audit.log(
        "catalogue.material.changed",
        actor=acting_user,
        obj=material,
        region=material.region,
        data={"fields": changed},
    )
    return material


@transaction.atomic
def transition_material(material: Material, *, acting_user, verb: str, note: str = "") -> Material:
    """submit / publish / return / archive / restore – checked against ``TRANSITIONS``."""
    if verb not in VERB_ACTIONS:
        raise DomainError("Unbekannter Arbeitsschritt.")
    _check_scope(acting_user, material.region)
    material = Material.objects.select_for_update().get(pk=material.pk)
    target = TRANSITIONS.get((material.status, verb))
    if target is None:
        raise DomainError(TRANSITION_ERRORS[verb], field="status")
    before = material.status
    material.status = target
    action = VERB_ACTIONS[verb]
    material._change_reason = action
    material._history_user = acting_user
    material.save(update_fields=["status", "updated"])
    audit.log(
        action,
        actor=acting_user,
        obj=material,
        region=material.region,
        data={"von": before, "nach": target, "notiz": note.strip()[:500]},
    )
    return material


@transaction.atomic
def merge_duplicate(duplicate: Material, *, into: Material, acting_user) -> Material:
    """Archive ``duplicate`` in favour of ``into``; support plans move to ``into``."""
    if duplicate.pk == into.pk:
        raise DomainError("Ein Eintrag kann nicht mit sich selbst zusammengeführt werden.")
    _check_scope(acting_user, duplicate.region)
    _check_scope(acting_user, into.region)
    if into.status == MaterialStatus.ARCHIVIERT:
        raise DomainError("Der Zieleintrag ist archiviert.", field="into")
    duplicate = Material.objects.select_for_update().get(pk=duplicate.pk)
    if duplicate.status == MaterialStatus.ARCHIVIERT:
        raise DomainError("Dieser Eintrag ist bereits archiviert.")
    moved = 0
    for item in PlanItem.objects.filter(material=duplicate).select_related("plan"):
        if PlanItem.objects.filter(plan=item.plan, material=into).exists():
            item.delete()
        else:
            item.material = into
            item.save(update_fields=["material"])
            moved += 1
    duplicate.status = MaterialStatus.ARCHIVIERT
    note = f"Dublette von Eintrag {into.pk} („{into.title}“), zusammengeführt."
    duplicate.editorial_note = (duplicate.editorial_note + "\n" + note).strip()
    duplicate._change_reason = "catalogue.material.merged"
    duplicate._history_user = acting_user
    duplicate.save(update_fields=["status", "editorial_note", "updated"])
    audit.log(
        "catalogue.material.merged",
        actor=acting_user,
        obj=duplicate,
        region=duplicate.region,
        data={"in": into.pk, "planeintraege_verschoben": moved},
    )
    return into


# --- Link health ----------------------------------------------------------------------


def record_link_result(material_id: int, result) -> None:
    """Store one link check (a ``linkcheck.LinkResult``). A queryset update: link checks
    are machine observations, not editorial changes, so they write no history row."""
    Material.objects.filter(pk=material_id, url=result.url).update(
        link_status=result.status,
        link_final_url=result.final_url[:500],
        link_redirects=result.redirects,
        link_checked_at=result.checked_at,
        link_error=result.error[:300],
    )


# --- Support plans ------------------------------------------------------------------


def _plan_for(school, acting_user) -> SupportPlan:
    if not can_write_plan(acting_user, school):
        raise DomainError("Nur die Schule selbst kann ihren Unterstützungsplan bearbeiten.")
    plan, _ = SupportPlan.objects.get_or_create(school=school)
    return plan


@transaction.atomic
def add_to_plan(school, *, acting_user, material: Material, note: str = "") -> PlanItem:
    plan = _plan_for(school, acting_user)
    material = Material.objects.get(pk=material.pk)  # the current status counts
    if material.status != MaterialStatus.VEROEFFENTLICHT:
        raise DomainError("Nur veröffentlichte Einträge können in den Plan übernommen werden.")
    if material.region_id and material.region_id != school.region_id:
        raise DomainError("Dieses Angebot gilt nur für eine andere Region.")
    item = PlanItem.objects.filter(plan=plan, material=material).first()
    if item is not None:
        raise DomainError("Dieses Material steht bereits in Ihrem Unterstützungsplan.")
    item = PlanItem(plan=plan, material=material, note=note.strip())
    item._history_user = acting_user
    item.full_clean()
    item.save()
    audit.log(
        "catalogue.plan.item_added",
        actor=acting_user,
        obj=plan,
        region=school.region,
        data={"material": material.pk},
    )
    return item


@transaction.atomic
def update_plan_item(item: PlanItem, *, acting_user, note: str, status: str) -> PlanItem:
    _plan_for(item.plan.school, acting_user)
    if status not in PlanItemStatus.values:
        raise DomainError("Unbekannter Stand.", field="status")
    if len(note) > 2000:
        raise DomainError("Die Notiz ist zu lang (höchstens 2000 Zeichen).", field="note")
    changed = {}
    if item.note != note.strip():
        changed["note"] = True
        item.note = note.strip()
    if item.status != status:
        changed["status"] = status
        item.status = status
    if changed:
        item._history_user = acting_user
        item.save(update_fields=["note", "status"])
        audit.log(
            "catalogue.plan.item_changed",
            actor=acting_user,
            obj=item.plan,
            region=item.plan.school.region,
            data={"material": item.material_id, **changed},
        )
    return item


@transaction.atomic
def remove_plan_item(item: PlanItem, *, acting_user) -> None:
    plan = _plan_for(item.plan.school, acting_user)
    material_id = item.material_id
    item._history_user = acting_user
    item.delete()
    audit.log(
        "catalogue.plan.item_removed",
        actor=acting_user,
        obj=plan,
        region=plan.school.region,
        data={"material": material_id},
    )


@transaction.atomic
def share_plan(school, *, acting_user, shared: bool) -> SupportPlan:
    """Share the plan with (or withdraw it from) the Schulaufsicht of the school's region."""
    plan = _plan_for(school, acting_user)
    if plan.shared_with_supervision == shared:
        return plan
    plan.shared_with_supervision = shared
    plan.shared_at = timezone.now() if shared else None
    plan._history_user = acting_user
    plan.save(update_fields=["shared_with_supervision", "shared_at", "updated"])
    audit.log(
        "catalogue.plan.shared" if shared else "catalogue.plan.unshared",
        actor=acting_user,
        obj=plan,
        region=school.region,
    )
    return plan


@transaction.atomic
def get_or_create_provider(*, acting_user, name: str, street: str, postal_code: str, city: str):
    """An editor names a provider that is not in the list yet."""
    from .models import Provider
    from .rules import is_catalogue_editor

    if not is_catalogue_editor(acting_user):
        raise DomainError("Nur die Redaktion kann Anbieter anlegen.")
    if not name.strip():
        raise DomainError("Der Name des Anbieters fehlt.", field="new_provider_name")
    provider, created = Provider.objects.get_or_create(
        name=name.strip(), street=street, postal_code=postal_code, city=city
    )
    if created:
        audit.log("catalogue.provider.created", actor=acting_user, obj=provider)
    return provider
