"""Who may read a survey report, and how much of it (pages, exports, command-free API).

The Land sees every region. A Bildungsbüro of a participating region sees its own region
by name, the statewide figures and the anonymous regional minimum and maximum. Everybody
else: no report.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ..core.rules import is_land_admin
from .models import Survey
from .report import SurveyReport, build_report, participating_region_ids
from .rules import office_region_ids


def report_scope(user, survey: Survey) -> frozenset[int] | None:
    """``None`` for the full report, else the region ids the user may see by name.
    Raises ``PermissionDenied`` when the user may not read the report at all."""
    if is_land_admin(user):
        return None
    own = set(office_region_ids(user))
    if own:
        mine = own & participating_region_ids(survey)
        if mine:
            return frozenset(mine)
    raise PermissionDenied


def report_for_user(user, survey: Survey) -> SurveyReport:
    scope = report_scope(user, survey)
    report = build_report(survey)
    return report if scope is None else report.scoped(scope)
