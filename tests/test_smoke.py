import pytest

from bildungsnetz.regions.models import Gemeinde, Region, Schulform


@pytest.mark.django_db
def test_reference_tables_are_present_after_migrate():
    assert Region.objects.count() == 53
    assert Gemeinde.objects.count() == 396
    assert Schulform.objects.get(code="02").name == "Grundschule"
