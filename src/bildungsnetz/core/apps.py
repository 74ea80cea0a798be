from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _repair_school_index(sender, using="default", **kwargs):
    """After every ``migrate``: restore the school search index if a table rebuild dropped it.

    SQLite rebuilds a table when a migration alters a column, which drops the FTS triggers
    of ``core_school_fts``; this puts them back and re-indexes (a no-op when all is there).
    """
    from django.db import connections

    from .fulltext import SCHOOL_TABLE, ensure_school_index

    if SCHOOL_TABLE in connections[using].introspection.table_names():
        ensure_school_index(using=using)


class CoreConfig(AppConfig):
    name = "bildungsnetz.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        post_migrate.connect(_repair_school_index, sender=self, dispatch_uid="bn-school-index")
