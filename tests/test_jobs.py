import pytest
from celery import shared_task
from django.db import transaction

from bildungsnetz.core.jobs import enqueue

CALLS: list[int] = []


@shared_task
def _record(value):
    CALLS.append(value)


@pytest.mark.django_db(transaction=True)
def test_job_runs_after_commit_and_not_after_rollback():
    CALLS.clear()
    with transaction.atomic():
        enqueue(_record, 1)
        assert CALLS == []
    assert CALLS == [1]

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(_record, 2)
        raise RuntimeError("Abbruch")
    assert CALLS == [1]
