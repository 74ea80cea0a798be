"""A school shares its support plan; its Schulaufsicht finds it under "Mein Bereich"."""

import pytest

from bildungsnetz.catalogue import services
from bildungsnetz.catalogue.models import Material
from tests.factories import make_school, make_user


@pytest.fixture
def shared_plan(db):
    school = make_school("188001", "02", name="Grundschule Am Park")
    principal = make_user("leitung@gs-am-park.de", "schule", "05911", school=school)
    services.add_to_plan(
        school, acting_user=principal, material=Material.objects.filter(status="veroeffentlicht")[0]
    )
    unshared = make_school("188002", "02", name="Grundschule Im Grünen")
    other = make_user("leitung@gs-im-gruenen.de", "schule", "05911", school=unshared)
    services.add_to_plan(
        unshared, acting_user=other, material=Material.objects.filter(status="veroeffentlicht")[0]
    )
    services.share_plan(school, acting_user=principal, shared=True)
    return school


@pytest.mark.parametrize(
    "role,ags,sees",
    [
        ("schulaufsicht", "05911", True),
        ("schulaufsicht", "05315", False),
        ("bildungsbuero", "05911", False),
        ("land", None, True),
    ],
)
def test_shared_plans_are_listed_for_the_schools_supervision(client, shared_plan, role, ags, sees):
    user = make_user(f"{role}-{ags}@example.org", role, ags, first_name="Anna", last_name="Yilmaz")
    client.force_login(user)
    html = client.get("/mein-bereich/").content.decode()
    assert ("/unterstuetzung/plan/188001/" in html) is sees
    assert "/unterstuetzung/plan/188002/" not in html  # not shared
    if sees:
        assert client.get("/unterstuetzung/plan/188001/").status_code == 200
