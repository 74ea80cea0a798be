"""Found with `make bench`: pages listing meetings must not query once per meeting."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bildungsnetz.network.models import Body, Meeting
from bildungsnetz.regions.models import Region

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _add_meetings(body: Body, count: int) -> None:
    start = datetime.datetime(2025, 3, 4, 15, tzinfo=datetime.UTC)
    for n in range(count):
        Meeting.objects.create(
            body=body,
            title=f"{n + 1}. Sitzung der Bildungskonferenz",
            starts_at=start + datetime.timedelta(days=90 * n),
            is_public=True,
        )


@pytest.mark.parametrize("page", ["region", "body"])
def test_meeting_lists_need_no_query_per_meeting(client, page):
    region = Region.objects.get(ags="05911")
    body = Body.objects.create(
        region=region, kind="bildungskonferenz", name="Bildungskonferenz Bochum", is_public=True
    )
    url = "/netzwerk/05911/" if page == "region" else f"/netzwerk/05911/gremien/{body.pk}/"
    _add_meetings(body, 1)
    client.get(url)  # warm caches (sessions, content types)
    one = _queries(client, url)
    _add_meetings(body, 6)
    assert _queries(client, url) == one
