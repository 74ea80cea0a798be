"""A school's support plan: collect materials per criterion, print, DOCX, share.

Written only by the school's own accounts; read by them, by the Land and – once shared –
by the Schulaufsicht of the school's region (``rules.can_read_plan``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ...core.errors import DomainError
from ...schools.models import School
from ...schools.selectors import get_school
from .. import selectors, services
from ..docx_export import plan_docx
from ..forms import AddToPlanForm, PlanItemForm
from ..models import PlanItem, SupportPlan
from ..rules import can_read_plan, can_write_plan
from .public import _school_accounts


def _school_or_404(schulnummer: str) -> School:
    try:
        return get_school(schulnummer)
    except School.DoesNotExist as exc:
        raise Http404 from exc


def _readable_plan(request, schulnummer: str) -> tuple[School, SupportPlan]:
    school = _school_or_404(schulnummer)
    # An empty, unsaved plan until the school adds its first item.
    plan = selectors.plan_for_school(school) or SupportPlan(school=school)
    if not can_read_plan(request.user, plan):
        raise PermissionDenied
    return school, plan


@login_required
@require_safe
def plan_home(request: HttpRequest) -> HttpResponse:
    schools = _school_accounts(request.user)
    if len(schools) == 1:
        return redirect("catalogue:plan", schulnummer=schools[0].schulnummer)
    return render(request, "catalogue/plan_choose.html", {"schools": schools})


@login_required
@require_safe
def plan_detail(request: HttpRequest, schulnummer: str) -> HttpResponse:
    school, plan = _readable_plan(request, schulnummer)
    groups = selectors.plan_items_by_criterion(plan) if plan.pk else []
    can_write = can_write_plan(request.user, school)
    return render(
        request,
        "catalogue/plan_detail.html",
        {
            "school": school,
            "plan": plan,
            "groups": [
                (
                    crit,
                    [
                        (
                            item,
                            PlanItemForm(
                                initial={"status": item.status, "note": item.note},
                                prefix=f"e{item.pk}",
                            ),
                        )
                        for item in items
                    ],
                )
                for crit, items in groups
            ],
            "can_write": can_write,
        },
    )


@login_required
@require_safe
def plan_print(request: HttpRequest, schulnummer: str) -> HttpResponse:
    school, plan = _readable_plan(request, schulnummer)
    groups = selectors.plan_items_by_criterion(plan) if plan.pk else []
    return render(
        request,
        "catalogue/plan_print.html",
        {"school": school, "plan": plan, "groups": groups, "today": timezone.localdate()},
    )


@login_required
@require_safe
def plan_docx_export(request: HttpRequest, schulnummer: str) -> HttpResponse:
    school, plan = _readable_plan(request, schulnummer)
    groups = selectors.plan_items_by_criterion(plan) if plan.pk else []
    content = plan_docx(school, plan, groups, today=timezone.localdate())
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = f"unterstuetzungsplan-{school.schulnummer}-{timezone.localdate():%Y-%m-%d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def plan_add(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.get_public_material(pk)
    schools = [s for s in _school_accounts(request.user)]
    if not schools:
        raise PermissionDenied
    form = AddToPlanForm(request.POST, schools=schools)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Schule."))
        return redirect(material)
    school = next(s for s in schools if s.schulnummer == form.cleaned_data["schule"])
    try:
        services.add_to_plan(
            school, acting_user=request.user, material=material, note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(material)
    messages.success(request, _("Das Material steht jetzt in Ihrem Unterstützungsplan."))
    return redirect("catalogue:plan", schulnummer=school.schulnummer)


def _item_for_writer(request, schulnummer: str, item_id: int) -> PlanItem:
    school = _school_or_404(schulnummer)
    if not can_write_plan(request.user, school):
        raise PermissionDenied
    item = (
        PlanItem.objects.select_related("plan__school__region", "material")
        .filter(plan__school=school, pk=item_id)
        .first()
    )
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
def plan_item_edit(request: HttpRequest, schulnummer: str, item_id: int) -> HttpResponse:
    item = _item_for_writer(request, schulnummer, item_id)
    form = PlanItemForm(request.POST, prefix=f"e{item.pk}")
    if form.is_valid():
        try:
            services.update_plan_item(item, acting_user=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Der Eintrag wurde gespeichert."))
    else:
        messages.error(request, _("Bitte prüfen Sie Stand und Notiz."))
    return redirect("catalogue:plan", schulnummer=schulnummer)


@login_required
@require_POST
def plan_item_delete(request: HttpRequest, schulnummer: str, item_id: int) -> HttpResponse:
    item = _item_for_writer(request, schulnummer, item_id)
    services.remove_plan_item(item, acting_user=request.user)
    messages.success(request, _("Der Eintrag wurde aus dem Plan entfernt."))
    return redirect("catalogue:plan", schulnummer=schulnummer)


@login_required
@require_POST
def plan_share(request: HttpRequest, schulnummer: str) -> HttpResponse:
    school = _school_or_404(schulnummer)
    if not can_write_plan(request.user, school):
        raise PermissionDenied
    shared = request.POST.get("shared") == "1"
    services.share_plan(school, acting_user=request.user, shared=shared)
    if shared:
        messages.success(request, _("Die Schulaufsicht Ihrer Region kann den Plan jetzt lesen."))
    else:
        messages.success(request, _("Die Freigabe für die Schulaufsicht wurde zurückgenommen."))
    return redirect("catalogue:plan", schulnummer=schulnummer)
