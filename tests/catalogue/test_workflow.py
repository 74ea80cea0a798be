"""Editorial workflow in the services: scopes, transitions, German errors, audit, history."""

import pytest

from bildungsnetz.catalogue import services
from bildungsnetz.catalogue.models import (
    Criterion,
    Material,
    MaterialKind,
    MaterialStatus,
    PlanItem,
)
from bildungsnetz.core.errors import DomainError
from bildungsnetz.core.models import AuditEntry
from bildungsnetz.regions.models import Region

from .conftest import regional_data

pytestmark = pytest.mark.django_db


def test_bildungsbuero_drafts_submits_and_publishes_its_regions_addition(
    buero_bochum, bochum, regional_draft
):
    assert regional_draft.status == MaterialStatus.ENTWURF
    assert regional_draft.region == bochum
    services.transition_material(regional_draft, acting_user=buero_bochum, verb="submit")
    published = services.transition_material(
        regional_draft, acting_user=buero_bochum, verb="publish"
    )
    assert published.status == MaterialStatus.VEROEFFENTLICHT
    actions = list(
        AuditEntry.objects.filter(object_id=str(published.pk), object_type="catalogue.material")
        .order_by("created", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "catalogue.material.created",
        "catalogue.material.submitted",
        "catalogue.material.published",
    ]
    entry = AuditEntry.objects.get(action="catalogue.material.published")
    assert entry.actor == buero_bochum and entry.region == bochum
    assert entry.data == {"von": "in_pruefung", "nach": "veroeffentlicht", "notiz": ""}
    history = list(published.history.order_by("history_date"))
    assert [h.status for h in history] == ["entwurf", "in_pruefung", "veroeffentlicht"]
    assert {h.history_user for h in history} == {buero_bochum}


def test_other_region_and_nrw_wide_are_refused_with_german_messages(
    buero_dortmund, buero_bochum, regional_draft
):
    with pytest.raises(DomainError, match="nur Ergänzungen Ihrer eigenen Region"):
        services.update_material(regional_draft, acting_user=buero_dortmund, data={"title": "X"})
    with pytest.raises(DomainError, match="nur Ergänzungen Ihrer eigenen Region"):
        services.transition_material(regional_draft, acting_user=buero_dortmund, verb="submit")
    with pytest.raises(DomainError, match="Landesweite Einträge bearbeitet nur die Redaktion"):
        services.create_material(acting_user=buero_bochum, region=None, data=regional_data())
    nrw = Material.objects.get(title="Qualitätsanalyse NRW")
    with pytest.raises(DomainError, match="Landesweite Einträge"):
        services.update_material(nrw, acting_user=buero_bochum, data={"title": "Anders"})
    regional_draft.refresh_from_db()
    assert regional_draft.title == "Schulpsychologische Beratungsstelle Bochum"
    assert not AuditEntry.objects.filter(action="catalogue.material.changed").exists()


def test_land_edits_nrw_wide_entries_and_regions(land_editor, regional_draft):
    nrw = Material.objects.get(title="Qualitätsanalyse NRW")
    services.update_material(
        nrw, acting_user=land_editor, data={"url": "https://www.schulministerium.nrw/qa"}
    )
    nrw.refresh_from_db()
    assert nrw.url == "https://www.schulministerium.nrw/qa"
    assert AuditEntry.objects.get(action="catalogue.material.changed").data == {"fields": ["url"]}
    services.transition_material(regional_draft, acting_user=land_editor, verb="submit")


@pytest.mark.parametrize(
    "status,verb,message",
    [
        ("entwurf", "publish", "Veröffentlicht werden kann nur ein zur Prüfung eingereichter"),
        ("veroeffentlicht", "submit", "Nur Entwürfe können zur Prüfung eingereicht werden"),
        ("in_pruefung", "archive", "Archiviert werden können nur Entwürfe und veröffentlichte"),
        ("entwurf", "restore", "Nur archivierte Einträge können wiederhergestellt werden"),
        ("veroeffentlicht", "return", "Zurückgeben kann man nur"),
    ],
)
def test_invalid_transitions_are_refused(land_editor, status, verb, message):
    material = Material.objects.get(title="Kompetenzteams NRW")
    Material.objects.filter(pk=material.pk).update(status=status)
    with pytest.raises(DomainError, match=message) as exc:
        services.transition_material(material, acting_user=land_editor, verb=verb)
    assert exc.value.field == "status"
    material.refresh_from_db()
    assert material.status == status


def test_return_archive_restore_and_archived_entries_are_read_only(land_editor):
    material = Material.objects.get(title="Kompetenzteams NRW")
    services.transition_material(material, acting_user=land_editor, verb="archive")
    with pytest.raises(DomainError, match="Archivierte Einträge können nicht bearbeitet werden"):
        services.update_material(material, acting_user=land_editor, data={"title": "Neu"})
    services.transition_material(material, acting_user=land_editor, verb="restore")
    services.transition_material(material, acting_user=land_editor, verb="submit")
    services.transition_material(
        material, acting_user=land_editor, verb="return", note="Bitte Link ergänzen"
    )
    material.refresh_from_db()
    assert material.status == MaterialStatus.ENTWURF
    assert AuditEntry.objects.get(action="catalogue.material.returned").data["notiz"] == (
        "Bitte Link ergänzen"
    )


def test_validation_names_the_field(land_editor):
    with pytest.raises(DomainError) as exc:
        services.create_material(
            acting_user=land_editor, region=None, data=regional_data(link_pending=True)
        )
    assert exc.value.field == "url"
    assert "Link folgt" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.create_material(
            acting_user=land_editor, region=None, data=regional_data(url="kein-link")
        )
    assert exc.value.field == "url"
    with pytest.raises(DomainError) as exc:
        services.create_material(
            acting_user=land_editor, region=None, data=regional_data(description="  ")
        )
    assert exc.value.field == "description"
    assert not Material.objects.filter(title="Schulpsychologische Beratungsstelle Bochum").exists()


def test_same_url_is_shown_as_duplicate_and_merging_moves_plans(
    land_editor, buero_bochum, bochum, schulleitung, grundschule
):
    from bildungsnetz.catalogue.selectors import find_duplicates

    original = Material.objects.get(title='GanzTag NRW - Serviceagentur "Ganztägig lernen" NRW')
    copy = services.create_material(
        acting_user=buero_bochum,
        region=bochum,
        data={
            "criterion": Criterion.objects.get(number="6.6.9"),
            "title": "Ganztag in Bochum – Serviceagentur",
            "description": "Partner für den Ganztag in Bochum finden.",
            "kind": MaterialKind.PORTAL,
            "url": "http://ganztag-nrw.de/",
        },
    )
    groups = find_duplicates(Material.objects.all())
    url_groups = [g for g in groups if g.reason == "gleiche Adresse (URL)"]
    assert [sorted(m.pk for m in g.materials) for g in url_groups] == [
        sorted([original.pk, copy.pk])
    ]
    services.transition_material(copy, acting_user=buero_bochum, verb="submit")
    services.transition_material(copy, acting_user=buero_bochum, verb="publish")
    services.add_to_plan(grundschule, acting_user=schulleitung, material=copy)
    with pytest.raises(DomainError, match="Landesweite Einträge"):
        services.merge_duplicate(copy, into=original, acting_user=buero_bochum)
    services.merge_duplicate(copy, into=original, acting_user=land_editor)
    copy.refresh_from_db()
    assert copy.status == MaterialStatus.ARCHIVIERT
    assert "Dublette von Eintrag" in copy.editorial_note
    assert list(PlanItem.objects.values_list("material_id", flat=True)) == [original.pk]
    assert AuditEntry.objects.get(action="catalogue.material.merged").data == {
        "in": original.pk,
        "planeintraege_verschoben": 1,
    }


def test_new_provider_by_editor_only(land_editor, schulleitung):
    provider = services.get_or_create_provider(
        acting_user=land_editor,
        name="Stadtbücherei Bochum",
        street="Gustav-Heinemann-Platz 2-6",
        postal_code="44787",
        city="Bochum",
    )
    assert provider.address_complete
    with pytest.raises(DomainError, match="Nur die Redaktion"):
        services.get_or_create_provider(
            acting_user=schulleitung, name="X", street="", postal_code="", city=""
        )
    assert Region.objects.filter(ags="05911").exists()
