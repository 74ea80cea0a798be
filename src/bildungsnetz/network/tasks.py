"""Background jobs of the network app (Celery; in-process after commit without a broker).

They take ids, reload, and are idempotent: a redelivered job sends nothing twice.
Periodic: ``send_work_order_reminders`` daily, from Celery beat or ``bildungsnetz
network_reminders`` in cron.
"""

from celery import shared_task


@shared_task(name="network.send_invitations", acks_late=True)
def send_invitations(meeting_id: int) -> int:
    from .meeting_services import deliver_invitations

    return deliver_invitations(meeting_id)


@shared_task(name="network.send_work_order_reminders", acks_late=True)
def send_work_order_reminders() -> int:
    from .meeting_services import send_reminders

    return send_reminders()


@shared_task(name="network.apply_retention", acks_late=True)
def apply_retention() -> int:
    """Anonymise persons inactive longer than NETWORK_PERSON_RETENTION_DAYS (daily)."""
    from .services import apply_retention as run

    return run()


@shared_task(name="network.send_newsletter_confirmation", acks_late=True)
def send_newsletter_confirmation(subscription_id: int, base_url: str) -> int:
    from .news_services import deliver_confirmation

    return deliver_confirmation(subscription_id, base_url)


@shared_task(name="network.send_newsletter", acks_late=True)
def send_newsletter(item_id: int, base_url: str) -> int:
    from .news_services import deliver_newsletter

    return deliver_newsletter(item_id, base_url)
