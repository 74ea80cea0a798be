from django.http import Http404
from ninja import Router, Schema

from ...regions.supervision import supervision_json
from ...schools.models import School
from ...schools.selectors import get_school

router = Router(tags=["Schulen"])


class AuthorityOut(Schema):
    behoerde: str
    ebene: str
    bereich: str


class SupervisionOut(Schema):
    schulnummer: str
    schulform: str
    kreis_ags: str
    regierungsbezirk: str
    fachaufsicht: AuthorityOut | None
    dienstaufsicht: AuthorityOut | None
    regel: str
    hinweis: str | None


class SchoolOut(Schema):
    schulnummer: str
    name: str
    schulform: str
    schulform_name: str
    strasse: str
    plz: str
    ort: str
    telefon: str
    email: str
    homepage: str
    rechtsform: str
    kreis_ags: str
    kreis_name: str
    regierungsbezirk: str
    gemeinde_ags: str | None
    lat: float
    lon: float
    offen: bool
    aufsicht: SupervisionOut


def school_out(school: School) -> dict:
    return {
        "schulnummer": school.schulnummer,
        "name": school.name,
        "schulform": school.schulform_id,
        "schulform_name": school.schulform.name,
        "strasse": school.strasse,
        "plz": school.plz,
        "ort": school.ort,
        "telefon": school.telefon,
        "email": school.email,
        "homepage": school.homepage,
        "rechtsform": school.get_rechtsform_display(),
        "kreis_ags": school.region.ags,
        "kreis_name": school.region.name,
        "regierungsbezirk": school.regierungsbezirk.code,
        "gemeinde_ags": school.gemeinde.ags if school.gemeinde_id else None,
        "lat": school.lat,
        "lon": school.lon,
        "offen": school.is_open,
        "aufsicht": supervision_json(school),
    }


@router.get("/{schulnummer}", response=SchoolOut, summary="Eine Schule mit ihrer Schulaufsicht")
def school_detail(request, schulnummer: str):
    try:
        school = get_school(schulnummer)
    except School.DoesNotExist as exc:
        raise Http404(f"Keine Schule mit der Schulnummer {schulnummer}.") from exc
    return school_out(school)
