"""Writes of the core app: content pages and accessibility feedback."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from . import audit
from .errors import DomainError
from .models import Feedback, Page
from .rules import is_land_admin

PAGE_FIELDS = ("title_de", "title_en", "body_de", "body_en")


@transaction.atomic
def update_page(page: Page, *, acting_user, data: dict) -> Page:
    if not is_land_admin(acting_user):
        raise DomainError("Nur die Redaktion des Landes darf Inhaltsseiten ändern.")
    changed = [f for f in PAGE_FIELDS if f in data and getattr(page, f) != data[f]]
    for field in changed:
        setattr(page, field, data[field])
    if not page.title_de.strip():
        raise DomainError("Der deutsche Titel darf nicht leer sein.", field="title_de")
    if not page.body_de.strip():
        raise DomainError("Der deutsche Text darf nicht leer sein.", field="body_de")
    if changed:
        page._change_reason = "core.page.changed"
        page.save()
        audit.log("core.page.changed", actor=acting_user, obj=page, data={"fields": changed})
    return page


@transaction.atomic
def submit_feedback(
    *, topic: str, message: str, page_url: str = "", name: str = "", email: str = ""
) -> Feedback:
    if not message.strip():
        raise DomainError("Bitte schreiben Sie eine Nachricht.", field="message")
    item = Feedback(topic=topic, message=message.strip(), page_url=page_url, name=name, email=email)
    item.full_clean()
    item.save()
    transaction.on_commit(lambda: _notify_feedback(item.pk))
    return item


def _notify_feedback(feedback_id: int) -> None:
    item = Feedback.objects.get(pk=feedback_id)
    send_mail(
        subject=f"[Bildungsnetz NRW] Rückmeldung Barrierefreiheit: {item.get_topic_display()}",
        message=(
            f"Anliegen: {item.get_topic_display()}\nSeite: {item.page_url or '-'}\n"
            f"Name: {item.name or '-'}\nE-Mail: {item.email or '-'}\n\n{item.message}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.FEEDBACK_EMAIL],
        fail_silently=True,
    )


@transaction.atomic
def ensure_default_pages(*, reset: bool = False) -> dict[str, str]:
    """Create the content pages that are missing; with ``reset`` restore the default texts.

    Returns ``{slug: "angelegt" | "zurückgesetzt" | "unverändert"}``. Run by the data
    migration and ``bildungsnetz load_pages``; edits by the editors survive unless ``reset``.
    """
    from .content.pages import DEFAULT_PAGES

    outcome = {}
    for slug, texts in DEFAULT_PAGES.items():
        page = Page.objects.filter(slug=slug).first()
        if page is None:
            page = Page(slug=slug, **texts)
            page._change_reason = "core.page.created"
            page.save()
            outcome[slug] = "angelegt"
        elif reset and any(getattr(page, f) != v for f, v in texts.items()):
            for field, value in texts.items():
                setattr(page, field, value)
            page._change_reason = "core.page.reset"
            page.save()
            audit.log("core.page.reset", actor=None, obj=page)
            outcome[slug] = "zurückgesetzt"
        else:
            outcome[slug] = "unverändert"
    return outcome
