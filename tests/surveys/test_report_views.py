"""The report page and its exports: who sees what, suppression, full precision."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bildungsnetz.surveys.models import Item
from tests.factories import make_user

from .report_data import BOCHUM, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return make_survey()


@pytest.fixture
def land(client):
    user = make_user("martina.lehmkuhl@msb.nrw.de", "land", None)
    client.force_login(user)
    return client


@pytest.fixture
def bochum(client):
    user = make_user("petra.sommer@bochum.de", "bildungsbuero", BOCHUM)
    client.force_login(user)
    return client


def _url(survey, name="surveys:report", **kw):
    return reverse(name, kwargs={"pk": survey.pk, **kw})


def test_land_sees_every_region_and_suppression_text(land, survey):
    response = land.get(_url(survey))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Bochum", "Münster", "Kreis Soest", "Kreis Gütersloh", "Kreis Warendorf"):
        assert name in html
    assert "weniger als 5 Antworten" in html
    # A1 in Münster: 5 of 8 = 62.5 → shown rounded half up as 63 %
    assert "63\u00a0%" in html
    # statewide B1 68.75 → 69 %
    assert "69\u00a0%" in html
    assert 'role="img"' in html and "diagramm-fragen-title" in html
    # free text of a shown region, not of a suppressed one
    assert "Mehr Austausch." in html
    assert "Geheimer Hinweis Soest." not in html
    assert "TEMPLATE-VARIABLE-MISSING" not in html


def test_soest_count_never_appears_on_the_page(land, survey):
    html = land.get(_url(survey)).content.decode()
    # Soest row: invited 5, then the suppression note instead of 4 responses and 80 %
    soest_row = html.split('<th scope="row">Kreis Soest</th>', 1)[1].split("</tr>", 1)[0]
    assert "weniger als 5 Antworten" in soest_row
    assert ">4<" not in soest_row and "80" not in soest_row


def test_bildungsbuero_sees_own_region_statewide_and_anonymous_min_max(bochum, survey):
    response = bochum.get(_url(survey))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bochum" in html
    assert "Münster" not in html and "Kreis Soest" not in html
    assert "Regionen im Vergleich" not in html
    # min/max of A1 (62.5 → 63 %, 75 %) still present without a name
    assert "63\u00a0%" in html and "75\u00a0%" in html
    assert "Gut organisiert." not in html  # Münster's free text
    assert "Mehr Austausch." in html


@pytest.mark.parametrize(
    ("email", "role", "ags"),
    [
        ("lena.koch@koeln.de", "bildungsbuero", "05315"),  # region not taking part
        ("jan.berger@schulamt-bochum.de", "schulaufsicht", BOCHUM),
        ("kerstin.wolf@gesamtschule-bochum.de", "schule", BOCHUM),
    ],
)
def test_others_get_403(client, survey, email, role, ags):
    client.force_login(make_user(email, role, ags))
    assert client.get(_url(survey)).status_code == 403
    assert client.get(_url(survey, "surveys:report_export", format="csv")).status_code == 403


def test_anonymous_is_sent_to_login(client, survey):
    response = client.get(_url(survey))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_unknown_format_and_survey_are_404(land, survey):
    assert land.get(_url(survey, "surveys:report_export", format="pdf")).status_code == 404
    assert land.get(reverse("surveys:report", kwargs={"pk": 999999})).status_code == 404


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return [line.split(";") for line in text.strip().split("\r\n")]


def test_csv_keeps_full_precision_and_suppresses(land, survey):
    response = land.get(_url(survey, "surveys:report_export", format="csv"))
    assert response.status_code == 200
    rows = _csv_rows(response)
    header = rows[0]
    pct = header.index("Zustimmung in %")
    note = header.index("Hinweis")
    region = header.index("Region")
    n = header.index("gültige Antworten (n)")
    a1 = [r for r in rows if r[0] == "Frage" and r[1] == "A1"]
    statewide = next(r for r in a1 if r[region] == "alle Regionen")
    assert statewide[pct] == str(1300 / 19).replace(".", ",")  # 68,42105263157895
    assert statewide[n] == "19"
    muenster = next(r for r in a1 if r[region] == "Münster")
    assert muenster[pct] == "62,5"
    soest = next(r for r in a1 if r[region] == "Kreis Soest")
    assert soest[pct] == "" and soest[n] == "" and soest[note] == "weniger als 5 Antworten"
    rates = [r for r in rows if r[0] == "Rücklauf"]
    soest_rate = next(r for r in rates if r[region] == "Kreis Soest")
    assert soest_rate[header.index("geantwortet")] == ""
    assert soest_rate[header.index("Rücklauf in %")] == ""
    assert "Mehr Austausch." not in response.content.decode("utf-8-sig")


def test_xlsx_keeps_numbers_as_numbers(land, survey):
    response = land.get(_url(survey, "surveys:report_export", format="xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    pct, region = header.index("Zustimmung in %"), header.index("Region")
    b1 = next(r for r in rows if r[0] == "Frage" and r[1] == "B1" and r[region] == "Bochum")
    assert b1[pct] == pytest.approx(100 / 6, abs=1e-12)
    soest = next(r for r in rows if r[0] == "Frage" and r[1] == "B1" and r[region] == "Kreis Soest")
    assert soest[pct] is None


def test_bildungsbuero_export_has_no_other_region(bochum, survey):
    text = bochum.get(_url(survey, "surveys:report_export", format="csv")).content.decode(
        "utf-8-sig"
    )
    assert "Bochum" in text and "Münster" not in text and "Kreis Soest" not in text


def test_export_is_safe_against_formula_injection(land, survey):
    Item.objects.filter(instrument=survey.instrument, code="A1").update(
        text='=HYPERLINK("http://example.org")'
    )
    text = land.get(_url(survey, "surveys:report_export", format="csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    response = land.get(_url(survey, "surveys:report_export", format="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)


def test_report_page_query_count_does_not_grow_with_answers(
    land, survey, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        assert land.get(_url(survey)).status_code == 200


def test_bildungsbuero_of_a_small_region_sees_no_number_of_its_own(client, survey):
    client.force_login(make_user("ute.richter@kreis-soest.de", "bildungsbuero", "05974"))
    html = client.get(_url(survey)).content.decode()
    row = html.split('<th scope="row">Kreis Soest</th>', 1)[1].split("</tr>", 1)[0]
    assert "weniger als 5 Antworten" in row and ">4<" not in row
    assert "Geheimer Hinweis Soest." not in html
    # statewide figures are still there: A1 1300/19 = 68.4 → 68 %
    assert "68\u00a0%" in html


def test_secondary_suppression_is_labelled_on_the_page(land):
    from .report_data import MUENSTER, SHEETS, SOEST

    sheets = {k: v for k, v in SHEETS.items() if k in (BOCHUM, MUENSTER, SOEST)}
    survey = make_survey(sheets=sheets)
    html = land.get(_url(survey)).content.decode()
    row = html.split('<th scope="row">Bochum</th>', 1)[1].split("</tr>", 1)[0]
    assert "ausgeblendet zum Schutz kleiner Gruppen" in row
    assert ">6<" not in row


def test_charts_are_accessible_svg(land, survey):
    html = land.get(_url(survey)).content.decode()
    for chart in ("diagramm-dimensionen", "diagramm-fragen"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
        assert f'<title id="{chart}-title">' in html
    # values as text at the bars, with a decimal point in SVG coordinates (never "12,5")
    svg = html.split('id="diagramm-fragen-title"', 1)[1].split("</svg>", 1)[0]
    assert "68\u00a0%" in svg  # statewide A1
    assert not re.search(r'(x|width|x1|x2)="\d+,\d+"', svg)
