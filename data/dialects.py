"""CSV dialects and formula neutralising: one home for how the monitor writes text files.

Two dialects, decided once for every file the monitor writes (exports, templates, the log):

* ``standard``: comma, decimal point, UTF-8 without BOM.
* ``excel-nl``: semicolon, decimal comma, UTF-8 with BOM, so Dutch Excel opens it in columns.

Both end lines with LF (``\\n``): DuckDB's COPY writes LF, Excel and LibreOffice read it, and the
same rule for the export and the template means a template and an export of the same rows differ
only where their columns do.

A text cell that starts with ``= + - @``, a tab or a carriage return is a formula to a spreadsheet
(CSV injection): it is written with a leading apostrophe. ``neutralise`` does that in Python,
``neutralise_sql`` in DuckDB (for COPY); ``unneutralise`` takes it off again where the monitor
reads back a CSV it wrote (the catalogue's CSV form). Imports nothing of ours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

__all__ = [
    "DIALECTS",
    "DIALECT_NAMES",
    "FORMULA_PREFIXES",
    "LINE_TERMINATOR",
    "UTF8_BOM",
    "CsvDialect",
    "dialect",
    "neutralise",
    "neutralise_sql",
    "number_text",
    "unneutralise",
]

UTF8_BOM: Final = b"\xef\xbb\xbf"
LINE_TERMINATOR: Final = "\n"
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvDialect:
    name: str
    delimiter: str
    decimal_separator: str
    bom: bool


DIALECTS: Final = {
    "standard": CsvDialect("standard", delimiter=",", decimal_separator=".", bom=False),
    "excel-nl": CsvDialect("excel-nl", delimiter=";", decimal_separator=",", bom=True),
}
DIALECT_NAMES: Final = tuple(DIALECTS)


def dialect(name: str) -> CsvDialect:
    """The dialect called ``name``; ValueError naming the known ones otherwise."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise ValueError(f"dialect {name!r} is not one of {', '.join(DIALECTS)}") from None


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unneutralise(text: str) -> str:
    """``neutralise`` undone: one leading apostrophe off when a formula start follows it (after
    any further apostrophes), so a file the monitor wrote reads back as what was stored.

    Exact for every text when the writer also gives a text that starts with apostrophes before
    a formula start one more apostrophe (the catalogue's CSV form does).
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


# starts_with() joined by OR: an IN list becomes a hash join per column, several times slower.
_SQL_STARTS: Final = tuple(
    {"\t": "chr(9)", "\r": "chr(13)"}.get(prefix, f"'{prefix}'") for prefix in FORMULA_PREFIXES
)


def neutralise_sql(column: str) -> str:
    """``neutralise`` as a DuckDB expression over ``column`` (an identifier from our constants)."""
    formula = " OR ".join(f"starts_with({column}, {start})" for start in _SQL_STARTS)
    # Every formula character sorts before 'A', so one comparison settles most cells (a name, a
    # unit) and only the rest are tested one by one: about a third of the cost on a large file.
    return f"CASE WHEN {column} < 'A' AND ({formula}) THEN '''' || {column} ELSE {column} END"


def number_text(value: object, csv_dialect: CsvDialect) -> str:
    """A stored number exactly (shortest round-trip form) in the dialect; '' for none or NaN."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    number = float(value)
    text = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if "e" in text:
        text = f"{number:f}"
    return text.replace(".", csv_dialect.decimal_separator)
