"""Create the two Bildungspartner content pages (contact persons per initiative, funding for
trips) like the other default pages: only when missing, editors' texts are never touched."""

from django.db import migrations

from bildungsnetz.core.content.pages import DEFAULT_PAGES

SLUGS = ("bildungspartner-kontakt", "bildungspartner-foerderung")


def create_pages(apps, schema_editor):
    Page = apps.get_model("core", "Page")
    for slug in SLUGS:
        Page.objects.get_or_create(slug=slug, defaults=DEFAULT_PAGES[slug])


class Migration(migrations.Migration):
    dependencies = [("core", "0004_default_content_pages")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
