"""Dashboard pages: who sees what, every figure links to its list, SVG with data table,
CSV of the comparison table, bounded queries."""

import pytest
from django.core.management import call_command

from bildungsnetz.monitoring.models import Snapshot
from bildungsnetz.monitoring.services import take_snapshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

INTERNAL_MARK = "Arbeitsaufträge überfällig"


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def data(contracts, bochum_network, bochum_partnerships, personas):
    return personas


def test_land_dashboard_is_public_without_internal_figures(client, data):
    response = client.get("/monitoring/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 / 53" in html
    assert 'href="/netzwerk/"' in html
    assert INTERNAL_MARK not in html
    assert "Aufträge überfällig" not in html
    # all 53 regions in the comparison table, each linking to its own dashboard
    assert html.count('href="/monitoring/0') == 53


def test_land_staff_see_internal_figures_and_columns(client, data):
    html = login(client, data["land"]).get("/monitoring/").content.decode()
    assert INTERNAL_MARK in html
    assert 'href="/netzwerk/05911/auftraege/?ueberfaellig=1">2</a>' in html


@pytest.mark.parametrize(
    "persona,sees",
    [
        ("land", True),
        ("buero_bochum", True),
        ("aufsicht_bochum", True),
        ("lenkungskreis_bochum", True),
        ("buero_dortmund", False),
        ("schule_bochum", False),
        (None, False),
    ],
)
def test_region_dashboard_internal_part_only_for_own_region(client, data, persona, sees):
    if persona:
        login(client, data[persona])
    response = client.get("/monitoring/05911/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (INTERNAL_MARK in html) is sees
    assert ("/netzwerk/05911/auftraege/?ueberfaellig=1" in html) is sees
    # public figures for everybody
    assert "Pflichtgremien vollständig besetzt" in html
    assert "2 / 3" in html


def test_unknown_region_is_404(client, db):
    assert client.get("/monitoring/05999/").status_code == 404


def test_series_are_accessible_svg_with_a_data_table(client, data):
    html = client.get("/monitoring/05911/").content.decode()
    assert 'role="img"' in html
    assert "<title" in html
    assert "Sitzungen der Gremien je Jahr" in html
    # the data table beside the chart holds the same numbers
    assert '<th scope="row">2025</th><td class="num">2</td>' in html


def test_snapshot_series_after_the_daily_job(client, data):
    take_snapshot()
    html = client.get("/monitoring/").content.decode()
    assert "Stichtagswerte" in html
    assert "letzter Stichtag des Jahres" in html


def test_comparison_csv_public_and_internal(client, data):
    response = client.get("/monitoring/vergleich.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert len(lines) == 54
    assert "Arbeitsaufträge" not in lines[0]
    bochum = next(line for line in lines if line.startswith("05911;"))
    cells = bochum.split(";")
    # AGS, name, signed, bodies complete; [4] = meetings this year; schools (5 of the
    # fixture + the persona's school), counted partnerships, per 100 (full precision)
    assert cells[:4] == ["05911", "Bochum", "ja", "2"]
    assert cells[5:7] == ["6", "2"]
    assert float(cells[7].replace(",", ".")) == pytest.approx(100 / 3)
    text = login(client, data["land"]).get("/monitoring/vergleich.csv").content.decode("utf-8-sig")
    head, *rows = text.strip().split("\r\n")
    assert head.endswith("Arbeitsaufträge erledigt;Arbeitsaufträge überfällig")
    assert next(r for r in rows if r.startswith("05911;")).endswith(";1;2")


def test_dashboard_queries_are_bounded(client, data, django_assert_max_num_queries):
    login(client, data["land"])
    with django_assert_max_num_queries(40):
        assert client.get("/monitoring/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get("/monitoring/05911/").status_code == 200


def test_take_snapshot_is_idempotent_per_day(data):
    import datetime

    from bildungsnetz.network.models import Network

    first = take_snapshot()
    assert first == Snapshot.objects.count() == 54 * 8
    land = Snapshot.objects.get(region=None, key="vereinbarungen")
    assert (land.value, land.total) == (3, 53)
    Network.objects.filter(region__ags="05916").update(contract_status="unterzeichnet")
    assert take_snapshot() == first
    assert Snapshot.objects.count() == first
    assert Snapshot.objects.get(region=None, key="vereinbarungen").value == 4
    overdue = Snapshot.objects.get(region__ags="05911", key="auftraege_ueberfaellig")
    assert overdue.value == 2
    take_snapshot(day=datetime.date(2026, 1, 1))
    assert Snapshot.objects.count() == 2 * first


def test_runperiodic_runs_the_snapshot_job(data, settings, capsys):
    assert "monitoring_stichtag" in settings.PERIODIC_JOBS
    call_command("runperiodic", "monitoring_stichtag")
    assert "monitoring_stichtag: 432" in capsys.readouterr().out
    assert Snapshot.objects.filter(region=None).count() == 8


@pytest.mark.parametrize(
    "url",
    [
        "/monitoring/",
        "/monitoring/05911/",
        "/monitoring/vergleich.csv",
        "/monitoring/vergleich.xlsx",
    ],
)
def test_dashboards_are_read_only(client, data, url):
    login(client, data["land"])
    assert client.post(url).status_code == 405


def test_comparison_xlsx_has_all_regions(client, data):
    import io

    from openpyxl import load_workbook

    response = client.get("/monitoring/vergleich.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 54
    bochum = next(r for r in rows if r[0] == "05911")
    assert bochum[1] == "Bochum" and bochum[3] == 2
    assert "Arbeitsaufträge erledigt" not in rows[0]
