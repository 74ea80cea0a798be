"""The support plan as an editable Word document (python-docx)."""

import datetime
import io

from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt


def plan_docx(school, plan, groups, *, today: datetime.date) -> bytes:
    """``groups``: ``[(criterion, [plan items])]`` as from ``selectors.plan_items_by_criterion``."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    doc.core_properties.title = _("Unterstützungsplan") + " – " + school.name
    doc.core_properties.language = "de-DE"
    doc.add_heading(_("Unterstützungsplan"), level=0)
    doc.add_paragraph(f"{school.name} ({_('Schulnummer')} {school.schulnummer})")
    doc.add_paragraph(
        _("Referenzrahmen Schulqualität NRW, Dimension 6.6 – Stand: %(date)s")
        % {"date": today.strftime("%d.%m.%Y")}
    )
    if plan.shared_with_supervision and plan.shared_at:
        doc.add_paragraph(
            _("Für die Schulaufsicht freigegeben am %(date)s")
            % {"date": plan.shared_at.strftime("%d.%m.%Y")}
        )
    if not groups:
        doc.add_paragraph(_("Der Plan enthält noch keine Materialien."))
    for criterion, items in groups:
        doc.add_heading(f"{criterion.number} {criterion.title}", level=1)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        header = table.rows[0].cells
        for cell, text in zip(
            header, (_("Material"), _("Anbieter"), _("Stand"), _("Notiz")), strict=True
        ):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for item in items:
            material = item.material
            cells = table.add_row().cells
            cells[0].text = material.title
            if material.url:
                cells[0].add_paragraph(material.url)
            cells[1].text = material.provider.name if material.provider_id else "–"
            cells[2].text = str(item.get_status_display())
            cells[3].text = item.note or ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
