"""Ship the reference content of the Referenzrahmen Schulqualität NRW, dimension 6.6:
the 14 criteria and every material entry of seed 000 (``catalogue/data/*.json``), as
published NRW-wide entries, and build their search index.

Idempotent: criteria by number, providers by name and address, materials by
``source_key`` (update_or_create), so re-running repairs a partially edited table.
The index terms come from ``catalogue.textindex`` – pure text functions without model
imports – so the index a fresh database gets is the one the query side expects.
"""

import datetime
import json
from pathlib import Path

from django.db import migrations

from bildungsnetz.catalogue import textindex

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _read():
    for path in sorted(DATA_DIR.glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def load(apps, schema_editor):
    Dimension = apps.get_model("catalogue", "Dimension")
    Criterion = apps.get_model("catalogue", "Criterion")
    Provider = apps.get_model("catalogue", "Provider")
    Material = apps.get_model("catalogue", "Material")
    SearchTerm = apps.get_model("catalogue", "SearchTerm")

    for data in _read():
        dim = data["dimension"]
        dimension, _ = Dimension.objects.update_or_create(
            number=dim["number"], defaults={"title": dim["title"], "summary": dim["summary"]}
        )
        criteria = {}
        for position, item in enumerate(data["criteria"], start=1):
            criterion, _ = Criterion.objects.update_or_create(
                number=item["number"],
                defaults={
                    "dimension": dimension,
                    "position": position,
                    "title": item["title"],
                    "key_statements": item["key_statements"],
                    "key_statements_open": item["key_statements_open"],
                    "explanation": item["explanation"],
                },
            )
            criteria[criterion.number] = criterion
        providers = {}
        for key, item in data["providers"].items():
            providers[key], _ = Provider.objects.update_or_create(
                name=item["name"],
                street=item["street"],
                postal_code=item["postal_code"],
                city=item["city"],
                defaults={"phone": item["phone"]},
            )
        for item in data["materials"]:
            criterion = criteria[item["criterion"]]
            provider = providers[item["provider"]] if item["provider"] else None
            checked_on = (
                datetime.date.fromisoformat(item["checked_on"]) if item["checked_on"] else None
            )
            material, _ = Material.objects.update_or_create(
                source_key=item["key"],
                defaults={
                    "criterion": criterion,
                    "title": item["title"],
                    "provider": provider,
                    "citation": item["citation"],
                    "description": item["description"],
                    "kind": item["kind"],
                    "url": item["url"],
                    "link_text": item["link_text"],
                    "link_pending": item["link_pending"],
                    "checked_on": checked_on,
                    "tags": item["tags"],
                    "editorial_note": item["editorial_note"],
                    "status": "veroeffentlicht",
                },
            )
            terms = textindex.document_terms(
                textindex.material_fields(
                    title=material.title,
                    tags=material.tags,
                    provider=provider.name if provider else "",
                    kind=material.kind,
                    description=material.description,
                    citation=material.citation,
                    criterion_title=criterion.title,
                    key_statements=criterion.key_statements,
                )
            )
            SearchTerm.objects.filter(material=material).delete()
            SearchTerm.objects.bulk_create(
                SearchTerm(material=material, term=t, weight=w) for t, w in terms.items()
            )
        for criterion in criteria.values():
            terms = textindex.document_terms(
                textindex.criterion_fields(
                    title=criterion.title,
                    key_statements=criterion.key_statements,
                    explanation=criterion.explanation,
                )
            )
            SearchTerm.objects.filter(criterion=criterion).delete()
            SearchTerm.objects.bulk_create(
                SearchTerm(criterion=criterion, term=t, weight=w) for t, w in terms.items()
            )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_catalogue_models")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
