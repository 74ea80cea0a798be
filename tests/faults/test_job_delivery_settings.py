"""The Celery settings that make a killed worker's job run again (`make faults` shows it with
a real worker and SIGKILL): acknowledged only after the job, re-queued when the pool process
dies, and handed to another worker after the visibility timeout when the whole worker dies."""

from bildungsnetz.celery import app


def test_a_job_is_acknowledged_only_after_it_ran_and_requeued_when_its_worker_dies():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1  # a dying worker holds at most one job


def test_unacknowledged_jobs_return_after_the_visibility_timeout():
    assert app.conf.broker_transport_options["visibility_timeout"] == 3600
