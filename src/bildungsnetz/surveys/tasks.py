"""Background jobs of the survey engine (Celery; in-process after commit without a broker).

They take ids, reload and are idempotent: an invitation is mailed once (``sent_at`` is set
in the transaction that sends it), a reminder once (``reminded_at``). Periodic:
``surveys.send_reminders`` daily (``PERIODIC_JOBS["befragungen_erinnern"]``); it also ends
surveys past their closing date.
"""

from celery import shared_task


@shared_task(name="surveys.deliver_invitations", acks_late=True)
def deliver_invitations(survey_id: int, region_ids=None, base_url=None) -> int:
    from .services import deliver_invitations as run

    return run(survey_id, region_ids, base_url)


@shared_task(name="surveys.send_reminders", acks_late=True)
def send_reminders() -> dict:
    from .services import send_reminders as run

    return run()
