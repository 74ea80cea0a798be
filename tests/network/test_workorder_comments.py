"""Comments on work orders by the Bildungsbüro and Lenkungskreis members, in order."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.network.meeting_services import add_work_order_comment
from bildungsnetz.network.models import Decision, Meeting, WorkOrder, WorkOrderComment
from tests.factories import make_user

from .conftest import aware


@pytest.fixture
def order(lenkungskreis):
    meeting = Meeting.objects.create(
        body=lenkungskreis, title="Sitzung des Lenkungskreises", starts_at=aware(2026, 3, 4)
    )
    decision = Decision.objects.create(
        meeting=meeting, kind="beschluss", text="Das Bildungsbüro legt ein Konzept vor."
    )
    return WorkOrder.objects.create(
        region=lenkungskreis.region,
        decision=decision,
        title="Konzept Sprachbildung in der Kita",
        due_date=timezone.localdate() + datetime.timedelta(days=14),
    )


def test_buero_and_lenkungskreis_comment_in_order(client, order, buero_bochum):
    member = make_user(
        "anja.lehmann@bochum.de", "lenkungskreis", "05911", first_name="Anja", last_name="Lehmann"
    )
    add_work_order_comment(order, acting_user=buero_bochum, text="Erster Entwurf ist verschickt.")
    add_work_order_comment(order, acting_user=member, text="Bitte die Kitas früh einbinden.")
    texts = list(WorkOrderComment.objects.values_list("text", flat=True))
    assert texts == ["Erster Entwurf ist verschickt.", "Bitte die Kitas früh einbinden."]
    client.force_login(member)
    page = client.get(f"/netzwerk/05911/auftraege/{order.pk}/").content.decode()
    assert page.index("Erster Entwurf") < page.index("Kitas früh einbinden")
    assert "Anja Lehmann" in page
    assert "TEMPLATE-VARIABLE-MISSING" not in page


def test_empty_comment_and_outsiders_are_refused(order, buero_bochum):
    with pytest.raises(DomainError) as exc:
        add_work_order_comment(order, acting_user=buero_bochum, text="   ")
    assert exc.value.field == "text"
    partner = make_user("info@vhs-bochum.de", "partner", "05911")
    with pytest.raises(DomainError) as exc:
        add_work_order_comment(order, acting_user=partner, text="Wir machen mit.")
    assert exc.value.code == "forbidden"
    dortmund = make_user("lea.schmitz@dortmund.de", "lenkungskreis", "05913")
    with pytest.raises(DomainError):
        add_work_order_comment(order, acting_user=dortmund, text="Auch bei uns.")
    assert not WorkOrderComment.objects.exists()


def test_comment_view_posts_and_redirects_to_detail(client, order, buero_bochum):
    client.force_login(buero_bochum)
    response = client.post(
        f"/netzwerk/05911/auftraege/{order.pk}/kommentar/", {"text": "Termin mit dem KI steht."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/netzwerk/05911/auftraege/{order.pk}/"
    assert WorkOrderComment.objects.get().author == buero_bochum
