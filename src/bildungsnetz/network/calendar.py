"""iCalendar (RFC 5545) text for meetings, written by hand: a handful of properties."""

from __future__ import annotations

import datetime

from django.utils import timezone

PRODID = "-//Bildungsnetz NRW//Netzwerk//DE"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(meeting, stamp: str) -> list[str]:
    end = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
    lines = [
        "BEGIN:VEVENT",
        f"UID:sitzung-{meeting.pk}@bildungsnetz-nrw",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(meeting.title)}",
    ]
    if meeting.location:
        lines.append(f"LOCATION:{_escape(meeting.location)}")
    lines.append(f"DESCRIPTION:{_escape(meeting.body.name)}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(name: str, meetings) -> str:
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for meeting in meetings:
        lines += _event(meeting, stamp)
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def meeting_ics(meeting) -> str:
    return calendar_text(meeting.body.name, [meeting])
