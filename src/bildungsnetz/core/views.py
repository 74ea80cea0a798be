from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..regions.models import Region
from ..regions.selectors import bezirk_overview
from ..schools.models import School
from . import services
from .errors import DomainError
from .forms import FeedbackForm, PageForm
from .models import Page
from .ratelimit import limit_public_posts
from .rules import can_read_audit_log, is_land_admin


@require_safe
def home(request):
    open_schools = School.objects.schools().open()
    context = {
        "region_count": Region.objects.count(),
        "school_count": open_schools.count(),
        "per_bezirk": bezirk_overview(),
    }
    return render(request, "core/home.html", context)


@login_required
@require_safe
def dashboard(request):
    """Mein Bereich: the roles of the account and one set of blocks per role (the blocks
    come from ``monitoring.startpage``)."""
    from ..catalogue.selectors import shared_plans_for
    from ..monitoring.startpage import start_page

    context = start_page(request.user)
    context["shared_plans"] = shared_plans_for(request.user)
    return render(request, "core/dashboard.html", context)


@require_safe
def search(request):
    from .search import global_search

    query = request.GET.get("q", "").strip()
    results = global_search(query) if query else None
    return render(request, "core/search.html", {"query": query, "results": results})


@require_safe
def page(request, slug):
    item = get_object_or_404(Page, slug=slug)
    english = get_language() == "en" and item.body_en.strip()
    return render(
        request,
        "core/page.html",
        {
            "page": item,
            "title": (item.title_en or item.title_de) if english else item.title_de,
            "body": item.body_en if english else item.body_de,
            "can_edit": is_land_admin(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def page_edit(request, slug):
    item = get_object_or_404(Page, slug=slug)
    if not is_land_admin(request.user):
        raise PermissionDenied
    form = PageForm(request.POST or None, instance=Page.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_page(item, acting_user=request.user, data=form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Die Seite wurde gespeichert."))
            return redirect("core:page", slug=item.slug)
    return render(request, "core/page_edit.html", {"page": item, "form": form})


@require_http_methods(["GET", "POST"])
@limit_public_posts("feedback")
def feedback(request):
    form = FeedbackForm(request.POST or None, initial={"page_url": request.GET.get("seite", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_feedback(**form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Vielen Dank! Ihre Rückmeldung ist eingegangen. "
                    "Wir antworten in der Regel innerhalb von zwei Wochen."
                ),
            )
            return redirect("core:feedback")
    return render(request, "core/feedback.html", {"form": form})


@login_required
@require_safe
def audit_log(request):
    """Who changed what and when – the named actions of the audit log, newest first."""
    from django.core.paginator import Paginator

    from .audit import describe
    from .selectors import audit_entries_for

    if not can_read_audit_log(request.user):
        raise PermissionDenied
    page_obj = Paginator(audit_entries_for(request.user), 50).get_page(request.GET.get("seite"))
    rows = [(entry, describe(entry)) for entry in page_obj]
    return render(request, "core/audit_log.html", {"page_obj": page_obj, "rows": rows})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
