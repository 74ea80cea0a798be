"""The cooperation agreement as an editable Word document (python-docx).

The text is our own adaptable template: headings the parties can keep, change or extend;
the agreement's fields fill it; empty fields leave a visible gap to fill in by hand.
The printable HTML view (``agreement_print.html``) shows the same sections.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

GAP = "_______________________"


def template_texts() -> dict[str, str]:
    """Starting texts of a new draft: an adaptable template, to be rewritten by the parties."""
    return {
        "goals": _(
            "1. Die Schülerinnen und Schüler lernen den außerschulischen Lernort regelmäßig "
            "kennen und nutzen ihn zunehmend selbstständig.\n"
            "2. Die Zusammenarbeit wird im schulinternen Lehrplan der beteiligten Fächer "
            "verankert.\n"
            "3. …"
        ),
        "activities": _(
            "– Besuche am Lernort (wie oft, welche Jahrgangsstufen): …\n"
            "– Gemeinsame Projekte oder Angebote in der Schule: …\n"
            "– Austausch und Fortbildung der Lehr- und Fachkräfte: …"
        ),
        "organisation": _(
            "– Die Ansprechpersonen treffen sich mindestens einmal im Schuljahr und werten "
            "die Zusammenarbeit gemeinsam aus.\n"
            "– Termine werden spätestens … Wochen vorher abgesprochen.\n"
            "– Kosten, Fahrten und Versicherung: …\n"
            "– Jede Seite kann die Vereinbarung mit einer Frist von drei Monaten zum Ende "
            "eines Schuljahres kündigen."
        ),
    }


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else GAP


def agreement_sections(p) -> list[tuple[str, str]]:
    """``[(heading, text), …]`` shared by the DOCX and the print view."""
    duration = _("ab %(start)s, %(end)s") % {
        "start": _date(p.start_date),
        "end": (_("bis %(date)s") % {"date": _date(p.end_date)})
        if p.end_date
        else _("unbefristet"),
    }
    return [
        (_("1. Gemeinsame Ziele"), p.goals),
        (_("2. Aktivitäten"), p.activities),
        (_("3. Organisatorische Rahmenbedingungen"), p.organisation or GAP),
        (
            _("4. Ansprechpersonen"),
            "\n".join(
                [
                    _("Schule: %(name)s") % {"name": p.school_contact or GAP},
                    _("Einrichtung: %(name)s") % {"name": p.institution_contact or GAP},
                ]
            ),
        ),
        (_("5. Laufzeit"), duration),
        (
            _("6. Zustimmung der Schulkonferenz"),
            _(
                "Die Schulkonferenz hat der Kooperation gemäß § 5 Schulgesetz NRW am "
                "%(date)s zugestimmt."
            )
            % {"date": _date(p.schulkonferenz_date)},
        ),
    ]


def signature_rows(p) -> list[tuple[str, str, str]]:
    """``[(party, signer, date), …]`` – blank lines where nothing is recorded yet."""
    rows = [
        (p.school.name, p.school_signer or GAP, _date(p.school_signed_on)),
        (p.institution.name, p.institution_signer or GAP, _date(p.institution_signed_on)),
    ]
    if p.third_institution_id:
        rows.append((p.third_institution.name, p.third_signer or GAP, _date(p.third_signed_on)))
    return rows


def agreement_docx(p) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    doc.core_properties.title = _("Kooperationsvereinbarung") + " – " + p.title
    doc.core_properties.language = "de-DE"
    doc.add_heading(_("Kooperationsvereinbarung – Bildungspartner NRW"), level=0)
    doc.add_paragraph(p.title)
    parties = doc.add_paragraph(_("zwischen") + "\n")
    parties.add_run(p.school.name).bold = True
    parties.add_run(
        f" ({_('Schulnummer')} {p.school.schulnummer}), {p.school.strasse}, "
        f"{p.school.plz} {p.school.ort}\n"
    )
    parties.add_run(_("und") + "\n")
    parties.add_run(p.institution.name).bold = True
    parties.add_run(f", {p.institution.strasse}, {p.institution.plz} {p.institution.ort}")
    if p.third_institution_id:
        parties.add_run("\n" + _("sowie als drittem Partner") + "\n")
        third = p.third_institution
        parties.add_run(third.name).bold = True
        parties.add_run(f", {third.strasse}, {third.plz} {third.ort}")
    doc.add_paragraph(_("Handlungsfeld: %(field)s") % {"field": p.get_handlungsfeld_display()})
    for heading, text in agreement_sections(p):
        doc.add_heading(heading, level=1)
        for paragraph in str(text).split("\n"):
            doc.add_paragraph(paragraph)
    doc.add_heading(_("Unterschriften"), level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, (_("Partner"), _("Name"), _("Datum, Unterschrift")), strict=True
    ):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for party, signer, date in signature_rows(p):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = party, signer, date
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
