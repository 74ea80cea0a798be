"""Background jobs of the catalogue (Celery; in-process without a broker).

``check_links`` is periodic work: schedule it from Celery beat, e.g.
``CELERY_BEAT_SCHEDULE = {"linkpruefung": {"task": "catalogue.check_links",
"schedule": 7 * 24 * 3600}}``, or run ``bildungsnetz check_links`` from cron.
It takes ids, not objects, and is idempotent (a redelivered job just checks again).
"""

from celery import shared_task


@shared_task(name="catalogue.check_links", acks_late=True)
def check_links(material_ids: list[int] | None = None) -> dict:
    from .linkcheck import check_materials

    return check_materials(material_ids)
