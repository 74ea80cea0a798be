"""Background jobs: Celery when a broker is configured, otherwise in-process after commit.

Tasks take ids, not objects, reload and re-check, then call a service; they must be
idempotent because a job whose worker dies is delivered again (acks_late).
"""

from django.db import transaction


def enqueue(task, *args, **kwargs) -> None:
    """Run ``task`` after the current transaction commits (never if it rolls back).

    With ``CELERY_TASK_ALWAYS_EAGER`` (no broker) ``delay`` runs the task in this process.
    """
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
