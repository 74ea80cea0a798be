"""Writes of the survey engine: instruments, surveys, invitations, answers, imports.

Every service: guard (who) → validate (German message naming the field) → write inside a
transaction → named audit entry → mails as background jobs after commit.

Anonymity: the answer form is reached with a one-time token whose SHA-256 hash alone is
stored on the ``Invitation``. Submitting creates a ``Response`` (random UUID, survey,
region, no time) and sets ``Invitation.used``; nothing is logged about the submission, so
no row, audit entry or history record ties an answer to an address or token.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..core import audit
from ..core.errors import DomainError
from ..core.jobs import enqueue
from ..regions.models import Region
from .models import (
    Agreement,
    Answer,
    Dimension,
    Instrument,
    Invitation,
    Item,
    ItemKind,
    Response,
    ResponseSource,
    Survey,
    SurveyRegion,
    SurveyStatus,
    TargetGroup,
)
from .rules import (
    can_create_survey,
    can_manage_instruments,
    can_manage_survey,
    can_work_in_region,
)

MIN_THRESHOLD = 3
FREE_TEXT_MAX = 2000
MAX_INVITATIONS_PER_UPLOAD = 5000
MAX_IMPORT_BYTES = 5 * 1024 * 1024

# Labels and codes accepted for agreement answers (lower case, spaces collapsed).
AGREEMENT_INPUT = {
    "trifft voll zu": Agreement.VOLL,
    "voll": Agreement.VOLL,
    "trifft eher zu": Agreement.EHER,
    "eher": Agreement.EHER,
    "trifft eher nicht zu": Agreement.EHER_NICHT,
    "eher nicht": Agreement.EHER_NICHT,
    "eher_nicht": Agreement.EHER_NICHT,
    "trifft gar nicht zu": Agreement.GAR_NICHT,
    "gar nicht": Agreement.GAR_NICHT,
    "gar_nicht": Agreement.GAR_NICHT,
    "keine angabe": Agreement.KEINE_ANGABE,
    "keine_angabe": Agreement.KEINE_ANGABE,
    "k. a.": Agreement.KEINE_ANGABE,
    "k.a.": Agreement.KEINE_ANGABE,
}


def _forbidden(message: str) -> DomainError:
    return DomainError(message, code="forbidden")


def _user(by):
    return by if by is not None and by.is_authenticated else None


def _attribute(obj, by, reason: str) -> None:
    obj._history_user = _user(by)
    obj._change_reason = reason


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh random token and its hash (only the hash is ever stored)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def answer_url(token: str, base_url: str | None = None) -> str:
    base = (base_url or settings.SITE_URL).rstrip("/")
    return base + reverse("surveys:answer", kwargs={"token": token})


# --- Instruments ---------------------------------------------------------------------------


def _check_instrument_editable(instrument: Instrument) -> None:
    if instrument.builtin:
        raise DomainError(
            _("Mitgelieferte Fragebögen können nicht geändert werden."), field="title"
        )


def _check_items_editable(instrument: Instrument) -> None:
    _check_instrument_editable(instrument)
    if instrument.surveys.exclude(status=SurveyStatus.ENTWURF).exists():
        raise DomainError(
            _(
                "Der Fragebogen wird schon in einer laufenden oder beendeten Befragung "
                "genutzt; seine Fragen können nicht mehr geändert werden."
            ),
            field="text",
        )


@transaction.atomic
def create_instrument(
    *, code: str, title: str, target_group: str, by, description: str = ""
) -> Instrument:
    if not can_manage_instruments(by):
        raise _forbidden(_("Fragebögen legt nur das Land an."))
    code = (code or "").strip().lower()
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Titel: Bitte geben Sie einen Titel an."), field="title")
    if target_group not in TargetGroup.values:
        raise DomainError(_("Zielgruppe: Bitte wählen Sie eine Zielgruppe."), field="target_group")
    if Instrument.objects.filter(code=code).exists():
        raise DomainError(
            _("Kürzel: „%(code)s“ ist schon vergeben.") % {"code": code}, field="code"
        )
    instrument = Instrument(
        code=code, title=title, target_group=target_group, description=description.strip()
    )
    try:
        instrument.full_clean()
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=name) from exc
    _attribute(instrument, by, "surveys.instrument.created")
    instrument.save()
    audit.log("surveys.instrument.created", actor=by, obj=instrument, data={"code": code})
    return instrument


@transaction.atomic
def update_instrument(
    instrument: Instrument, *, title: str, target_group: str, by, description: str = ""
) -> Instrument:
    if not can_manage_instruments(by):
        raise _forbidden(_("Fragebögen ändert nur das Land."))
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    _check_instrument_editable(instrument)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Titel: Bitte geben Sie einen Titel an."), field="title")
    if target_group not in TargetGroup.values:
        raise DomainError(_("Zielgruppe: Bitte wählen Sie eine Zielgruppe."), field="target_group")
    instrument.title = title
    instrument.target_group = target_group
    instrument.description = (description or "").strip()
    _attribute(instrument, by, "surveys.instrument.changed")
    instrument.save()
    audit.log("surveys.instrument.changed", actor=by, obj=instrument)
    return instrument


def _clean_choices(kind: str, choices) -> list[str]:
    if isinstance(choices, str):
        choices = choices.splitlines()
    cleaned = []
    for c in choices or []:
        c = str(c).strip()
        if c and c not in cleaned:
            cleaned.append(c)
    if kind == ItemKind.SINGLE and len(cleaned) < 2:
        raise DomainError(
            _("Antwortmöglichkeiten: Eine Einfachauswahl braucht mindestens zwei Möglichkeiten."),
            field="choices",
        )
    return cleaned if kind == ItemKind.SINGLE else []


def _dimension(instrument: Instrument, name: str) -> Dimension | None:
    name = (name or "").strip()
    if not name:
        return None
    dim = instrument.dimensions.filter(name=name).first()
    if dim is None:
        last = instrument.dimensions.order_by("-position").first()
        dim = Dimension.objects.create(
            instrument=instrument, name=name[:100], position=(last.position + 1) if last else 1
        )
    return dim


@transaction.atomic
def add_item(
    instrument: Instrument,
    *,
    code: str,
    text: str,
    kind: str,
    by,
    dimension: str = "",
    choices=(),
) -> Item:
    """Add an item; ``dimension`` is a name (created on first use)."""
    if not can_manage_instruments(by):
        raise _forbidden(_("Fragebögen ändert nur das Land."))
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    _check_items_editable(instrument)
    code = (code or "").strip()
    text = (text or "").strip()
    if not code:
        raise DomainError(_("Kennung: Bitte geben Sie eine Kennung an, z. B. C1."), field="code")
    if not code.replace("_", "").replace("-", "").isalnum() or len(code) > 20:
        raise DomainError(
            _("Kennung: Nur Buchstaben, Ziffern, - und _ (höchstens 20 Zeichen)."), field="code"
        )
    if code.lower() in {"region", "bogen"}:
        raise DomainError(
            _("Kennung: „%(code)s“ ist für den Import reserviert.") % {"code": code}, field="code"
        )
    if instrument.items.filter(code__iexact=code).exists():
        raise DomainError(
            _("Kennung: „%(code)s“ gibt es in diesem Fragebogen schon.") % {"code": code},
            field="code",
        )
    if not text:
        raise DomainError(_("Aussage oder Frage: Bitte geben Sie den Text an."), field="text")
    if kind not in ItemKind.values:
        raise DomainError(_("Art: Bitte wählen Sie eine Art der Frage."), field="kind")
    last = instrument.items.order_by("-position").first()
    item = Item(
        instrument=instrument,
        code=code,
        text=text,
        kind=kind,
        choices=_clean_choices(kind, choices),
        dimension=_dimension(instrument, dimension),
        position=(last.position + 1) if last else 1,
    )
    _attribute(item, by, "surveys.item.created")
    item.save()
    audit.log("surveys.item.created", actor=by, obj=item, data={"instrument": instrument.code})
    return item


@transaction.atomic
def update_item(item: Item, *, text: str, kind: str, by, dimension: str = "", choices=()) -> Item:
    if not can_manage_instruments(by):
        raise _forbidden(_("Fragebögen ändert nur das Land."))
    item = Item.objects.select_for_update().select_related("instrument").get(pk=item.pk)
    _check_items_editable(item.instrument)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Aussage oder Frage: Bitte geben Sie den Text an."), field="text")
    if kind not in ItemKind.values:
        raise DomainError(_("Art: Bitte wählen Sie eine Art der Frage."), field="kind")
    item.text = text
    item.kind = kind
    item.choices = _clean_choices(kind, choices)
    item.dimension = _dimension(item.instrument, dimension)
    _attribute(item, by, "surveys.item.changed")
    item.save()
    audit.log("surveys.item.changed", actor=by, obj=item)
    return item


# --- Surveys -------------------------------------------------------------------------------


def _check_threshold(value) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError) as exc:
        raise DomainError(
            _("Mindestzahl an Antworten: Bitte geben Sie eine ganze Zahl an."),
            field="anonymity_threshold",
        ) from exc
    if value < MIN_THRESHOLD:
        raise DomainError(
            _(
                "Mindestzahl an Antworten je ausgewiesener Gruppe: darf nicht kleiner als "
                "%(min)s sein, sonst ließen sich einzelne Antworten zurückverfolgen."
            )
            % {"min": MIN_THRESHOLD},
            field="anonymity_threshold",
        )
    return value


@transaction.atomic
def create_survey(
    *,
    instrument: Instrument,
    title: str,
    closes_on: datetime.date,
    by,
    region: Region | None = None,
    opens_on: datetime.date | None = None,
    anonymity_threshold: int = 5,
) -> Survey:
    """A new survey in draft. ``region`` None: statewide (the Land only)."""
    if not can_create_survey(by, region):
        if region is None:
            raise _forbidden(_("Landesweite Befragungen legt nur das Land an."))
        raise _forbidden(_("Sie dürfen nur Befragungen für Ihre eigene Region anlegen."))
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Titel: Bitte geben Sie einen Titel an."), field="title")
    if instrument is None or not instrument.items.exists():
        raise DomainError(
            _("Fragebogen: Bitte wählen Sie einen Fragebogen mit mindestens einer Frage."),
            field="instrument",
        )
    if closes_on is None:
        raise DomainError(_("Einsendeschluss: Bitte geben Sie ein Datum an."), field="closes_on")
    today = timezone.localdate()
    if closes_on < today:
        raise DomainError(
            _("Einsendeschluss: Das Datum darf nicht in der Vergangenheit liegen."),
            field="closes_on",
        )
    if opens_on and opens_on > closes_on:
        raise DomainError(
            _("Beginn: Der Beginn muss vor dem Einsendeschluss liegen."), field="opens_on"
        )
    threshold = _check_threshold(anonymity_threshold)
    survey = Survey(
        instrument=instrument,
        title=title[:200],
        region=region,
        opens_on=opens_on,
        closes_on=closes_on,
        anonymity_threshold=threshold,
        created_by=_user(by),
    )
    _attribute(survey, by, "surveys.survey.created")
    survey.save()
    if region is not None:
        SurveyRegion.objects.create(survey=survey, region=region)
    audit.log(
        "surveys.survey.created",
        actor=by,
        obj=survey,
        region=region,
        data={"instrument": instrument.code, "closes_on": closes_on.isoformat()},
    )
    return survey


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update(of=("self",)).select_related("region").get(pk=survey.pk)


@transaction.atomic
def update_survey(
    survey: Survey,
    *,
    title: str,
    closes_on: datetime.date,
    by,
    opens_on: datetime.date | None = None,
    anonymity_threshold: int | None = None,
) -> Survey:
    """Title, dates and threshold; a closed survey is not changed any more."""
    if not can_manage_survey(by, survey):
        raise _forbidden(_("Diese Befragung dürfen Sie nicht ändern."))
    survey = _lock(survey)
    if survey.status == SurveyStatus.BEENDET:
        raise DomainError(_("Die Befragung ist beendet und kann nicht mehr geändert werden."))
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Titel: Bitte geben Sie einen Titel an."), field="title")
    if closes_on is None or closes_on < timezone.localdate():
        raise DomainError(
            _("Einsendeschluss: Das Datum darf nicht in der Vergangenheit liegen."),
            field="closes_on",
        )
    if opens_on and opens_on > closes_on:
        raise DomainError(
            _("Beginn: Der Beginn muss vor dem Einsendeschluss liegen."), field="opens_on"
        )
    if survey.status == SurveyStatus.LAEUFT and opens_on and opens_on > timezone.localdate():
        raise DomainError(
            _("Beginn: Die Befragung läuft schon; der Beginn kann nicht in der Zukunft liegen."),
            field="opens_on",
        )
    survey.title = title[:200]
    survey.closes_on = closes_on
    survey.opens_on = opens_on
    if anonymity_threshold is not None:
        survey.anonymity_threshold = _check_threshold(anonymity_threshold)
    _attribute(survey, by, "surveys.survey.changed")
    survey.save()
    audit.log("surveys.survey.changed", actor=by, obj=survey, region=survey.region)
    return survey


@transaction.atomic
def open_survey(survey: Survey, *, by) -> Survey:
    """Draft → running. Answers are accepted from now until the closing date."""
    if not can_manage_survey(by, survey):
        raise _forbidden(_("Diese Befragung dürfen Sie nicht starten."))
    survey = _lock(survey)
    if survey.status != SurveyStatus.ENTWURF:
        raise DomainError(_("Nur eine Befragung im Entwurf kann gestartet werden."))
    today = timezone.localdate()
    if survey.closes_on < today:
        raise DomainError(
            _("Einsendeschluss: Das Datum liegt in der Vergangenheit; bitte zuerst ändern."),
            field="closes_on",
        )
    survey.status = SurveyStatus.LAEUFT
    if survey.opens_on is None or survey.opens_on > today:
        survey.opens_on = today
    _attribute(survey, by, "surveys.survey.opened")
    survey.save()
    audit.log("surveys.survey.opened", actor=by, obj=survey, region=survey.region)
    return survey


@transaction.atomic
def close_survey(survey: Survey, *, by) -> Survey:
    """Running (or draft) → ended: no more answers are accepted."""
    if by is not None and not can_manage_survey(by, survey):
        raise _forbidden(_("Diese Befragung dürfen Sie nicht beenden."))
    survey = _lock(survey)
    if survey.status == SurveyStatus.BEENDET:
        return survey
    survey.status = SurveyStatus.BEENDET
    _attribute(survey, by, "surveys.survey.closed")
    survey.save()
    audit.log("surveys.survey.closed", actor=by, obj=survey, region=survey.region)
    return survey


def close_expired_surveys() -> int:
    """Periodic: running surveys past their closing date are ended (idempotent)."""
    today = timezone.localdate()
    n = 0
    for survey in Survey.objects.filter(status=SurveyStatus.LAEUFT, closes_on__lt=today):
        close_survey(survey, by=None)
        n += 1
    return n


def accepts_answers(survey: Survey, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        survey.status == SurveyStatus.LAEUFT
        and survey.closes_on >= today
        and (survey.opens_on is None or survey.opens_on <= today)
    )


# --- Invitations ---------------------------------------------------------------------------


@dataclass
class InvitationReport:
    accepted: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (row, value, reason)


def split_addresses(raw: str) -> list[str]:
    """Addresses from pasted text or a CSV file: one per line; in a CSV the first cell that
    contains ``@`` (a header line ``email``/``E-Mail`` is skipped)."""
    rows = []
    for line in (raw or "").splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line:
            rows.append("")
            continue
        cells = [c.strip().strip('"') for c in line.replace(";", ",").split(",")]
        hit = next((c for c in cells if "@" in c), None)
        header_words = {"email", "emailadresse", "adresse"}
        if hit is None and cells[0].lower().replace("-", "") in header_words:
            continue
        rows.append(hit if hit is not None else cells[0])
    return rows


def _check_can_invite(by, survey: Survey, region: Region) -> None:
    region_id = getattr(region, "pk", region)
    if survey.region_id is not None and survey.region_id != region_id:
        raise DomainError(
            _("Region: Diese Befragung gilt nur für %(region)s.") % {"region": survey.region},
            field="region",
        )
    if not can_work_in_region(by, survey, region):
        raise _forbidden(_("Sie dürfen nur für Ihre eigene Region einladen."))


@transaction.atomic
def add_invitations(survey: Survey, region: Region, emails, by) -> InvitationReport:
    """Add e-mail invitations for one region, row by row. The same address twice (in the
    list or already invited) is one invitation. Nothing is mailed here."""
    _check_can_invite(by, survey, region)
    survey = _lock(survey)
    if survey.status == SurveyStatus.BEENDET:
        raise DomainError(_("Die Befragung ist beendet; es kann niemand mehr eingeladen werden."))
    if isinstance(emails, str):
        emails = split_addresses(emails)
    emails = list(emails)
    if len(emails) > MAX_INVITATIONS_PER_UPLOAD:
        raise DomainError(
            _("Adressen: Höchstens %(n)s Adressen auf einmal.") % {"n": MAX_INVITATIONS_PER_UPLOAD},
            field="emails",
        )
    report = InvitationReport()
    existing = set(Invitation.objects.filter(survey=survey).values_list("email", flat=True))
    for row, raw in enumerate(emails, start=1):
        email = (raw or "").strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            report.rejected.append(
                (row, raw, _("Zeile %(row)s: „%(value)s“ ist keine gültige E-Mail-Adresse.")
                 % {"row": row, "value": raw})
            )  # fmt: skip
            continue
        if email in existing:
            report.duplicate.append(email)
            continue
        existing.add(email)
        placeholder = new_token()[1]  # never mailed; replaced when the invitation is sent
        Invitation.objects.create(survey=survey, region=region, email=email, token_hash=placeholder)
        report.accepted.append(email)
    SurveyRegion.objects.get_or_create(survey=survey, region=region)
    if report.accepted:
        audit.log(
            "surveys.invitation.added",
            actor=by,
            obj=survey,
            region=region,
            data={"accepted": len(report.accepted), "duplicate": len(report.duplicate),
                  "rejected": len(report.rejected)},
        )  # fmt: skip
    return report


@transaction.atomic
def set_offline_invitations(survey: Survey, region: Region, count, by) -> SurveyRegion:
    """How many people of a region were invited on paper (counts for the response rate)."""
    _check_can_invite(by, survey, region)
    try:
        count = int(count)
    except (TypeError, ValueError) as exc:
        raise DomainError(
            _("Auf Papier eingeladen: Bitte geben Sie eine ganze Zahl an."),
            field="invited_offline",
        ) from exc
    if count < 0 or count > 100000:
        raise DomainError(
            _("Auf Papier eingeladen: Die Zahl muss zwischen 0 und 100000 liegen."),
            field="invited_offline",
        )
    sr, _created = SurveyRegion.objects.select_for_update().get_or_create(
        survey=survey, region=region
    )
    sr.invited_offline = count
    sr.save(update_fields=["invited_offline"])
    audit.log(
        "surveys.invitation.offline_set",
        actor=by,
        obj=survey,
        region=region,
        data={"invited_offline": count},
    )
    return sr


@transaction.atomic
def send_invitations(survey: Survey, *, by, region: Region | None = None, base_url=None) -> int:
    """Queue the mailing of all not yet sent invitations (of ``region``, or all regions the
    user may work in). Returns how many are queued. The survey must be running."""
    from .rules import regions_for
    from .tasks import deliver_invitations

    survey = _lock(survey)
    if region is not None:
        _check_can_invite(by, survey, region)
        region_ids = [region.pk]
    else:
        region_ids = list(regions_for(by, survey).values_list("pk", flat=True))
        if not region_ids:
            raise _forbidden(_("Sie dürfen für diese Befragung nicht einladen."))
    if survey.status != SurveyStatus.LAEUFT:
        raise DomainError(_("Einladungen werden erst versandt, wenn die Befragung gestartet ist."))
    pending = Invitation.objects.filter(
        survey=survey, region_id__in=region_ids, sent_at__isnull=True, used=False
    ).count()
    if pending:
        audit.log(
            "surveys.invitation.sent",
            actor=by,
            obj=survey,
            region=region,
            data={"queued": pending},
        )
        enqueue(deliver_invitations, survey.pk, region_ids, base_url)
    return pending


def _invitation_mail(invitation: Invitation, token: str, base_url, *, reminder: bool):
    survey = invitation.survey
    closes = date_format(survey.closes_on, "j. F Y")
    link = answer_url(token, base_url)
    if reminder:
        subject = _("Erinnerung: %(title)s – noch bis %(date)s") % {
            "title": survey.title,
            "date": closes,
        }
        intro = _(
            "Guten Tag,\n\nvor einigen Tagen haben wir Sie zur Befragung „%(title)s“ "
            "eingeladen. Falls Sie noch nicht dazu gekommen sind: Ihre Meinung fehlt uns "
            "noch. Die Befragung läuft bis zum %(date)s. Der Link aus der ersten Einladung "
            "gilt nicht mehr; bitte nutzen Sie diesen:"
        )
    else:
        subject = _("Einladung zur Befragung: %(title)s") % {"title": survey.title}
        intro = _(
            "Guten Tag,\n\nwir laden Sie herzlich zur Befragung „%(title)s“ ein. Sie hilft, "
            "die Arbeit des Regionalen Bildungsnetzwerks (%(region)s) einzuschätzen und "
            "weiterzuentwickeln. Das Ausfüllen dauert etwa fünf Minuten; Sie können bis zum "
            "%(date)s teilnehmen:"
        )
    body = (
        intro % {"title": survey.title, "date": closes, "region": invitation.region.name}
        + "\n\n"
        + link
        + "\n\n"
        + _(
            "Der Link ist persönlich und gilt für genau eine Teilnahme. Ihre Antworten werden "
            "anonym gespeichert: Nach dem Absenden verbindet nichts sie mit Ihrer Adresse "
            "oder mit diesem Link. Ergebnisse werden nur für Gruppen mit mindestens "
            "%(n)s Antworten ausgewiesen.\n\nVielen Dank für Ihre Unterstützung!\n"
        )
        % {"n": survey.anonymity_threshold}
    )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )


def _mail_one(invitation_id: int, base_url, *, reminder: bool) -> bool:
    """Rotate the token and mail one invitation, in one transaction: if the mail fails,
    nothing is marked and a redelivered job tries again. Idempotent per invitation."""
    with transaction.atomic():
        inv = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("survey", "region")
            .filter(pk=invitation_id, used=False)
            .first()
        )
        if inv is None or not accepts_answers(inv.survey):
            return False
        now = timezone.now()
        if reminder:
            if inv.sent_at is None or inv.reminded_at is not None:
                return False
            inv.reminded_at = now
        else:
            if inv.sent_at is not None:
                return False
            inv.sent_at = now
        token, inv.token_hash = new_token()
        inv.save(update_fields=["token_hash", "sent_at", "reminded_at"])
        _invitation_mail(inv, token, base_url, reminder=reminder).send()
    return True


def deliver_invitations(survey_id: int, region_ids=None, base_url=None) -> int:
    """Job body: mail every not yet sent invitation once (``sent_at`` set with the mail)."""
    qs = Invitation.objects.filter(survey_id=survey_id, sent_at__isnull=True, used=False)
    if region_ids:
        qs = qs.filter(region_id__in=region_ids)
    return sum(_mail_one(pk, base_url, reminder=False) for pk in qs.values_list("pk", flat=True))


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by, base_url=None) -> None:
    """Send an invitation again with a new token (the old link stops working)."""
    from .tasks import deliver_invitations

    inv = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("survey")
        .get(pk=invitation.pk)
    )
    _check_can_invite(by, inv.survey, inv.region_id)
    if inv.used:
        raise DomainError(_("Mit dieser Einladung wurde bereits geantwortet."))
    if inv.survey.status != SurveyStatus.LAEUFT:
        raise DomainError(_("Einladungen werden nur für laufende Befragungen versandt."))
    inv.sent_at = None
    inv.save(update_fields=["sent_at"])
    audit.log("surveys.invitation.resent", actor=by, obj=inv.survey, region=inv.region)
    enqueue(deliver_invitations, inv.survey_id, [inv.region_id], base_url)


def resend_to_address(survey: Survey, email: str, *, by, base_url=None) -> bool:
    """Staff enter an address whose mail got lost: if it is invited (in a region the user
    works in) and has not answered, it gets a new link. The caller shows the same neutral
    message either way, so the page does not tell who has answered."""
    from .rules import regions_for

    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise DomainError(
            _("E-Mail-Adresse: „%(value)s“ ist keine gültige Adresse.") % {"value": email},
            field="email",
        ) from exc
    if survey.status != SurveyStatus.LAEUFT:
        raise DomainError(_("Einladungen werden nur für laufende Befragungen versandt."))
    region_ids = list(regions_for(by, survey).values_list("pk", flat=True))
    if not region_ids:
        raise _forbidden(_("Sie dürfen für diese Befragung nicht einladen."))
    inv = Invitation.objects.filter(
        survey=survey, email=email, region_id__in=region_ids, used=False
    ).first()
    if inv is None:
        return False
    resend_invitation(inv, by=by, base_url=base_url)
    return True


def send_reminders(today: datetime.date | None = None) -> dict:
    """Periodic (daily): end surveys past their closing date, then remind, once, everyone
    invited who has not answered when the closing date is at most
    ``SURVEY_REMINDER_DAYS_BEFORE`` days away."""
    today = today or timezone.localdate()
    closed = close_expired_surveys()
    days = settings.SURVEY_REMINDER_DAYS_BEFORE
    surveys = Survey.objects.filter(
        status=SurveyStatus.LAEUFT,
        closes_on__gte=today,
        closes_on__lte=today + datetime.timedelta(days=days),
    )
    ids = Invitation.objects.filter(
        survey__in=surveys, used=False, sent_at__isnull=False, reminded_at__isnull=True
    ).values_list("pk", flat=True)
    reminded = sum(_mail_one(pk, None, reminder=True) for pk in list(ids))
    rewrite_used_invitations()  # sweep: see submit_response
    return {"closed": closed, "reminded": reminded}


# --- Answering -----------------------------------------------------------------------------


class AnswerErrors(DomainError):
    """Several answers are invalid: ``errors`` maps item code → German message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(
            _("Bitte prüfen Sie %(n)s Angabe(n).") % {"n": len(errors)}, code="invalid"
        )
        self.errors = errors


def invitation_for_token(token: str) -> Invitation:
    """The open invitation for a token, or a clear German refusal."""
    inv = (
        Invitation.objects.select_related("survey__instrument", "region")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if inv is None:
        raise DomainError(
            _(
                "Dieser Teilnahmelink ist nicht gültig. Bitte prüfen Sie, ob Sie ihn vollständig "
                "kopiert haben. Nach einer Erinnerung gilt nur der Link aus der neuesten E-Mail."
            ),
            code="unknown_token",
        )
    if inv.used:
        raise DomainError(
            _(
                "Mit diesem Link wurde bereits geantwortet. Jeder Link gilt für genau eine "
                "Teilnahme – vielen Dank, Ihre Antworten liegen uns vor."
            ),
            code="used_token",
        )
    if not accepts_answers(inv.survey):
        raise DomainError(
            _("Die Befragung „%(title)s“ ist beendet; es werden keine Antworten mehr angenommen.")
            % {"title": inv.survey.title},
            code="closed",
        )
    return inv


def clean_answer(item: Item, raw) -> tuple[str, str] | None:
    """(value, text) for one answer, ``None`` when missing; DomainError when invalid."""
    raw = "" if raw is None else str(raw).strip()
    if raw == "":
        return None
    if item.kind == ItemKind.AGREEMENT:
        value = AGREEMENT_INPUT.get(" ".join(raw.lower().split()))
        if value is None and raw in Agreement.values:
            value = raw
        if value is None:
            raise DomainError(
                _("„%(value)s“ ist keine der Antworten „trifft voll zu“, „trifft eher zu“, "
                  "„trifft eher nicht zu“, „trifft gar nicht zu“ oder „keine Angabe“.")
                % {"value": raw[:60]}
            )  # fmt: skip
        return str(value), ""
    if item.kind == ItemKind.SINGLE:
        for choice in item.choices:
            if raw.lower() == str(choice).lower():
                return str(choice), ""
        if raw.lower() in {"keine angabe", "keine_angabe"}:
            return str(Agreement.KEINE_ANGABE), ""
        raise DomainError(
            _("„%(value)s“ ist keine der Antwortmöglichkeiten (%(choices)s).")
            % {"value": raw[:60], "choices": ", ".join(item.choices)}
        )
    if len(raw) > FREE_TEXT_MAX:
        raise DomainError(
            _("Der Text ist zu lang (höchstens %(n)s Zeichen).") % {"n": FREE_TEXT_MAX}
        )
    return "", raw


def _clean_all(items, answers: dict) -> tuple[dict, dict]:
    cleaned, errors = {}, {}
    for item in items:
        try:
            result = clean_answer(item, answers.get(item.code))
        except DomainError as exc:
            errors[item.code] = exc.message
            continue
        if result is not None:
            cleaned[item] = result
    return cleaned, errors


def _create_response(survey, region, cleaned: dict, *, source, import_key="") -> Response:
    response = Response.objects.create(
        survey=survey, region=region, source=source, import_key=import_key
    )
    Answer.objects.bulk_create(
        [Answer(response=response, item=item, value=v, text=t) for item, (v, t) in cleaned.items()]
    )
    return response


def submit_response(token: str, answers: dict) -> Response:
    """Store one anonymous answer sheet and use up the token, in one transaction.

    ``answers`` maps item code → value (agreement code or label, the chosen option, or
    free text). Missing answers are allowed. Nothing is logged: an audit entry or
    timestamp would tie the sheet to the invitation.
    """
    with transaction.atomic():
        inv = invitation_for_token(token)
        inv = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("survey", "region")
            .get(pk=inv.pk)
        )
        if inv.used:
            raise DomainError(_("Mit diesem Link wurde bereits geantwortet."), code="used_token")
        items = list(inv.survey.instrument.items.all())
        cleaned, errors = _clean_all(items, answers or {})
        if errors:
            raise AnswerErrors(errors)
        if not cleaned:
            raise DomainError(_("Bitte beantworten Sie mindestens eine Frage."), code="empty")
        response = _create_response(inv.survey, inv.region, cleaned, source=ResponseSource.ONLINE)
        # The only trace of the invitation: *that* it was used.
        Invitation.objects.filter(pk=inv.pk).update(used=True)
    # PostgreSQL stamps every row written in a transaction with its id (``xmin``): the
    # invitation and the answer sheet would share it. Rewriting the invitation in a
    # transaction of its own gives it a new stamp (the daily job sweeps any left over).
    rewrite_used_invitations(pk=inv.pk)
    return response


def rewrite_used_invitations(*, pk: int | None = None, survey_id: int | None = None) -> int:
    """Write used invitations again (no change in content) in a separate transaction so
    that no system column ties them to the transaction that stored an answer sheet."""
    qs = Invitation.objects.filter(used=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    if survey_id is not None:
        qs = qs.filter(survey_id=survey_id)
    with transaction.atomic():
        return qs.update(used=True)


# --- CSV import of answers -----------------------------------------------------------------


@dataclass
class ImportReport:
    accepted: int = 0
    duplicate: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_("Datei: Die Zeichenkodierung ist weder UTF-8 noch Windows-1252."))


def read_import_file(data: bytes, items) -> tuple[list[str], list[list[str]]]:
    """Check the file before anything is written: encoding, header, known columns."""
    if not data or not data.strip():
        raise DomainError(_("Datei: Die Datei ist leer."), field="file")
    if len(data) > MAX_IMPORT_BYTES:
        raise DomainError(_("Datei: Die Datei ist größer als 5 MB."), field="file")
    text = _decode(data)
    if "\x00" in text:
        raise DomainError(_("Datei: Das ist keine CSV-Datei (Binärdaten)."), field="file")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    known = {i.code.lower(): i.code for i in items}
    problems = []
    if "region" not in [h.lower() for h in header]:
        problems.append(_("die Spalte „region“ (Kreisschlüssel) fehlt"))
    extra = ("region", "bogen")
    unknown = [h for h in header if h and h.lower() not in known and h.lower() not in extra]
    if unknown:
        problems.append(
            _("unbekannte Spalte(n) %(cols)s – erlaubt sind region, bogen und die Kennungen "
              "der Fragen (%(codes)s)")
            % {"cols": ", ".join(unknown), "codes": ", ".join(known.values())}
        )  # fmt: skip
    if not any(h.lower() in known for h in header):
        problems.append(_("keine Spalte mit der Kennung einer Frage"))
    if len([h.lower() for h in header if h]) != len({h.lower() for h in header if h}):
        problems.append(_("eine Spaltenüberschrift kommt doppelt vor"))
    if problems:
        raise DomainError(_("Datei: ") + "; ".join(problems) + ".", field="file")
    normalised = [known.get(h.lower(), h.lower()) for h in header]
    return normalised, rows[1:]


def import_responses(survey: Survey, data: bytes, *, by) -> ImportReport:
    """Import answer sheets (paper or another tool) from CSV, row by row.

    Columns: ``region`` (AGS of the Kreis/kreisfreie Stadt), one column per item code,
    optionally ``bogen`` (an id of the sheet). Values: labels or codes, "keine Angabe",
    empty = missing. A row is accepted whole or rejected whole with a German reason.
    Idempotent: the key of a row is its ``bogen`` id or its row number and content, so
    importing the same file again adds nothing.
    """
    from .rules import regions_for

    if survey.status == SurveyStatus.ENTWURF:
        raise DomainError(
            _("Antworten können erst nach dem Start der Befragung importiert werden.")
        )
    allowed = {r.ags: r for r in regions_for(by, survey)}
    if not allowed:
        raise _forbidden(_("Sie dürfen für diese Befragung keine Antworten importieren."))
    items = list(survey.instrument.items.all())
    by_code = {i.code: i for i in items}
    header, rows = read_import_file(data, items)
    report = ImportReport()
    with transaction.atomic():
        _lock(survey)
        for offset, row in enumerate(rows, start=2):  # row 1 is the header
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                report.rejected.append(
                    (offset, _("Zeile %(row)s: mehr Werte als Spalten.") % {"row": offset})
                )
                continue
            record = dict(zip(header, [c.strip() for c in row], strict=False))
            ags = record.get("region", "")
            region = allowed.get(ags.zfill(5) if ags.isdigit() else ags)
            if region is None:
                exists = Region.objects.filter(ags=ags).exists()
                reason = (
                    _("Zeile %(row)s, Spalte region: Für die Region „%(ags)s“ dürfen Sie in "
                      "dieser Befragung keine Antworten importieren.")
                    if exists
                    else _("Zeile %(row)s, Spalte region: „%(ags)s“ ist kein Kreisschlüssel "
                           "einer Region in NRW.")
                ) % {"row": offset, "ags": ags}  # fmt: skip
                report.rejected.append((offset, reason))
                continue
            answers = {code: record.get(code, "") for code in by_code}
            cleaned, errors = _clean_all(items, answers)
            if errors:
                reasons = "; ".join(
                    _("Spalte %(col)s: %(msg)s") % {"col": code, "msg": msg}
                    for code, msg in errors.items()
                )
                report.rejected.append((offset, _("Zeile %(row)s, ") % {"row": offset} + reasons))
                continue
            if not cleaned:
                report.rejected.append(
                    (offset, _("Zeile %(row)s: keine einzige Antwort.") % {"row": offset})
                )
                continue
            bogen = record.get("bogen", "")
            basis = (
                f"bogen:{bogen}"
                if bogen
                else f"zeile:{offset}:"
                + "\x1f".join(record.get(c, "") for c in ["region", *by_code])
            )
            key = hashlib.sha256(basis.encode("utf-8")).hexdigest()
            if Response.objects.filter(survey=survey, import_key=key).exists():
                report.duplicate += 1
                continue
            try:
                with transaction.atomic():
                    _create_response(
                        survey, region, cleaned, source=ResponseSource.IMPORT, import_key=key
                    )
            except IntegrityError:
                report.duplicate += 1
                continue
            report.accepted += 1
        if report.accepted:
            audit.log(
                "surveys.response.imported",
                actor=by,
                obj=survey,
                region=survey.region,
                data={"accepted": report.accepted, "duplicate": report.duplicate,
                      "rejected": len(report.rejected)},
            )  # fmt: skip
    return report
