"""German full-text search over the school register – the same hits on SQLite and PostgreSQL.

Design (see also ``core/migrations/0003_school_fulltext.py``):

* **One canonical text form.** Name, Kurzbezeichnung, Ort, PLZ, Straße and Schulnummer are
  joined, German umlauts and ß are spelled out (``ü`` → ``ue``, ``ß`` → ``ss``; a few
  accented letters lose their accent), lower-cased, and split at every character that is
  not ``a-z`` or ``0-9``. The database does this itself, so every writer (importer, admin,
  bulk updates) keeps the index current without knowing about it:

  - SQLite: an FTS5 table ``core_school_fts`` (rowid = school id) kept by three triggers
    on ``schools_school``;
  - PostgreSQL: a GIN expression index ``core_school_fts`` on
    ``to_tsvector('simple', <canonical text>)``. An expression index rather than a
    generated column, because PostgreSQL refuses ``ALTER COLUMN … TYPE`` on columns a
    generated column uses, which would break later migrations of the schools app.

* **Queries become prefix terms.** The query is brought into the same form in Python;
  each word becomes a prefix term (``gymn*``) and all terms must match (AND). Longer
  words are first reduced by the Snowball German stemmer – but only when the stem is a
  prefix of the word, so "Gesamtschulen" searches ``gesamtschul*`` and "Muenster" stays
  ``muenster*``. Stemming happens only on the query side, with the ``simple`` text search
  configuration in PostgreSQL, so both databases compare the same tokens with the same
  prefix rule and return the same set of schools. Ranking is left to the caller, who
  orders by a deterministic key (name, Schulnummer, …).

SQLite's ``ALTER TABLE`` emulation (Django re-creates a table for most ``AlterField``
operations) drops the triggers of the re-created table; :func:`ensure_school_index`
restores them and rebuilds the index, and is safe to call at any time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.db import connections
from django.db.models.expressions import RawSQL

FTS_NAME = "core_school_fts"
SCHOOL_TABLE = "schools_school"
INDEXED_COLUMNS = ("schulnummer", "name", "kurzbezeichnung", "ort", "plz", "strasse")

# Characters the database spells out before tokenising; the query side uses the same map.
FOLD_MAP: tuple[tuple[str, str], ...] = (
    ("ä", "ae"),
    ("Ä", "ae"),
    ("ö", "oe"),
    ("Ö", "oe"),
    ("ü", "ue"),
    ("Ü", "ue"),
    ("ß", "ss"),
    ("ẞ", "ss"),
    ("é", "e"),
    ("É", "e"),
    ("è", "e"),
    ("È", "e"),
)

MAX_TERMS = 8
STEM_MIN_LENGTH = 7  # shorter words are used as typed ("Walder" must not become "wald")

_TOKEN = re.compile(r"[0-9a-z]+")


# --- Query side -------------------------------------------------------------------


def fold(text: str) -> str:
    """The canonical form of ``text``: umlauts spelled out, no accents, lower case."""
    for char, replacement in FOLD_MAP:
        text = text.replace(char, replacement)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text or ""))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("german")


def prefix_term(token: str) -> str:
    """The prefix one query word is searched with (stemmed only when that stays a prefix)."""
    if token.isdigit() or len(token) < STEM_MIN_LENGTH:
        return token
    stem = _stemmer().stemWord(token)
    if len(stem) >= 4 and token.startswith(stem):
        return stem
    return token


def search_terms(query: str) -> list[str]:
    terms: list[str] = []
    for token in tokens(query):
        term = prefix_term(token)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def school_ids_matching(query: str, *, using: str = "default") -> RawSQL | None:
    """A subquery of the ids of all schools matching ``query``; None for an empty query.

    Use as ``School.objects.filter(id__in=school_ids_matching("Gymn Boch"))``.
    """
    terms = search_terms(query)
    if not terms:
        return None
    if connections[using].vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        return RawSQL(
            f"SELECT id FROM {SCHOOL_TABLE} WHERE to_tsvector('simple'::regconfig, "
            f"{pg_document_sql(SCHOOL_TABLE)}) @@ to_tsquery('simple'::regconfig, %s)",
            (tsquery,),
        )
    match = " AND ".join(f'"{term}"*' for term in terms)
    return RawSQL(f"SELECT rowid FROM {FTS_NAME} WHERE {FTS_NAME} MATCH %s", (match,))


# --- Database side ------------------------------------------------------------------


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _document_sql(prefix: str) -> str:
    parts = [f"coalesce({prefix}.{column}, '')" for column in INDEXED_COLUMNS]
    expr = " || ' ' || ".join(parts)
    for char, replacement in FOLD_MAP:
        expr = f"replace({expr}, {_quote(char)}, {_quote(replacement)})"
    return expr


def sqlite_document_sql(prefix: str) -> str:
    """The text SQLite's FTS5 tokenizer (unicode61: lower-cases, splits) receives."""
    return _document_sql(prefix)


def pg_document_sql(prefix: str) -> str:
    """The text of the PostgreSQL index expression; must equal the migration's copy."""
    return f"regexp_replace(lower({_document_sql(prefix)}), '[^0-9a-z]+', ' ', 'g')"


def sqlite_trigger_sql() -> list[str]:
    insert = (
        f"INSERT INTO {FTS_NAME}(rowid, document) VALUES (new.id, {sqlite_document_sql('new')});"
    )
    delete = f"DELETE FROM {FTS_NAME} WHERE rowid = old.id;"
    columns = ", ".join(INDEXED_COLUMNS)
    return [
        f"CREATE TRIGGER IF NOT EXISTS {FTS_NAME}_ai AFTER INSERT ON {SCHOOL_TABLE} "
        f"BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_NAME}_au AFTER UPDATE OF {columns} "
        f"ON {SCHOOL_TABLE} BEGIN {delete} {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_NAME}_ad AFTER DELETE ON {SCHOOL_TABLE} "
        f"BEGIN {delete} END",
    ]


def sqlite_rebuild_sql() -> list[str]:
    return [
        f"DELETE FROM {FTS_NAME}",
        f"INSERT INTO {FTS_NAME}(rowid, document) "
        f"SELECT id, {sqlite_document_sql(SCHOOL_TABLE)} FROM {SCHOOL_TABLE}",
    ]


def ensure_school_index(*, using: str = "default") -> bool:
    """Re-create a missing search index (or its triggers) and rebuild it. True if repaired."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [FTS_NAME])
            if cursor.fetchone():
                return False
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {FTS_NAME} ON {SCHOOL_TABLE} USING GIN "
                f"(to_tsvector('simple'::regconfig, {pg_document_sql(SCHOOL_TABLE)}))"
            )
            return True
        if connection.vendor != "sqlite":
            return False
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
            [FTS_NAME, f"{FTS_NAME}_ai", f"{FTS_NAME}_au", f"{FTS_NAME}_ad"],
        )
        if cursor.fetchone()[0] == 4:
            return False
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_NAME} USING fts5("
            "document, tokenize = 'unicode61 remove_diacritics 2')"
        )
        for statement in sqlite_trigger_sql() + sqlite_rebuild_sql():
            cursor.execute(statement)
        return True
