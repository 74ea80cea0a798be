"""Full-text search rules of the school directory; the same table runs on SQLite and PostgreSQL.

Running the identical table on both databases (CI runs the suite on both) is what shows that
both return the same set of schools for each query.
"""

import pytest
from django.db import connection

from bildungsnetz.core import fulltext
from bildungsnetz.schools.filters import SchoolFilter, Status
from bildungsnetz.schools.models import School
from bildungsnetz.schools.selectors import filter_schools

pytestmark = pytest.mark.django_db

SEARCH_RULES = [
    # (query, expected Schulnummern with the default filter: open schools, no authorities)
    ("Gesamtschule Haan", {"100011"}),
    ("gesamtschule   HAAN", {"100011"}),
    ("Muenster", {"100065", "100058"}),
    ("Münster", {"100065", "100058"}),
    ("MÜNSTER", {"100065", "100058"}),
    ("100011", {"100011"}),
    ("1000", {"100011", "100010", "100058", "100065"}),
    ("Walder Str", {"100011"}),
    ("Walder Str.", {"100011"}),
    ("walder strasse", {"100011"}),
    ("Walder Straße", {"100011"}),
    ("Gymn Boch", {"169158", "100121"}),
    ("Gym Boch", {"169158", "100121", "164045"}),  # "Gym" in a Kurzbezeichnung
    ("Grundschulen", {"106434", "100065"}),
    ("4479", {"169158", "100121"}),
    ("Don-Bosco", {"106434"}),
    ("don bosco haan", {"106434"}),
    ("Koeln Gymnasium", {"100010"}),
    ("Köln, Gym", {"100010"}),
    ("Mädchen", {"169158"}),
    ("maedchen", {"169158"}),
    ("Schoenewald", {"164045"}),
    ("Uppenkampstiege 21", {"100058"}),
    ("Springorumallee 3", {"100121"}),
    ("Gymnasium Haan", set()),
    ("xyzzy", set()),
    ("Überwasser", set()),  # closed: not in the default view
    ("Schulamt", set()),  # supervision office: not a school
]


def _hits(query: str, **kwargs) -> set[str]:
    schools = filter_schools(SchoolFilter(query=query, **kwargs))
    return set(schools.values_list("schulnummer", flat=True))


@pytest.mark.parametrize(("query", "expected"), SEARCH_RULES)
def test_search_rules(register, query, expected):
    assert _hits(query) == expected


def test_closed_and_authorities_are_found_when_asked_for(register):
    assert _hits("Überwasser", status=Status.ALL) == {"188090"}
    assert _hits("ueberwasser", status=Status.CLOSED) == {"188090"}
    assert _hits("Schulamt Bochum", schulformen=("0A",)) == {"600911"}


def test_punctuation_only_query_does_not_filter(register):
    assert _hits("– , .") == _hits("")
    assert len(_hits("")) == 8


def test_index_follows_inserts_updates_and_deletes(register):
    school = register["100011"]
    school.name = "Städt. Gesamtschule Haan-Gruiten"
    school.save()
    assert _hits("Gruiten") == {"100011"}
    School.objects.filter(pk=school.pk).update(strasse="Neue Allee 3")
    assert _hits("Walder Str") == {"100011"}  # still in the Kurzbezeichnung
    School.objects.filter(pk=school.pk).update(kurzbezeichnung="Haan, GE")
    assert _hits("Walder Str") == set()
    assert _hits("Neue Allee") == {"100011"}
    school.delete()
    assert _hits("Gesamtschule Haan") == set()


def test_query_terms_are_stemmed_prefixes():
    assert fulltext.search_terms("Gesamtschulen in Münster") == ["gesamtschul", "in", "muenster"]
    assert fulltext.search_terms("Straße") == ["strass"]
    assert fulltext.search_terms("Walder") == ["walder"]  # short words stay as typed
    assert fulltext.search_terms("Düsseldorf") == ["duesseldorf"]  # stem "dusseldorf": no prefix
    assert fulltext.search_terms("  ") == []
    assert len(fulltext.search_terms("a b c d e f g h i j k")) == fulltext.MAX_TERMS


def test_migration_and_module_build_the_same_sql():
    from importlib import import_module

    migration = import_module("bildungsnetz.core.migrations.0003_school_fulltext")
    table = fulltext.SCHOOL_TABLE
    assert migration._pg_document(table) == fulltext.pg_document_sql(table)
    assert migration._document("new") == fulltext.sqlite_document_sql("new")


def test_index_is_used_and_repaired_on_each_database(register):
    """SQLite: triggers dropped by a table rebuild come back. PostgreSQL: the query can use
    the GIN expression index. Each database checks its own mechanism."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER core_school_fts_ai")
            cursor.execute("DELETE FROM core_school_fts")
        assert fulltext.ensure_school_index() is True
        assert _hits("Gesamtschule Haan") == {"100011"}
    else:
        ids = fulltext.school_ids_matching("Gymn Boch")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + ids.sql, ids.params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "core_school_fts" in plan
    assert fulltext.ensure_school_index() is False
