"""Reading a quarter file's CSV: its encoding, its delimiter, and its records as one table.

The rules are the ones ``data.intake_read``'s docstring lists for CSV; here is how they are read:

* Encoding: valid UTF-8 (a byte-order mark taken off) is UTF-8; UTF-16 needs its byte-order
  mark; otherwise bytes that hold valid multi-byte UTF-8 sequences as well as bytes that are not
  UTF-8 are refused (``encoding_mixed``), and the rest is Windows-1252 when it decodes as such.
* Delimiter: ``,`` ``;`` or tab, whichever makes the most of the first line's cells known column
  names (ties: the most cells), looking at most at the first ``_SNIFF_CHARS`` characters.
* Records: Python's csv reader in strict mode (a quote closes right before a delimiter or a line
  end), streamed: one record is one spreadsheet row; only the columns a kind reads are kept.

| function | returns |
|---|---|
| ``csv_table(data)`` | the file's one table (``KindTable``; None: no header), or its problems |
| ``decode(data)`` | the text, or the problem with its encoding |

Imports ``data.intake_read`` (the table being read, ``Problem``), ``data.intake_columns`` and
``data.dialects`` (``unneutralise``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from typing import Final

from data.dialects import unneutralise
from data.intake_columns import COLUMNS, FIGURES, normalise_header
from data.intake_read import (
    MAX_ROWS,
    KindTable,
    Problem,
    TableRows,
    any_filled,
    kind_of_header,
    too_many_rows,
)

__all__ = ["csv_table", "decode"]

# Records read at most, blank ones included; more than MAX_ROWS filled rows is refused anyway.
_MAX_RECORDS: Final = 2 * MAX_ROWS
_DELIMITERS: Final = (",", ";", "\t")
# The delimiter is told by the header: a header longer than this is refused anyway.
_SNIFF_CHARS: Final = 64 * 1024
# Every header spelling of every kind: what a CSV's delimiter is told by.
_ANY_ALIAS: Final = frozenset(
    normalise_header(alias)
    for columns in COLUMNS.values()
    for aliases in columns.aliases.values()
    for alias in aliases
)
# A valid multi-byte UTF-8 sequence (RFC 3629): what a Windows-1252 text practically never holds.
_UTF8_SEQUENCE: Final = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_LINE_END: Final = re.compile(r"\r\n|\r|\n")


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """The file's text by the encoding rules of the module docstring, or its problem."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, Problem("encoding")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        return None, Problem("encoding_mixed")
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return None, Problem("encoding")


def _first_line(text: str) -> str:
    """The first line that is not blank, of the first ``_SNIFF_CHARS`` characters."""
    for line in _LINE_END.split(text[:_SNIFF_CHARS]):
        if line.strip():
            return line
    return ""


def _delimiter(text: str) -> str:
    """The delimiter that makes the most of the header row's cells known column names."""
    line = _first_line(text)

    def score(delimiter: str) -> tuple[int, int]:
        # Not strict: a quote left open by the cut at _SNIFF_CHARS must not stop the count.
        cells = next(csv.reader([line], delimiter=delimiter), [])
        known = sum(normalise_header(cell) in _ANY_ALIAS for cell in cells)
        return known, len(cells)

    return max(_DELIMITERS, key=score)


def _records(
    text: str, delimiter: str, problems: list[Problem]
) -> Iterator[tuple[int, list[str], int]]:
    """(row, cells, lines) per record: the lines it spans. A record the csv reader cannot read
    ends the file with its problem in ``problems``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    lines = 0
    try:
        for cells in reader:
            number += 1
            if number > _MAX_RECORDS:
                problems.append(too_many_rows())
                return
            yield number, cells, reader.line_num - lines
            lines = reader.line_num
    except csv.Error as error:
        problems.append(_csv_problem(str(error), number + 1))


def _csv_problem(detail: str, row: int) -> Problem:
    if "field larger than field limit" in detail:
        return Problem("cell_too_large", row=row, params=(("limit", str(csv.field_size_limit())),))
    if "unexpected end of data" in detail:
        return Problem("quote_unclosed", row=row)
    if "expected after" in detail:
        return Problem("quote_malformed", row=row)
    return Problem("csv_malformed", row=row, params=(("detail", detail),))


def csv_table(data: bytes) -> tuple[KindTable | None, list[Problem]]:
    """The CSV file's one table (None: it has no header), or the problems that stop it."""
    text, problem = decode(data)
    if problem is not None:
        return None, [problem]
    assert text is not None
    if "\x00" in text:
        return None, [Problem("not_text")]
    delimiter = _delimiter(text)
    problems: list[Problem] = []
    records = _records(text, delimiter, problems)
    header = next(((row, cells) for row, cells, _ in records if any_filled(cells)), None)
    if header is None:
        return None, problems
    header_row, cells = header
    kind = kind_of_header(cells) or FIGURES
    table = TableRows(COLUMNS[kind], sheet=None)
    problems += table.header_columns(header_row, [unneutralise(cell) for cell in cells])
    if problems:
        return None, problems
    width = len(cells)  # as written: Excel writes every row as wide as its header
    for number, cells, lines in records:
        found = _row_problem(table, number, cells, lines, width=width, delimiter=delimiter)
        if found is not None:
            problems.append(found)
            continue
        if not table.add(number, tuple(unneutralise(cell) for cell in table.project(cells))):
            return None, [too_many_rows()]
    if problems:
        return None, problems
    return KindTable(kind, None, table.table()), []


def _row_problem(
    table: TableRows, number: int, cells: list[str], lines: int, *, width: int, delimiter: str
) -> Problem | None:
    """What makes a record unreadable without guessing, if anything (the module docstring)."""
    if lines > 1 and (len(cells) != width or _holds_a_row(cells, width, delimiter)):
        return Problem("quote_spans_rows", row=number)
    if len(cells) > width and any_filled(cells[width:]):
        return Problem(
            "row_too_wide", row=number, params=(("cells", str(len(cells))), ("width", str(width)))
        )
    if len(cells) < width and any_filled(cells) and table.content_empty(cells):
        others = [d for d in _DELIMITERS if d != delimiter and any(d in cell for cell in cells)]
        if others:
            return Problem(
                "row_delimiter",
                row=number,
                params=(("found", _shown(others[0])), ("used", _shown(delimiter))),
            )
    return None


def _holds_a_row(cells: list[str], width: int, delimiter: str) -> bool:
    """True when a line inside a cell spanning lines holds as many cells as a row: the cell's
    quote most likely swallowed the rows after it."""
    for cell in cells:
        inner = _LINE_END.split(cell)
        if any(line.count(delimiter) >= max(width - 1, 1) for line in inner[1:]):
            return True
    return False


def _shown(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter
