"""Background jobs of Bildungspartner NRW (Celery; in-process without a broker).

``partners.send_reminders`` is periodic work (daily is enough): register it in
``settings.PERIODIC_JOBS`` (e.g. ``"bildungspartner": ("partners.send_reminders", 86400)``)
or run ``bildungsnetz partner_reminders`` from cron. It is idempotent.
"""

from celery import shared_task


@shared_task(name="partners.send_reminders", acks_late=True)
def send_reminders() -> dict:
    from .services import send_reminders as run

    return run()


@shared_task(name="partners.notify_need_answer", acks_late=True)
def notify_need_answer(answer_id: int) -> int:
    from .services import notify_need_answer as run

    return run(answer_id)


@shared_task(name="partners.send_search_alerts", acks_late=True)
def send_search_alerts() -> dict:
    """Periodic (e.g. daily): mail new offers and needs near each saved search."""
    from .services import send_search_alerts as run

    return run()
