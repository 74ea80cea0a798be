"""Survey management for the Land and the Bildungsbüros: list, create, detail with
participation per region (counts only), invitations, sending, closing, answer import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ...core.errors import DomainError
from ...core.rules import is_land_admin
from .. import selectors, services
from ..forms import STATEWIDE, ImportForm, InvitationForm, SurveyForm
from ..models import Survey, SurveyStatus
from ..rules import (
    can_create_survey,
    can_manage_survey,
    can_use_surveys,
    can_view_survey,
    office_region_ids,
    regions_for,
)


def _apply_error(form, exc: DomainError) -> None:
    if exc.code == "forbidden":
        raise PermissionDenied(exc.message)
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _survey(request, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("instrument", "region"), pk=pk)
    if not can_view_survey(request.user, survey):
        raise PermissionDenied
    return survey


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@login_required
@require_safe
def survey_list(request: HttpRequest) -> HttpResponse:
    if not can_use_surveys(request.user):
        raise PermissionDenied
    surveys = list(selectors.surveys_for_user(request.user))
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": surveys,
            "can_create": is_land_admin(request.user) or bool(office_region_ids(request.user)),
            "is_land": is_land_admin(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (is_land_admin(user) or office_region_ids(user)):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data["region"]
        if not can_create_survey(user, region):
            raise PermissionDenied
        try:
            survey = services.create_survey(
                instrument=form.cleaned_data["instrument"],
                title=form.cleaned_data["title"],
                closes_on=form.cleaned_data["closes_on"],
                opens_on=form.cleaned_data["opens_on"],
                anonymity_threshold=form.cleaned_data["anonymity_threshold"],
                region=region,
                by=user,
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Befragung wurde als Entwurf angelegt."))
            return redirect("surveys:detail", pk=survey.pk)
    elif request.method == "GET" and not is_land_admin(user):
        form.fields["region"].initial = form.fields["region"].choices[0][0]
    elif request.method == "GET":
        form.fields["region"].initial = STATEWIDE
    return render(
        request, "surveys/form.html", {"form": form, "title": _("Neue Befragung anlegen")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not can_manage_survey(request.user, survey):
        raise PermissionDenied
    initial = {
        "title": survey.title,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "anonymity_threshold": survey.anonymity_threshold,
    }
    form = SurveyForm(request.POST or None, user=request.user, edit=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survey(
                survey,
                title=form.cleaned_data["title"],
                closes_on=form.cleaned_data["closes_on"],
                opens_on=form.cleaned_data["opens_on"],
                anonymity_threshold=form.cleaned_data["anonymity_threshold"],
                by=request.user,
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Befragung wurde gespeichert."))
            return redirect("surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "title": _("Befragung bearbeiten"), "survey": survey},
    )


@login_required
@require_safe
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    user = request.user
    rows = selectors.participation_by_region(survey)
    my_regions = list(regions_for(user, survey))
    if not is_land_admin(user):
        own = {r.pk for r in my_regions}
        rows = [r for r in rows if r["region"].pk in own]
    invited = sum(r["invited"] for r in rows)
    responded = sum(r["responded"] for r in rows)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "rows": rows,
            "total": {
                "invited": invited,
                "responded": responded,
                "response_rate": selectors._rate(responded, invited),
            },
            "can_manage": can_manage_survey(user, survey),
            "can_invite": bool(my_regions) and survey.status != SurveyStatus.BEENDET,
            "can_send": bool(my_regions) and survey.status == SurveyStatus.LAEUFT,
            "can_import": bool(my_regions) and survey.status != SurveyStatus.ENTWURF,
            "items_by_dimension": selectors.instrument_items_by_dimension(survey.instrument),
        },
    )


@login_required
@require_POST
def survey_open(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not can_manage_survey(request.user, survey):
        raise PermissionDenied
    try:
        services.open_survey(survey, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Die Befragung läuft. Jetzt können Sie Einladungen versenden."))
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not can_manage_survey(request.user, survey):
        raise PermissionDenied
    services.close_survey(survey, by=request.user)
    messages.success(
        request, _("Die Befragung ist beendet; es werden keine Antworten mehr angenommen.")
    )
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not regions_for(request.user, survey).exists():
        raise PermissionDenied
    try:
        n = services.send_invitations(survey, by=request.user, base_url=_base_url(request))
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        if n:
            messages.success(
                request, _("%(n)s Einladung(en) werden jetzt im Hintergrund versandt.") % {"n": n}
            )
        else:
            messages.info(request, _("Es gibt keine noch nicht versandten Einladungen."))
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload addresses (pasted or CSV) and paper invitations for one region."""
    survey = _survey(request, pk)
    regions = regions_for(request.user, survey)
    if not regions.exists():
        raise PermissionDenied
    form = InvitationForm(request.POST or None, request.FILES or None, regions=regions)
    report = None
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data["region"]
        try:
            if form.cleaned_data["text"].strip():
                report = services.add_invitations(
                    survey, region, form.cleaned_data["text"], request.user
                )
            if form.cleaned_data.get("invited_offline") is not None:
                services.set_offline_invitations(
                    survey, region, form.cleaned_data["invited_offline"], request.user
                )
                messages.success(request, _("Die Zahl der Papiereinladungen wurde gespeichert."))
        except DomainError as exc:
            _apply_error(form, exc)
    return render(
        request,
        "surveys/invitations.html",
        {"survey": survey, "form": form, "report": report},
    )


@login_required
@require_http_methods(["GET", "POST"])
def response_import(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not regions_for(request.user, survey).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.import_responses(
                survey, form.cleaned_data["file"].read(), by=request.user
            )
        except DomainError as exc:
            _apply_error(form, exc)
    return render(
        request,
        "surveys/import.html",
        {
            "survey": survey,
            "form": form,
            "report": report,
            "codes": [i.code for i in survey.instrument.items.all()],
        },
    )


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a new link to one address (the old one stops working). The answer is the same
    whether or not the address has already answered."""
    survey = _survey(request, pk)
    if not regions_for(request.user, survey).exists():
        raise PermissionDenied
    try:
        services.resend_to_address(
            survey, request.POST.get("email", ""), by=request.user, base_url=_base_url(request)
        )
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _(
                "Falls diese Adresse eingeladen ist und noch nicht geantwortet hat, erhält sie "
                "jetzt einen neuen Link; der alte gilt nicht mehr."
            ),
        )
    return redirect("surveys:invitations", pk=survey.pk)
