"""The public answer page, reached with the one-time link from the invitation mail.

The token appears only in the URL of this page; the thank-you page has no token, the
page is not cached and sends the referrer only to our own pages (``no-referrer`` would
make browsers send ``Origin: null`` and fail the CSRF check), so the link goes nowhere else.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ...core.errors import DomainError
from .. import services
from ..models import Agreement, ItemKind

AGREEMENT_OPTIONS = [
    (Agreement.VOLL, Agreement.VOLL.label),
    (Agreement.EHER, Agreement.EHER.label),
    (Agreement.EHER_NICHT, Agreement.EHER_NICHT.label),
    (Agreement.GAR_NICHT, Agreement.GAR_NICHT.label),
    (Agreement.KEINE_ANGABE, Agreement.KEINE_ANGABE.label),
]


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _questions(items, posted: dict, errors: dict) -> list[tuple[str, list[dict]]]:
    groups: list[tuple[str, list[dict]]] = []
    for item in items:
        name = item.dimension.name if item.dimension else ""
        if not groups or groups[-1][0] != name:
            groups.append((name, []))
        if item.kind == ItemKind.AGREEMENT:
            options = AGREEMENT_OPTIONS
        elif item.kind == ItemKind.SINGLE:
            options = [(c, c) for c in item.choices] + [
                (Agreement.KEINE_ANGABE, Agreement.KEINE_ANGABE.label)
            ]
        else:
            options = []
        groups[-1][1].append(
            {
                "item": item,
                "name": f"frage_{item.code}",
                "options": [(str(v), str(label)) for v, label in options],
                "value": posted.get(item.code, ""),
                "error": errors.get(item.code, ""),
                "is_text": item.kind == ItemKind.TEXT,
            }
        )
    return groups


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except DomainError as exc:
        status = 404 if exc.code == "unknown_token" else 410
        return _private(
            render(request, "surveys/answer_invalid.html", {"message": exc.message}, status=status)
        )
    survey = invitation.survey
    items = list(survey.instrument.items.select_related("dimension"))
    posted, errors, general = {}, {}, ""
    if request.method == "POST":
        posted = {i.code: request.POST.get(f"frage_{i.code}", "") for i in items}
        try:
            services.submit_response(token, posted)
        except services.AnswerErrors as exc:
            errors = exc.errors
        except DomainError as exc:
            if exc.code in {"unknown_token", "used_token", "closed"}:
                return _private(
                    render(request, "surveys/answer_invalid.html", {"message": exc.message},
                           status=410)
                )  # fmt: skip
            general = exc.message
        else:
            return redirect("surveys:thanks")
    groups = _questions(items, posted, errors)
    error_list = [
        (q["name"], q["item"].code, q["error"]) for _n, qs in groups for q in qs if q["error"]
    ]
    return _private(
        render(
            request,
            "surveys/answer.html",
            {
                "survey": survey,
                "region": invitation.region,
                "groups": groups,
                "error_list": error_list,
                "general_error": general,
                "page_title": survey.title,
            },
            status=400 if (errors or general) else 200,
        )
    )


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html", {"page_title": _("Vielen Dank")})
