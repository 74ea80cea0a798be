from django.db.models import Q
from django.http import Http404
from ninja import Field, Query, Router, Schema

from ...regions.supervision import supervision_json
from ...schools.models import School
from ...schools.selectors import get_school
from ..errors import ErrorOut, ValidationErrorOut
from ..pagination import Page, PageParams, paginate

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


class SchoolSummaryOut(Schema):
    schulnummer: str
    name: str
    schulform: str
    schulform_name: str
    strasse: str
    plz: str
    ort: str
    kreis_ags: str
    gemeinde_ags: str | None
    lat: float
    lon: float
    offen: bool


class SchoolFilter(PageParams):
    region: str = Field("", max_length=5, description="Kreisschlüssel (AGS, 5 Stellen)")
    schulform: str = Field("", max_length=2, description="Schulform-Schlüssel, z. B. 02")
    gemeinde: str = Field("", max_length=8, description="Gemeindeschlüssel (AGS, 8 Stellen)")
    plz: str = Field("", max_length=5)
    q: str = Field("", max_length=100, description="Teil des Namens oder Orts")
    offen: bool | None = Field(None, description="nur geöffnete (true) oder geschlossene")


def school_summary(school: School) -> dict:
    return {
        "schulnummer": school.schulnummer,
        "name": school.name,
        "schulform": school.schulform_id,
        "schulform_name": school.schulform.name,
        "strasse": school.strasse,
        "plz": school.plz,
        "ort": school.ort,
        "kreis_ags": school.region.ags,
        "gemeinde_ags": school.gemeinde.ags if school.gemeinde_id else None,
        "lat": school.lat,
        "lon": school.lon,
        "offen": school.is_open,
    }


@router.get(
    "",
    response={200: Page[SchoolSummaryOut], 422: ValidationErrorOut},
    summary="Schulen des Schulregisters, filterbar nach Region, Schulform und Gemeinde",
)
def school_list(request, filters: Query[SchoolFilter]):
    """Without the supervision offices (Schulform 0A); sorted by name."""
    qs = School.objects.schools().select_related("schulform", "region", "gemeinde")
    if filters.region:
        qs = qs.filter(region__ags=filters.region)
    if filters.schulform:
        qs = qs.filter(schulform_id=filters.schulform)
    if filters.gemeinde:
        qs = qs.filter(gemeinde__ags=filters.gemeinde)
    if filters.plz:
        qs = qs.filter(plz=filters.plz)
    if filters.q.strip():
        term = filters.q.strip()
        qs = qs.filter(Q(name__icontains=term) | Q(ort__icontains=term))
    if filters.offen is True:
        qs = qs.open()
    elif filters.offen is False:
        qs = qs.exclude(pk__in=School.objects.open().values("pk"))
    return paginate(qs.order_by("name", "schulnummer"), filters, school_summary)


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


@router.get(
    "/{schulnummer}",
    response={200: SchoolOut, 404: ErrorOut},
    summary="Eine Schule mit ihrer Schulaufsicht",
)
def school_detail(request, schulnummer: str):
    try:
        school = get_school(schulnummer)
    except School.DoesNotExist as exc:
        raise Http404(f"Keine Schule mit der Schulnummer {schulnummer}.") from exc
    return school_out(school)
