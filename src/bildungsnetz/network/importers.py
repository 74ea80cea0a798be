"""Member import from CSV (``;`` or ``,``, UTF-8 with or without BOM) or XLSX.

Columns (first row; case and spaces do not matter):

``vorname``, ``nachname`` (required), ``funktion``, ``e_mail``, ``organisation``,
``organisationsart`` (code or label of the organisation vocabulary, default ``sonstige``),
``sitz`` (required: seat code or seat label of the body), ``art`` (mitglied /
stellvertretung / gast, default mitglied), ``von``, ``bis`` (``TT.MM.JJJJ`` or
``JJJJ-MM-TT``).

All or nothing: every row is checked first; if one row is wrong nothing is written and
the report names each wrong row with its reason.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ..core import audit
from ..core.errors import DomainError
from . import seats
from .models import Body, Membership, MembershipKind, Organisation, OrganisationKind, Person
from .services import _guard

COLUMNS = [
    "vorname",
    "nachname",
    "funktion",
    "e_mail",
    "organisation",
    "organisationsart",
    "sitz",
    "art",
    "von",
    "bis",
]
REQUIRED = ("vorname", "nachname", "sitz")
MAX_ROWS = 500


@dataclass
class RowResult:
    line: int
    name: str
    errors: list[str] = field(default_factory=list)
    action: str = ""


@dataclass
class ImportReport:
    rows: list[RowResult]
    written: bool = False

    @property
    def ok(self) -> bool:
        return all(not r.errors for r in self.rows) and bool(self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.errors)


def read_rows(name: str, content: bytes) -> list[dict]:
    """Rows as dicts with normalised column names."""
    if name.lower().endswith(".xlsx"):
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = [
            ["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DomainError(_("Die CSV-Datei ist nicht UTF-8-kodiert."), field="file") from exc
        dialect = (
            ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
        )
        values = list(csv.reader(io.StringIO(text), delimiter=dialect))
    values = [row for row in values if any(str(v).strip() for v in row)]
    if not values:
        raise DomainError(_("Die Datei enthält keine Zeilen."), field="file")
    header = [str(h).strip().lower().replace(" ", "_").replace("-", "_") for h in values[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DomainError(
            _("Es fehlen Spalten: %(cols)s.") % {"cols": ", ".join(missing)}, field="file"
        )
    if len(values) - 1 > MAX_ROWS:
        raise DomainError(_("Höchstens %(n)s Zeilen je Import.") % {"n": MAX_ROWS}, field="file")
    return [
        {header[i]: row[i] if i < len(row) else "" for i in range(len(header))}
        for row in values[1:]
    ]


def _date(value, column: str, errors: list[str]):
    if value in ("", None):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 – a date only
        except ValueError:
            continue
    errors.append(
        _("%(col)s: „%(value)s“ ist kein Datum (TT.MM.JJJJ).") % {"col": column, "value": text}
    )
    return None


def _lookup(choices, value: str):
    value = value.strip().lower()
    for code, label in choices:
        if value in (str(code).lower(), str(label).lower()):
            return code
    return None


def check_rows(body: Body, rows: list[dict]) -> tuple[ImportReport, list[dict]]:
    region = body.region
    seat_choices = seats.seat_choices(body.kind, region.kind, body.variant)
    report, clean = ImportReport(rows=[]), []
    for index, raw in enumerate(rows, start=2):
        row = {k: str(v).strip() if not isinstance(v, datetime.date) else v for k, v in raw.items()}
        errors: list[str] = []
        name = f"{row.get('vorname', '')} {row.get('nachname', '')}".strip()
        for col in REQUIRED:
            if not row.get(col):
                errors.append(_("Pflichtspalte „%(col)s“ ist leer.") % {"col": col})
        seat = _lookup(seat_choices, row.get("sitz", "")) if row.get("sitz") else None
        if row.get("sitz") and seat is None:
            errors.append(
                _("Sitz „%(seat)s“ gibt es in diesem Gremium nicht.") % {"seat": row["sitz"]}
            )
        kind = _lookup(MembershipKind.choices, row.get("art") or "mitglied")
        if kind is None:
            errors.append(_("Art „%(kind)s“ ist unbekannt.") % {"kind": row.get("art")})
        org_kind = _lookup(OrganisationKind.choices, row.get("organisationsart") or "sonstige")
        if org_kind is None:
            errors.append(
                _("Organisationsart „%(kind)s“ ist unbekannt.")
                % {"kind": row.get("organisationsart")}
            )
        if kind == MembershipKind.GAST and body.kind == "lenkungskreis":
            errors.append(_("Gäste des Lenkungskreises bitte einzeln mit Handlungsfeld erfassen."))
        start = _date(row.get("von"), "von", errors)
        end = _date(row.get("bis"), "bis", errors)
        if start and end and end < start:
            errors.append(_("„bis“ liegt vor „von“."))
        email = row.get("e_mail", "")
        if email and "@" not in email:
            errors.append(_("e_mail: „%(value)s“ ist keine E-Mail-Adresse.") % {"value": email})
        report.rows.append(RowResult(line=index, name=name, errors=errors))
        clean.append(
            {
                "first_name": row.get("vorname", ""),
                "last_name": row.get("nachname", ""),
                "function": row.get("funktion", ""),
                "email": email,
                "organisation": row.get("organisation", ""),
                "org_kind": org_kind,
                "seat": seat,
                "kind": kind,
                "start": start,
                "end": end,
            }
        )
    return report, clean


def import_members(body: Body, *, acting_user, name: str, content: bytes) -> ImportReport:
    """Check every row; write all rows in one transaction only if none is wrong."""
    _guard(acting_user, body.region)
    report, clean = check_rows(body, read_rows(name, content))
    if not report.ok:
        return report
    region = body.region
    with transaction.atomic():
        for result, row in zip(report.rows, clean, strict=True):
            organisation = None
            if row["organisation"]:
                organisation, _created = Organisation.objects.get_or_create(
                    region=region, name=row["organisation"], defaults={"kind": row["org_kind"]}
                )
            person = None
            if row["email"]:
                person = Person.objects.filter(
                    region=region, email__iexact=row["email"], anonymised_at__isnull=True
                ).first()
            if person is None:
                person = Person.objects.filter(
                    region=region,
                    first_name=row["first_name"],
                    last_name=row["last_name"],
                    organisation=organisation,
                ).first()
            if person is None:
                person = Person.objects.create(
                    region=region,
                    first_name=row["first_name"],
                    last_name=row["last_name"],
                    function=row["function"],
                    email=row["email"],
                    organisation=organisation,
                )
                result.action = _("Person neu angelegt, Mitgliedschaft angelegt")
            else:
                result.action = _("Mitgliedschaft für vorhandene Person angelegt")
            membership = Membership(
                body=body,
                person=person,
                organisation=organisation,
                seat=row["seat"],
                kind=row["kind"],
                start=row["start"],
                end=row["end"],
            )
            membership.full_clean()
            membership.save()
        audit.log(
            "network.membership.imported",
            actor=acting_user,
            obj=body,
            region=region,
            data={"rows": len(clean)},
        )
    report.written = True
    return report
