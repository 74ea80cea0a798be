"""A school's support plan: collect, note, status, print, DOCX, share with Schulaufsicht."""

import io

import pytest
from docx import Document

from bildungsnetz.catalogue import services
from bildungsnetz.catalogue.models import Material, PlanItem, SupportPlan
from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_items(grundschule, schulleitung):
    psych = Material.objects.get(title="Schulpsychologie in NRW")
    zoo = Material.objects.get(title="Zooschule des Kölner Zoos")
    services.add_to_plan(
        grundschule, acting_user=schulleitung, material=psych, note="Termin im Mai"
    )
    item = services.add_to_plan(grundschule, acting_user=schulleitung, material=zoo)
    services.update_plan_item(
        item, acting_user=schulleitung, note="Klasse 3b, Thema Artenschutz", status="in_nutzung"
    )
    return SupportPlan.objects.get(school=grundschule)


def test_school_collects_materials_per_criterion(plan_with_items, client, schulleitung):
    from bildungsnetz.catalogue.selectors import plan_items_by_criterion

    groups = plan_items_by_criterion(plan_with_items)
    assert [(c.number, [i.material.title for i in items]) for c, items in groups] == [
        ("6.6.4", ["Schulpsychologie in NRW"]),
        ("6.6.12", ["Zooschule des Kölner Zoos"]),
    ]
    zoo_item = PlanItem.objects.get(material__title="Zooschule des Kölner Zoos")
    assert (zoo_item.status, zoo_item.note) == ("in_nutzung", "Klasse 3b, Thema Artenschutz")
    actions = sorted(AuditEntry.objects.values_list("action", flat=True))
    assert actions == [
        "catalogue.plan.item_added",
        "catalogue.plan.item_added",
        "catalogue.plan.item_changed",
    ]
    client.force_login(schulleitung)
    page = client.get("/unterstuetzung/plan/188001/").content.decode()
    assert "6.6.12 Kooperationen, außerschulische Partner und Lernorte" in page
    assert "Klasse 3b, Thema Artenschutz" in page


def test_same_material_twice_and_unpublished_are_refused(
    plan_with_items, grundschule, schulleitung
):
    psych = Material.objects.get(title="Schulpsychologie in NRW")
    with pytest.raises(DomainError, match="bereits in Ihrem Unterstützungsplan"):
        services.add_to_plan(grundschule, acting_user=schulleitung, material=psych)
    Material.objects.filter(title="AusbildungPlus").update(status="entwurf")
    with pytest.raises(DomainError, match="Nur veröffentlichte Einträge"):
        services.add_to_plan(
            grundschule,
            acting_user=schulleitung,
            material=Material.objects.get(title="AusbildungPlus"),
        )


def test_regional_offer_of_another_region_is_refused(grundschule, schulleitung, buero_dortmund):
    from bildungsnetz.regions.models import Region

    from .conftest import regional_data

    dortmund = Region.objects.get(ags="05913")
    m = services.create_material(
        acting_user=buero_dortmund, region=dortmund, data=regional_data(title="Beratung Dortmund")
    )
    services.transition_material(m, acting_user=buero_dortmund, verb="submit")
    services.transition_material(m, acting_user=buero_dortmund, verb="publish")
    with pytest.raises(DomainError, match="nur für eine andere Region"):
        services.add_to_plan(grundschule, acting_user=schulleitung, material=m)


def test_print_view_has_print_css_and_all_entries(plan_with_items, client, schulleitung):
    client.force_login(schulleitung)
    response = client.get("/unterstuetzung/plan/188001/druck/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "catalogue/plan_print.css" in html
    assert "Zooschule des Kölner Zoos" in html and "Termin im Mai" in html


def test_docx_export_contains_the_plan(plan_with_items, client, schulleitung):
    client.force_login(schulleitung)
    response = client.get("/unterstuetzung/plan/188001/export.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert 'filename="unterstuetzungsplan-188001-' in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Gemeinschaftsgrundschule Am Park (Schulnummer 188001)" in text
    assert "6.6.4 Unterstützung durch den Schulpsychologischen Dienst" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Zooschule des Kölner Zoos" in cells
    assert "in Nutzung" in cells and "Klasse 3b, Thema Artenschutz" in cells


def test_sharing_lets_the_regions_schulaufsicht_read_and_nobody_else(
    plan_with_items, grundschule, schulleitung, client
):
    aufsicht_bochum = make_user("lea.voss@bra.nrw.de", "schulaufsicht", "05911")
    aufsicht_koeln = make_user("tim.roth@brk.nrw.de", "schulaufsicht", "05315")
    buero = make_user("buero@bochum.de", "bildungsbuero", "05911")
    url = "/unterstuetzung/plan/188001/"

    client.force_login(aufsicht_bochum)
    assert client.get(url).status_code == 403
    services.share_plan(grundschule, acting_user=schulleitung, shared=True)
    assert client.get(url).status_code == 200
    assert client.get(url + "export.docx").status_code == 200
    for other in (aufsicht_koeln, buero):
        client.force_login(other)
        assert client.get(url).status_code == 403
        assert client.get(url + "export.docx").status_code == 403
    services.share_plan(grundschule, acting_user=schulleitung, shared=False)
    client.force_login(aufsicht_bochum)
    assert client.get(url).status_code == 403
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="catalogue.plan.sh")]
    assert client.login(email="lea.voss@bra.nrw.de", password=PASSWORD)


def test_only_the_school_writes_its_plan(plan_with_items, grundschule):
    land = make_user("land@msb.nrw.de", "land", None)
    item = PlanItem.objects.first()
    with pytest.raises(DomainError, match="Nur die Schule selbst"):
        services.update_plan_item(item, acting_user=land, note="x", status="geplant")
    with pytest.raises(DomainError, match="Nur die Schule selbst"):
        services.share_plan(grundschule, acting_user=land, shared=True)
    with pytest.raises(DomainError, match="Nur die Schule selbst"):
        services.remove_plan_item(item, acting_user=land)
    assert PlanItem.objects.count() == 2
