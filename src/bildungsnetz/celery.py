"""Celery application. Used only when ``REDIS_URL`` (or ``CELERY_BROKER_URL``) is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")

app = Celery("bildungsnetz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
