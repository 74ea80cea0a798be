import importlib

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Plain static storage: tests do not run collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    # A template that uses a missing variable renders a visible marker that tests catch.
    settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "TEMPLATE-VARIABLE-MISSING:%s"


@pytest.fixture
def reference_tables(transactional_db):
    """For transactional tests (browser tests): the NRW reference tables that the data
    migration loads are flushed after every such test, so load them again when missing."""
    from django.apps import apps

    from bildungsnetz.regions.models import Region

    if not Region.objects.exists():
        loader = importlib.import_module("bildungsnetz.regions.migrations.0002_load_nrw_structure")
        loader.load(apps, None)
