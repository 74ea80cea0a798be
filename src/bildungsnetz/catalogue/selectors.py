"""Reads of the catalogue: public lists, the search, editors' worklists, support plans."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from ..core.rules import is_land_admin
from ..regions.models import Region
from . import textindex
from .models import (
    STALE_AFTER_DAYS,
    Criterion,
    Material,
    MaterialStatus,
    PlanItem,
    Provider,
    SearchTerm,
    SupportPlan,
)
from .rules import staff_region_ids

NRW_WIDE = "nrw"


# --- Public lists -----------------------------------------------------------------


def criteria_overview() -> QuerySet[Criterion]:
    """All criteria with the number of published NRW-wide and regional materials."""
    published = Q(materials__status=MaterialStatus.VEROEFFENTLICHT)
    return Criterion.objects.annotate(
        nrw_count=Count("materials", filter=published & Q(materials__region__isnull=True)),
        regional_count=Count("materials", filter=published & Q(materials__region__isnull=False)),
    ).order_by("position")


def get_criterion(number: str) -> Criterion:
    try:
        return Criterion.objects.select_related("dimension").get(number=number)
    except Criterion.DoesNotExist as exc:
        raise Http404 from exc


def _material_qs() -> QuerySet[Material]:
    return Material.objects.select_related("criterion", "provider", "region")


def criterion_materials(criterion: Criterion, *, region: Region | None = None) -> dict:
    """Published NRW-wide entries and, beside them, the regions' additions (of one region
    when ``region`` is given), grouped by region name."""
    qs = _material_qs().published().filter(criterion=criterion)
    nrw = list(qs.nrw_wide().order_by("title", "id"))
    regional_qs = qs.filter(region__isnull=False)
    if region is not None:
        regional_qs = regional_qs.filter(region=region)
    groups: dict[str, list[Material]] = defaultdict(list)
    for m in regional_qs.order_by("region__name", "title", "id"):
        groups[m.region.name].append(m)
    return {"nrw": nrw, "regional": sorted(groups.items())}


def get_public_material(pk: int) -> Material:
    try:
        return _material_qs().published().get(pk=pk)
    except Material.DoesNotExist as exc:
        raise Http404 from exc


def get_material_for_editor(user, pk: int) -> Material:
    """Any status, but only within the scopes ``user`` may edit (404 otherwise)."""
    try:
        return editable_materials(user).get(pk=pk)
    except Material.DoesNotExist as exc:
        raise Http404 from exc


def get_material_for_viewer(user, pk: int) -> Material:
    """Published entries for everybody; unpublished ones for their editors only."""
    material = _material_qs().filter(pk=pk).first()
    if material is None:
        raise Http404
    if material.status == MaterialStatus.VEROEFFENTLICHT:
        return material
    if editable_materials(user).filter(pk=pk).exists():
        return material
    raise Http404


def editable_materials(user) -> QuerySet[Material]:
    qs = _material_qs()
    if is_land_admin(user):
        return qs
    return qs.filter(region_id__in=staff_region_ids(user))


def filter_choices() -> dict:
    """Choices of the search filters, from what is published."""
    published = Material.objects.published()
    provider_names = (
        Provider.objects.filter(materials__in=published)
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")
    )
    regions = Region.objects.filter(catalogue_materials__in=published).distinct().order_by("name")
    return {
        "criteria": list(Criterion.objects.order_by("position").values_list("number", "title")),
        "providers": list(provider_names),
        "regions": list(regions.values_list("ags", "name")),
    }


# --- Search -------------------------------------------------------------------------


@dataclass
class Hit:
    material: Material
    score: float | None
    snippet: SafeString | str = ""


@dataclass
class CriterionHit:
    criterion: Criterion
    score: float


@dataclass
class SearchFilter:
    query: str = ""
    criterion: str = ""  # number "6.6.4"
    kind: str = ""
    provider: str = ""  # provider name
    region: str = ""  # "" all, "nrw" only NRW-wide, or a region AGS (NRW-wide + that region)

    @property
    def active(self) -> bool:
        return any((self.query.strip(), self.criterion, self.kind, self.provider, self.region))


@dataclass
class SearchResult:
    filter: SearchFilter
    ranked: list[tuple[int, float | None]] = field(default_factory=list)
    criteria: list[CriterionHit] = field(default_factory=list)
    partial: bool = False  # no entry matched every word; entries matching some are shown
    qterms: list[textindex.QueryTerm] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ranked)

    def hits(self, start: int = 0, stop: int | None = None) -> list[Hit]:
        """Materials of ``ranked[start:stop]`` with highlighted snippets (2 queries)."""
        window = self.ranked[start:stop]
        by_id = _material_qs().in_bulk([pk for pk, _ in window])
        return [
            Hit(by_id[pk], score, textindex.highlight(by_id[pk].description, self.qterms))
            for pk, score in window
            if pk in by_id
        ]


def _filtered(flt: SearchFilter, base: QuerySet[Material]) -> QuerySet[Material]:
    if flt.criterion:
        base = base.filter(criterion__number=flt.criterion)
    if flt.kind:
        base = base.filter(kind=flt.kind)
    if flt.provider:
        base = base.filter(provider__name=flt.provider)
    if flt.region == NRW_WIDE:
        base = base.filter(region__isnull=True)
    elif flt.region:
        base = base.filter(Q(region__isnull=True) | Q(region__ags=flt.region))
    return base


def _term_condition(qterms: list[textindex.QueryTerm]) -> Q:
    cond = Q()
    for q in qterms:
        cond |= Q(term__startswith=q.prefix)
        if q.infix:
            cond |= Q(term__contains=q.prefix)
    return cond


def _score(rows, qterms) -> tuple[dict[int, float], dict[int, int]]:
    """Per document: the sum over query words of the best weight×match, and how many
    query words matched at all."""
    best: dict[int, list[float]] = defaultdict(lambda: [0.0] * len(qterms))
    for doc_id, stored, weight in rows:
        scores = best[doc_id]
        for i, q in enumerate(qterms):
            value = weight * q.match(stored)
            if value > scores[i]:
                scores[i] = value
    totals = {doc: round(sum(s), 2) for doc, s in best.items()}
    matched = {doc: sum(1 for v in s if v > 0) for doc, s in best.items()}
    return totals, matched


def search(flt: SearchFilter, *, base: QuerySet[Material] | None = None) -> SearchResult:
    """Published materials matching query and filters, best first; plus matching criteria.

    The same Python code ranks on SQLite and PostgreSQL, so both return the same list.
    Ties are broken by criterion, title and id.
    """
    base = _filtered(flt, base if base is not None else Material.objects.published())
    qterms = textindex.query_terms(flt.query)
    result = SearchResult(filter=flt, qterms=qterms)
    order_rows = base.values_list("id", "criterion__position", "title", "region_id")
    if flt.query.strip() and not qterms:
        return result  # only stop words or punctuation: nothing to look for
    if not qterms:
        rows = sorted(order_rows, key=lambda r: (r[1], r[3] is not None, r[2].lower(), r[0]))
        result.ranked = [(r[0], None) for r in rows]
        return result
    cond = _term_condition(qterms)
    term_rows = SearchTerm.objects.filter(cond, material__in=base).values_list(
        "material_id", "term", "weight"
    )
    totals, matched = _score(term_rows, qterms)
    wanted = {doc for doc, n in matched.items() if n == len(qterms)}
    if not wanted and len(qterms) > 1:
        wanted = set(totals)
        result.partial = bool(wanted)
    info = {r[0]: r for r in order_rows.filter(id__in=wanted)}
    ranked = sorted(
        (doc for doc in wanted if doc in info),
        key=lambda d: (-totals[d], info[d][1], info[d][3] is not None, info[d][2].lower(), d),
    )
    result.ranked = [(doc, totals[doc]) for doc in ranked]
    if not (flt.criterion or flt.kind or flt.provider):
        result.criteria = search_criteria(qterms)
    return result


def search_criteria(qterms: list[textindex.QueryTerm]) -> list[CriterionHit]:
    if not qterms:
        return []
    rows = SearchTerm.objects.filter(_term_condition(qterms), criterion__isnull=False).values_list(
        "criterion_id", "term", "weight"
    )
    totals, matched = _score(rows, qterms)
    ids = [doc for doc, n in matched.items() if n == len(qterms)]
    by_id = Criterion.objects.in_bulk(ids)
    hits = [CriterionHit(by_id[i], totals[i]) for i in ids if i in by_id]
    return sorted(hits, key=lambda h: (-h.score, h.criterion.position))[:3]


def suggestions(query: str, *, limit: int = 8) -> list[dict]:
    """As-you-type: titles of the best published materials for a (partial) query."""
    result = search(SearchFilter(query=query))
    if result.partial:
        return []
    return [
        {
            "title": h.material.title,
            "criterion": h.material.criterion.number,
            "url": h.material.get_absolute_url(),
        }
        for h in result.hits(0, limit)
    ]


# --- Editors' worklists -------------------------------------------------------------


def duplicate_key_title(text: str) -> str:
    return "".join(textindex.tokens(text))


def normalised_url(url: str) -> str:
    url = url.strip().lower()
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")


@dataclass
class DuplicateGroup:
    reason: str
    materials: list[Material]


def find_duplicates(qs: QuerySet[Material]) -> list[DuplicateGroup]:
    """Entries that are probably the same offer, for editors to merge.

    Rules: same URL; same provider (by name) and same title; same title from different
    providers (weaker hint). Archived entries are left out.
    """
    items = list(qs.exclude(status=MaterialStatus.ARCHIVIERT).order_by("criterion__position", "id"))
    by_url: dict[str, list[Material]] = defaultdict(list)
    by_provider_title: dict[tuple[str, str], list[Material]] = defaultdict(list)
    by_title: dict[str, list[Material]] = defaultdict(list)
    for m in items:
        if m.url:
            by_url[normalised_url(m.url)].append(m)
        title = duplicate_key_title(m.title)
        provider = duplicate_key_title(m.provider.name) if m.provider_id else ""
        if provider:
            by_provider_title[(provider, title)].append(m)
        by_title[title].append(m)
    groups: list[DuplicateGroup] = []
    covered: set[frozenset[int]] = set()
    for group in by_url.values():
        if len(group) > 1:
            groups.append(DuplicateGroup(str(_("gleiche Adresse (URL)")), group))
            covered.add(frozenset(m.pk for m in group))
    for group in by_provider_title.values():
        ids = frozenset(m.pk for m in group)
        if len(group) > 1 and ids not in covered:
            groups.append(DuplicateGroup(str(_("gleicher Anbieter und gleicher Titel")), group))
            covered.add(ids)
    for group in by_title.values():
        ids = frozenset(m.pk for m in group)
        if len(group) > 1 and not any(ids <= c for c in covered):
            groups.append(DuplicateGroup(str(_("gleicher Titel, verschiedene Anbieter")), group))
    return groups


def placeholder_materials(qs: QuerySet[Material]) -> QuerySet[Material]:
    """Entries whose source left something open: "Link folgt", no URL or no date."""
    return (
        qs.exclude(status=MaterialStatus.ARCHIVIERT)
        .filter(Q(link_pending=True) | Q(url="") | Q(checked_on__isnull=True))
        .order_by("criterion__position", "title", "id")
    )


def broken_links(qs: QuerySet[Material]) -> QuerySet[Material]:
    return (
        qs.exclude(status=MaterialStatus.ARCHIVIERT)
        .filter(link_checked_at__isnull=False)
        .filter(Q(link_status__gte=400) | ~Q(link_error=""))
        .order_by("criterion__position", "title", "id")
    )


def stale_links(qs: QuerySet[Material], *, now: datetime.datetime | None = None) -> QuerySet:
    """Entries with a URL that our checker has not checked for more than 12 months."""
    limit = (now or timezone.now()) - datetime.timedelta(days=STALE_AFTER_DAYS)
    return (
        qs.exclude(status=MaterialStatus.ARCHIVIERT)
        .exclude(url="")
        .filter(Q(link_checked_at__isnull=True) | Q(link_checked_at__lt=limit))
        .order_by("criterion__position", "title", "id")
    )


def materials_to_check(*, ids: list[int] | None = None) -> QuerySet[Material]:
    qs = Material.objects.exclude(url="").exclude(status=MaterialStatus.ARCHIVIERT)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("id")


# --- Support plans -------------------------------------------------------------------


def plan_items_by_criterion(plan: SupportPlan) -> list[tuple[Criterion, list[PlanItem]]]:
    items = PlanItem.objects.filter(plan=plan).select_related(
        "material__criterion", "material__provider", "material__region"
    )
    groups: dict[int, tuple[Criterion, list[PlanItem]]] = {}
    for item in items:
        crit = item.material.criterion
        groups.setdefault(crit.pk, (crit, []))[1].append(item)
    return sorted(groups.values(), key=lambda g: g[0].position)


def plan_for_school(school) -> SupportPlan | None:
    return (
        SupportPlan.objects.select_related("school__region")
        .prefetch_related(Prefetch("items", queryset=PlanItem.objects.only("id", "material_id")))
        .filter(school=school)
        .first()
    )


def shared_plans_for(user) -> QuerySet[SupportPlan]:
    """Support plans shared with the Schulaufsicht that this user may read: those of schools
    in the regions where the user works in the Schulaufsicht (the Land: all shared plans)."""
    from ..core.models import Role

    qs = SupportPlan.objects.filter(shared_with_supervision=True).select_related(
        "school", "school__schulform", "school__region"
    )
    if is_land_admin(user):
        return qs.order_by("school__name")
    regions = user.memberships.filter(role=Role.SCHULAUFSICHT).values("region_id")
    return qs.filter(school__region_id__in=regions).order_by("school__name")
