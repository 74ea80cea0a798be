"""Import of the official school register "Schulgrunddaten NRW" (CSV from a path or a URL).

Three steps, one module each:

1. *Read the file* (``read_register`` in :mod:`.files`): encoding, ``sep=;`` line, delimiter,
   header and a truncated last row are checked before anything is written; a bad file is
   refused as a whole with a German :class:`RegisterFileError`.
2. *Parse each row* (``parse_row`` in :mod:`.rows`, pure): a row with a bad field becomes a
   :class:`RowError` naming the line, the CSV column and the reason; good rows become
   :class:`ParsedRow`.
3. *Write* (``import_register`` in :mod:`.writer`): in one transaction create new schools,
   update changed ones, close the ones missing from the file (never delete), refuse a mass
   closure, record an :class:`~bildungsnetz.schools.models.ImportRun` and the audit entry
   ``schools.register.imported``. History rows are written with simple_history's bulk helpers.

See docs/import.md for the file format and the rules.
"""

from .files import RegisterFileError, public_source
from .rows import (
    COLUMNS,
    UTM_EAST_RANGE,
    UTM_NORTH_RANGE,
    ParsedRow,
    ReferenceCodes,
    RowError,
    foerderschwerpunkte_from_kurzbezeichnung,
    join_name_lines,
    parse_row,
)
from .writer import ImportResult, Outcome, RowOutcome, import_register

__all__ = [
    "COLUMNS",
    "UTM_EAST_RANGE",
    "UTM_NORTH_RANGE",
    "ImportResult",
    "Outcome",
    "ParsedRow",
    "ReferenceCodes",
    "RegisterFileError",
    "RowError",
    "RowOutcome",
    "foerderschwerpunkte_from_kurzbezeichnung",
    "import_register",
    "join_name_lines",
    "parse_row",
    "public_source",
]
