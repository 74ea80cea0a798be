from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def simple_markup(text: str) -> str:
    """Paragraphs separated by blank lines; ``## `` headings; ``- `` list items.

    Everything is escaped first: editors cannot inject HTML.
    """
    out: list[str] = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            out.append(f"<h2>{escape(lines[0][3:].strip())}</h2>")
            lines = lines[1:]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        elif lines:
            out.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return mark_safe("\n".join(out))
