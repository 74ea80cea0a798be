"""The shipped reference content of seed 000 (Referenzrahmen 6.6) after migrate."""

import importlib
import re
from pathlib import Path

import pytest

from bildungsnetz.catalogue import selectors, services
from bildungsnetz.catalogue.models import Criterion, Material, MaterialStatus, SearchTerm

pytestmark = pytest.mark.django_db

# Entries per criterion as counted in seed 000 (6.6.3 and 6.6.6 list no material).
SEED_COUNTS = {
    "6.6.1": 3,
    "6.6.2": 1,
    "6.6.3": 0,
    "6.6.4": 4,
    "6.6.5": 4,
    "6.6.6": 0,
    "6.6.7": 1,
    "6.6.8": 5,
    "6.6.9": 12,
    "6.6.10": 9,
    "6.6.11": 7,
    "6.6.12": 14,
    "6.6.13": 7,
    "6.6.14": 2,
}
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_f69b6086cb5720bd.txt"


def test_all_14_criteria_with_their_titles():
    numbers = list(Criterion.objects.order_by("position").values_list("number", flat=True))
    assert numbers == [f"6.6.{i}" for i in range(1, 15)]
    assert Criterion.objects.get(number="6.6.4").title == (
        "Unterstützung durch den Schulpsychologischen Dienst"
    )
    assert "Hochbegabung" in Criterion.objects.get(number="6.6.14").key_statements
    assert len(Criterion.objects.get(number="6.6.12").key_statements) == 19


def test_every_material_entry_of_the_seed_is_shipped_and_published():
    assert Material.objects.count() == 69 == sum(SEED_COUNTS.values())
    for number, expected in SEED_COUNTS.items():
        assert Material.objects.filter(criterion__number=number).count() == expected, number
    assert not Material.objects.exclude(status=MaterialStatus.VEROEFFENTLICHT).exists()
    assert not Material.objects.exclude(region=None).exists()


def test_facts_are_kept_title_provider_address_kind_date():
    m = Material.objects.get(
        title="Schulpsychologischer Dienst: Beratungsstellen in Nordrhein-Westfalen"
    )
    assert m.provider.name == "schulpsychologie.de"
    assert m.provider.address_lines == ["Klosterstraße 33", "48143 Münster"]
    assert m.kind == "portal"
    assert m.checked_on.isoformat() == "2025-10-26"
    zoo = Material.objects.get(title="Zooschule des Kölner Zoos")
    assert (zoo.provider.street, zoo.provider.postal_code, zoo.provider.city) == (
        "Riehlerstr. 173",
        "50735",
        "Köln",
    )
    stale = Material.objects.get(title__startswith="Eignungsfeststellungsverfahren")
    assert stale.checked_on.isoformat() == "2023-03-04"


def test_placeholders_are_kept_and_flagged_never_invented():
    pending = Material.objects.filter(link_pending=True)
    assert sorted(pending.values_list("title", flat=True)) == [
        "Berufsfelder erkunden",
        "Externe Kooperationen",
        "Kooperation als Element Individueller Förderung",
        "Mitbestimmung und Teilhabe",
    ]
    assert all(m.url == "" and m.checked_on is None for m in pending)
    # The seed only gives two addresses in its text; every other URL stays empty.
    assert sorted(Material.objects.exclude(url="").values_list("url", flat=True)) == [
        "https://bass.schul-welt.de",
        "https://www.ganztag-nrw.de",
    ]
    codes = {c for c, _ in Material.objects.get(title="Mitbestimmung und Teilhabe").quality_flags()}
    assert {"link_folgt", "datum_fehlt"} <= codes
    placeholders = selectors.placeholder_materials(Material.objects.all())
    # all but ganztag-nrw.de (the BASS entry has an address from the seed text but no date)
    assert placeholders.count() == 68


def test_duplicates_of_the_seed_are_detected():
    groups = selectors.find_duplicates(Material.objects.all())
    found = {(g.reason, tuple(sorted(m.title for m in g.materials))) for g in groups}
    assert (
        "gleicher Anbieter und gleicher Titel",
        ("Bildungspartner NRW",) * 3,
    ) in found
    assert (
        "gleicher Anbieter und gleicher Titel",
        ("Kommunale Integrationszentren",) * 3,
    ) in found
    assert (
        "gleicher Anbieter und gleicher Titel",
        ("Sportverein und Schule",) * 2,
    ) in found
    assert (
        "gleicher Titel, verschiedene Anbieter",
        ("Landesprogramm NRW: Kultur und Schule",) * 2,
    ) in found
    assert len(groups) == 4


def test_contact_persons_named_in_the_seed_are_not_public():
    for m in Material.objects.select_related("provider"):
        text = " ".join([m.title, m.description, m.provider.name if m.provider_id else ""])
        assert "Cornelia Stern" not in text and "Stefan Drewes" not in text


def test_descriptions_and_explanations_are_our_own_words():
    """No description or explanation repeats eight consecutive words of the seed."""
    assert SEED.exists(), f"seed 000 is read from {SEED} (../shared beside the project)"
    seed_words = re.findall(r"\w+", SEED.read_text(encoding="utf-8").lower())
    seed_runs = {tuple(seed_words[i : i + 8]) for i in range(len(seed_words) - 7)}
    texts = list(Material.objects.values_list("description", flat=True))
    texts += list(Criterion.objects.values_list("explanation", flat=True))
    for text in texts:
        words = re.findall(r"\w+", text.lower())
        runs = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
        assert not runs & seed_runs, text


def test_migration_index_equals_the_service_index():
    before = set(SearchTerm.objects.values_list("material_id", "criterion_id", "term", "weight"))
    assert len(before) > 1000
    services.rebuild_index()
    after = set(SearchTerm.objects.values_list("material_id", "criterion_id", "term", "weight"))
    assert before == after


def test_loader_is_idempotent():
    loader = importlib.import_module(
        "bildungsnetz.catalogue.migrations.0002_load_referenzrahmen_6_6"
    )
    from django.apps import apps

    loader.load(apps, None)
    assert Material.objects.count() == 69
    assert Criterion.objects.count() == 14
