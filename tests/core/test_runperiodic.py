"""`bildungsnetz runperiodic` runs the configured periodic jobs once, in this process."""

import pytest
from celery import shared_task
from django.core.management import CommandError, call_command

RUNS: list[str] = []


@shared_task(name="tests.erinnerung")
def _erinnerung():
    RUNS.append("erinnerung")
    return {"versendet": 3}


def test_runperiodic_runs_each_configured_job(settings, capsys):
    RUNS.clear()
    settings.PERIODIC_JOBS = {"erinnerungen": ("tests.erinnerung", 3600)}
    call_command("runperiodic")
    assert RUNS == ["erinnerung"]
    assert "erinnerungen: {'versendet': 3}" in capsys.readouterr().out


def test_runperiodic_names_unknown_jobs(settings):
    settings.PERIODIC_JOBS = {"erinnerungen": ("tests.erinnerung", 3600)}
    with pytest.raises(CommandError, match="Unbekannte Aufgabe: wetter"):
        call_command("runperiodic", "wetter")


def test_link_check_is_scheduled_weekly_and_its_task_is_found():
    from celery import current_app

    from bildungsnetz import settings as project_settings

    current_app.loader.import_default_modules()
    assert "catalogue.check_links" in current_app.tasks
    task, interval = project_settings.PERIODIC_JOBS["linkpruefung"]
    assert task == "catalogue.check_links" and interval == 7 * 24 * 3600
    assert project_settings.CELERY_BEAT_SCHEDULE["linkpruefung"]["task"] == task
