"""Public pages for news, the Atom feeds, the newsletter (double opt-in, one-click
unsubscribe) and the statewide summary of the self-evaluations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from ...core.errors import DomainError
from ...core.ratelimit import limit_public_posts
from ...regions.models import Region
from .. import news_services
from ..forms import NewsletterSubscribeForm
from ..rules import can_edit_network
from ..selectors import get_region_or_404, public_news, region_news, self_evaluation_summary

FEED_LENGTH = 30


@require_safe
def news_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/news_list.html",
        {"items": public_news()[:50], "region": None, "can_edit": False},
    )


@require_safe
def news_region(request: HttpRequest, ags: str) -> HttpResponse:
    region = get_region_or_404(ags)
    return render(
        request,
        "network/news_list.html",
        {
            "items": region_news(region, request.user)[:50],
            "region": region,
            "can_edit": can_edit_network(request.user, region),
        },
    )


@require_safe
def news_detail(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    region = get_region_or_404(ags)
    item = region_news(region, request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    return render(
        request,
        "network/news_detail.html",
        {"item": item, "region": region, "can_edit": can_edit_network(request.user, region)},
    )


class NewsFeed(Feed):
    """Atom feed of the published news, statewide or (with ``ags``) of one region."""

    feed_type = Atom1Feed

    def get_object(self, request, ags=None):
        return get_region_or_404(ags) if ags else None

    def title(self, region):
        if region is None:
            return _("Neuigkeiten der Regionalen Bildungsnetzwerke NRW")
        return _("Neuigkeiten des Bildungsnetzwerks %(region)s") % {"region": region.name}

    def link(self, region):
        if region is None:
            return reverse("network:neuigkeiten")
        return reverse("network:neuigkeiten_region", kwargs={"ags": region.ags})

    def subtitle(self, region):
        return _("Öffentliche Neuigkeiten aus den Regionalen Bildungsnetzwerken")

    def items(self, region):
        return public_news(region)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return _("Bildungsnetzwerk %(region)s") % {"region": item.region.name}


news_feed = require_safe(NewsFeed())


# --- Newsletter -------------------------------------------------------------------------


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
@limit_public_posts("newsletter")
def newsletter_subscribe(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.order_by("name")
    initial = {"region": request.GET.get("region", "")}
    form = NewsletterSubscribeForm(request.POST or None, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        ags = form.cleaned_data["region"]
        region = Region.objects.filter(ags=ags).first() if ags else None
        try:
            news_services.subscribe(
                email=form.cleaned_data["email"], region=region, base_url=_base_url(request)
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Fast geschafft: Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen "
                    "Sie Ihre Anmeldung innerhalb von sieben Tagen über den Link darin."
                ),
            )
            return redirect("network:newsletter")
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "title": _("Newsletter abonnieren"),
            "intro": _(
                "Wir speichern nur Ihre E-Mail-Adresse, die gewählte Region und die Daten "
                "von Bestätigung und Abmeldung. Jede Ausgabe enthält einen Abmeldelink."
            ),
            "submit": _("Anmelden"),
        },
    )


def _token_page(request, *, title, text, button, done, status=200):
    return render(
        request,
        "network/newsletter_token.html",
        {"title": title, "text": text, "button": button, "done": done},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request: HttpRequest, token: str) -> HttpResponse:
    title = _("Newsletter-Anmeldung bestätigen")
    try:
        if request.method == "POST":
            news_services.confirm(token)
            return _token_page(
                request,
                title=title,
                text=_("Danke! Ihre Anmeldung ist bestätigt."),
                button="",
                done=True,
            )
        news_services.subscription_for_confirm(token)
    except DomainError as exc:
        return _token_page(request, title=title, text=exc.message, button="", done=True, status=400)
    return _token_page(
        request,
        title=title,
        text=_("Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten."),
        button=_("Anmeldung bestätigen"),
        done=False,
    )


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session; the token decides
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    title = _("Newsletter abbestellen")
    try:
        if request.method == "POST":
            news_services.unsubscribe(token)
            return _token_page(
                request,
                title=title,
                text=_("Sie sind abgemeldet und erhalten keinen Newsletter mehr."),
                button="",
                done=True,
            )
        news_services.subscription_for_unsubscribe(token)
    except DomainError as exc:
        return _token_page(request, title=title, text=exc.message, button="", done=True, status=400)
    return _token_page(
        request,
        title=title,
        text=_("Möchten Sie den Newsletter wirklich abbestellen?"),
        button=_("Abbestellen"),
        done=False,
    )


# --- Self-evaluation summary ------------------------------------------------------------


@require_safe
def self_evaluation_overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/selfevaluation_summary.html",
        {"years": self_evaluation_summary()},
    )
