"""Background jobs of the monitoring app (Celery; run by ``bildungsnetz runperiodic``).

``take_snapshot`` runs daily (``PERIODIC_JOBS["monitoring_stichtag"]``) and is idempotent
per day: running it again the same day leaves exactly one value per day, region and key.
"""

from celery import shared_task


@shared_task(name="monitoring.take_snapshot", acks_late=True)
def take_snapshot() -> int:
    from .services import take_snapshot as run

    return run()
