"""Instruments (questionnaires): everyone with access to surveys reads them, the Land
creates and edits them; built-in instruments stay as delivered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ...core.errors import DomainError
from .. import selectors, services
from ..forms import InstrumentForm, ItemForm
from ..models import Instrument, Item, SurveyStatus
from ..rules import can_manage_instruments, can_use_surveys
from .manage import _apply_error


def _editable(instrument: Instrument) -> bool:
    return (
        not instrument.builtin
        and not instrument.surveys.exclude(status=SurveyStatus.ENTWURF).exists()
    )


@login_required
@require_safe
def instrument_list(request: HttpRequest) -> HttpResponse:
    if not can_use_surveys(request.user):
        raise PermissionDenied
    return render(
        request,
        "surveys/instrument_list.html",
        {
            "instruments": selectors.instruments_with_counts(),
            "can_manage": can_manage_instruments(request.user),
        },
    )


@login_required
@require_safe
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_use_surveys(request.user):
        raise PermissionDenied
    instrument = get_object_or_404(Instrument, pk=pk)
    return render(
        request,
        "surveys/instrument_detail.html",
        {
            "instrument": instrument,
            "groups": selectors.instrument_items_by_dimension(instrument),
            "can_edit": can_manage_instruments(request.user) and _editable(instrument),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instrument_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_instruments(request.user):
        raise PermissionDenied
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = services.create_instrument(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(
                request, _("Der Fragebogen wurde angelegt. Fügen Sie nun Fragen hinzu.")
            )
            return redirect("surveys:instrument", pk=instrument.pk)
    return render(request, "surveys/form.html", {"form": form, "title": _("Neuer Fragebogen")})


@login_required
@require_http_methods(["GET", "POST"])
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_instruments(request.user):
        raise PermissionDenied
    instrument = get_object_or_404(Instrument, pk=pk)
    initial = {
        "title": instrument.title,
        "target_group": instrument.target_group,
        "description": instrument.description,
    }
    form = InstrumentForm(request.POST or None, edit=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_instrument(instrument, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Der Fragebogen wurde gespeichert."))
            return redirect("surveys:instrument", pk=instrument.pk)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "title": _("Fragebogen bearbeiten"), "instrument": instrument},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_instruments(request.user):
        raise PermissionDenied
    instrument = get_object_or_404(Instrument, pk=pk)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_item(instrument, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Frage wurde hinzugefügt."))
            return redirect("surveys:instrument", pk=instrument.pk)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "title": _("Frage hinzufügen"), "instrument": instrument},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    if not can_manage_instruments(request.user):
        raise PermissionDenied
    item = get_object_or_404(Item.objects.select_related("instrument", "dimension"), pk=item_pk,
                             instrument_id=pk)  # fmt: skip
    initial = {
        "text": item.text,
        "kind": item.kind,
        "dimension": item.dimension.name if item.dimension else "",
        "choices": "\n".join(item.choices),
    }
    form = ItemForm(request.POST or None, edit=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(item, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Frage wurde gespeichert."))
            return redirect("surveys:instrument", pk=item.instrument_id)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": _("Frage %(code)s bearbeiten") % {"code": item.code},
            "instrument": item.instrument,
        },
    )
