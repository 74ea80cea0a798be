"""``bildungsnetz runperiodic``: run the periodic jobs once (from cron or a systemd timer).

The jobs are Celery tasks listed in ``settings.PERIODIC_JOBS``; here they run in this
process, one after the other. With a Celery broker, Celery beat can schedule the same tasks
instead (``CELERY_BEAT_SCHEDULE``). Every job is idempotent, so running it twice is harmless.
"""

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Führt die regelmäßigen Aufgaben (z. B. Linkprüfung) einmal aus."

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help="nur diese Aufgaben (Namen)")

    def handle(self, *args, jobs, **options):
        known = settings.PERIODIC_JOBS
        unknown = [name for name in jobs if name not in known]
        if unknown:
            raise CommandError(
                "Unbekannte Aufgabe: " + ", ".join(unknown) + ". Bekannt: " + ", ".join(known)
            )
        current_app.loader.import_default_modules()  # the apps' tasks.py (autodiscovery)
        for name in jobs or known:
            task_name, _interval = known[name]
            result = current_app.tasks[task_name].apply().get()
            self.stdout.write(f"{name}: {result}")
