"""Bedarfsbörse (needs pinboard): schools post needs, institutions nearby with fitting
offers are suggested and answer; the school reads the answers and closes its need."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ...core.errors import DomainError
from .. import selectors, services
from ..forms import NeedAnswerForm, NeedFilterForm, NeedForm
from ..models import Need
from ..rules import can_answer_need, can_edit_need, institution_ids
from .manage import _apply_error

MAX_SUGGESTION_KM = 50


@require_safe
def need_list(request: HttpRequest) -> HttpResponse:
    """Public list of open needs, filtered by region and Handlungsfeld."""
    form = NeedFilterForm(request.GET)
    needs = list(selectors.open_needs(form.to_filter())[:200])
    mine = []
    if request.user.is_authenticated:
        mine = list(selectors.needs_for_user(request.user).order_by("status", "-created")[:50])
    return render(
        request,
        "partners/need_list.html",
        {
            "form": form,
            "needs": needs,
            "mine": mine,
            "can_post": request.user.is_authenticated
            and selectors.schools_for_user(request.user).exists(),
        },
    )


@require_safe
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.get_need(pk)
    user = request.user
    try:
        km = min(
            max(int(request.GET.get("km", selectors.NEED_SUGGESTION_KM)), 1), MAX_SUGGESTION_KM
        )
    except ValueError:
        km = selectors.NEED_SUGGESTION_KM
    hits = selectors.need_suggestions(need, km) if need.is_open else []
    can_edit = can_edit_need(user, need)
    answers = need.answers.select_related("institution").order_by("created", "id")
    if not can_edit:
        # Institutions see only their own answers; the public sees none.
        answers = answers.filter(institution_id__in=institution_ids(user))
    answer_form = NeedAnswerForm(user=user) if can_answer_need(user, need) else None
    points = [
        [round(h.institution.lat, 5), round(h.institution.lon, 5), h.institution.name, h.url,
         h.kind_label + " · " + h.distance_text]
        for h in hits
    ]  # fmt: skip
    return render(
        request,
        "partners/need_detail.html",
        {
            "need": need,
            "hits": hits,
            "km": km,
            "can_edit": can_edit,
            "answers": list(answers),
            "answer_form": answer_form,
            "map_points_json": json.dumps(points) if points else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    schools = selectors.schools_for_user(request.user).order_by("name", "schulnummer")
    if not schools.exists():
        raise PermissionDenied
    initial = {"school": schools.first().pk} if schools.count() == 1 else {}
    form = NeedForm(request.POST or None, schools=schools, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            need = services.create_need(
                acting_user=request.user,
                school=d["school"],
                data={k: d[k] for k in services.NEED_FIELDS},
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Ihr Bedarf steht jetzt in der Bedarfsbörse."))
            return redirect(need)
    return render(
        request,
        "partners/need_form.html",
        {"form": form, "need": None, "title": _("Bedarf einstellen")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.get_need(pk)
    if not can_edit_need(request.user, need) or not need.is_open:
        raise PermissionDenied
    form = NeedForm(request.POST or None, instance=Need.objects.get(pk=need.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_need(
                need,
                acting_user=request.user,
                data={k: form.cleaned_data[k] for k in services.NEED_FIELDS},
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect(need)
    return render(
        request,
        "partners/need_form.html",
        {"form": form, "need": need, "title": _("Bedarf bearbeiten")},
    )


@login_required
@require_POST
def need_close(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.get_need(pk)
    if not can_edit_need(request.user, need):
        raise PermissionDenied
    try:
        services.close_need(need, acting_user=request.user)
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Der Bedarf ist geschlossen."))
    return redirect(need)


@login_required
@require_POST
def need_answer(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.get_need(pk)
    if not can_answer_need(request.user, need):
        raise PermissionDenied
    form = NeedAnswerForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.answer_need(
                need,
                acting_user=request.user,
                institution=form.cleaned_data["institution"],
                message=form.cleaned_data["message"],
            )
        except DomainError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(exc.message) from exc
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Ihre Antwort wurde an die Schule geschickt."))
            return redirect(need)
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors))
    return redirect(need)
