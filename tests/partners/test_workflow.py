"""The partnership workflow: every transition checked (no skipping), attributed, audited."""

import datetime

import pytest
from django.utils import timezone

from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.partners import services
from bildungsnetz.partners.models import Partnership, PartnershipState

from . import factories as f
from .conftest import DRAFT

pytestmark = pytest.mark.django_db

S = PartnershipState
TODAY = datetime.date(2026, 3, 2)
VERBS = ["submit", "register", "return", "publish", "pause", "resume", "end"]
ALLOWED = {
    (S.SCHULKONFERENZ, "submit"),
    (S.EINGEREICHT, "register"),
    (S.EINGEREICHT, "return"),
    (S.REGISTRIERT, "publish"),
    (S.REGISTRIERT, "pause"),
    (S.OEFFENTLICH, "pause"),
    (S.RUHEND, "resume"),
} | {(state, "end") for state in S.values if state != S.BEENDET}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def _sign_all(p, school_user, museum_user):
    p = services.sign_partnership(
        p,
        acting_user=school_user,
        side="schule",
        signer="Dr. Markus Terhorst",
        signed_on=datetime.date(2026, 2, 10),
    )
    assert p.state == S.ENTWURF  # one side is not enough
    return services.sign_partnership(
        p,
        acting_user=museum_user,
        side="einrichtung",
        signer="Prof. Dr. Hermann Arnhold",
        signed_on=datetime.date(2026, 2, 12),
    )


def test_whole_workflow_from_draft_to_public(
    draft, schule_paulinum, museum_account, buero_muenster
):
    p = _sign_all(draft, schule_paulinum, museum_account)
    assert p.state == S.UNTERZEICHNET
    assert (p.school_signer, p.institution_signed_on) == (
        "Dr. Markus Terhorst",
        datetime.date(2026, 2, 12),
    )
    p = services.record_schulkonferenz(
        p, acting_user=schule_paulinum, consent_date=datetime.date(2026, 2, 20)
    )
    assert p.state == S.SCHULKONFERENZ
    p = services.transition_partnership(p, acting_user=museum_account, verb="submit")
    assert p.state == S.EINGEREICHT and p.submitted_at
    p = services.transition_partnership(p, acting_user=buero_muenster, verb="register")
    assert p.state == S.REGISTRIERT and p.registered_by == buero_muenster
    p = services.transition_partnership(p, acting_user=buero_muenster, verb="publish")
    assert p.state == S.OEFFENTLICH and p.published_at
    assert list(Partnership.objects.public()) == [p]

    actions = list(
        AuditEntry.objects.filter(object_type="partners.partnership", object_id=str(p.pk))
        .order_by("id")
        .values_list("action", "actor__email")
    )
    assert actions == [
        ("partners.partnership.created", schule_paulinum.email),
        ("partners.partnership.signed", schule_paulinum.email),
        ("partners.partnership.signed", museum_account.email),
        ("partners.partnership.schulkonferenz_recorded", schule_paulinum.email),
        ("partners.partnership.submitted", museum_account.email),
        ("partners.partnership.registered", buero_muenster.email),
        ("partners.partnership.published", buero_muenster.email),
    ]
    assert AuditEntry.objects.filter(action="partners.partnership.published").get().region == (
        p.school.region
    )
    history = list(p.history.order_by("history_id").values_list("state", "history_user__email"))
    assert history[0] == ("entwurf", schule_paulinum.email)
    assert history[-1] == ("oeffentlich", buero_muenster.email)
    assert p.history.latest().history_change_reason == "partners.partnership.published"


def _in_state(p, state):
    extra = {"published_at": timezone.now()} if state in (S.OEFFENTLICH,) else {}
    Partnership.objects.filter(pk=p.pk).update(state=state, **extra)
    return Partnership.objects.get(pk=p.pk)


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("verb", VERBS)
def test_every_transition_not_in_the_table_is_refused(state, verb, draft, land):
    p = _in_state(draft, state)
    if (state, verb) in ALLOWED:
        p = services.transition_partnership(p, acting_user=land, verb=verb)
        assert p.state != state
        return
    with pytest.raises(DomainError) as err:
        services.transition_partnership(p, acting_user=land, verb=verb)
    assert err.value.field == "state"
    assert err.value.message == services.TRANSITION_ERRORS[verb]
    assert Partnership.objects.get(pk=p.pk).state == state
    assert not AuditEntry.objects.filter(action=services.VERB_ACTIONS[verb]).exists()


def test_submit_before_schulkonferenz_names_section_5_schulg(
    draft, schule_paulinum, museum_account
):
    p = _sign_all(draft, schule_paulinum, museum_account)
    with pytest.raises(DomainError) as err:
        services.transition_partnership(p, acting_user=schule_paulinum, verb="submit")
    assert "§ 5 SchulG" in err.value.message


def test_unknown_verb_is_refused(draft, land):
    with pytest.raises(DomainError) as err:
        services.transition_partnership(draft, acting_user=land, verb="approve")
    assert err.value.field == "verb"


@pytest.mark.parametrize("state", [s for s in S.values if s != S.ENTWURF])
def test_signatures_are_recorded_only_for_drafts(state, draft, land):
    p = _in_state(draft, state)
    with pytest.raises(DomainError) as err:
        services.sign_partnership(
            p, acting_user=land, side="schule", signer="A. B.", signed_on=TODAY
        )
    assert err.value.field == "side"


def test_signature_needs_name_and_a_date_not_in_the_future(draft, schule_paulinum):
    for signer, date, field in (
        ("  ", TODAY, "signer"),
        ("Dr. Markus Terhorst", None, "signed_on"),
        ("Dr. Markus Terhorst", TODAY + datetime.timedelta(days=1), "signed_on"),
    ):
        with pytest.raises(DomainError) as err:
            services.sign_partnership(
                draft, acting_user=schule_paulinum, side="schule", signer=signer, signed_on=date
            )
        assert err.value.field == field
    assert Partnership.objects.get(pk=draft.pk).school_signer == ""


def test_a_side_signs_only_once_and_only_its_own_side(draft, schule_paulinum, museum_account):
    services.sign_partnership(
        draft, acting_user=schule_paulinum, side="schule", signer="Terhorst", signed_on=TODAY
    )
    with pytest.raises(DomainError) as err:
        services.sign_partnership(
            draft, acting_user=schule_paulinum, side="schule", signer="Kemper", signed_on=TODAY
        )
    assert "bereits eine Unterschrift" in err.value.message
    with pytest.raises(DomainError) as err:
        services.sign_partnership(
            draft, acting_user=schule_paulinum, side="einrichtung", signer="X", signed_on=TODAY
        )
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError) as err:
        services.sign_partnership(
            draft, acting_user=museum_account, side="dritter", signer="X", signed_on=TODAY
        )
    assert err.value.field == "side"  # there is no third partner


def test_with_a_third_partner_all_three_must_sign(paulinum, schule_paulinum, buero_muenster):
    verband = f.institution("heimatbund")
    amt = f.institution("umweltamt_ms")
    p = services.create_partnership(
        acting_user=schule_paulinum,
        school=paulinum,
        institution=verband,
        third_institution=amt,
        data={**DRAFT, "handlungsfeld": "natur_technik"},
    )
    assert p.sides == ["schule", "einrichtung", "dritter"]
    for side in ("schule", "einrichtung"):
        p = services.sign_partnership(
            p, acting_user=buero_muenster, side=side, signer="Name", signed_on=TODAY
        )
    assert p.state == S.ENTWURF
    p = services.sign_partnership(
        p, acting_user=buero_muenster, side="dritter", signer="Amtsleitung", signed_on=TODAY
    )
    assert p.state == S.UNTERZEICHNET


def test_schulkonferenz_only_after_signing_and_with_a_past_date(
    draft, schule_paulinum, museum_account
):
    with pytest.raises(DomainError) as err:
        services.record_schulkonferenz(draft, acting_user=schule_paulinum, consent_date=TODAY)
    assert err.value.field == "schulkonferenz_date"
    p = _sign_all(draft, schule_paulinum, museum_account)
    for date in (None, TODAY + datetime.timedelta(days=3)):
        with pytest.raises(DomainError) as err:
            services.record_schulkonferenz(p, acting_user=schule_paulinum, consent_date=date)
        assert err.value.field == "schulkonferenz_date"
    with pytest.raises(DomainError) as err:
        services.record_schulkonferenz(p, acting_user=museum_account, consent_date=TODAY)
    assert err.value.code == "forbidden"
    assert Partnership.objects.get(pk=p.pk).state == S.UNTERZEICHNET


def test_editing_a_draft_drops_signatures_given_to_the_old_text(draft, schule_paulinum):
    services.sign_partnership(
        draft, acting_user=schule_paulinum, side="schule", signer="Terhorst", signed_on=TODAY
    )
    p = services.update_partnership(
        draft, acting_user=schule_paulinum, data={"activities": "Drei Projekttage."}
    )
    assert (p.school_signer, p.school_signed_on) == ("", None)
    entry = AuditEntry.objects.get(action="partners.partnership.changed")
    assert entry.data == {"fields": ["activities"], "unterschriften_verworfen": True}


def test_only_drafts_can_be_edited(draft, schule_paulinum, museum_account):
    p = _sign_all(draft, schule_paulinum, museum_account)
    with pytest.raises(DomainError) as err:
        services.update_partnership(p, acting_user=schule_paulinum, data={"title": "Neu"})
    assert err.value.field == "state"
    assert Partnership.objects.get(pk=p.pk).title == DRAFT["title"]


def test_editing_rechecks_eligibility(draft, schule_paulinum):
    """Replacing the partner is not possible, but a third partner must stay admissible."""
    kita = f.institution("kita_sonnenblume")
    with pytest.raises(DomainError) as err:
        services.update_partnership(
            draft, acting_user=schule_paulinum, data={}, third_institution=kita
        )
    assert err.value.field == "third_institution"


def test_return_sends_back_to_draft_and_clears_signatures(
    draft, schule_paulinum, museum_account, buero_muenster
):
    p = _sign_all(draft, schule_paulinum, museum_account)
    p = services.record_schulkonferenz(p, acting_user=schule_paulinum, consent_date=TODAY)
    p = services.transition_partnership(p, acting_user=schule_paulinum, verb="submit")
    p = services.transition_partnership(
        p, acting_user=buero_muenster, verb="return", note="Laufzeit fehlt."
    )
    assert p.state == S.ENTWURF
    assert not p.fully_signed and p.schulkonferenz_date is None
    entry = AuditEntry.objects.get(action="partners.partnership.returned")
    assert entry.data["notiz"] == "Laufzeit fehlt."


def test_pause_and_resume_go_back_where_they_were(draft, land):
    p = _in_state(draft, S.REGISTRIERT)
    p = services.transition_partnership(p, acting_user=land, verb="pause")
    p = services.transition_partnership(p, acting_user=land, verb="resume")
    assert p.state == S.REGISTRIERT
    p = services.transition_partnership(p, acting_user=land, verb="publish")
    p = services.transition_partnership(p, acting_user=land, verb="pause")
    assert p.state == S.RUHEND
    p = services.transition_partnership(p, acting_user=land, verb="resume")
    assert p.state == S.OEFFENTLICH


def test_end_records_the_day(draft, schule_paulinum):
    p = services.transition_partnership(draft, acting_user=schule_paulinum, verb="end")
    assert (p.state, p.ended_on) == (S.BEENDET, TODAY)


def test_register_requires_a_verified_institution(paulinum, schule_paulinum, buero_muenster):
    unverified = f.institution("stadtbuecherei_ms", verified=False)
    p = services.create_partnership(
        acting_user=buero_muenster,
        school=paulinum,
        institution=unverified,
        data={**DRAFT, "handlungsfeld": "lesen"},
    )
    p = _in_state(p, S.EINGEREICHT)
    with pytest.raises(DomainError) as err:
        services.transition_partnership(p, acting_user=buero_muenster, verb="register")
    assert err.value.field == "institution"
    assert "noch nicht geprüft" in err.value.message
    services.verify_institution(unverified, acting_user=buero_muenster)
    p = services.transition_partnership(p, acting_user=buero_muenster, verb="register")
    assert p.state == S.REGISTRIERT


def test_register_rechecks_eligibility(draft, lwl_museum, buero_muenster):
    p = _in_state(draft, S.EINGEREICHT)
    type(lwl_museum).objects.filter(pk=lwl_museum.pk).update(kind="kita")
    with pytest.raises(DomainError) as err:
        services.transition_partnership(p, acting_user=buero_muenster, verb="register")
    assert err.value.field == "institution"
    assert Partnership.objects.get(pk=p.pk).state == S.EINGEREICHT


@pytest.mark.parametrize("verb", ["register", "publish", "return"])
def test_only_the_office_registers_publishes_or_returns(
    verb, draft, schule_paulinum, museum_account, buero_bochum
):
    state = {"register": S.EINGEREICHT, "publish": S.REGISTRIERT, "return": S.EINGEREICHT}[verb]
    p = _in_state(draft, state)
    for user in (schule_paulinum, museum_account, buero_bochum):
        with pytest.raises(DomainError) as err:
            services.transition_partnership(p, acting_user=user, verb=verb)
        assert err.value.code == "forbidden"
    assert Partnership.objects.get(pk=p.pk).state == state


def test_a_second_open_agreement_of_the_same_pair_is_refused(draft, paulinum, lwl_museum, land):
    with pytest.raises(DomainError) as err:
        services.create_partnership(
            acting_user=land, school=paulinum, institution=lwl_museum, data=dict(DRAFT)
        )
    assert err.value.field == "institution"
    assert "bereits eine Vereinbarung (Stand: Entwurf)" in err.value.message
    services.transition_partnership(draft, acting_user=land, verb="end")
    again = services.create_partnership(
        acting_user=land, school=paulinum, institution=lwl_museum, data=dict(DRAFT)
    )
    assert again.state == S.ENTWURF


def test_draft_validation_names_the_field(paulinum, lwl_museum, land):
    for change, field in (
        ({"title": " "}, "title"),
        ({"handlungsfeld": "sport"}, "handlungsfeld"),
        ({"goals": ""}, "goals"),
        ({"activities": ""}, "activities"),
        ({"end_date": datetime.date(2026, 7, 1)}, "end_date"),
    ):
        with pytest.raises(DomainError) as err:
            services.create_partnership(
                acting_user=land, school=paulinum, institution=lwl_museum, data={**DRAFT, **change}
            )
        assert err.value.field == field
    assert not Partnership.objects.exists()
