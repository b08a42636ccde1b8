"""Reading an uploaded quarter file into tables of text, one per kind of rows it carries.

Everything is read as text and nothing in a file is evaluated: no formulas are computed (an .xlsx is
read with the values Excel cached), no type guessing, no pandas parser options. The table's row
numbers are the rows a spreadsheet shows for the same file (the first row is 1), so every problem
can be pointed at where the user will look for it. What cannot be read without guessing is a
problem, never a skipped row.

Accepted (``data.intake_read_csv``):

* CSV with comma, semicolon or tab between fields (the one that makes the most of the first
  line's cells known column names); UTF-8 with or without a byte-order mark, UTF-16 with a
  byte-order mark (Excel's "Unicode text"), else Windows-1252 (Excel's "CSV"). Bytes that are
  partly UTF-8 and partly not are refused (``encoding_mixed``): the names would come out garbled.
  One kind of rows a file, recognised by its header (``data.intake_columns``: an indicator
  column is figures, a priority column actions, an action line column duiding); figures when
  the header names none of them (so that its missing columns are named).
* Quotes as Excel writes them: a quoted cell closes right before a delimiter or a line end, and
  may span lines (a note of several lines is one row). A quote that never closes
  (``quote_unclosed``), closes inside a cell (``quote_malformed``), or spans lines of which one
  looks like a row of its own or leaves its row not as wide as the header (``quote_spans_rows``)
  is reported at the row where it opens. A row with text beyond the header's columns
  (``row_too_wide``) is reported, and so is a row left without any value, flag or note (what would
  be skipped as unfilled) that is narrower than the header and holds another delimiter
  (``row_delimiter``: written with ``,`` in a ``;`` file, say). A cell longer than the csv
  module's field limit (131,072 characters) is ``cell_too_large``.

Accepted (``data.intake_read_xlsx``):

* .xlsx (openpyxl, read-only, row by row): every visible sheet named for a kind (``data``,
  ``acties`` / ``actions``, ``duiding`` / ``narrative``, any case); a visible sheet with another
  name is read as the kind its header names, if any (a help sheet names none and is ignored).
  With no sheet of any kind, the first visible sheet with a header is read as figures; with
  none, the problem lists the workbook's sheets (``no_sheet``). A hidden sheet is never read: one
  named for a kind is reported (``sheet_hidden``), any other ignored (a template's lists). Two
  sheets holding the same kind are refused (``sheet_twice``): which one was meant is not guessed.
  A sheet with no header, or only blank rows under it, is simply empty. A cell is read as the
  value Excel cached; a formula without one (a workbook written by a program that does not
  compute, such as openpyxl) as the formula's text, as written, or, for a formula that has no
  text (a data table), reported (``formula_without_value``). A cell stored as a number is
  marked in ``TextTable.numeric``; one formatted as a percentage reads as shown (0.68 -> ``68%``).
  A row without any value, flag or note whose one filled cell holds a delimiter (a CSV line
  pasted into one cell) is reported (``row_in_one_cell``), not skipped as unfilled.
* The sheet's declared size is ignored (rows beyond it are read, a huge one costs nothing); rows
  up to Excel's 1,048,576, cells beyond column ``MAX_COLUMNS`` are not read. A workbook that
  unpacks to more than ``MAX_UNPACKED_BYTES``, or with a part other than a sheet (shared strings,
  styles) over ``MAX_PART_BYTES``, is refused unread (``xlsx_too_large``: a zip bomb).

In every cell, one leading apostrophe before a formula start (= + - @ tab) is taken off: it is
how the monitor's own exports and templates neutralise such text, so what they wrote reads back
as what was stored. Any other text is read as written.

The header row of a table is its first non-empty row; it may have at most ``MAX_COLUMNS`` columns
(``too_many_columns``). Only the columns a kind reads are kept of each row, and at most
``MAX_ROWS`` filled rows (``too_many_rows``), so memory stays bounded by the file's size. Problems
found while reading are returned as ``Problem`` values (defined here, shared by every step of the
import), with ``sheet`` the sheet's name as the workbook shows it (None for a CSV file).

| function | returns |
|---|---|
| ``read_file(data, file_name)`` | the file's tables (``KindTable``), or the problems that stop it |
| ``column_letter(position)`` | spreadsheet letters of a 0-based column |
| ``TableRows(spec, sheet=)`` | a table being read row by row (for the two readers) |
| ``kind_of_header(header)`` | the kind a header names by its marker column, if any |
| ``any_filled(cells)``, ``header_width(header)`` | a row with text; a header's columns |
| ``too_many_rows(sheet)``, ``shorten(text)`` | the row-limit problem; a cell as problems show it |

Imports ``data.intake_columns`` (the contract); ``read_file`` calls ``data.intake_read_csv`` and
``data.intake_read_xlsx``, which build on this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from data.intake_columns import COLUMNS, FIGURES, ROW_KINDS, Columns, normalise_header

__all__ = [
    "HEADER_ALIASES",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "KindTable",
    "Problem",
    "TableRows",
    "TextTable",
    "any_filled",
    "column_letter",
    "header_width",
    "kind_of_header",
    "normalise_header",
    "read_file",
    "shorten",
    "too_many_rows",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
# Far above a real quarter (33 indicators x 11 parts x a decade of quarters is under 15,000 rows);
# a bound so that a malformed workbook cannot keep the server busy for minutes.
MAX_ROWS = 200_000
# A header's columns at most: a template has a dozen; a row is never kept wider than the last
# column a kind reads, but a header this wide is a broken file, not a quarter.
MAX_COLUMNS = 1000
# What an .xlsx may unpack to, all its parts together, and any part but a sheet (the shared
# strings, the styles: openpyxl holds those whole, once per reading, and builds an object per
# style). A real quarter workbook is a few MB; these bound openpyxl's time and memory.
MAX_UNPACKED_BYTES = 24 * 1024 * 1024
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_CELL_SHOWN = 60

# The figures' columns, as the template (``data.template``) names them.
REQUIRED_COLUMNS = COLUMNS[FIGURES].required
OPTIONAL_COLUMNS = COLUMNS[FIGURES].optional
HEADER_ALIASES: dict[str, tuple[str, ...]] = COLUMNS[FIGURES].aliases

_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, where a spreadsheet user will find it.

    ``code`` names the rule (a translation key under ``intake.problem``); ``row`` is the row a
    spreadsheet shows (the header is row 1), ``column`` the header as written in the file and
    ``letter`` its spreadsheet column; ``value`` the offending cell's text, shortened. ``params``
    holds whatever else the message needs, as text. ``sheet`` names the sheet of a workbook
    (the quarter file: as the workbook names it; the catalogue's: ``indicators`` / ``targets``);
    None for a CSV file or a problem of the whole file.
    """

    code: str
    row: int | None = None
    column: str | None = None
    letter: str | None = None
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    sheet: str | None = None

    @property
    def parameters(self) -> dict[str, str]:
        return dict(self.params)

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (self.row or 0, self.letter or "", self.code)


@dataclass(frozen=True)
class TextTable:
    """The cells of one table as text: the header row and the non-blank data rows after it.

    ``columns`` maps each recognised column of its kind to its position; ``headers`` are the
    header cells as written. Each row is (spreadsheet row number, cells): cells by header
    position, only the recognised columns' (any other is ""), and no further than the last
    recognised column: a row may be shorter (``cell``: "" beyond its end). ``numeric`` holds the
    (spreadsheet row, column position) of every cell a workbook stored as a number (a CSV has
    none): its text is the number itself, not something a person typed, so it is never
    ambiguous. A number formatted as a percentage is given as the user sees it (``68%``).
    """

    header_row: int
    headers: tuple[str, ...]
    columns: dict[str, int]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    blank_rows: int
    numeric: frozenset[tuple[int, int]] = frozenset()

    def cell(self, cells: Sequence[str], column: str) -> str:
        """The text of ``column`` in a row's ``cells`` ("" where the row ends before it)."""
        position = self.columns[column]
        return cells[position] if position < len(cells) else ""

    def header_of(self, column: str) -> str:
        return self.headers[self.columns[column]] or column

    def letter_of(self, column: str) -> str:
        return column_letter(self.columns[column])


@dataclass(frozen=True)
class KindTable:
    """One kind of rows in a file: the ``kind``, the sheet it came from (None: a CSV) and its
    table."""

    kind: str
    sheet: str | None
    table: TextTable


def column_letter(position: int) -> str:
    """Spreadsheet column letters for a 0-based position: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def too_many_rows(sheet: str | None = None) -> Problem:
    return Problem("too_many_rows", sheet=sheet, params=(("limit", str(MAX_ROWS)),))


def shorten(text: str) -> str:
    return text if len(text) <= MAX_CELL_SHOWN else text[: MAX_CELL_SHOWN - 1] + "…"


Read = tuple[tuple[KindTable, ...] | None, list[Problem]]


def read_file(data: bytes, file_name: str) -> Read:
    """The file's tables of text in the order of ``ROW_KINDS``, or the problems that stop it from
    being read at all."""
    # Imported here: the readers build on this module's types (and only .xlsx pays for openpyxl).
    from data.intake_read_csv import csv_table
    from data.intake_read_xlsx import xlsx_tables

    if not data.strip():
        return None, [Problem("empty_file")]
    if data.startswith(_XLSX_MAGIC) or file_name.lower().endswith((".xlsx", ".xlsm")):
        return xlsx_tables(data)
    if data.startswith(_OLE2_MAGIC) or file_name.lower().endswith(".xls"):
        return None, [Problem("xls_not_supported")]
    found, problems = csv_table(data)
    if problems:
        return None, problems
    if found is None:
        return None, [Problem("empty_file")]
    return (found,), []


def kind_of_header(header: Sequence[str]) -> str | None:
    """The first kind (in ``ROW_KINDS`` order) whose marker column the header names, if any."""
    for kind in ROW_KINDS:
        columns = COLUMNS[kind]
        if any(columns.column_of(cell) == columns.marker for cell in header):
            return kind
    return None


def any_filled(cells: Sequence[str]) -> bool:
    """True when a row has a cell that is not empty (spaces are empty)."""
    return any(cell.strip() for cell in cells)


def header_width(header: Sequence[str]) -> int:
    """The header's columns: up to its last cell that is not empty."""
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    return width


class TableRows:
    """A table being read row by row, keeping only what the checks need.

    ``header_columns`` is called once with the header row; then ``add`` with every later row.
    Only the recognised columns' cells are kept (a cell of any other column reads as ""), cut
    after the last recognised column: a wide row never costs more than the columns a kind
    reads. A row whose recognised cells are all empty is counted as blank.
    """

    def __init__(self, spec: Columns, *, sheet: str | None) -> None:
        self.spec = spec
        self.sheet = sheet
        self.header_row = 0
        self.headers: tuple[str, ...] = ()
        self.columns: dict[str, int] = {}
        self.positions: tuple[int, ...] = ()
        self.width = 0
        self.rows: list[tuple[int, tuple[str, ...]]] = []
        self.numeric: set[tuple[int, int]] = set()
        self.blank = 0

    def header_columns(self, header_row: int, headers: Sequence[str]) -> list[Problem]:
        """Take the header row: each recognised column's position, or the problems with it
        (too many columns, a column twice, a required one missing)."""
        width = header_width(headers)
        self.header_row, self.headers = header_row, tuple(headers[:width])
        if width > MAX_COLUMNS:
            limit = (("limit", str(MAX_COLUMNS)),)
            return [Problem("too_many_columns", row=header_row, params=limit, sheet=self.sheet)]
        problems: list[Problem] = []
        for position, header in enumerate(headers):
            column = self.spec.column_of(header)
            if column is None:
                continue  # other columns (the template's hints, a user's own notes) are ignored
            if column in self.columns:
                problems.append(
                    Problem(
                        "duplicate_column",
                        row=header_row,
                        column=header,
                        letter=column_letter(position),
                        params=(("first", column_letter(self.columns[column])),),
                        sheet=self.sheet,
                    )
                )
                continue
            self.columns[column] = position
        for column in self.spec.required:
            if column not in self.columns:
                problems.append(
                    Problem(
                        "missing_column",
                        row=header_row,
                        column=column,
                        params=(("names", " / ".join(self.spec.aliases[column])),),
                        sheet=self.sheet,
                    )
                )
        self.positions = tuple(sorted(self.columns.values()))
        self.width = self.positions[-1] + 1 if self.positions else 0
        return problems

    def content_empty(self, cells: Sequence[str]) -> bool:
        """True when every content column's cell (value, flag, note for figures) is empty."""
        return not any(
            self.columns[column] < len(cells) and cells[self.columns[column]].strip()
            for column in self.spec.content
            if column in self.columns
        )

    def add(self, number: int, kept: tuple[str, ...], numeric: Iterable[int] = ()) -> bool:
        """Keep row ``number``'s cells as ``project`` gives them (``numeric``: the positions
        stored as numbers); False when the table already holds ``MAX_ROWS`` rows."""
        if not any_filled(kept):
            self.blank += 1
            return True
        if len(self.rows) == MAX_ROWS:
            return False
        self.rows.append((number, kept))
        self.numeric.update((number, position) for position in numeric)
        return True

    def project(self, cells: Sequence[str]) -> tuple[str, ...]:
        """The row's cells at the recognised positions ("" at any other), cut after the last
        recognised column (a shorter row stays shorter)."""
        kept = [""] * min(len(cells), self.width)
        for position in self.positions:
            if position < len(kept):
                kept[position] = cells[position]
        return tuple(kept)

    def table(self) -> TextTable:
        return TextTable(
            self.header_row,
            self.headers,
            self.columns,
            tuple(self.rows),
            self.blank,
            frozenset(self.numeric),
        )
