from django.db import migrations

from bildungsnetz.surveys.builtin import load, unload


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
