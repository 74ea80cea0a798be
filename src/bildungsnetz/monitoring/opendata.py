"""Open data: the public datasets of the platform, their rows and their DCAT-AP.de metadata.

Every dataset is built from the same public querysets the pages use, so nothing that the
public cannot see leaves through a download: verified institutions only (contact persons
only with recorded consent), partnerships only once listed publicly, published catalogue
materials only, and the networks without personal data.

Rows are generated lazily (``iterator``) so CSV and JSON can be streamed; CSV cells go
through ``core.exports`` (German spreadsheet format, formula injection neutralised).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max

from ..core.exports import _text as csv_cell

CHUNK = 2000


@dataclass(frozen=True)
class Licence:
    title: str
    uri: str  # DCAT-AP.de licence vocabulary
    url: str  # the licence text
    needs_attribution: bool


ZERO = Licence(
    "Datenlizenz Deutschland – Zero – Version 2.0",
    "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "https://www.govdata.de/dl-de/zero-2-0",
    False,
)
BY = Licence(
    "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "https://www.govdata.de/dl-de/by-2-0",
    True,
)

PUBLISHER = "Bildungsnetz NRW"
STRUCTURE_ATTRIBUTION = (
    "Verwaltungsgliederung und Schulämter nach den Katalogen des SVWS-Servers, "
    "Ministerium für Schule und Bildung NRW"
)
SCHOOL_ATTRIBUTION = (
    "Schuldaten: Schulgrunddaten NRW, Ministerium für Schule und Bildung NRW, "
    "Datenlizenz Deutschland – Namensnennung – Version 2.0"
)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    keywords: tuple[str, ...]
    licence: Licence
    attribution: str
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[tuple]]
    modified: Callable[[], datetime | date | None]

    def records(self) -> Iterator[dict[str, Any]]:
        for row in self.rows():
            yield dict(zip(self.columns, row, strict=True))


# --- rows ---------------------------------------------------------------------------------


def _region_rows():
    from ..regions.models import Region

    qs = Region.objects.select_related("regierungsbezirk", "schulamt").order_by("ags")
    for r in qs.iterator(chunk_size=CHUNK):
        yield (
            r.ags,
            r.name,
            r.kind,
            r.regierungsbezirk.code,
            r.regierungsbezirk.name,
            r.regierungsbezirk.bezirksregierung_name,
            r.schulamt.name,
        )


# The shipped reference tables (regions/data/nrw_structure.json) were compiled on this day;
# later edits of a region are in its history.
STRUCTURE_COMPILED = date(2026, 11, 22)


def _region_modified():
    from ..regions.models import Region

    return Region.history.aggregate(m=Max("history_date"))["m"] or STRUCTURE_COMPILED


def _network_rows():
    """All 53 regions; a region without a record appears with status ``unbekannt``."""
    from ..network.models import ContractStatus, Network
    from ..regions.models import Region

    networks = {n.region_id: n for n in Network.objects.all()}
    for r in Region.objects.select_related("regierungsbezirk").order_by("ags"):
        n = networks.get(r.pk)
        yield (
            r.ags,
            r.name,
            r.kind,
            r.regierungsbezirk.code,
            n.contract_status if n else ContractStatus.UNBEKANNT.value,
            n.signed_on if n else None,
            n.ended_on if n else None,
            n.mustervertrag_version if n else "",
            n.land_posts if n else None,
            n.municipal_posts if n else None,
            n.additional_posts if n else None,
            n.office_name if n else "",
            n.office_street if n else "",
            n.office_postcode if n else "",
            n.office_city if n else "",
            n.office_email if n else "",
            n.office_phone if n else "",
            n.office_website if n else "",
        )


def _network_modified():
    from ..network.models import Network

    return Network.objects.aggregate(m=Max("updated"))["m"]


def _labels(choices) -> dict[str, str]:
    """Choice labels resolved once per download (``get_FOO_display`` per row is slow)."""
    return {value: str(label) for value, label in choices}


def _partnership_rows():
    from ..partners.models import Handlungsfeld, Partnership

    labels = _labels(Handlungsfeld.choices)

    qs = (
        Partnership.objects.public()
        .select_related("school__region", "institution", "third_institution")
        .only(
            "title",
            "handlungsfeld",
            "start_date",
            "end_date",
            "registered_at",
            "published_at",
            "school__schulnummer",
            "school__name",
            "school__ort",
            "school__region__ags",
            "school__region__name",
            "institution__name",
            "institution__kind",
            "third_institution__name",
            "third_institution__kind",
        )
        .order_by("pk")
    )
    for p in qs.iterator(chunk_size=CHUNK):
        third = p.third_institution
        yield (
            p.pk,
            p.title,
            p.handlungsfeld,
            labels.get(p.handlungsfeld, p.handlungsfeld),
            p.school.schulnummer,
            p.school.name,
            p.school.ort,
            p.school.region.ags,
            p.school.region.name,
            p.institution_id,
            p.institution.name,
            p.institution.kind,
            third.pk if third else None,
            third.name if third else "",
            third.kind if third else "",
            p.start_date,
            p.end_date,
            p.registered_at,
            p.published_at,
        )


def _partnership_modified():
    from ..partners.models import Partnership

    return Partnership.objects.public().aggregate(m=Max("updated"))["m"]


def consented_contacts() -> dict[int, list]:
    """Contact persons of public institutions who consented to publication, by institution
    (one query; the few consenting persons fit in memory)."""
    from ..partners.models import InstitutionContact, InstitutionStatus

    by_institution: dict[int, list] = {}
    qs = InstitutionContact.objects.filter(
        consent_public=True,
        institution__verified=True,
        institution__status=InstitutionStatus.AKTIV,
    ).order_by("name", "pk")
    for contact in qs:
        by_institution.setdefault(contact.institution_id, []).append(contact)
    return by_institution


def _contacts_text(contacts) -> str:
    parts = []
    for c in contacts:
        bits = [c.name + (f" ({c.function})" if c.function else "")]
        bits += [v for v in (c.email, c.telefon) if v]
        parts.append(", ".join(bits))
    return " | ".join(parts)


def _institution_rows():
    """Verified, active institutions (``Institution.objects.public()``), as plain values."""
    from ..partners.models import ELIGIBLE_KINDS, Institution, InstitutionKind

    labels = _labels(InstitutionKind.choices)
    contacts = consented_contacts()
    qs = (
        Institution.objects.public()
        .order_by("pk")
        .values_list(
            "pk",
            "name",
            "kind",
            "strasse",
            "plz",
            "ort",
            "lat",
            "lon",
            "region__ags",
            "region__name",
            "email",
            "telefon",
            "homepage",
            "updated",
        )
    )
    for (
        pk,
        name,
        kind,
        strasse,
        plz,
        ort,
        lat,
        lon,
        ags,
        kreis,
        email,
        tel,
        web,
        upd,
    ) in qs.iterator(chunk_size=CHUNK):
        yield (
            pk,
            name,
            kind,
            labels.get(kind, kind),
            kind in ELIGIBLE_KINDS,
            strasse,
            plz,
            ort,
            lat,
            lon,
            ags or "",
            kreis or "",
            email,
            tel,
            web,
            _contacts_text(contacts.get(pk, ())),
            upd,
        )


def _institution_modified():
    from ..partners.models import Institution

    return Institution.objects.public().aggregate(m=Max("updated"))["m"]


def _material_rows():
    from ..catalogue.models import Material, MaterialKind

    labels = _labels(MaterialKind.choices)

    qs = (
        Material.objects.published()
        .select_related("criterion", "provider", "region")
        .order_by("criterion__position", "pk")
    )
    for m in qs.iterator(chunk_size=CHUNK):
        yield (
            m.pk,
            m.criterion.number,
            m.criterion.title,
            m.title,
            m.description,
            m.kind,
            labels.get(m.kind, m.kind),
            m.provider.name if m.provider_id else "",
            m.citation,
            m.url,
            m.link_pending,
            m.checked_on,
            m.region.ags if m.region_id else "",
            m.tags,
            m.updated,
        )


def _material_modified():
    from ..catalogue.models import Material

    return Material.objects.published().aggregate(m=Max("updated"))["m"]


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="regionen",
        title="Kreise und kreisfreie Städte in NRW mit Schulaufsicht",
        description=(
            "Die 53 Kreise, kreisfreien Städte und die StädteRegion Aachen mit "
            "Kreisschlüssel (AGS), Regierungsbezirk, zuständiger Bezirksregierung und "
            "Schulamt."
        ),
        keywords=("Schulaufsicht", "Schulamt", "Kreis", "Regierungsbezirk"),
        licence=BY,
        attribution=f"{PUBLISHER}; {STRUCTURE_ATTRIBUTION}",
        columns=(
            "ags",
            "name",
            "art",
            "regierungsbezirk",
            "regierungsbezirk_name",
            "bezirksregierung",
            "schulamt",
        ),
        rows=_region_rows,
        modified=_region_modified,
    ),
    Dataset(
        slug="bildungsnetzwerke",
        title="Regionale Bildungsnetzwerke: Stand der Kooperationsvereinbarungen",
        description=(
            "Für jede der 53 Regionen der Stand der Kooperationsvereinbarung mit dem Land, "
            "Datum der Unterzeichnung, Fassung des Mustervertrags, Stellenanteile von Land, "
            "Kommune und weiteren Trägern sowie die Anschrift des Bildungsbüros. "
            "Enthält keine personenbezogenen Daten."
        ),
        keywords=("Regionales Bildungsnetzwerk", "Bildungsbüro", "Kooperationsvereinbarung"),
        licence=ZERO,
        attribution=PUBLISHER,
        columns=(
            "ags",
            "region",
            "art",
            "regierungsbezirk",
            "vereinbarung",
            "unterzeichnet_am",
            "beendet_am",
            "mustervertrag",
            "stellen_land",
            "stellen_kommune",
            "stellen_weitere",
            "bildungsbuero",
            "bildungsbuero_strasse",
            "bildungsbuero_plz",
            "bildungsbuero_ort",
            "bildungsbuero_e_mail",
            "bildungsbuero_telefon",
            "bildungsbuero_internet",
        ),
        rows=_network_rows,
        modified=_network_modified,
    ),
    Dataset(
        slug="bildungspartnerschaften",
        title="Bildungspartnerschaften von Schulen und außerschulischen Einrichtungen",
        description=(
            "Die öffentlich gelisteten Bildungspartnerschaften („Wir sind dabei“): Schule, "
            "Einrichtung, gegebenenfalls dritter Partner, Handlungsfeld und Laufzeit. "
            "Entwürfe, eingereichte und beendete Vereinbarungen sowie Unterzeichnende und "
            "Ansprechpersonen sind nicht enthalten."
        ),
        keywords=("Bildungspartner", "Schule", "Kooperation", "außerschulische Lernorte"),
        licence=BY,
        attribution=f"{PUBLISHER}; {SCHOOL_ATTRIBUTION}",
        columns=(
            "id",
            "titel",
            "handlungsfeld",
            "handlungsfeld_name",
            "schulnummer",
            "schule",
            "schule_ort",
            "kreis_ags",
            "kreis_name",
            "einrichtung_id",
            "einrichtung",
            "einrichtung_art",
            "dritter_partner_id",
            "dritter_partner",
            "dritter_partner_art",
            "beginn",
            "ende",
            "registriert_am",
            "veroeffentlicht_am",
        ),
        rows=_partnership_rows,
        modified=_partnership_modified,
    ),
    Dataset(
        slug="einrichtungen",
        title="Außerschulische Bildungs- und Kultureinrichtungen in NRW",
        description=(
            "Geprüfte, aktive außerschulische Einrichtungen (Bibliotheken, Museen, "
            "Archive, Musikschulen und weitere) mit Art, Anschrift, Koordinaten (WGS84) "
            "und Kreis. Ansprechpersonen erscheinen nur, wenn sie der Veröffentlichung "
            "zugestimmt haben."
        ),
        keywords=("Bildungspartner", "Museum", "Bibliothek", "außerschulische Lernorte"),
        licence=ZERO,
        attribution=PUBLISHER,
        columns=(
            "id",
            "name",
            "art",
            "art_name",
            "bildungspartner_berechtigt",
            "strasse",
            "plz",
            "ort",
            "lat",
            "lon",
            "kreis_ags",
            "kreis_name",
            "e_mail",
            "telefon",
            "internet",
            "ansprechpersonen",
            "geaendert_am",
        ),
        rows=_institution_rows,
        modified=_institution_modified,
    ),
    Dataset(
        slug="unterstuetzungskatalog",
        title="Unterstützungskatalog zum Referenzrahmen Schulqualität NRW 6.6",
        description=(
            "Veröffentlichte Unterstützungsangebote und Materialien zu den Kriterien "
            "6.6.1 bis 6.6.14, landesweit und regional, mit Anbieter, Adresse und "
            "Schlagwörtern. Entwürfe und interne Hinweise der Redaktion sind nicht enthalten."
        ),
        keywords=("Referenzrahmen Schulqualität", "Unterstützung", "Schulentwicklung"),
        licence=BY,
        attribution=f"{PUBLISHER}; Kriterien: Referenzrahmen Schulqualität NRW, MSB NRW",
        columns=(
            "id",
            "kriterium",
            "kriterium_titel",
            "titel",
            "beschreibung",
            "art",
            "art_name",
            "anbieter",
            "quellenangabe",
            "url",
            "link_folgt",
            "eingesehen_am",
            "region_ags",
            "schlagwoerter",
            "geaendert_am",
        ),
        rows=_material_rows,
        modified=_material_modified,
    ),
)
BY_SLUG = {d.slug: d for d in DATASETS}
FORMATS = {
    "csv": ("CSV", "text/csv", "http://publications.europa.eu/resource/authority/file-type/CSV"),
    "json": (
        "JSON",
        "application/json",
        "http://publications.europa.eu/resource/authority/file-type/JSON",
    ),
}


def get_dataset(slug: str) -> Dataset | None:
    return BY_SLUG.get(slug)


# --- serialisation (streamed) ---------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def csv_chunks(dataset: Dataset, *, rows_per_chunk: int = 500) -> Iterator[str]:
    """The dataset as ``;``-separated UTF-8 CSV with BOM, in chunks of rows."""
    writer = csv.writer(_Echo(), delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(dataset.columns)
    buffer = []
    for row in dataset.rows():
        buffer.append(writer.writerow([csv_cell(v) for v in row]))
        if len(buffer) >= rows_per_chunk:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def json_chunks(dataset: Dataset, *, meta: dict, rows_per_chunk: int = 500) -> Iterator[str]:
    """``{"dataset": …, …, "items": [ {column: value}, … ]}`` with typed values."""
    head = json.dumps(meta, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield head[:-1] + ', "items": ['
    first = True
    buffer = []
    for record in dataset.records():
        text = json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False)
        buffer.append(text if first else "," + text)
        first = False
        if len(buffer) >= rows_per_chunk:
            yield "".join(buffer)
            buffer = []
    buffer.append("]}")
    yield "".join(buffer)


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def dataset_meta(dataset: Dataset) -> dict:
    return {
        "dataset": dataset.slug,
        "title": dataset.title,
        "license": dataset.licence.title,
        "license_url": dataset.licence.url,
        "attribution": dataset.attribution,
        "modified": _iso(dataset.modified()),
        "columns": list(dataset.columns),
    }


# --- DCAT-AP.de ------------------------------------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
THEME_EDUCATION = "http://publications.europa.eu/resource/authority/data-theme/EDUC"
LANGUAGE_GERMAN = "http://publications.europa.eu/resource/authority/language/DEU"
# Datasets of NRW bodies reach GovData through Open.NRW; that is the contributor ID.
CONTRIBUTOR_NRW = "http://dcat-ap.de/def/contributors/openNRW"
GEOCODING_NRW = "http://dcat-ap.de/def/politicalGeocoding/stateKey/05"
GEOCODING_LEVEL_STATE = "http://dcat-ap.de/def/politicalGeocodingLevel/state"


def _datetime_literal(value) -> dict | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return {"@value": value.isoformat(), "@type": "xsd:dateTime"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def catalogue_overview() -> list[dict]:
    """Each dataset with its (queried once) modification date: for the page and DCAT."""
    return [{"dataset": d, "modified": d.modified()} for d in DATASETS]


def dcat_catalog(*, absolute: Callable[[str], str], page_url: str, overview=None) -> dict:
    """The ``dcat:Catalog`` as JSON-LD; ``absolute`` turns a path into a full URL."""
    from django.urls import reverse

    publisher = {"@type": "foaf:Organization", "foaf:name": PUBLISHER}
    overview = overview if overview is not None else catalogue_overview()
    datasets = []
    latest = None
    for entry in overview:
        d, modified = entry["dataset"], entry["modified"]
        if modified is not None:
            key = modified if isinstance(modified, datetime) else None
            latest = key if latest is None or (key and key > latest) else latest
        distributions = []
        for fmt, (label, media_type, file_type) in FORMATS.items():
            url = absolute(reverse("monitoring:opendata_download", args=[d.slug, fmt]))
            dist = {
                "@id": url,
                "@type": "dcat:Distribution",
                "dct:title": f"{d.title} ({label})",
                "dcat:accessURL": {"@id": url},
                "dcat:downloadURL": {"@id": url},
                "dcat:mediaType": {
                    "@id": f"https://www.iana.org/assignments/media-types/{media_type}"
                },
                "dct:format": {"@id": file_type},
                "dct:license": {"@id": d.licence.uri},
            }
            if d.licence.needs_attribution:
                dist["dcatde:licenseAttributionByText"] = d.attribution
            if modified is not None:
                dist["dct:modified"] = _datetime_literal(modified)
            distributions.append(dist)
        dataset = {
            "@id": f"{page_url}#{d.slug}",
            "@type": "dcat:Dataset",
            "dct:identifier": d.slug,
            "dct:title": d.title,
            "dct:description": d.description,
            "dcat:keyword": list(d.keywords),
            "dcat:theme": {"@id": THEME_EDUCATION},
            "dct:language": {"@id": LANGUAGE_GERMAN},
            "dct:publisher": publisher,
            "dcatde:contributorID": {"@id": CONTRIBUTOR_NRW},
            "dcatde:politicalGeocodingURI": {"@id": GEOCODING_NRW},
            "dcatde:politicalGeocodingLevelURI": {"@id": GEOCODING_LEVEL_STATE},
            "dcat:landingPage": {"@id": f"{page_url}#{d.slug}"},
            "dcat:distribution": distributions,
        }
        if modified is not None:
            dataset["dct:modified"] = _datetime_literal(modified)
        datasets.append(dataset)
    catalog = {
        "@context": CONTEXT,
        "@id": page_url,
        "@type": "dcat:Catalog",
        "dct:title": "Offene Daten des Bildungsnetz NRW",
        "dct:description": (
            "Öffentliche Datensätze der Plattform der Regionalen Bildungsnetzwerke in "
            "Nordrhein-Westfalen: Regionen, Bildungsnetzwerke, Bildungspartnerschaften, "
            "außerschulische Einrichtungen und der Unterstützungskatalog."
        ),
        "dct:publisher": publisher,
        "dct:language": {"@id": LANGUAGE_GERMAN},
        "foaf:homepage": {"@id": page_url},
        "dcat:dataset": datasets,
    }
    if latest is not None:
        catalog["dct:modified"] = _datetime_literal(latest)
    return catalog
