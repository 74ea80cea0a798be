from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..core.errors import DomainError
from ..core.rules import can_edit_school_supplement
from ..regions.supervision import supervision_for_school
from . import services
from .forms import SchoolSupplementForm
from .models import School
from .selectors import get_school, search_schools


def _school_or_404(schulnummer: str) -> School:
    try:
        return get_school(schulnummer)
    except School.DoesNotExist as exc:
        raise Http404 from exc


def school_list(request):
    query = request.GET.get("q", "")
    page = Paginator(search_schools(query).order_by("name"), 50).get_page(request.GET.get("seite"))
    return render(request, "schools/school_list.html", {"page": page, "query": query})


def school_detail(request, schulnummer):
    school = _school_or_404(schulnummer)
    return render(
        request,
        "schools/school_detail.html",
        {
            "school": school,
            "supervision": supervision_for_school(school),
            "can_edit": can_edit_school_supplement(request.user, school),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_supplement_edit(request, schulnummer):
    school = _school_or_404(schulnummer)
    if not can_edit_school_supplement(request.user, school):
        raise PermissionDenied
    form = SchoolSupplementForm(
        request.POST or None,
        initial={
            "foerderschwerpunkte": school.foerderschwerpunkte,
            "bildungsbereich": school.bildungsbereich,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_school_supplement(school, acting_user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Die Angaben wurden gespeichert."))
            return redirect(school)
    return render(request, "schools/school_supplement_edit.html", {"school": school, "form": form})
