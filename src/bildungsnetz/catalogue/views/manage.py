"""Editors' pages: worklists, create/edit, workflow steps, duplicates, link health.

Land editors work on everything; a Bildungsbüro on its own region's additions. Every
object is fetched through ``selectors.get_material_for_editor`` (404 outside the scope)
and every write goes through ``services`` (which checks the right again).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ...core.errors import DomainError
from ...core.models import AuditEntry
from ...core.rules import is_land_admin
from ...regions.models import Region
from .. import selectors, services
from ..forms import NRW_SCOPE, MaterialForm
from ..linkcheck import check_materials
from ..models import Material, MaterialStatus
from ..rules import is_catalogue_editor, staff_region_ids


def _require_editor(user) -> None:
    if not is_catalogue_editor(user):
        raise PermissionDenied


def _scope_choices(user) -> list[tuple[str, str]]:
    regions = Region.objects.order_by("name")
    if is_land_admin(user):
        return [(NRW_SCOPE, _("landesweit (NRW)"))] + [(r.ags, r.name) for r in regions]
    return [(r.ags, r.name) for r in regions.filter(pk__in=staff_region_ids(user))]


@login_required
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    _require_editor(request.user)
    qs = selectors.editable_materials(request.user)
    by_status = {
        status: list(qs.filter(status=status).order_by("criterion__position", "title", "id"))
        for status in (MaterialStatus.IN_PRUEFUNG, MaterialStatus.ENTWURF)
    }
    return render(
        request,
        "catalogue/manage.html",
        {
            "in_review": by_status[MaterialStatus.IN_PRUEFUNG],
            "drafts": by_status[MaterialStatus.ENTWURF],
            "published_count": qs.filter(status=MaterialStatus.VEROEFFENTLICHT).count(),
            "archived_count": qs.filter(status=MaterialStatus.ARCHIVIERT).count(),
            "duplicates": selectors.find_duplicates(qs),
            "placeholders": list(selectors.placeholder_materials(qs)),
            "broken_count": selectors.broken_links(qs).count(),
            "stale_count": selectors.stale_links(qs).count(),
        },
    )


@login_required
@require_safe
def link_report(request: HttpRequest) -> HttpResponse:
    _require_editor(request.user)
    qs = selectors.editable_materials(request.user)
    return render(
        request,
        "catalogue/link_report.html",
        {"broken": list(selectors.broken_links(qs)), "stale": list(selectors.stale_links(qs))},
    )


def _save_material(request, form, *, material=None):
    """Create or update from a valid form; DomainErrors land on the form."""
    try:
        data = form.material_data()
        new_provider = form.new_provider()
        if new_provider:
            data["provider"] = services.get_or_create_provider(
                acting_user=request.user, **new_provider
            )
        if material is None:
            return services.create_material(
                acting_user=request.user, region=form.scope_region(), data=data
            )
        return services.update_material(material, acting_user=request.user, data=data)
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request.user)
    choices = _scope_choices(request.user)
    form = MaterialForm(request.POST or None, scope_choices=choices)
    if request.method == "POST" and form.is_valid():
        material = _save_material(request, form)
        if material is not None:
            messages.success(request, _("Der Entwurf wurde angelegt."))
            return redirect(material)
    return render(request, "catalogue/material_form.html", {"form": form, "material": None})


@login_required
@require_http_methods(["GET", "POST"])
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request.user)
    material = selectors.get_material_for_editor(request.user, pk)
    if material.status == MaterialStatus.ARCHIVIERT:
        messages.error(request, _("Archivierte Einträge können nicht bearbeitet werden."))
        return redirect(material)
    form = MaterialForm(request.POST or None, instance=None, initial=_initial(material))
    if request.method == "POST" and form.is_valid():
        saved = _save_material(request, form, material=material)
        if saved is not None:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "catalogue/material_form.html", {"form": form, "material": material})


def _initial(material: Material) -> dict:
    initial = {name: getattr(material, name) for name in MaterialForm.Meta.fields}
    initial["criterion"] = material.criterion_id
    initial["provider"] = material.provider_id
    initial["url"] = material.url
    return initial


TRANSITION_MESSAGES = {
    "submit": _("Der Eintrag wurde zur Prüfung eingereicht."),
    "publish": _("Der Eintrag ist jetzt veröffentlicht."),
    "return": _("Der Eintrag wurde zur Überarbeitung zurückgegeben."),
    "archive": _("Der Eintrag wurde archiviert."),
    "restore": _("Der Eintrag ist wieder ein Entwurf."),
}


@login_required
@require_POST
def material_transition(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request.user)
    material = selectors.get_material_for_editor(request.user, pk)
    verb = request.POST.get("verb", "")
    try:
        services.transition_material(
            material, acting_user=request.user, verb=verb, note=request.POST.get("note", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, str(TRANSITION_MESSAGES.get(verb, "")))
    return redirect(material)


@login_required
@require_POST
def material_merge(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request.user)
    duplicate = selectors.get_material_for_editor(request.user, pk)
    try:
        into = selectors.get_material_for_editor(request.user, int(request.POST.get("into", "0")))
        services.merge_duplicate(duplicate, into=into, acting_user=request.user)
    except (ValueError, DomainError) as exc:
        messages.error(request, getattr(exc, "message", _("Zieleintrag fehlt.")))
        return redirect(duplicate)
    messages.success(
        request, _("Die Dublette wurde archiviert; Pläne verweisen jetzt auf diesen Eintrag.")
    )
    return redirect(into)


@login_required
@require_POST
def material_check_link(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request.user)
    material = selectors.get_material_for_editor(request.user, pk)
    if not material.url:
        messages.error(request, _("Dieser Eintrag hat keine Adresse, die geprüft werden kann."))
    else:
        counts = check_materials([material.pk])
        if counts["ok"]:
            messages.success(request, _("Der Link ist erreichbar."))
        else:
            messages.error(request, _("Der Link ist nicht erreichbar."))
    return redirect(material)


@login_required
@require_safe
def material_history(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request.user)
    material = selectors.get_material_for_editor(request.user, pk)
    history = material.history.select_related("history_user").order_by("-history_date")[:50]
    audit = AuditEntry.objects.filter(
        object_type="catalogue.material", object_id=str(material.pk)
    ).select_related("actor")[:50]
    return render(
        request,
        "catalogue/material_history.html",
        {"material": material, "history": history, "audit": audit},
    )
