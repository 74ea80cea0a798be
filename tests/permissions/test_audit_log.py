"""The change log: the Land reads everything, a region's staff only their region."""

import pytest

from bildungsnetz.core import audit
from bildungsnetz.regions.models import Region
from tests.factories import make_user


@pytest.fixture
def entries(db, school_bochum):
    editor = make_user(
        "tobias.krueger@dortmund.de",
        "bildungsbuero",
        "05913",
        first_name="Tobias",
        last_name="Krüger",
    )
    audit.log(
        "schools.school.supplement_changed",
        actor=editor,
        obj=school_bochum,
        region=school_bochum.region,
    )
    dortmund = Region.objects.get(ags="05913")
    audit.log("core.page.changed", actor=editor, obj=dortmund, region=dortmund)


@pytest.mark.parametrize(
    "name,status,sees_bochum,sees_dortmund",
    [
        ("anonym", 302, False, False),
        ("schulleitung_eigene_schule", 403, False, False),
        ("partner_bochum", 403, False, False),
        ("lenkungskreis_bochum", 403, False, False),
        ("bildungsbuero_bochum", 200, True, False),
        ("bildungsbuero_dortmund", 200, False, True),
        ("schulaufsicht_bochum", 200, True, False),
        ("land", 200, True, True),
    ],
)
def test_audit_log_visibility_grid(
    name, status, sees_bochum, sees_dortmund, persona, client, entries
):
    persona(name)
    response = client.get("/protokoll/")
    assert response.status_code == status
    if status != 200:
        return
    html = response.content.decode()
    assert ("hat Förderschwerpunkte/Bildungsbereich geändert" in html) is sees_bochum
    assert ("hat eine Inhaltsseite geändert" in html) is sees_dortmund
    assert "Tobias Krüger" in html  # every entry names who made the change
