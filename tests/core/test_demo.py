"""`bildungsnetz load_demo`: register (or a labelled generated sample), pages, demo accounts."""

import pytest
from django.core.management import call_command

from bildungsnetz.core.demo import DEMO_PASSWORD
from bildungsnetz.core.models import Page, User
from bildungsnetz.schools.models import School


@pytest.mark.django_db
def test_load_demo_without_register_loads_a_labelled_sample_and_is_idempotent(
    settings, tmp_path, capsys
):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", register=str(tmp_path / "fehlt.csv"))
    out = capsys.readouterr().out
    assert "erzeugte Beispielschulen" in out
    assert "created=64 updated=0 unchanged=0 closed=0 rejected=0" in out
    assert f"Passwort: {DEMO_PASSWORD}" in out
    # Every generated school says that it is generated.
    assert School.objects.count() == 64
    assert not School.objects.exclude(name__contains="Beispiel").exists()
    assert not School.objects.exclude(kurzbezeichnung__endswith="(Beispieldaten)").exists()
    assert School.objects.filter(region__ags="05911").count() == 8

    land = User.objects.get(email="land@demo.bildungsnetz.nrw")
    assert land.check_password(DEMO_PASSWORD)
    assert land.memberships.get().role == "land"
    buero = User.objects.get(email="bildungsbuero.bochum@demo.bildungsnetz.nrw")
    assert buero.memberships.get().region.ags == "05911"
    assert Page.objects.filter(slug="impressum").exists()

    accounts = User.objects.filter(email__endswith="@demo.bildungsnetz.nrw").count()
    assert accounts == 5  # Land, Bildungsbüro Bochum, a school, a museum, Bildungsbüro Münster
    call_command("load_demo", register=str(tmp_path / "fehlt.csv"))
    out = capsys.readouterr().out
    assert "created=0 updated=0 unchanged=64 closed=0 rejected=0" in out
    assert User.objects.filter(email__endswith="@demo.bildungsnetz.nrw").count() == accounts


@pytest.mark.django_db
def test_demo_survey_imports_paper_sheets_once_and_hides_the_small_region(settings, tmp_path):
    from bildungsnetz.surveys.models import Response, Survey
    from bildungsnetz.surveys.report import build_report

    settings.DATA_DIR = tmp_path
    call_command("load_demo", register=str(tmp_path / "fehlt.csv"))
    survey = Survey.objects.get(title__endswith="(Demo)")
    assert survey.status == "laeuft"
    assert Response.objects.filter(survey=survey).count() == 74 + 41 + 83 + 21 + 3
    call_command("load_demo", register=str(tmp_path / "fehlt.csv"))
    assert Response.objects.filter(survey=survey).count() == 222
    report = build_report(survey)
    rows = {row.region.ags: row for row in report.regions}
    assert rows["05966"].suppressed and not rows["05515"].suppressed
    # Olpe's 3 sheets alone could be recovered from the total: Borken is hidden as well.
    assert rows["05554"].suppressed and rows["05554"].secondary
    assert rows["05515"].invited == 110 and rows["05515"].responded == 83


@pytest.mark.django_db
def test_content_pages_exist_after_migrate_and_reset_restores_defaults(capsys):
    assert set(Page.objects.values_list("slug", flat=True)) >= {
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "leichte-sprache",
        "bildungspartner-kontakt",
        "bildungspartner-foerderung",
    }
    page = Page.objects.get(slug="impressum")
    page.body_de = "Anbieter: Musterbehörde"
    page.save()
    call_command("load_pages")
    page.refresh_from_db()
    assert page.body_de == "Anbieter: Musterbehörde"  # editors' text survives
    call_command("load_pages", reset=True)
    page.refresh_from_db()
    assert "Bildungsnetz NRW ist die gemeinsame Plattform" in page.body_de
    assert "impressum: zurückgesetzt" in capsys.readouterr().out
