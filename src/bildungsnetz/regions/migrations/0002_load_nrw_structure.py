"""Ship the NRW reference tables: Regierungsbezirke, the 53 regions, their Schulämter,
the 396 municipalities and the Schulform code table (facts; see docs/data-sources.md).

Idempotent (update_or_create), so it also repairs a partially edited table.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "nrw_structure.json"


def load(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    Regierungsbezirk = apps.get_model("regions", "Regierungsbezirk")
    Region = apps.get_model("regions", "Region")
    Schulamt = apps.get_model("regions", "Schulamt")
    Gemeinde = apps.get_model("regions", "Gemeinde")
    Schulform = apps.get_model("regions", "Schulform")

    rbs = {}
    for item in data["regierungsbezirke"]:
        rbs[item["code"]], _ = Regierungsbezirk.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "bezirksregierung_schulnummer": item["bezirksregierung_schulnummer"],
            },
        )
    regions = {}
    for item in data["regions"]:
        region, _ = Region.objects.update_or_create(
            ags=item["ags"],
            defaults={
                "name": item["name"],
                "kind": item["kind"],
                "regierungsbezirk": rbs[item["regierungsbezirk"]],
                "traegernummer": item["traegernummer"],
            },
        )
        regions[item["ags"]] = region
        Schulamt.objects.update_or_create(region=region, defaults=item["schulamt"])
    for ags, name, kreis_ags, traeger in data["gemeinden"]:
        Gemeinde.objects.update_or_create(
            ags=ags,
            defaults={"name": name, "region": regions[kreis_ags], "traeger_bezeichnung": traeger},
        )
    for item in data["schulformen"]:
        code = item.pop("code")
        Schulform.objects.update_or_create(code=code, defaults=item)


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
