"""Create the content pages (Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache) with
their default texts, so the footer links work right after ``migrate``. Existing pages are
left alone; ``bildungsnetz load_pages --reset`` restores the defaults later."""

from django.db import migrations

from bildungsnetz.core.content.pages import DEFAULT_PAGES


def create_pages(apps, schema_editor):
    Page = apps.get_model("core", "Page")
    for slug, texts in DEFAULT_PAGES.items():
        Page.objects.get_or_create(slug=slug, defaults=texts)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_school_fulltext")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
