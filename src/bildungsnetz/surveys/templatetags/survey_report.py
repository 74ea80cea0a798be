"""Display helpers of the survey report: whole percent rounded half up."""

from django import template
from django.utils.translation import gettext as _

from ..report import round_half_up

register = template.Library()


@register.filter
def pct(value):
    """``62.5`` → ``63 %`` (half up, never Python's banker's rounding); ``None`` → ``–``."""
    rounded = round_half_up(value)
    return "–" if rounded is None else f"{rounded}\u00a0%"


@register.filter
def share_text(share, threshold):
    """A share as text: percent, "weniger als N Antworten" or "keine gültigen Antworten"."""
    if share is None:
        return "–"
    if share.suppressed and share.secondary:
        return _("ausgeblendet zum Schutz kleiner Gruppen")
    if share.suppressed:
        return _("weniger als %(n)s Antworten") % {"n": threshold}
    if share.pct is None:
        return _("keine gültigen Antworten")
    return pct(share.pct)


@register.filter
def get_region(mapping, region_id):
    return mapping.get(region_id)
