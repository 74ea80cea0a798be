"""Writes around public relations: region news, the newsletter with double opt-in and
one-click unsubscribe. Mails leave only after commit, through background jobs.

Tokens are signed (``django.core.signing``), nothing secret is stored: the confirmation
token is valid for seven days, the unsubscribe token as long as the subscription exists.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..core import audit
from ..core.errors import DomainError
from ..core.jobs import enqueue
from .models import NewsItem, NewsletterSubscription
from .services import _apply, _full_clean, _guard

NEWS_FIELDS = ("title", "text", "published_at", "is_public")
CONFIRM_SALT = "network.newsletter.confirm"
UNSUBSCRIBE_SALT = "network.newsletter.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)


# --- News -------------------------------------------------------------------------------


@transaction.atomic
def save_news_item(region, *, acting_user, data: dict, item: NewsItem | None = None) -> NewsItem:
    _guard(acting_user, region)
    created = item is None
    item = item or NewsItem(region=region)
    if item.region_id != region.pk:
        raise DomainError(_("Die Neuigkeit gehört zu einer anderen Region."))
    changed = _apply(item, data, NEWS_FIELDS)
    if not item.title.strip():
        raise DomainError(_("Bitte einen Titel angeben."), field="title")
    if not item.text.strip():
        raise DomainError(_("Bitte einen Text angeben."), field="text")
    _full_clean(item, exclude=["region"])
    item.save()
    audit.log(
        "network.newsitem.created" if created else "network.newsitem.changed",
        actor=acting_user,
        obj=item,
        region=region,
        data={"fields": changed},
    )
    return item


def newsletter_recipients(region):
    """Active subscriptions for a region's news: the region's and the statewide ones."""
    from django.db.models import Q

    return NewsletterSubscription.objects.filter(
        Q(region=region) | Q(region__isnull=True),
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
    ).order_by("email")


@transaction.atomic
def send_news_as_newsletter(item: NewsItem, *, acting_user, base_url: str) -> int:
    """Queue the newsletter mail of a published news item (once per item)."""
    from .tasks import send_newsletter

    region = item.region
    _guard(acting_user, region)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_public or item.published_at > timezone.now():
        raise DomainError(_("Nur veröffentlichte Neuigkeiten können versendet werden."))
    if item.newsletter_sent_at:
        raise DomainError(_("Diese Neuigkeit wurde schon als Newsletter versendet."))
    count = newsletter_recipients(region).count()
    if count == 0:
        raise DomainError(_("Es gibt noch keine bestätigten Abonnentinnen und Abonnenten."))
    item.newsletter_sent_at = timezone.now()
    item.save(update_fields=["newsletter_sent_at"])
    audit.log(
        "network.newsitem.newsletter_requested",
        actor=acting_user,
        obj=item,
        region=region,
        data={"n": count},
    )
    enqueue(send_newsletter, item.pk, base_url)
    return count


def deliver_newsletter(item_id: int, base_url: str) -> int:
    """Send the news item to every active subscription not yet served (job body).

    Idempotent: each mail is recorded (``NewsletterDelivery``) in the same transaction that
    sends it, so a redelivered job sends nobody the item twice."""
    from django.db import IntegrityError

    from .models import NewsletterDelivery

    item = NewsItem.objects.select_related("region").get(pk=item_id)
    sent = 0
    for subscription in newsletter_recipients(item.region):
        try:
            with transaction.atomic():
                NewsletterDelivery.objects.create(news_item=item, subscription=subscription)
                newsletter_mail(subscription, item, base_url).send()
        except IntegrityError:
            continue  # already sent by an earlier run
        sent += 1
    return sent


def newsletter_mail(subscription, item: NewsItem, base_url: str) -> EmailMessage:
    link = unsubscribe_url(subscription, base_url)
    body = (
        item.text
        + "\n\n"
        + _("Mehr: %(url)s") % {"url": base_url.rstrip("/") + item.get_absolute_url()}
        + "\n\n-- \n"
        + _("Newsletter abbestellen: %(url)s") % {"url": link}
        + "\n"
    )
    return EmailMessage(
        subject=_("Neuigkeit aus %(region)s: %(title)s")
        % {"region": item.region.name, "title": item.title},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


# --- Newsletter subscription ------------------------------------------------------------


def _token(subscription, salt: str) -> str:
    return signing.dumps({"id": subscription.pk, "e": subscription.email}, salt=salt)


def _subscription_from(token: str, salt: str, max_age=None) -> NewsletterSubscription:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise DomainError(
            _("Der Link ist abgelaufen. Bitte melden Sie sich erneut an."), code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise DomainError(_("Der Link ist ungültig."), code="invalid") from exc
    subscription = NewsletterSubscription.objects.filter(
        pk=payload.get("id"), email=payload.get("e")
    ).first()
    if subscription is None:
        raise DomainError(_("Der Link ist ungültig."), code="invalid")
    return subscription


def confirm_url(subscription, base_url: str) -> str:
    path = reverse(
        "network:newsletter_confirm", kwargs={"token": _token(subscription, CONFIRM_SALT)}
    )
    return base_url.rstrip("/") + path


def unsubscribe_url(subscription, base_url: str) -> str:
    path = reverse(
        "network:newsletter_unsubscribe", kwargs={"token": _token(subscription, UNSUBSCRIBE_SALT)}
    )
    return base_url.rstrip("/") + path


@transaction.atomic
def subscribe(*, email: str, region=None, base_url: str) -> NewsletterSubscription:
    """Record the wish and send the confirmation mail after commit. Answers the same
    whether or not the address is known (nothing is revealed about other people)."""
    from .tasks import send_newsletter_confirmation

    email = (email or "").strip().lower()
    subscription = (
        NewsletterSubscription.objects.select_for_update()
        .filter(email=email, region=region)
        .first()
    )
    if subscription is None:
        subscription = NewsletterSubscription(email=email, region=region)
        _full_clean(subscription)
        subscription.save()
    elif subscription.is_active:
        return subscription  # already confirmed: no mail, same answer
    elif subscription.unsubscribed_at:
        subscription.confirmed_at = None
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["confirmed_at", "unsubscribed_at"])
    audit.log(
        "network.newslettersubscription.requested", actor=None, obj=subscription, region=region
    )
    enqueue(send_newsletter_confirmation, subscription.pk, base_url)
    return subscription


def deliver_confirmation(subscription_id: int, base_url: str) -> int:
    """Send the confirmation mail unless the subscription is already confirmed (job body)."""
    subscription = NewsletterSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or subscription.confirmed_at or subscription.unsubscribed_at:
        return 0
    where = subscription.region.name if subscription.region_id else _("ganz NRW")
    body = _(
        "Guten Tag,\n\nSie möchten den Newsletter der Regionalen Bildungsnetzwerke "
        "(%(where)s) erhalten. Bitte bestätigen Sie Ihre Anmeldung innerhalb von sieben "
        "Tagen über diesen Link:\n\n%(url)s\n\nWenn Sie sich nicht angemeldet haben, "
        "ignorieren Sie diese E-Mail bitte; wir schreiben Ihnen dann nicht wieder.\n"
    ) % {"where": where, "url": confirm_url(subscription, base_url)}
    EmailMessage(
        subject=_("Bitte bestätigen Sie Ihre Newsletter-Anmeldung"),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
    ).send()
    return 1


def subscription_for_confirm(token: str) -> NewsletterSubscription:
    return _subscription_from(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def subscription_for_unsubscribe(token: str) -> NewsletterSubscription:
    return _subscription_from(token, UNSUBSCRIBE_SALT)


@transaction.atomic
def confirm(token: str) -> NewsletterSubscription:
    subscription = subscription_for_confirm(token)
    subscription = NewsletterSubscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.unsubscribed_at:
        raise DomainError(_("Dieses Abonnement wurde bereits abbestellt."), code="invalid")
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        audit.log(
            "network.newslettersubscription.confirmed",
            actor=None,
            obj=subscription,
            region=subscription.region,
        )
    return subscription


@transaction.atomic
def unsubscribe(token: str) -> NewsletterSubscription:
    subscription = subscription_for_unsubscribe(token)
    subscription = NewsletterSubscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        audit.log(
            "network.newslettersubscription.unsubscribed",
            actor=None,
            obj=subscription,
            region=subscription.region,
        )
    return subscription
