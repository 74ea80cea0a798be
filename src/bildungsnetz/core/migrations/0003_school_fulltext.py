"""Full-text index over the school register, maintained by the database itself.

SQLite: FTS5 table ``core_school_fts`` + triggers on ``schools_school``.
PostgreSQL: GIN expression index ``core_school_fts`` on ``to_tsvector('simple', …)``.
The query side lives in ``bildungsnetz.core.fulltext``; this is a frozen copy of its SQL
(migrations do not import app code). A test checks that both still agree.
"""

from django.db import migrations

FTS = "core_school_fts"
TABLE = "schools_school"
COLUMNS = ("schulnummer", "name", "kurzbezeichnung", "ort", "plz", "strasse")
FOLD = (
    ("ä", "ae"), ("Ä", "ae"), ("ö", "oe"), ("Ö", "oe"), ("ü", "ue"), ("Ü", "ue"),
    ("ß", "ss"), ("ẞ", "ss"), ("é", "e"), ("É", "e"), ("è", "e"), ("È", "e"),
)


def _document(prefix):
    expr = " || ' ' || ".join(f"coalesce({prefix}.{c}, '')" for c in COLUMNS)
    for char, replacement in FOLD:
        expr = f"replace({expr}, '{char}', '{replacement}')"
    return expr


def _pg_document(prefix):
    return f"regexp_replace(lower({_document(prefix)}), '[^0-9a-z]+', ' ', 'g')"


def _sqlite_statements():
    insert = f"INSERT INTO {FTS}(rowid, document) VALUES (new.id, {_document('new')});"
    delete = f"DELETE FROM {FTS} WHERE rowid = old.id;"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
        "document, tokenize = 'unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF {', '.join(COLUMNS)} "
        f"ON {TABLE} BEGIN {delete} {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN {delete} END",
        f"DELETE FROM {FTS}",
        f"INSERT INTO {FTS}(rowid, document) SELECT id, {_document(TABLE)} FROM {TABLE}",
    ]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = _sqlite_statements()
    elif vendor == "postgresql":
        statements = [
            f"CREATE INDEX IF NOT EXISTS {FTS} ON {TABLE} USING GIN "
            f"(to_tsvector('simple'::regconfig, {_pg_document(TABLE)}))"
        ]
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for suffix in ("_ai", "_au", "_ad"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}{suffix}", params=None)
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}", params=None)
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {FTS}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
        ("schools", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
