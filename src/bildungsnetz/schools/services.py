"""Writes to schools made by people (the register import lives in ``importers/``)."""

from django.db import transaction

from ..core import audit
from ..core.errors import DomainError
from ..core.rules import can_edit_school_supplement
from .models import Bildungsbereich, Foerderschwerpunkt, School

FOERDERSCHULE_CODES = {"08", "19", "81", "83", "85", "87", "88"}


@transaction.atomic
def update_school_supplement(
    school: School, *, acting_user, foerderschwerpunkte: list[str], bildungsbereich: str
) -> School:
    """Record Förderschwerpunkte and Bildungsbereich, which the register lacks."""
    if not can_edit_school_supplement(acting_user, school):
        raise DomainError("Sie dürfen die Angaben dieser Schule nicht ändern.")
    valid = set(Foerderschwerpunkt.values)
    unknown = [c for c in foerderschwerpunkte if c not in valid]
    if unknown:
        raise DomainError(
            "Unbekannter Förderschwerpunkt: " + ", ".join(unknown) + ".",
            field="foerderschwerpunkte",
        )
    if bildungsbereich not in Bildungsbereich.values:
        raise DomainError("Unbekannter Bildungsbereich.", field="bildungsbereich")
    if (foerderschwerpunkte or bildungsbereich) and school.schulform_id not in FOERDERSCHULE_CODES:
        raise DomainError(
            "Förderschwerpunkte und Bildungsbereich gibt es nur bei Förderschulen; "
            f"diese Schule ist eine {school.schulform.name}.",
            field="foerderschwerpunkte",
        )
    school = School.objects.select_for_update().get(pk=school.pk)
    codes = sorted(set(foerderschwerpunkte), key=Foerderschwerpunkt.values.index)
    before = {
        "foerderschwerpunkte": school.foerderschwerpunkte,
        "bildungsbereich": school.bildungsbereich,
    }
    if before == {"foerderschwerpunkte": codes, "bildungsbereich": bildungsbereich}:
        return school
    school.foerderschwerpunkte = codes
    school.foerderschwerpunkte_quelle = "erfasst"
    school.bildungsbereich = bildungsbereich
    school._change_reason = "schools.school.supplement_changed"
    school._history_user = acting_user
    school.save(
        update_fields=["foerderschwerpunkte", "foerderschwerpunkte_quelle", "bildungsbereich"]
    )
    audit.log(
        "schools.school.supplement_changed",
        actor=acting_user,
        obj=school,
        region=school.region,
        data={
            "vorher": before,
            "nachher": {"foerderschwerpunkte": codes, "bildungsbereich": bildungsbereich},
        },
    )
    return school
