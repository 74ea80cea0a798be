"""Bedarfsbörse: a school posts a need, institutions nearby with fitting offers are
suggested and answer, the school reads the answers and closes the need."""

import pytest
from django.core import mail

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners import selectors, services
from bildungsnetz.partners.models import LearningOffer, Need, NeedAnswer

from . import factories as f

pytestmark = pytest.mark.django_db

NEED = {
    "topic": "Erinnerungskultur im Stadtteil: Projektwoche zur NS-Geschichte Münsters",
    "handlungsfeld": "historisch_politisch",
    "grade_from": 9,
    "grade_to": 10,
    "time_frame": "2. Halbjahr 2026/27, Projektwoche im März",
    "description": "Wir suchen einen Lernort, der mit zwei Klassen der Stufe 9 die Geschichte "
    "der Polizei im Nationalsozialismus erarbeitet.",
}


def _offer(inst, title, handlungsfeld, grade_from=5, grade_to=13, **extra):
    return LearningOffer.objects.create(
        institution=inst,
        title=title,
        description="Führung und Workshop mit Quellenarbeit.",
        handlungsfeld=handlungsfeld,
        grade_from=grade_from,
        grade_to=grade_to,
        **extra,
    )


@pytest.fixture
def villa(db):
    inst = f.institution("villa_ten_hompel", email="hompel@stadt-muenster.example.org")
    _offer(
        inst, "Geschichtsort Villa ten Hompel: Polizei im NS-Staat", "historisch_politisch", 9, 13
    )
    return inst


@pytest.fixture
def villa_account(villa):
    return f.partner_account(
        "gerdes@villa.example.org", villa, first_name="Jan", last_name="Gerdes"
    )


@pytest.fixture
def need(paulinum, schule_paulinum):
    return services.create_need(acting_user=schule_paulinum, school=paulinum, data=dict(NEED))


def test_school_posts_a_need_audited_and_listed(need, schule_paulinum):
    assert need.status == "offen" and need.created_by == schule_paulinum
    entry = AuditEntry.objects.get(action="partners.need.created")
    assert entry.actor == schule_paulinum and entry.region.ags == "05515"
    assert need.history.latest().history_user == schule_paulinum
    assert list(selectors.open_needs(selectors.NeedFilter())) == [need]
    assert list(selectors.open_needs(selectors.NeedFilter(region_ags="05911"))) == []
    assert list(selectors.open_needs(selectors.NeedFilter(handlungsfeld="medien"))) == []
    assert list(selectors.open_needs(selectors.NeedFilter("05515", "historisch_politisch"))) == [
        need
    ]


def test_need_validation_german_messages(paulinum, schule_paulinum):
    with pytest.raises(DomainError) as exc:
        services.create_need(
            acting_user=schule_paulinum, school=paulinum, data={**NEED, "grade_from": 11}
        )
    assert exc.value.field == "grade_to" and "Jahrgangsstufe" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.create_need(
            acting_user=schule_paulinum, school=paulinum, data={**NEED, "topic": " "}
        )
    assert exc.value.field == "topic"
    assert not Need.objects.exists()


def test_other_region_office_may_not_post_for_paulinum(paulinum, buero_bochum):
    with pytest.raises(DomainError) as exc:
        services.create_need(acting_user=buero_bochum, school=paulinum, data=dict(NEED))
    assert exc.value.code == "forbidden"
    assert not Need.objects.exists()


def test_suggestions_near_with_fitting_offers(need, villa, lwl_museum):
    # LWL-Museum is near but offers only Kunst und Kultur; Stadtbibliothek Bochum is far.
    _offer(lwl_museum, "Kunst im Original", "kunst_kultur")
    bochum = f.institution("stadtbibliothek_bochum")
    _offer(bochum, "Stolpersteine lesen", "historisch_politisch")
    # Zooschule: historisch-politisch offer only for grades 1–4 – does not fit 9–10.
    zoo = f.institution("allwetterzoo")
    _offer(zoo, "Zoogeschichte für Kinder", "historisch_politisch", 1, 4)
    hits = selectors.need_suggestions(need)
    assert [h.institution.name for h in hits] == ["Geschichtsort Villa ten Hompel"]
    assert hits[0].distance_km < 2
    assert [o.title for o in hits[0].offers] == [
        "Geschichtsort Villa ten Hompel: Polizei im NS-Staat"
    ]
    assert "km entfernt" in hits[0].distance_text
    # Münster–Bochum is about 60 km: still outside 50 km.
    assert [h.institution.name for h in selectors.need_suggestions(need, 50)] == [
        "Geschichtsort Villa ten Hompel"
    ]


def test_institution_answers_school_is_mailed_after_commit(
    need, villa, villa_account, schule_paulinum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = services.answer_need(
            need,
            acting_user=villa_account,
            institution=villa,
            message="Gern! Unser Workshop „Polizei im NS-Staat“ passt genau. Termine im März frei.",
        )
    assert len(callbacks) == 1
    assert answer.need == need and answer.author == villa_account
    assert AuditEntry.objects.get(action="partners.need.answered").actor == villa_account
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"167850@schule.nrw.de", "schulleitung@paulinum.example.org"}
    assert "Geschichtsort Villa ten Hompel hat auf den Bedarf" in message.body
    assert "Polizei im NS-Staat" in message.body


def test_answer_needs_an_own_verified_institution_and_an_open_need(
    need, villa, villa_account, lwl_museum, schule_paulinum
):
    with pytest.raises(DomainError) as exc:
        services.answer_need(
            need, acting_user=villa_account, institution=lwl_museum, message="Hallo"
        )
    assert exc.value.code == "forbidden"
    with pytest.raises(DomainError) as exc:
        services.answer_need(need, acting_user=schule_paulinum, institution=villa, message="Hallo")
    assert exc.value.code == "forbidden"
    services.close_need(need, acting_user=schule_paulinum)
    with pytest.raises(DomainError) as exc:
        services.answer_need(need, acting_user=villa_account, institution=villa, message="Hallo")
    assert exc.value.field == "status"
    assert not NeedAnswer.objects.exists()


def test_close_need_once(need, schule_paulinum):
    services.close_need(need, acting_user=schule_paulinum)
    need.refresh_from_db()
    assert need.status == "geschlossen" and need.closed_at is not None
    assert AuditEntry.objects.filter(action="partners.need.closed").count() == 1
    with pytest.raises(DomainError):
        services.close_need(need, acting_user=schule_paulinum)
    assert list(selectors.open_needs(selectors.NeedFilter())) == []


def test_pages_walk_post_answer_read_close(
    client, paulinum, schule_paulinum, villa, villa_account, django_capture_on_commit_callbacks
):
    client.force_login(schule_paulinum)
    form = client.get("/bildungspartner/bedarfe/neu/")
    assert form.status_code == 200 and "Thema" in form.content.decode()
    response = client.post("/bildungspartner/bedarfe/neu/", {**NEED, "school": paulinum.pk})
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()

    public = client.get("/bildungspartner/bedarfe/", {"handlungsfeld": "historisch_politisch"})
    assert NEED["topic"] in public.content.decode()

    client.force_login(villa_account)
    detail = client.get(need.get_absolute_url()).content.decode()
    assert "Geschichtsort Villa ten Hompel" in detail and "Auf diesen Bedarf antworten" in detail
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            f"/bildungspartner/bedarfe/{need.pk}/antworten/",
            {"institution": villa.pk, "message": "Wir bieten einen Studientag für Stufe 9 an."},
        )
    assert answered.status_code == 302 and len(mail.outbox) == 1

    client.force_login(schule_paulinum)
    detail = client.get(need.get_absolute_url()).content.decode()
    assert "Wir bieten einen Studientag für Stufe 9 an." in detail
    closed = client.post(f"/bildungspartner/bedarfe/{need.pk}/schliessen/")
    assert closed.status_code == 302
    need.refresh_from_db()
    assert need.status == "geschlossen"
    page = client.get("/bildungspartner/bedarfe/").content.decode()
    assert "0 offene Bedarfe" in page
    assert "geschlossen · 1 Antwort" in page  # still in the school's own list


def test_answers_are_not_public(client, need, villa, villa_account):
    services.answer_need(
        need, acting_user=villa_account, institution=villa, message="Rufen Sie uns gern an."
    )
    text = client.get(need.get_absolute_url()).content.decode()
    assert NEED["topic"] in text
    assert "Rufen Sie uns gern an." not in text
    assert "Auf diesen Bedarf antworten" not in text
