"""Reading an uploaded quarter file into tables of text, one per kind of rows it carries.

Everything is read as text and nothing in a file is evaluated: no formulas are computed (an .xlsx is
read with the values Excel cached), no type guessing, no pandas parser options. The table's row
numbers are the rows a spreadsheet shows for the same file (the first row is 1), so every problem
can be pointed at where the user will look for it.

Accepted:

* CSV with comma, semicolon or tab between fields; UTF-8 with or without a byte-order mark,
  UTF-16 with a byte-order mark (Excel's "Unicode text"), else Windows-1252 (Excel's "CSV").
  One kind of rows a file, recognised by its header (``data.intake_columns``: an indicator
  column is figures, a priority column actions, an action line column duiding); figures when
  the header names none of them (so that its missing columns are named).
* .xlsx (openpyxl): every sheet named for a kind (``data``, ``acties`` / ``actions``,
  ``duiding`` / ``narrative``, any case); a visible sheet with another name is read as the kind
  its header names, if any (a help sheet names none and is ignored). With no sheet of any kind,
  the first visible sheet is read as figures. A hidden sheet is read only when named for a kind.
  Two sheets holding the same kind are refused (``sheet_twice``): which one was meant is not
  guessed. A sheet with no header, or only blank rows under it, is simply empty. A cell is read
  as the value Excel cached; a formula without one (a workbook written by a program that does
  not compute, such as openpyxl) as the formula's text, as written.

In every cell, one leading apostrophe before a formula start (= + - @ tab) is taken off: it is
how the monitor's own exports and templates neutralise such text, so what they wrote reads back
as what was stored. Any other text is read as written.

The header row of a table is its first non-empty row. Problems found while reading are returned
as ``Problem`` values (defined here, shared by every step of the import), with ``sheet`` the
sheet's name as the workbook shows it (None for a CSV file).

| function | returns |
|---|---|
| ``read_file(data, file_name)`` | the file's tables (``KindTable``), or the problems that stop it |
| ``column_letter(position)`` | spreadsheet letters of a 0-based column |

Imports ``data.intake_columns`` (the contract) and ``data.dialects`` (``unneutralise``).
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from data.dialects import unneutralise
from data.intake_columns import COLUMNS, FIGURES, ROW_KINDS, Columns, normalise_header

__all__ = [
    "HEADER_ALIASES",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "KindTable",
    "Problem",
    "TextTable",
    "column_letter",
    "normalise_header",
    "read_file",
    "shorten",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
# Far above a real quarter (33 indicators x 11 parts x a decade of quarters is under 15,000 rows);
# a bound so that a malformed workbook cannot keep the server busy for minutes.
MAX_ROWS = 200_000
# Rows read at most, blank ones included; more than MAX_ROWS data rows is refused anyway.
_MAX_RAW_ROWS = 2 * MAX_ROWS
MAX_CELL_SHOWN = 60

# The figures' columns, as the template (``data.template``) names them.
REQUIRED_COLUMNS = COLUMNS[FIGURES].required
OPTIONAL_COLUMNS = COLUMNS[FIGURES].optional
HEADER_ALIASES: dict[str, tuple[str, ...]] = COLUMNS[FIGURES].aliases

# Every header spelling of every kind: what a CSV's delimiter is guessed by.
_ANY_ALIAS = frozenset(
    normalise_header(alias)
    for columns in COLUMNS.values()
    for aliases in columns.aliases.values()
    for alias in aliases
)
_DELIMITERS = (",", ";", "\t")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls

Grid = list[tuple[int, list[str]]]


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
    header cells as written. Each row is (spreadsheet row number, cells). ``numeric`` holds the
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


def _too_many_rows(sheet: str | None = None) -> Problem:
    return Problem("too_many_rows", sheet=sheet, params=(("limit", str(MAX_ROWS)),))


def shorten(text: str) -> str:
    return text if len(text) <= MAX_CELL_SHOWN else text[: MAX_CELL_SHOWN - 1] + "…"


Read = tuple[tuple[KindTable, ...] | None, list[Problem]]


def read_file(data: bytes, file_name: str) -> Read:
    """The file's tables of text in the order of ``ROW_KINDS``, or the problems that stop it from
    being read at all."""
    if not data.strip():
        return None, [Problem("empty_file")]
    if data.startswith(_XLSX_MAGIC) or file_name.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_tables(data)
    if data.startswith(_OLE2_MAGIC) or file_name.lower().endswith(".xls"):
        return None, [Problem("xls_not_supported")]
    grid, problems = _csv_rows(data)
    if problems:
        return None, problems
    kind = _kind_of_header(_header(grid)) or FIGURES
    table, problems = _table(grid, COLUMNS[kind], sheet=None)
    if problems:
        return None, problems
    if table is None:
        return None, [Problem("empty_file")]
    return (KindTable(kind, None, table),), []


def _header(grid: Iterable[tuple[int, list[str]]]) -> list[str]:
    return next((cells for _, cells in grid if any(cell.strip() for cell in cells)), [])


def _kind_of_header(header: Sequence[str]) -> str | None:
    """The first kind (in ``ROW_KINDS`` order) whose marker column the header names, if any."""
    for kind in ROW_KINDS:
        columns = COLUMNS[kind]
        if any(columns.column_of(cell) == columns.marker for cell in header):
            return kind
    return None


def _table(
    grid: Iterable[tuple[int, list[str]]], spec: Columns, *, sheet: str | None
) -> tuple[TextTable | None, list[Problem]]:
    """The grid as a table of ``spec``'s kind; None (and no problem) when it has no header."""
    header_row = 0
    headers: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[str, ...]]] = []
    blank = 0
    for number, cells in grid:
        if not headers:
            if any(cell.strip() for cell in cells):
                header_row, headers = number, tuple(cells)
            continue
        if any(cell.strip() for cell in cells):
            if len(rows) == MAX_ROWS:
                return None, [_too_many_rows(sheet)]
            rows.append((number, tuple(cells)))
        else:
            blank += 1
    if not headers:
        return None, []

    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for position, header in enumerate(headers):
        column = spec.column_of(header)
        if column is None:
            continue  # other columns (the template's hints, a user's own notes) are ignored
        if column in columns:
            problems.append(
                Problem(
                    "duplicate_column",
                    row=header_row,
                    column=header,
                    letter=column_letter(position),
                    params=(("first", column_letter(columns[column])),),
                    sheet=sheet,
                )
            )
            continue
        columns[column] = position
    for column in spec.required:
        if column not in columns:
            problems.append(
                Problem(
                    "missing_column",
                    row=header_row,
                    column=column,
                    params=(("names", " / ".join(spec.aliases[column])),),
                    sheet=sheet,
                )
            )
    if problems:
        return None, problems
    width = len(headers)
    padded = tuple((number, tuple(cells) + ("",) * (width - len(cells))) for number, cells in rows)
    return TextTable(header_row, headers, columns, padded, blank), []


# --- CSV --------------------------------------------------------------------------------------


def _decode(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        # What Excel writes: UTF-8 ("CSV UTF-8") or the Windows code page ("CSV").
        candidates = ("utf-8", "cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _delimiter(text: str) -> str:
    """The delimiter that makes the most of the header row's cells known column names."""
    line = _first_line(text)

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        known = sum(normalise_header(cell) in _ANY_ALIAS for cell in cells)
        return known, len(cells)

    return max(_DELIMITERS, key=score)


def _csv_rows(data: bytes) -> tuple[Grid, list[Problem]]:
    text = _decode(data)
    if text is None:
        return [], [Problem("encoding")]
    if "\x00" in text:
        return [], [Problem("not_text")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    grid: Grid = []
    # One CSV record is one spreadsheet row, even when a quoted note spans several lines.
    try:
        for cells in reader:
            grid.append((len(grid) + 1, [unneutralise(cell) for cell in cells]))
            if len(grid) > _MAX_RAW_ROWS:
                return [], [_too_many_rows()]
    except csv.Error as error:
        return [], [Problem("csv_malformed", row=len(grid) + 1, params=(("detail", str(error)),))]
    return grid, []


# --- xlsx -------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return unneutralise(str(value))


def _named_kind(title: str) -> str | None:
    name = title.strip().lower()
    return next((kind for kind in ROW_KINDS if name in COLUMNS[kind].sheet_names), None)


def _xlsx_tables(data: bytes) -> Read:
    # Imported here: only .xlsx uploads pay for openpyxl.
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, styles): harmless.
            warnings.simplefilter("ignore")
            # Twice: the values Excel cached, and the cells as written, for a formula that has no
            # cached value (a workbook written by a program that does not compute).
            values = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            written = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            try:
                found = _sheets_by_kind(values.worksheets, written)
            finally:
                values.close()
                written.close()
    except _TooManyRowsError as error:
        return None, [_too_many_rows(error.sheet)]
    except Exception:
        # Whatever fails inside openpyxl (a broken zip, missing parts, bad XML), the workbook
        # cannot be read; the user needs to know that, not the traceback.
        return None, [Problem("xlsx_unreadable")]
    if found is None:
        return None, [Problem("xlsx_unreadable")]
    problems: list[Problem] = []
    tables: list[KindTable] = []
    for kind in ROW_KINDS:
        sheets = found.get(kind, [])
        if len(sheets) > 1:
            names = ", ".join(title for title, _ in sheets)
            problems.append(Problem("sheet_twice", sheet=sheets[1][0], params=(("sheets", names),)))
            continue
        for title, grid in sheets:
            table, found_problems = _table(grid, COLUMNS[kind], sheet=title)
            problems += found_problems
            if table is not None:
                tables.append(KindTable(kind, title, table))
    if problems:
        return None, problems
    if not tables:
        return None, [Problem("empty_file")]
    return tuple(tables), []


def _sheets_by_kind(
    sheets: Sequence[Any], written: Any
) -> dict[str, list[tuple[str, Grid]]] | None:
    """Each kind's sheets (title, grid) by the rules of the module docstring; None: no sheets.

    ``written`` is the same workbook read with formulas as written.
    """
    if not sheets:
        return None

    def grid_of(sheet: Any) -> Grid:
        return list(_grid(sheet, written[sheet.title]))

    found: dict[str, list[tuple[str, Grid]]] = {}
    visible = [sheet for sheet in sheets if sheet.sheet_state == "visible"]
    for sheet in sheets:
        title = str(sheet.title)
        kind = _named_kind(title)
        if kind is None and sheet not in visible:
            continue  # a hidden sheet (a template's lists) is read only when named for a kind
        grid = grid_of(sheet)
        kind = kind or _kind_of_header(_header(grid))
        if kind is not None:
            found.setdefault(kind, []).append((title, grid))
    if not found:
        first = (visible or list(sheets))[0]
        found[FIGURES] = [(str(first.title), grid_of(first))]
    return found


class _TooManyRowsError(Exception):
    def __init__(self, sheet: str) -> None:
        super().__init__(sheet)
        self.sheet = sheet


def _grid(values: Any, written: Any) -> Iterator[tuple[int, list[str]]]:
    """A sheet's cells as text: the cached value, or for a formula without one the formula as
    written (read as text like any other: it is never computed)."""
    rows = zip(
        values.iter_rows(min_row=1, values_only=True),
        written.iter_rows(min_row=1, values_only=True),
        strict=False,
    )
    for number, (cells, as_written) in enumerate(rows, start=1):
        if number > _MAX_RAW_ROWS:
            raise _TooManyRowsError(str(values.title))
        texts = [_cell_text(value) for value in cells]
        for position, value in enumerate(as_written[: len(texts)]):
            if cells[position] is None and isinstance(value, str) and value.startswith("="):
                texts[position] = value
        yield number, texts
