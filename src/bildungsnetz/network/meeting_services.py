"""Writes around meetings: agenda, attendance, minutes, decisions, invitations, work orders
and their reminders. Mails leave only after commit, through background jobs."""

from __future__ import annotations

import datetime
import zipfile

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..core import audit
from ..core.errors import DomainError
from ..core.jobs import enqueue
from .calendar import meeting_ics
from .models import (
    AgendaItem,
    Attendance,
    Decision,
    Invitation,
    Meeting,
    MeetingDocument,
    Membership,
    Reminder,
    WorkOrder,
    WorkOrderComment,
    WorkOrderStatus,
)
from .rules import can_comment_work_orders
from .services import _apply, _full_clean, _guard, network_for

MEETING_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "location",
    "is_public",
    "minutes",
    "minutes_public",
)
REMINDER_DAYS_BEFORE = 7

# Checked transitions of a work order (offen → in Arbeit → erledigt / verworfen).
TRANSITIONS = {
    WorkOrderStatus.OFFEN: {WorkOrderStatus.IN_ARBEIT, WorkOrderStatus.VERWORFEN},
    WorkOrderStatus.IN_ARBEIT: {
        WorkOrderStatus.ERLEDIGT,
        WorkOrderStatus.VERWORFEN,
        WorkOrderStatus.OFFEN,
    },
    WorkOrderStatus.ERLEDIGT: set(),
    WorkOrderStatus.VERWORFEN: set(),
}


@transaction.atomic
def save_meeting(body, *, acting_user, data: dict, meeting=None) -> Meeting:
    _guard(acting_user, body.region)
    created = meeting is None
    meeting = meeting or Meeting(body=body)
    if meeting.body_id != body.pk:
        raise DomainError(_("Die Sitzung gehört zu einem anderen Gremium."))
    changed = _apply(meeting, data, MEETING_FIELDS)
    if meeting.ends_at and meeting.starts_at and meeting.ends_at < meeting.starts_at:
        raise DomainError(_("Das Ende liegt vor dem Beginn."), field="ends_at")
    if meeting.minutes_public and not meeting.minutes.strip():
        raise DomainError(
            _("Ein leeres Protokoll kann nicht veröffentlicht werden."), field="minutes_public"
        )
    _full_clean(meeting, exclude=["body"])
    meeting._history_user = acting_user
    meeting.save()
    audit.log(
        "network.meeting.created" if created else "network.meeting.changed",
        actor=acting_user,
        obj=meeting,
        region=body.region,
        data={"fields": changed},
    )
    return meeting


@transaction.atomic
def add_agenda_item(meeting: Meeting, *, acting_user, data: dict) -> AgendaItem:
    region = meeting.body.region
    _guard(acting_user, region)
    hf = data.get("handlungsfeld")
    if hf is not None and hf.region_id != region.pk:
        raise DomainError(
            _("Das Handlungsfeld gehört zu einer anderen Region."), field="handlungsfeld"
        )
    last = meeting.agenda.order_by("-position").values_list("position", flat=True).first() or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=data["title"],
        handlungsfeld=hf,
        notes=data.get("notes", ""),
    )
    _full_clean(item, exclude=["meeting"])
    item.save()
    audit.log("network.agendaitem.created", actor=acting_user, obj=item, region=region)
    return item


@transaction.atomic
def record_attendance(meeting: Meeting, *, acting_user, entries: dict) -> int:
    """``entries``: {person: status}. Returns the number of rows written."""
    region = meeting.body.region
    _guard(acting_user, region)
    for person, status in entries.items():
        if person.region_id != region.pk:
            raise DomainError(_("Die Person gehört zu einer anderen Region."), field="person")
        Attendance.objects.update_or_create(
            meeting=meeting, person=person, defaults={"status": status}
        )
    audit.log(
        "network.attendance.recorded",
        actor=acting_user,
        obj=meeting,
        region=region,
        data={"count": len(entries)},
    )
    return len(entries)


@transaction.atomic
def add_decision(meeting: Meeting, *, acting_user, data: dict) -> Decision:
    region = meeting.body.region
    _guard(acting_user, region)
    item = data.get("agenda_item")
    if item is not None and item.meeting_id != meeting.pk:
        raise DomainError(
            _("Der Tagesordnungspunkt gehört zu einer anderen Sitzung."), field="agenda_item"
        )
    decision = Decision(meeting=meeting, agenda_item=item, kind=data["kind"], text=data["text"])
    if not decision.text.strip():
        raise DomainError(_("Bitte den Wortlaut angeben."), field="text")
    _full_clean(decision, exclude=["meeting"])
    decision._history_user = acting_user
    decision.save()
    audit.log(
        "network.decision.created",
        actor=acting_user,
        obj=decision,
        region=region,
        data={"kind": decision.kind},
    )
    return decision


# --- Invitations --------------------------------------------------------------------------


def invitees(meeting: Meeting) -> list:
    """Persons with an e-mail address and a membership active on the meeting day."""
    day = timezone.localdate(meeting.starts_at)
    memberships = (
        Membership.objects.filter(body=meeting.body)
        .active_on(day)
        .select_related("person")
        .exclude(person__email="")
        .filter(person__anonymised_at__isnull=True)
    )
    seen, persons = set(), []
    for m in memberships:
        if m.person_id not in seen:
            seen.add(m.person_id)
            persons.append(m.person)
    return persons


@transaction.atomic
def request_invitations(meeting: Meeting, *, acting_user) -> int:
    """Queue the invitation mails; sending happens after commit in a job."""
    from .tasks import send_invitations

    region = meeting.body.region
    _guard(acting_user, region)
    if meeting.starts_at < timezone.now():
        raise DomainError(_("Zu einer vergangenen Sitzung kann nicht eingeladen werden."))
    count = len(invitees(meeting))
    if count == 0:
        raise DomainError(_("Kein aktives Mitglied des Gremiums hat eine E-Mail-Adresse."))
    meeting.invitations_requested_at = timezone.now()
    meeting.save(update_fields=["invitations_requested_at"])
    audit.log(
        "network.meeting.invited", actor=acting_user, obj=meeting, region=region, data={"n": count}
    )
    enqueue(send_invitations, meeting.pk)
    return count


def deliver_invitations(meeting_id: int) -> int:
    """Send the invitation to every invitee not yet invited. Idempotent (job body)."""
    meeting = Meeting.objects.select_related("body__region").get(pk=meeting_id)
    sent = 0
    ics = meeting_ics(meeting)
    for person in invitees(meeting):
        try:
            with transaction.atomic():
                Invitation.objects.create(meeting=meeting, person=person)
                _invitation_mail(meeting, person, ics).send()
        except IntegrityError:
            continue  # already invited by an earlier run
        sent += 1
    return sent


def _invitation_mail(meeting: Meeting, person, ics: str) -> EmailMessage:
    when = timezone.localtime(meeting.starts_at)
    values = {
        "body": meeting.body.name,
        "title": meeting.title,
        "date": when.strftime("%d.%m.%Y"),
        "time": when.strftime("%H:%M"),
        "location": meeting.location or "-",
        "name": person.full_name,
    }
    agenda = "\n".join(f"TOP {a.position}: {a.title}" for a in meeting.agenda.all())
    body = (
        _(
            "Guten Tag %(name)s,\n\nSie sind eingeladen zur Sitzung „%(title)s“ des Gremiums "
            "%(body)s am %(date)s um %(time)s Uhr.\nOrt: %(location)s\n"
        )
        % values
    )
    if agenda:
        body += "\n" + _("Tagesordnung:") + "\n" + agenda + "\n"
    message = EmailMessage(
        subject=_("Einladung: %(title)s am %(date)s") % values,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    message.attach("sitzung.ics", ics, "text/calendar")
    return message


# --- Work orders ------------------------------------------------------------------------


@transaction.atomic
def create_work_order(decision: Decision, *, acting_user, data: dict) -> WorkOrder:
    region = decision.meeting.body.region
    _guard(acting_user, region)
    for name in ("owner_organisation", "owner_person"):
        owner = data.get(name)
        if owner is not None and owner.region_id != region.pk:
            raise DomainError(_("Zuständig können nur Akteure der Region sein."), field=name)
    order = WorkOrder(region=region, decision=decision, created_by=acting_user)
    _apply(
        order,
        data,
        ("title", "description", "owner_organisation", "owner_person", "due_date"),
    )
    _full_clean(order, exclude=["region", "decision", "created_by"])
    order._history_user = acting_user
    order.save()
    audit.log(
        "network.workorder.created",
        actor=acting_user,
        obj=order,
        region=region,
        data={"due_date": order.due_date.isoformat()},
    )
    return order


@transaction.atomic
def transition_work_order(order: WorkOrder, *, acting_user, to: str, result: str = "") -> WorkOrder:
    _guard(acting_user, order.region)
    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if to not in TRANSITIONS.get(order.status, set()):
        raise DomainError(
            _("Ein Auftrag im Stand „%(from)s“ kann nicht auf „%(to)s“ gesetzt werden.")
            % {
                "from": WorkOrderStatus(order.status).label,
                "to": WorkOrderStatus(to).label if to in WorkOrderStatus.values else to,
            },
            field="status",
        )
    if to == WorkOrderStatus.ERLEDIGT and not (result or order.result).strip():
        raise DomainError(_("Bitte das Ergebnis des Auftrags angeben."), field="result")
    before = order.status
    order.status = to
    if result:
        order.result = result
    order._history_user = acting_user
    order.save(update_fields=["status", "result"])
    audit.log(
        "network.workorder.transitioned",
        actor=acting_user,
        obj=order,
        region=order.region,
        data={"von": before, "nach": to},
    )
    return order


def reminder_recipient(order: WorkOrder) -> str:
    if order.owner_person_id and order.owner_person.email:
        return order.owner_person.email
    if order.owner_organisation_id and order.owner_organisation.email:
        return order.owner_organisation.email
    return network_for(order.region).office_email


def due_reminders(day: datetime.date) -> list[tuple[WorkOrder, str]]:
    """(order, kind) pairs that need a reminder on ``day``."""
    pending = []
    orders = WorkOrder.objects.filter(
        status__in=[WorkOrderStatus.OFFEN, WorkOrderStatus.IN_ARBEIT],
        due_date__lte=day + datetime.timedelta(days=REMINDER_DAYS_BEFORE),
    ).select_related("region", "owner_person", "owner_organisation", "region__network")
    for order in orders:
        kind = Reminder.Kind.UEBERFAELLIG if order.due_date < day else Reminder.Kind.VORHER
        pending.append((order, kind))
    return pending


def send_reminders(day: datetime.date | None = None) -> int:
    """Send reminders before and after the due date; at most one per kind and due date.

    Idempotent: the Reminder row (unique per order, kind and due date) is written in the
    same transaction as the mail is handed over, so a second run sends nothing new. A
    changed due date starts a new cycle.
    """
    day = day or timezone.localdate()
    sent = 0
    for order, kind in due_reminders(day):
        recipient = reminder_recipient(order)
        if not recipient:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    work_order=order, kind=kind, due_date=order.due_date, recipient=recipient
                )
                _reminder_mail(order, kind, recipient).send()
                audit.log(
                    "network.workorder.reminded",
                    actor=None,
                    obj=order,
                    region=order.region,
                    data={"kind": kind},
                )
        except IntegrityError:
            continue
        sent += 1
    return sent


def _reminder_mail(order: WorkOrder, kind: str, recipient: str) -> EmailMessage:
    values = {"title": order.title, "due": order.due_date.strftime("%d.%m.%Y")}
    if kind == Reminder.Kind.UEBERFAELLIG:
        subject = _("Überfällig: Arbeitsauftrag „%(title)s“ (fällig am %(due)s)") % values
        text = (
            _("Der Arbeitsauftrag „%(title)s“ war am %(due)s fällig und ist noch nicht erledigt.")
            % values
        )
    else:
        subject = _("Erinnerung: Arbeitsauftrag „%(title)s“ ist am %(due)s fällig") % values
        text = _("Der Arbeitsauftrag „%(title)s“ ist am %(due)s fällig.") % values
    return EmailMessage(
        subject=subject,
        body=text + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
    )


# --- Meeting documents ------------------------------------------------------------------

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
DOCUMENT_TYPES = ("pdf", "docx", "xlsx", "odt", "txt")
_ZIP_TYPES = ("docx", "xlsx", "odt")
_SIGNATURES = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04", "odt": b"PK\x03\x04"}


def _unpacked_size_ok(upload) -> bool:
    """Stream-decompress every member and stop as soon as 50 MB are exceeded.

    The sizes in the zip directory can lie, so they are not trusted alone.
    """
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        infos = archive.infolist()
        if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            return False
        total = 0
        for info in infos:
            with archive.open(info) as member:
                while chunk := member.read(1024 * 1024):
                    total += len(chunk)
                    if total > MAX_UNPACKED_BYTES:
                        return False
    return True


def check_document(upload) -> str:
    """Validate an upload; returns the file type. German messages name the field."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in DOCUMENT_TYPES:
        raise DomainError(
            _("Datei: Erlaubt sind nur PDF, DOCX, XLSX, ODT und TXT (hochgeladen: „%(name)s“).")
            % {"name": name},
            field="file",
        )
    if upload.size > MAX_DOCUMENT_BYTES:
        raise DomainError(
            _("Datei: Die Datei ist größer als 10 MB (%(mb)s MB).")
            % {"mb": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
            field="file",
        )
    if upload.size == 0:
        raise DomainError(_("Datei: Die Datei ist leer."), field="file")
    upload.seek(0)
    head = upload.read(8)
    signature = _SIGNATURES.get(ext)
    if signature and not head.startswith(signature):
        raise DomainError(
            _("Datei: Der Inhalt passt nicht zur Endung „.%(ext)s“.") % {"ext": ext},
            field="file",
        )
    if ext in _ZIP_TYPES:
        try:
            ok = _unpacked_size_ok(upload)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
            raise DomainError(
                _("Datei: Das Dokument ist beschädigt und kann nicht gelesen werden."),
                field="file",
            ) from exc
        if not ok:
            raise DomainError(
                _("Datei: Entpackt wäre das Dokument größer als 50 MB; es wird abgelehnt."),
                field="file",
            )
    upload.seek(0)
    return ext


@transaction.atomic
def add_document(meeting: Meeting, *, acting_user, title: str, upload) -> MeetingDocument:
    region = meeting.body.region
    _guard(acting_user, region)
    if not (title or "").strip():
        raise DomainError(_("Titel: Bitte einen Titel angeben."), field="title")
    ext = check_document(upload)
    document = MeetingDocument(
        meeting=meeting, title=title.strip(), size=upload.size, uploaded_by=acting_user
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    audit.log(
        "network.meetingdocument.created",
        actor=acting_user,
        obj=document,
        region=region,
        data={"type": ext, "size": upload.size},
    )
    return document


# --- Work order comments ----------------------------------------------------------------


@transaction.atomic
def add_work_order_comment(order: WorkOrder, *, acting_user, text: str) -> WorkOrderComment:
    """The region's Bildungsbüro and Lenkungskreis members comment on a work order."""
    if not can_comment_work_orders(acting_user, order.region):
        raise DomainError(
            _("Sie dürfen Arbeitsaufträge dieser Region nicht kommentieren."), code="forbidden"
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Kommentar: Bitte einen Text eingeben."), field="text")
    comment = WorkOrderComment(work_order=order, author=acting_user, text=text)
    _full_clean(comment, exclude=["work_order", "author"])
    comment.save()
    audit.log(
        "network.workorder.commented",
        actor=acting_user,
        obj=order,
        region=order.region,
        data={"comment": comment.pk},
    )
    return comment
