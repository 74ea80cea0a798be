"""German full-text search: stemming, compounds, ranking, filters – the same on SQLite and
PostgreSQL (this module runs unchanged on both; CI runs the suite twice)."""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from bildungsnetz.catalogue import services
from bildungsnetz.catalogue.selectors import SearchFilter, search, suggestions
from bildungsnetz.catalogue.textindex import highlight, query_terms

pytestmark = pytest.mark.django_db

KULTUR_MUSEUM = {
    "Kooperationen im Bereich Historisch-politische Bildung: Archiv, Gedenkstätte, Museum "
    "und Schule",
    "Kooperationen im Bereich Kulturelle Bildung: Bibliothek, Museum, Musikschule und Schule",
}
SCHULPSYCHOLOGIE = {
    "Bildungsportal NRW - Schulpsychologie",
    "Erlass zur Schulpsychologie in NRW",
    "Schulpsychologie in NRW",
    "Schulpsychologischer Dienst: Beratungsstellen in Nordrhein-Westfalen",
}

# query -> titles one of which must be the top hit
QUERIES = {
    "Museen": KULTUR_MUSEUM,
    "Museum": KULTUR_MUSEUM,
    "Schulpsychologie": SCHULPSYCHOLOGIE,
    "Schulpsychologe": SCHULPSYCHOLOGIE,
    "schulpsychologischen Beratungsstellen": {
        "Schulpsychologischer Dienst: Beratungsstellen in Nordrhein-Westfalen"
    },
    "Schulsozialarbeit": {
        "Beschäftigung von Fachkräften für Schulsozialarbeit in Nordrhein-Westfalen"
    },
    "Jugendhilfe Statistik": {"Statistiken der Kinder- und Jugendhilfe"},
    "Fortbildung für Lehrkräfte": {"Fortbildungen für Lehrkräfte in NRW"},
    "Kompetenzteams": {"Kompetenzteams NRW"},
    "Schulleitungscoaching": {
        "Eignungsfeststellungsverfahren, Schulleitungscoaching, Schulleitungsqualifizierung"
    },
    "Praktikum": {"Berufs- und Studienorientierung des Landes Nordrhein-Westfalen - Praktikum"},
    "duale Studiengänge": {"AusbildungPlus"},
    "Zoo Köln": {"Zooschule des Kölner Zoos"},
    "Sportvereine": {
        "Bildungspartner NRW - Sportverein und Schule",
        "Sportverein und Schule",
    },
    "Integrationszentren": {"Kommunale Integrationszentren"},
    "Ganztag Sekundarstufe": {
        "Der Ganztag in der Sekundarstufe I - Eine Handreichung für Schulen und weitere "
        "Partner im Ganztag der Sekundarstufe I"
    },
    "Qualitätszirkel": {"Qualitätszirkel von Kommunen und Trägern in NRW"},
    "Lehrerausbildung": {"Zentren für schulpraktische Lehrerausbildung in NRW"},
    "Qualitaetsanalyse": {"Qualitätsanalyse NRW"},
    "Welche Bezirksregierung ist zuständig": {"Zuständigkeitsbereiche der Bezirksregierungen"},
    "Gefährdungsbeurteilung": {"Arbeits- und Gesundheitsschutz"},
    "Schüleraustausch": {"Schüleraustausch"},
    "Demokratie": {"Demokratie gestalten - Netzwerke und Förderprogramme"},
    "Künstlerinnen": {"Landesprogramm NRW: Kultur und Schule"},
    "Gedenkstätten": {
        "Kooperationen im Bereich Historisch-politische Bildung: Archiv, Gedenkstätte, Museum "
        "und Schule"
    },
    "Senioren": {"Senior Experten für alle Schulen"},
    "Übergang Schule und Beruf": {"Übergang Schule und Beruf: Kein Abschluss ohne Anschluss"},
    "Bildungsmanagement": {"Transferagentur Kommunales Bildungsmanagement NRW"},
    "Schulgesetz Schulkonferenz": {
        "Öffnung von Schule, Zusammenarbeit mit außerschulischen Partnern"
    },
    "Gesundheit": {"Bildung und Gesundheit"},
    "Eltern Mitwirkung": {"Mitbestimmung und Teilhabe"},
    "QUA-LiS Handreichungen": {
        "Kooperation mit Ausbildungsbetrieben/überbetrieblichen Ausbildungsstätten"
    },
}


@pytest.mark.parametrize("query,expected", sorted(QUERIES.items()))
def test_german_query_finds_the_expected_top_hit(query, expected):
    result = search(SearchFilter(query=query))
    hits = result.hits(0, 5)
    assert hits, query
    assert hits[0].material.title in expected, [h.material.title for h in hits]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_query_set_has_at_least_20_queries():
    assert len(QUERIES) >= 20


def test_stemming_joins_inflections_and_irregular_plurals():
    museen = {pk for pk, _ in search(SearchFilter(query="Museen")).ranked}
    museum = {pk for pk, _ in search(SearchFilter(query="Museum")).ranked}
    assert museen == museum
    titles = [h.material.title for h in search(SearchFilter(query="Schulpsychologie")).hits()]
    assert "Schulpsychologischer Dienst: Beratungsstellen in Nordrhein-Westfalen" in titles


def test_compound_words_are_found_by_their_parts_with_lower_score():
    result = search(SearchFilter(query="Sozialarbeit"))
    top = result.hits(0, 1)[0]
    assert top.material.title.startswith("Beschäftigung von Fachkräften für Schulsozialarbeit")
    assert top.score < search(SearchFilter(query="Schulsozialarbeit")).hits(0, 1)[0].score


def test_a_key_statement_of_a_criterion_finds_its_materials_and_the_criterion():
    result = search(SearchFilter(query="Hochbegabung"))
    assert {h.material.criterion.number for h in result.hits()} == {"6.6.14"}
    assert [c.criterion.number for c in result.criteria] == ["6.6.14"]


def test_all_words_must_match_otherwise_partial_hits_are_marked():
    assert search(SearchFilter(query="Zoo Köln")).partial is False
    result = search(SearchFilter(query="Zooschule Quantenphysik"))
    assert result.partial is True
    assert result.hits(0, 1)[0].material.title == "Zooschule des Kölner Zoos"
    assert len(search(SearchFilter(query="Quantenphysik"))) == 0


def test_stop_words_alone_find_nothing_and_ties_are_ordered_by_criterion_and_title():
    assert len(search(SearchFilter(query="und der die"))) == 0
    result = search(SearchFilter(query="Bildungspartner"))
    assert result.ranked == search(SearchFilter(query="Bildungspartner")).ranked
    hits = result.hits()
    best = [h.material for h in hits if h.score == hits[0].score]
    assert len(best) > 1
    keys = [(m.criterion.position, m.title.lower(), m.pk) for m in best]
    assert keys == sorted(keys)


def test_filters_criterion_kind_provider_region(regional_published, bochum):
    assert {
        h.material.criterion.number for h in search(SearchFilter(criterion="6.6.4")).hits()
    } == {"6.6.4"}
    assert {h.material.kind for h in search(SearchFilter(kind="erlass")).hits()} == {"erlass"}
    by_provider = search(SearchFilter(provider="Bundesinstitut für Berufsbildung (BIBB)")).hits()
    assert [h.material.title for h in by_provider] == ["AusbildungPlus"]
    # Region: NRW-wide plus that region's additions; "nrw" = only NRW-wide.
    bochum_hits = [
        h.material for h in search(SearchFilter(query="Schulpsychologie", region="05911")).hits()
    ]
    assert regional_published in bochum_hits
    nrw_hits = [
        h.material for h in search(SearchFilter(query="Schulpsychologie", region="nrw")).hits()
    ]
    assert regional_published not in nrw_hits and len(nrw_hits) == 4
    dortmund = [
        h.material for h in search(SearchFilter(query="Schulpsychologie", region="05913")).hits()
    ]
    assert regional_published not in dortmund


def test_only_published_entries_are_found(regional_draft, buero_bochum):
    assert regional_draft.pk not in {pk for pk, _ in search(SearchFilter(query="Bochum")).ranked}
    services.transition_material(regional_draft, acting_user=buero_bochum, verb="submit")
    services.transition_material(regional_draft, acting_user=buero_bochum, verb="publish")
    assert regional_draft.pk in {pk for pk, _ in search(SearchFilter(query="Bochum")).ranked}
    services.transition_material(regional_draft, acting_user=buero_bochum, verb="archive")
    assert regional_draft.pk not in {pk for pk, _ in search(SearchFilter(query="Bochum")).ranked}


def test_edits_update_the_index(land_editor):
    from bildungsnetz.catalogue.models import Material

    zoo = Material.objects.get(title="Zooschule des Kölner Zoos")
    services.update_material(zoo, acting_user=land_editor, data={"tags": "Zoo, Artenschutz"})
    assert [h.material for h in search(SearchFilter(query="Artenschutz")).hits()] == [zoo]


def test_snippets_highlight_the_matching_words_escaped():
    qterms = query_terms("Museen")
    html = highlight("Archive, <b>Museen</b> & Gedenkstätten laden ein.", qterms)
    assert "<mark>Museen</mark>" in html
    assert "&lt;b&gt;" in html and "&amp;" in html
    hit = search(SearchFilter(query="Museen")).hits(0, 1)[0]
    assert "<mark>Museen</mark>" in hit.snippet


def test_suggestions_as_you_type():
    titles = [s["title"] for s in suggestions("Schulpsych")]
    assert titles and set(titles) <= SCHULPSYCHOLOGIE
    assert suggestions("Zoos")[0]["criterion"] == "6.6.12"


def test_search_needs_a_bounded_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        result = search(SearchFilter(query="Bildungspartner Kooperation"))
        result.hits(0, 20)


def test_search_catalogue_command_prints_exactly_one_json_object(capsys):
    call_command("search_catalogue", "Museen", "--json")
    out = capsys.readouterr().out
    data = json.loads(out)
    assert set(data) == {"query", "hits"}
    assert data["query"] == "Museen"
    assert data["hits"][0]["title"] in KULTUR_MUSEUM
    assert data["hits"][0]["criterion"] == "6.6.12"
    assert set(data["hits"][0]) == {"id", "criterion", "title", "score"}
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert out.count("\n") == 1


def test_search_catalogue_command_json_for_no_hits(capsys):
    call_command("search_catalogue", "Quantenphysik", "--json")
    assert json.loads(capsys.readouterr().out) == {"query": "Quantenphysik", "hits": []}


GOLDEN = Path(__file__).with_name("search_golden.json")


def _ranked_keys(query: str) -> list[list]:
    result = search(SearchFilter(query=query))
    return [[h.material.source_key, h.score] for h in result.hits()]


def test_full_result_lists_match_the_golden_file_on_every_database():
    """The complete ranked lists (not just the top hit) of every query of the set are
    stored once; SQLite and PostgreSQL must both reproduce them exactly. Regenerate with
    ``UPDATE_SEARCH_GOLDEN=1`` after a deliberate change to the index or ranking."""
    current = {query: _ranked_keys(query) for query in sorted(QUERIES)}
    if os.environ.get("UPDATE_SEARCH_GOLDEN"):
        GOLDEN.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n")
    assert current == json.loads(GOLDEN.read_text(encoding="utf-8"))
