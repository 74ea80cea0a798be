"""The demo shows a living Düsseldorf: a held Lenkungskreis meeting with work orders."""

from bildungsnetz.network.demo import DEMO_MEETING, load_duesseldorf
from bildungsnetz.network.models import Meeting, PracticeExample, WorkOrder


def test_demo_has_meeting_with_done_open_and_overdue_orders(db, client):
    region = load_duesseldorf()
    load_duesseldorf()
    meeting = Meeting.objects.get(body__region=region, title=DEMO_MEETING)
    assert meeting.agenda.count() == 3
    assert "Kita–Grundschule" in meeting.minutes
    assert meeting.decisions.count() == 1
    orders = list(WorkOrder.objects.for_region(region))
    assert len(orders) == 3
    assert sum(o.status == "erledigt" for o in orders) == 1
    assert sum(o.is_overdue() for o in orders) == 1
    assert sum(o.is_open and not o.is_overdue() for o in orders) == 1
    assert PracticeExample.objects.public().count() == 4
    assert PracticeExample.objects.filter(contact__isnull=False).count() == 0
    overview = client.get("/netzwerk/praxis/").content.decode()
    assert "Olpe" in overview
    assert "4 Praxisbeispiele" in overview
