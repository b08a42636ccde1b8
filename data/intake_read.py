"""Reading an uploaded file into a table of text, whatever Excel (or a person) wrote.

Everything is read as text and nothing in a file is evaluated: no formulas are computed (an .xlsx is
read with the values Excel cached), no type guessing, no pandas parser options. The table's row
numbers are the rows a spreadsheet shows for the same file (the first row is 1), so every problem
can be pointed at where the user will look for it.

Accepted:

* CSV with comma, semicolon or tab between fields; UTF-8 with or without a byte-order mark,
  UTF-16 with a byte-order mark (Excel's "Unicode text"), else Windows-1252 (Excel's "CSV");
* .xlsx (openpyxl): the sheet named ``data`` if there is one, else the first sheet.

The header row is the first non-empty row. Problems found while reading are returned as
``Problem`` values (defined here, shared by every step of the import); imports nothing of ours.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

__all__ = [
    "HEADER_ALIASES",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "Problem",
    "TextTable",
    "column_letter",
    "normalise_header",
    "read_table",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
# Far above a real quarter (33 indicators x 11 parts x a decade of quarters is under 15,000 rows);
# a bound so that a malformed workbook cannot keep the server busy for minutes.
MAX_ROWS = 200_000
# Rows read at most, blank ones included; more than MAX_ROWS data rows is refused anyway.
_MAX_RAW_ROWS = 2 * MAX_ROWS
MAX_CELL_SHOWN = 60

REQUIRED_COLUMNS = ("indicator_id", "part_id", "period", "value")
OPTIONAL_COLUMNS = ("flag", "note")
# Header spellings per column, compared after ``normalise_header``. Dutch headers as the template
# writes them; English ones as the exports write them.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator_id": ("indicator_id", "indicator"),
    "part_id": ("part_id", "part", "deel"),
    "period": ("period", "periode"),
    "value": ("value", "waarde"),
    "flag": ("flag", "vlag"),
    "note": ("note", "toelichting"),
}
_ALIAS_TO_COLUMN = {
    alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases
}
_DELIMITERS = (",", ";", "\t")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, where a spreadsheet user will find it.

    ``code`` names the rule (a translation key under ``intake.problem``); ``row`` is the row a
    spreadsheet shows (the header is row 1), ``column`` the header as written in the file and
    ``letter`` its spreadsheet column; ``value`` the offending cell's text, shortened. ``params``
    holds whatever else the message needs, as text. ``sheet`` names the sheet of a workbook with
    several (the catalogue's ``indicators`` / ``targets``); None for a one-table file.
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
    """The cells of a file as text: the header row and the non-blank data rows after it.

    ``columns`` maps each recognised column (``indicator_id`` ... ``note``) to its position;
    ``headers`` are the header cells as written. Each row is (spreadsheet row number, cells).
    """

    header_row: int
    headers: tuple[str, ...]
    columns: dict[str, int]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    blank_rows: int

    def header_of(self, column: str) -> str:
        return self.headers[self.columns[column]] or column

    def letter_of(self, column: str) -> str:
        return column_letter(self.columns[column])


def column_letter(position: int) -> str:
    """Spreadsheet column letters for a 0-based position: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def normalise_header(text: str) -> str:
    """Header text compared case-insensitively, trimmed, with spaces and hyphens as ``_``."""
    cleaned = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", cleaned)


def _too_many_rows() -> Problem:
    return Problem("too_many_rows", params=(("limit", str(MAX_ROWS)),))


def shorten(text: str) -> str:
    return text if len(text) <= MAX_CELL_SHOWN else text[: MAX_CELL_SHOWN - 1] + "…"


def read_table(data: bytes, file_name: str) -> tuple[TextTable | None, list[Problem]]:
    """The file's cells as text, or the problems that stop it from being read at all."""
    if not data.strip():
        return None, [Problem("empty_file")]
    if data.startswith(_XLSX_MAGIC) or file_name.lower().endswith((".xlsx", ".xlsm")):
        grid, problems = _xlsx_rows(data)
    elif data.startswith(_OLE2_MAGIC) or file_name.lower().endswith(".xls"):
        return None, [Problem("xls_not_supported")]
    else:
        grid, problems = _csv_rows(data)
    if problems:
        return None, problems
    return _table(grid)


def _table(grid: Iterable[tuple[int, list[str]]]) -> tuple[TextTable | None, list[Problem]]:
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
                return None, [_too_many_rows()]
            rows.append((number, tuple(cells)))
        else:
            blank += 1
    if not headers:
        return None, [Problem("empty_file")]

    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for position, header in enumerate(headers):
        column = _ALIAS_TO_COLUMN.get(normalise_header(header))
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
                )
            )
            continue
        columns[column] = position
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            problems.append(
                Problem(
                    "missing_column",
                    row=header_row,
                    column=column,
                    params=(("names", " / ".join(HEADER_ALIASES[column])),),
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
        known = sum(normalise_header(cell) in _ALIAS_TO_COLUMN for cell in cells)
        return known, len(cells)

    return max(_DELIMITERS, key=score)


def _csv_rows(data: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    text = _decode(data)
    if text is None:
        return [], [Problem("encoding")]
    if "\x00" in text:
        return [], [Problem("not_text")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    grid: list[tuple[int, list[str]]] = []
    # One CSV record is one spreadsheet row, even when a quoted note spans several lines.
    try:
        for cells in reader:
            grid.append((len(grid) + 1, cells))
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
    return str(value)


def _xlsx_rows(data: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    # Imported here: only .xlsx uploads pay for openpyxl.
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, styles): harmless.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            try:
                sheets = workbook.worksheets
                if not sheets:
                    return [], [Problem("xlsx_unreadable")]
                sheet = next((ws for ws in sheets if ws.title.strip().lower() == "data"), sheets[0])
                grid = list(_limited(sheet.iter_rows(min_row=1, values_only=True)))
            finally:
                workbook.close()
    except _TooManyRowsError:
        return [], [_too_many_rows()]
    except Exception:
        # Whatever fails inside openpyxl (a broken zip, missing parts, bad XML), the workbook
        # cannot be read; the user needs to know that, not the traceback.
        return [], [Problem("xlsx_unreadable")]
    return grid, []


class _TooManyRowsError(Exception):
    pass


def _limited(rows: Iterable[tuple[object, ...]]) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(rows, start=1):
        if number > _MAX_RAW_ROWS:
            raise _TooManyRowsError
        yield number, [_cell_text(value) for value in values]
