"""Reads of Bildungspartner NRW: partner search by distance, the public registry, worklists,
white spots. Every query that a view or the API runs is here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from ..core.geo import bounding_box, within_km
from ..core.models import Role
from ..core.rules import _roles, is_land_admin
from ..schools.models import School
from . import geocoding
from .models import (
    ELIGIBLE_KINDS,
    Institution,
    InstitutionKind,
    LearningOffer,
    Need,
    Partnership,
    PartnershipState,
)
from .rules import can_view_partnership, institution_ids, office_region_ids

MAX_RADIUS_KM = 200


# --- Distance search ---------------------------------------------------------------------


@dataclass
class Origin:
    lat: float
    lon: float
    label: str
    school: School | None = None


@dataclass
class NearHit:
    institution: Institution
    distance_km: float
    offers: list[LearningOffer] = field(default_factory=list)
    # Display values, filled by ``annotate_for_display`` (keeps the template loop cheap).
    url: str = ""
    kind_label: str = ""
    distance_text: str = ""


def origin_for_school(schulnummer: str) -> Origin | None:
    school = School.objects.filter(schulnummer=schulnummer.strip()).first()
    if school is None:
        return None
    return Origin(school.lat, school.lon, school.name, school)


def origin_for_plz(plz: str) -> Origin | None:
    centroid = geocoding.plz_centroid(plz.strip())
    if centroid is None:
        return None
    return Origin(centroid[0], centroid[1], plz.strip())


def institutions_near(
    lat: float,
    lon: float,
    km: float,
    *,
    kinds: list[str] | None = None,
    handlungsfeld: str = "",
    schulform: str = "",
    eligible_only: bool = False,
) -> list[NearHit]:
    """Public institutions within ``km`` of the point, nearest first (ties by name, id).

    Bounding box on the indexed ``lat``/``lon`` columns first, then the exact haversine
    distance. With ``handlungsfeld`` or ``schulform`` only institutions with a fitting
    active offer are returned, with those offers attached.
    """
    box = bounding_box(lat, lon, km)
    qs = Institution.objects.public().filter(**box.as_filter()).order_by("name", "id")
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if eligible_only:
        qs = qs.filter(kind__in=ELIGIBLE_KINDS)
    offers = LearningOffer.objects.filter(active=True).order_by("title", "id")
    if handlungsfeld:
        offers = offers.filter(handlungsfeld=handlungsfeld)
    if schulform:
        offers = offers.filter(Q(schulformen__code=schulform) | Q(schulformen__isnull=True))
    if handlungsfeld or schulform:
        qs = qs.filter(pk__in=offers.values("institution_id"))
    rows = list(qs.only("id", "name", "kind", "lat", "lon", "ort", "plz", "strasse"))
    hits = [NearHit(inst, dist) for inst, dist in within_km(lat, lon, rows, km)]
    if hits:
        by_inst = defaultdict(list)
        ids = [h.institution.pk for h in hits]
        for offer in offers.filter(institution_id__in=ids).distinct():
            by_inst[offer.institution_id].append(offer)
        for hit in hits:
            hit.offers = by_inst.get(hit.institution.pk, [])
    return hits


def annotate_for_display(hits: list[NearHit]) -> None:
    """Precompute URL, kind label and the localised distance text of each hit once."""
    from django.urls import reverse
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    labels = {k: str(v) for k, v in InstitutionKind.choices}
    template = gettext("%(d)s km entfernt")
    prefix = reverse("partners:institution", kwargs={"pk": 0})[: -len("0/")]
    for hit in hits:
        inst = hit.institution
        hit.url = f"{prefix}{inst.pk}/"
        hit.kind_label = labels[inst.kind]
        hit.distance_text = template % {"d": number_format(hit.distance_km, 1)}


def near_json(schulnummer: str, km: float, hits: list[NearHit]) -> dict:
    """The documented JSON shape of ``bildungsnetz near``."""
    return {
        "schulnummer": schulnummer,
        "km": int(km) if float(km).is_integer() else km,
        "results": [
            {
                "id": h.institution.pk,
                "name": h.institution.name,
                "kind": h.institution.kind,
                "distance_km": round(h.distance_km, 2),
            }
            for h in hits
        ],
    }


# --- Public registry "Wir sind dabei" --------------------------------------------------


@dataclass(frozen=True)
class RegistryFilter:
    region_ags: str = ""
    kind: str = ""
    handlungsfeld: str = ""
    # Only partnerships whose yearly confirmation is overdue (filter of the office).
    overdue: bool = False


# The yearly "still active?" request goes out 365 days after the last confirmation (or the
# registration); four weeks later without an answer the confirmation counts as overdue.
CONFIRMATION_OVERDUE_DAYS = 365 + 28


def confirmation_overdue_q(today=None) -> Q:
    """Partnerships whose last confirmation (else registration, else creation) lies more
    than ``CONFIRMATION_OVERDUE_DAYS`` back."""
    import datetime

    from django.utils import timezone

    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=CONFIRMATION_OVERDUE_DAYS)
    cutoff_dt = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        Q(confirmed_on__lt=cutoff)
        | Q(confirmed_on__isnull=True, registered_at__lt=cutoff_dt)
        | Q(confirmed_on__isnull=True, registered_at__isnull=True, created__lt=cutoff_dt)
    )


def is_confirmation_overdue(p: Partnership, today=None) -> bool:
    """Python twin of ``confirmation_overdue_q`` for one partnership."""
    from django.utils import timezone

    today = today or timezone.localdate()
    last = p.confirmed_on
    if last is None:
        stamp = p.registered_at or p.created
        last = timezone.localdate(stamp) if stamp else today
    return (today - last).days > CONFIRMATION_OVERDUE_DAYS


def public_partnerships(flt: RegistryFilter) -> QuerySet[Partnership]:
    qs = Partnership.objects.public().select_related(
        "school__region", "school__schulform", "institution", "third_institution"
    )
    if flt.region_ags:
        qs = qs.filter(school__region__ags=flt.region_ags)
    if flt.kind:
        qs = qs.filter(Q(institution__kind=flt.kind) | Q(third_institution__kind=flt.kind))
    if flt.handlungsfeld:
        qs = qs.filter(handlungsfeld=flt.handlungsfeld)
    if flt.overdue:
        qs = qs.filter(confirmation_overdue_q())
    return qs.order_by("school__region__name", "school__name", "institution__name", "id")


def registry_institutions(flt: RegistryFilter) -> QuerySet[Institution]:
    """Public institutions that are party to at least one public partnership."""
    partnerships = public_partnerships(flt)
    ids = set(partnerships.values_list("institution_id", flat=True)) | {
        i for i in partnerships.values_list("third_institution_id", flat=True) if i
    }
    qs = Institution.objects.public().filter(pk__in=ids).select_related("region")
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    return qs.annotate(
        n_partnerships=Count("partnerships", filter=Q(partnerships__state="oeffentlich"))
    ).order_by("name", "id")


def registry_schools(flt: RegistryFilter) -> QuerySet[School]:
    ids = public_partnerships(flt).values("school_id")
    return (
        School.objects.filter(pk__in=ids)
        .select_related("region", "schulform")
        .annotate(n_partnerships=Count("partnerships", filter=Q(partnerships__state="oeffentlich")))
        .order_by("name", "schulnummer")
    )


def registry_counts(flt: RegistryFilter) -> dict[str, int]:
    return {
        "partnerships": public_partnerships(flt).count(),
        "institutions": registry_institutions(flt).count(),
        "schools": registry_schools(flt).count(),
    }


def counts_by_kind(flt: RegistryFilter) -> list[tuple[str, int]]:
    counter = Counter(public_partnerships(flt).values_list("institution__kind", flat=True))
    return [(InstitutionKind(k).label, n) for k, n in sorted(counter.items())]


PARTNERSHIP_EXPORT_HEADER = (
    "Schule",
    "Schulnummer",
    "Schulform",
    "Ort der Schule",
    "Kreis / kreisfreie Stadt",
    "Einrichtung",
    "Art der Einrichtung",
    "Dritter Partner",
    "Handlungsfeld",
    "Titel",
    "Beginn",
    "registriert am",
)


def partnership_export_rows(qs: QuerySet[Partnership]):
    for p in qs:
        yield (
            p.school.name,
            p.school.schulnummer,
            p.school.schulform.name,
            p.school.ort,
            p.school.region.name,
            p.institution.name,
            str(p.institution.get_kind_display()),
            p.third_institution.name if p.third_institution_id else "",
            str(p.get_handlungsfeld_display()),
            p.title,
            p.start_date,
            p.registered_at,
        )


def institution_map_points(qs: QuerySet[Institution]) -> list[list]:
    """``[[lat, lon, name, url, kind label], …]`` – the shape ``core/map.js`` draws."""
    from django.urls import reverse

    labels = {k: str(v) for k, v in InstitutionKind.choices}
    # One reverse() instead of one per row (the registry map has ~2,000 points); plain
    # tuples instead of model instances.
    prefix = reverse("partners:institution", kwargs={"pk": 0})[: -len("0/")]
    rows = qs.filter(lat__isnull=False, lon__isnull=False).values_list(
        "pk", "lat", "lon", "name", "kind"
    )
    return [
        [round(lat, 5), round(lon, 5), name, f"{prefix}{pk}/", labels[kind]]
        for pk, lat, lon, name, kind in rows
    ]


# --- Accounts' worklists ------------------------------------------------------------------


def partnerships_for_user(user) -> QuerySet[Partnership]:
    """What the user may see beyond the public registry: own school, own institutions,
    own region(s) as Bildungsbüro or Schulaufsicht; everything for the Land."""
    qs = Partnership.objects.select_related("school__region", "institution", "third_institution")
    if is_land_admin(user):
        return qs
    region_ids = {
        rid
        for rid, role in _roles(user)
        if role in (Role.BILDUNGSBUERO, Role.SCHULAUFSICHT) and rid is not None
    }
    school_ids = set(
        user.memberships.filter(role=Role.SCHULE, school__isnull=False).values_list(
            "school_id", flat=True
        )
    )
    inst_ids = institution_ids(user)
    cond = (
        Q(school__region_id__in=region_ids)
        | Q(school_id__in=school_ids)
        | Q(institution_id__in=inst_ids)
        | Q(third_institution_id__in=inst_ids)
    )
    return qs.filter(cond)


def get_partnership_for_user(user, pk: int) -> Partnership:
    """The partnership if the user may see it (public ones for everybody); 404 otherwise."""
    p = (
        Partnership.objects.select_related(
            "school__region", "school__schulform", "institution", "third_institution"
        )
        .filter(pk=pk)
        .first()
    )
    if p is None or not can_view_partnership(user, p):
        raise Http404
    return p


def institutions_for_user(user) -> QuerySet[Institution]:
    """Institutions the user may manage."""
    qs = Institution.objects.select_related("region")
    if is_land_admin(user):
        return qs
    return qs.filter(Q(region_id__in=office_region_ids(user)) | Q(pk__in=institution_ids(user)))


def pending_institutions(user) -> QuerySet[Institution]:
    """Unverified institutions the user (Bildungsbüro, Land) may verify."""
    qs = Institution.objects.filter(verified=False).select_related("region")
    if not is_land_admin(user):
        qs = qs.filter(region_id__in=office_region_ids(user))
    return qs.prefetch_related(Prefetch("contacts")).order_by("created", "id")


def schools_for_user(user) -> QuerySet[School]:
    """Schools for which the user may start an agreement."""
    qs = School.objects.schools().open().select_related("region")
    if is_land_admin(user):
        return qs
    school_ids = user.memberships.filter(role=Role.SCHULE).values_list("school_id", flat=True)
    return qs.filter(Q(pk__in=school_ids) | Q(region_id__in=office_region_ids(user)))


# --- White spots ---------------------------------------------------------------------------


@dataclass
class WhiteSpotRow:
    school: School
    nearest_km: float | None
    nearest_name: str
    partnerships: int
    km: float

    @property
    def without_institution(self) -> bool:
        return self.nearest_km is None or self.nearest_km > self.km


def white_spots(region, *, km: float, kind: str = "") -> list[WhiteSpotRow]:
    """Open schools of the region with no public eligible institution (of ``kind``, if
    given) within ``km``, or without any partnership that is registered, public or resting.

    The nearest institution is searched within ``3 * km`` to show how far it is.
    """
    schools = list(
        School.objects.schools()
        .open()
        .filter(region=region)
        .select_related("schulform")
        .annotate(
            n_partnerships=Count(
                "partnerships",
                filter=Q(
                    partnerships__state__in=[
                        PartnershipState.REGISTRIERT,
                        PartnershipState.OEFFENTLICH,
                        PartnershipState.RUHEND,
                    ]
                ),
            )
        )
        .order_by("name", "schulnummer")
    )
    if not schools:
        return []
    kinds = [kind] if kind else list(ELIGIBLE_KINDS)
    reach = km * 3
    lats = [s.lat for s in schools]
    lons = [s.lon for s in schools]
    lo = bounding_box(min(lats), min(lons), reach)
    hi = bounding_box(max(lats), max(lons), reach)
    candidates = list(
        Institution.objects.public()
        .located()
        .filter(kind__in=kinds)
        .filter(lat__gte=lo.min_lat, lat__lte=hi.max_lat, lon__gte=lo.min_lon, lon__lte=hi.max_lon)
        .only("id", "name", "lat", "lon")
        .order_by("name", "id")
    )
    rows = []
    for school in schools:
        box = bounding_box(school.lat, school.lon, reach)
        near = within_km(
            school.lat, school.lon, [c for c in candidates if box.contains(c.lat, c.lon)], reach
        )
        nearest = near[0] if near else None
        covered = nearest is not None and nearest[1] <= km
        if covered and school.n_partnerships:
            continue
        rows.append(
            WhiteSpotRow(
                school=school,
                nearest_km=round(nearest[1], 2) if nearest else None,
                nearest_name=nearest[0].name if nearest else "",
                partnerships=school.n_partnerships,
                km=km,
            )
        )
    return rows


def white_spot_map_points(rows: list[WhiteSpotRow]) -> list[list]:
    """Schools of the white-spots list without an eligible institution within the radius,
    in the shape ``core/map.js`` draws."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    points = []
    for r in rows:
        if not r.without_institution or r.school.lat is None:
            continue
        if r.nearest_km is None:
            note = gettext("keine Einrichtung in Reichweite")
        else:
            note = gettext("nächste Einrichtung %(d)s km") % {"d": number_format(r.nearest_km, 1)}
        points.append(
            [round(r.school.lat, 5), round(r.school.lon, 5), r.school.name,
             r.school.get_absolute_url(), note]
        )  # fmt: skip
    return points


# --- Needs pinboard ------------------------------------------------------------------------

NEED_SUGGESTION_KM = 15


@dataclass(frozen=True)
class NeedFilter:
    region_ags: str = ""
    handlungsfeld: str = ""


def open_needs(flt: NeedFilter) -> QuerySet[Need]:
    qs = Need.objects.open().select_related("school__region", "school__schulform")
    if flt.region_ags:
        qs = qs.filter(school__region__ags=flt.region_ags)
    if flt.handlungsfeld:
        qs = qs.filter(handlungsfeld=flt.handlungsfeld)
    return qs.annotate(n_answers=Count("answers")).order_by("-created", "-id")


def get_need(pk: int) -> Need:
    need = Need.objects.select_related("school__region", "school__schulform").filter(pk=pk).first()
    if need is None:
        raise Http404
    return need


def need_suggestions(need: Need, km: float = NEED_SUGGESTION_KM) -> list[NearHit]:
    """Public institutions within ``km`` of the school that have an active offer in the
    need's Handlungsfeld (those offers attached), nearest first. Offers whose grades do not
    overlap the need's grades are dropped; institutions left without offers too."""
    school = need.school
    if school.lat is None or school.lon is None:
        return []
    hits = institutions_near(school.lat, school.lon, km, handlungsfeld=need.handlungsfeld)
    result = []
    for hit in hits:
        hit.offers = [
            o for o in hit.offers if o.grade_from <= need.grade_to and o.grade_to >= need.grade_from
        ]
        if hit.offers:
            result.append(hit)
    annotate_for_display(result)
    return result


def needs_for_user(user) -> QuerySet[Need]:
    """Needs the user may edit: own school, own regions (Bildungsbüro); all for the Land."""
    qs = Need.objects.select_related("school__region").annotate(n_answers=Count("answers"))
    if is_land_admin(user):
        return qs
    school_ids = user.memberships.filter(role=Role.SCHULE, school__isnull=False).values_list(
        "school_id", flat=True
    )
    return qs.filter(Q(school_id__in=school_ids) | Q(school__region_id__in=office_region_ids(user)))
