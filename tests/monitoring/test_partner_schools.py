"""The full list behind the partner's start-page block: schools nearby without a partner of
the institution's kind; only for those who may manage the institution."""

import pytest
from django.utils import timezone

from bildungsnetz.partners.models import PartnerMembership
from tests.factories import PASSWORD, make_school, make_user

from .conftest import institution, partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def museum(db):
    """Kunstmuseum Bochum at (51.48, 7.22). Schools 1.1, 2.2 and 24 km north; the nearest
    has a registered partnership with another museum."""
    inst = institution("Kunstmuseum Bochum", "museum", 51.48, 7.22)
    near = make_school("188001", "02", name="Grundschule Am Hellweg", lat=51.49, lon=7.22)
    make_school("188002", "04", name="Hauptschule Wattenscheid", lat=51.50, lon=7.22)
    make_school("188003", "20", name="Gymnasium Dortmund-Nord", lat=51.70, lon=7.22)
    other = institution("Museum am Ostring", "museum", 51.49, 7.23)
    partnership(near, other, "registriert", registered_at=timezone.now())
    return inst


def get(client, user, url):
    if user is not None:
        assert client.login(email=user.email, password=PASSWORD)
    return client.get(url)


def test_institution_account_sees_all_schools_in_the_radius(client, museum):
    user = make_user("brinkmann@kunstmuseum.example.org", "partner", "05911")
    PartnerMembership.objects.create(user=user, institution=museum)
    url = f"/monitoring/einrichtungen/{museum.pk}/schulen-ohne-partner/"
    html = get(client, user, url).content.decode()
    assert "Hauptschule Wattenscheid" in html
    assert "Grundschule Am Hellweg" not in html
    assert "Gymnasium Dortmund-Nord" not in html
    html = client.get(url + "?km=30").content.decode()
    assert "Gymnasium Dortmund-Nord" in html
    assert "2 Schulen im Umkreis von 30 km" in html
    start = client.get("/mein-bereich/").content.decode()
    assert url in start


@pytest.mark.parametrize(
    "persona,status",
    [
        ("own_office", 200),
        ("land", 200),
        ("other_office", 403),
        ("other_partner", 403),
        ("anonymous", 302),
    ],
)
def test_only_who_manages_the_institution(client, museum, persona, status):
    users = {
        "own_office": lambda: make_user("sommer@bb-bochum.example.org", "bildungsbuero", "05911"),
        "land": lambda: make_user("referat@msb.example.org", "land", None),
        "other_office": lambda: make_user(
            "yilmaz@bb-dortmund.example.org", "bildungsbuero", "05913"
        ),
        "anonymous": lambda: None,
    }
    if persona == "other_partner":
        user = make_user("kasse@stadtbuecherei.example.org", "partner", "05911")
        PartnerMembership.objects.create(
            user=user, institution=institution("Stadtbücherei Bochum", "bibliothek", 51.48, 7.21)
        )
    else:
        user = users[persona]()
    url = f"/monitoring/einrichtungen/{museum.pk}/schulen-ohne-partner/"
    assert get(client, user, url).status_code == status


def test_unknown_institution_is_404(client, db):
    user = make_user("referat@msb.example.org", "land", None)
    assert (
        get(client, user, "/monitoring/einrichtungen/999999/schulen-ohne-partner/").status_code
        == 404
    )
