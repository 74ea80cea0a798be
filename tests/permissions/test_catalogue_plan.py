"""A school's support plan: only the school writes; the school and the Land read; the
Schulaufsicht of the school's region reads once the school has shared it."""

import pytest

from bildungsnetz.catalogue import services
from bildungsnetz.catalogue.models import Material, PlanItem, SupportPlan
from bildungsnetz.core.models import RegionMembership

ALL = [
    "anonym",
    "schulleitung_eigene_schule",
    "schulleitung_andere_schule",
    "partner_bochum",
    "lenkungskreis_bochum",
    "bildungsbuero_bochum",
    "bildungsbuero_dortmund",
    "schulaufsicht_bochum",
    "schulaufsicht_koeln",
    "land",
]


@pytest.fixture
def plan(db, school_bochum):
    from tests.factories import make_user

    owner = make_user("rektorin@hellweg-schule.de", "schule", "05911", school=school_bochum)
    item = services.add_to_plan(
        school_bochum,
        acting_user=owner,
        material=Material.objects.get(title="Schulpsychologie in NRW"),
        note="Beratung für das Kollegium",
    )
    return item.plan


def _denied(response, user):
    if user is None:
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("name", ALL)
def test_add_to_plan_of_the_hellweg_school_grid(name, persona, client, school_bochum):
    user = persona(name)
    zoo = Material.objects.get(title="Zooschule des Kölner Zoos")
    response = client.post(
        f"/unterstuetzung/material/{zoo.pk}/in-den-plan/", {"schule": school_bochum.schulnummer}
    )
    added = PlanItem.objects.filter(plan__school=school_bochum, material=zoo)
    if name == "schulleitung_eigene_schule":
        assert response.status_code == 302 and added.exists()
    elif name == "schulleitung_andere_schule":
        # A school account may only choose its own school: refused with a message.
        assert response.status_code == 302 and not added.exists()
        assert not PlanItem.objects.filter(material=zoo).exists()
    else:
        _denied(response, user)
        assert not added.exists()


@pytest.mark.parametrize("name", ALL)
def test_edit_delete_share_grid(name, persona, client, plan, school_bochum):
    user = persona(name)
    item = plan.items.get()
    base = f"/unterstuetzung/plan/{school_bochum.schulnummer}/"
    edit = client.post(
        f"{base}eintrag/{item.pk}/bearbeiten/",
        {f"e{item.pk}-status": "abgeschlossen", f"e{item.pk}-note": "erledigt"},
    )
    share = client.post(f"{base}freigabe/", {"shared": "1"})
    item.refresh_from_db()
    plan.refresh_from_db()
    if name == "schulleitung_eigene_schule":
        assert edit.status_code == 302 and item.status == "abgeschlossen"
        assert share.status_code == 302 and plan.shared_with_supervision
        delete = client.post(f"{base}eintrag/{item.pk}/entfernen/")
        assert delete.status_code == 302 and not PlanItem.objects.exists()
    else:
        _denied(edit, user)
        _denied(share, user)
        _denied(client.post(f"{base}eintrag/{item.pk}/entfernen/"), user)
        assert item.status == "geplant" and item.note == "Beratung für das Kollegium"
        assert not plan.shared_with_supervision
        assert PlanItem.objects.count() == 1


READERS_UNSHARED = {"schulleitung_eigene_schule", "land"}
READERS_SHARED = READERS_UNSHARED | {"schulaufsicht_bochum"}


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("name", ALL)
def test_read_plan_grid(name, shared, persona, client, plan, school_bochum):
    SupportPlan.objects.filter(pk=plan.pk).update(shared_with_supervision=shared)
    user = persona(name)
    base = f"/unterstuetzung/plan/{school_bochum.schulnummer}/"
    readers = READERS_SHARED if shared else READERS_UNSHARED
    for url in (base, base + "druck/", base + "export.docx"):
        response = client.get(url)
        if name in readers:
            assert response.status_code == 200, url
        else:
            _denied(response, user)
    if name == "schulaufsicht_koeln":
        assert RegionMembership.objects.get(user=user).region.ags == "05315"
