"""Saved near-searches with e-mail alerts (the user's own; nobody else sees them)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ...core.errors import DomainError
from .. import services
from ..forms import NearSearchForm
from ..models import SavedSearch
from .public import _resolve_origin


@login_required
@require_safe
def search_list(request: HttpRequest) -> HttpResponse:
    searches = list(SavedSearch.objects.filter(user=request.user).order_by("-created", "-id"))
    return render(request, "partners/search_list.html", {"searches": searches})


@login_required
@require_POST
def search_save(request: HttpRequest) -> HttpResponse:
    form = NearSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Die Suche konnte nicht gespeichert werden."))
        return redirect("partners:near")
    data = form.cleaned_data
    origin, _candidates, error = _resolve_origin(data)
    if origin is None:
        messages.error(request, error or _("Bitte wählen Sie zuerst eine Schule."))
        return redirect("partners:near")
    try:
        services.save_search(
            acting_user=request.user,
            place=origin.label,
            lat=origin.lat,
            lon=origin.lon,
            km=data["km"] or 10,
            kind=data["kind"],
            handlungsfeld=data["handlungsfeld"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("partners:near")
    messages.success(
        request,
        _("Die Suche ist gespeichert. Über neue Angebote und Bedarfe erhalten Sie eine E-Mail."),
    )
    return redirect("partners:searches")


@login_required
@require_POST
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = SavedSearch.objects.filter(pk=pk, user=request.user).first()
    if search is None:
        raise Http404
    services.delete_search(search, acting_user=request.user)
    messages.success(request, _("Die gespeicherte Suche wurde gelöscht."))
    return redirect("partners:searches")
