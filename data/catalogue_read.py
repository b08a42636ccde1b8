"""Reading a catalogue upload (or the page's edited tables) into two tables of text.

The same discipline as observation intake (``data.intake_read``): every cell is read as text,
nothing in a file is evaluated (an .xlsx is read with the values Excel cached; a formula without
one is a problem, never computed), and row numbers are the rows a spreadsheet shows (the header
is the first non-empty row). Two tables come out, one per data sheet of the workbook contract
(``data.catalogue_columns``); each ``Problem`` names its sheet by role, ``indicators`` or
``targets``, whatever language the file named it in (the message names it in the reader's).

Accepted:

* .xlsx: the sheets ``indicatoren``/``indicators`` and ``doelen``/``targets`` (either language,
  case-insensitive); any other sheet (the help sheet) is ignored;
* .zip holding ``indicatoren.csv`` + ``doelen.csv`` (or ``indicators.csv`` + ``targets.csv``), in
  UTF-8 with or without a byte-order mark, comma, semicolon or tab between fields;
* two frames with the workbook's columns (``tables_from_frames``, the page's edit): cells may be
  text or typed (numbers, None/NaN, ``scope`` as a list); row numbers are what the same content
  would have in a sheet (header row 1, the first row 2), so both paths report alike.

Bounds: the file at most ``MAX_FILE_BYTES``; the members of a zip (an .xlsx is one too) at most
``MAX_UNCOMPRESSED_BYTES`` together, uncompressed (a zip bomb is refused with a message, never
unpacked); at most ``MAX_SHEET_ROWS`` data rows a sheet. Every column of the contract is required
in the header except the targets' ``reason``; an unknown column is ignored with a warning.

| function | returns |
|---|---|
| ``read_catalogue(data, file_name)`` | (tables or None, problems, warnings) |
| ``tables_from_frames(indicators, targets)`` | the same, for frames |

Imports ``data.intake_read`` (``Problem``, ``TextTable``, header helpers),
``data.catalogue_columns`` and ``data.dialects`` (a CSV member's formula-neutralising apostrophe,
as the catalogue export writes it, is taken off).
"""

from __future__ import annotations

import csv
import io
import math
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePosixPath
from typing import Final

import pandas as pd

from data.catalogue_columns import (
    HEADER_ALIASES,
    INDICATOR_SHEET,
    SCOPE_SEPARATOR,
    TARGET_SHEET,
    WORKBOOK_INDICATOR_COLUMNS,
    WORKBOOK_TARGET_COLUMNS,
)
from data.dialects import unneutralise
from data.intake_read import (
    MAX_FILE_BYTES,
    Problem,
    TextTable,
    column_letter,
    normalise_header,
    shorten,
)

__all__ = [
    "COLUMNS",
    "INDICATORS",
    "MAX_FILE_BYTES",
    "MAX_SHEET_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "OPTIONAL_COLUMNS",
    "SHEETS",
    "TARGETS",
    "CatalogueTables",
    "read_catalogue",
    "tables_from_frames",
]

# The two data sheets by role (language-neutral; a Problem's ``sheet``).
INDICATORS: Final = "indicators"
TARGETS: Final = "targets"
SHEETS: Final = (INDICATORS, TARGETS)
COLUMNS: Final = {INDICATORS: WORKBOOK_INDICATOR_COLUMNS, TARGETS: WORKBOOK_TARGET_COLUMNS}
# A column a file may leave out (read as empty). Every other one is required: an absent column
# would otherwise read as empty cells and erase what is stored.
OPTIONAL_COLUMNS: Final = {INDICATORS: (), TARGETS: ("reason",)}

MAX_UNCOMPRESSED_BYTES: Final = 20 * 1024 * 1024
# Far above a real catalogue (a few hundred indicators, a dozen target rows each).
MAX_SHEET_ROWS: Final = 20_000
_MAX_RAW_ROWS: Final = 2 * MAX_SHEET_ROWS

# The names a sheet (or a CSV member, without .csv) may have, lower case.
_SHEET_NAMES: Final = {
    INDICATORS: frozenset(INDICATOR_SHEET.values()),
    TARGETS: frozenset(TARGET_SHEET.values()),
}
_ALIASES: Final = {
    sheet: {
        normalise_header(alias): column for column in columns for alias in HEADER_ALIASES[column]
    }
    for sheet, columns in COLUMNS.items()
}
_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
_DELIMITERS: Final = (",", ";", "\t")

Grid = list[tuple[int, list[str]]]


@dataclass(frozen=True)
class CatalogueTables:
    """The two data sheets as text tables (``TextTable.columns`` maps each contract column)."""

    indicators: TextTable
    targets: TextTable

    def table(self, sheet: str) -> TextTable:
        return self.indicators if sheet == INDICATORS else self.targets


Read = tuple[CatalogueTables | None, list[Problem], list[Problem]]


def _limit_mb(limit: int) -> str:
    return str(limit // 1024 // 1024)


def read_catalogue(data: bytes, file_name: str) -> Read:
    """The upload's two data sheets as text, or the problems that stop it being read; and the
    warnings (columns ignored). ``file_name`` helps tell an old .xls from the rest."""
    if not data.strip():
        return None, [Problem("empty_file")], []
    if len(data) > MAX_FILE_BYTES:
        params = (
            ("size_mb", f"{len(data) / 1024 / 1024:.1f}"),
            ("limit_mb", _limit_mb(MAX_FILE_BYTES)),
        )
        return None, [Problem("file_too_large", params=params)], []
    if data.startswith(_OLE2_MAGIC) or file_name.lower().endswith(".xls"):
        return None, [Problem("xls_not_supported")], []
    if not data.startswith(_ZIP_MAGIC):
        return None, [Problem("not_a_workbook")], []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None, [Problem("zip_unreadable")], []
    with archive:
        if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
            limit = (("limit_mb", _limit_mb(MAX_UNCOMPRESSED_BYTES)),)
            return None, [Problem("zip_too_large", params=limit)], []
        if any(member.filename == "xl/workbook.xml" for member in members):
            grids, problems = _xlsx_grids(data)
        else:
            grids, problems = _csv_grids(archive, members)
    if problems:
        return None, problems, []
    return _tables(grids)


def tables_from_frames(indicators: pd.DataFrame, targets: pd.DataFrame) -> Read:
    """The page's edited frames as the same text tables a file gives (header row 1)."""
    grids: dict[str, Grid] = {}
    for sheet, frame in ((INDICATORS, indicators), (TARGETS, targets)):
        if len(frame) > MAX_SHEET_ROWS:
            return None, [_too_many_rows(sheet)], []
        header = [str(column) for column in frame.columns]
        rows = [[_text_of(value) for value in row] for row in frame.itertuples(index=False)]
        grids[sheet] = [(1, header), *((number, cells) for number, cells in enumerate(rows, 2))]
    return _tables(grids)


# --- tables -----------------------------------------------------------------------------------


def _too_many_rows(sheet: str) -> Problem:
    return Problem("too_many_rows", sheet=sheet, params=(("limit", str(MAX_SHEET_ROWS)),))


def _tables(grids: dict[str, Grid]) -> Read:
    problems: list[Problem] = []
    warned: list[Problem] = []
    tables: dict[str, TextTable] = {}
    for sheet in SHEETS:
        table, found, warnings_ = _table(sheet, grids[sheet])
        problems += found
        warned += warnings_
        if table is not None:
            tables[sheet] = table
    if problems:
        return None, problems, warned
    return CatalogueTables(tables[INDICATORS], tables[TARGETS]), [], warned


def _table(sheet: str, grid: Grid) -> tuple[TextTable | None, list[Problem], list[Problem]]:
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
            if len(rows) == MAX_SHEET_ROWS:
                return None, [_too_many_rows(sheet)], []
            rows.append((number, tuple(cells)))
        else:
            blank += 1
    if not headers:
        return None, [Problem("sheet_empty", sheet=sheet)], []

    problems: list[Problem] = []
    unknown: list[Problem] = []
    columns: dict[str, int] = {}
    for position, header in enumerate(headers):
        if not header.strip():
            continue
        column = _ALIASES[sheet].get(normalise_header(header))
        where = {"sheet": sheet, "row": header_row, "column": header}
        if column is None:
            unknown.append(Problem("unknown_column", letter=column_letter(position), **where))
        elif column in columns:
            first = (("first", column_letter(columns[column])),)
            problems.append(
                Problem("duplicate_column", letter=column_letter(position), params=first, **where)
            )
        else:
            columns[column] = position
    for column in COLUMNS[sheet]:
        if column not in columns and column not in OPTIONAL_COLUMNS[sheet]:
            names = (("names", " / ".join(HEADER_ALIASES[column])),)
            problems.append(
                Problem("missing_column", sheet=sheet, row=header_row, column=column, params=names)
            )
    if problems:
        return None, problems, unknown
    width = len(headers)
    padded = tuple((number, tuple(cells) + ("",) * (width - len(cells))) for number, cells in rows)
    return TextTable(header_row, headers, columns, padded, blank), [], unknown


def _text_of(value: object) -> str:
    """A cell's text: what a typed value (from a workbook or a frame) reads as in a sheet."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, list | tuple | set | frozenset) or hasattr(value, "tolist"):
        parts = value.tolist() if hasattr(value, "tolist") else list(value)
        if not isinstance(parts, list):  # a numpy scalar
            return _text_of(parts)
        return SCOPE_SEPARATOR.join(_text_of(part) for part in parts)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


# --- xlsx -------------------------------------------------------------------------------------


class _TooManyRowsError(Exception):
    pass


def _sheet_role(title: str) -> str | None:
    name = title.strip().lower()
    return next((sheet for sheet in SHEETS if name in _SHEET_NAMES[sheet]), None)


def _roles(titles: Sequence[str]) -> tuple[dict[str, str], list[Problem]]:
    """Which sheet (or member) plays each role; a role found twice or not at all is a problem."""
    found: dict[str, list[str]] = {sheet: [] for sheet in SHEETS}
    for title in titles:
        role = _sheet_role(title)
        if role is not None:
            found[role].append(title)
    problems = []
    for sheet, titles_ in found.items():
        names = (("names", " / ".join(sorted(_SHEET_NAMES[sheet]))),)
        if not titles_:
            problems.append(Problem("sheet_missing", sheet=sheet, params=names))
        elif len(titles_) > 1:
            problems.append(
                Problem("sheet_twice", sheet=sheet, params=(("found", ", ".join(titles_)),))
            )
    return {sheet: titles_[0] for sheet, titles_ in found.items() if len(titles_) == 1}, problems


def _xlsx_grids(data: bytes) -> tuple[dict[str, Grid], list[Problem]]:
    # Imported here: only .xlsx uploads pay for openpyxl.
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, styles): harmless.
            warnings.simplefilter("ignore")
            # Twice: cached values (never evaluated), and the cells as written, to find a formula
            # that has no cached value (a workbook saved by a program that does not compute).
            values = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            formulas = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            try:
                roles, problems = _roles(values.sheetnames)
                if problems:
                    return {}, problems
                grids: dict[str, Grid] = {}
                for sheet, title in roles.items():
                    for workbook in (values, formulas):
                        # Else every row is padded to the sheet's declared size (a 1 KB file can
                        # declare 400,000 rows × 16,384 columns), and cut at it.
                        workbook[title].reset_dimensions()
                    rows = zip(
                        values[title].iter_rows(min_row=1),
                        formulas[title].iter_rows(min_row=1),
                        strict=False,
                    )
                    grid, found = _xlsx_sheet(sheet, rows)
                    grids[sheet] = grid
                    problems += found
            finally:
                values.close()
                formulas.close()
    except _TooManyRowsError as error:
        return {}, [_too_many_rows(str(error))]
    except Exception:
        # Whatever fails inside openpyxl (missing parts, bad XML), the workbook cannot be read;
        # the user needs to know that, not the traceback.
        return {}, [Problem("xlsx_unreadable")]
    return grids, problems


def _xlsx_sheet(
    sheet: str, rows: Iterable[tuple[tuple[object, ...], tuple[object, ...]]]
) -> tuple[Grid, list[Problem]]:
    grid: Grid = []
    problems: list[Problem] = []
    headers: list[str] = []
    for number, (cells, written) in enumerate(rows, start=1):
        if number > _MAX_RAW_ROWS:
            raise _TooManyRowsError(sheet)
        texts = [_text_of(getattr(cell, "value", None)) for cell in cells]
        for position, cell in enumerate(written):
            is_formula = getattr(cell, "data_type", None) == "f"
            if is_formula and (position >= len(texts) or texts[position] == ""):
                letter = column_letter(position)
                header = headers[position] if position < len(headers) else ""
                problems.append(
                    Problem(
                        "formula_without_value",
                        sheet=sheet,
                        row=number,
                        column=header.strip() or letter,
                        letter=letter,
                        value=shorten(str(cell.value)),
                    )
                )
        if not headers and any(text.strip() for text in texts):
            headers = texts
        grid.append((number, texts))
    return grid, problems


# --- CSV in a zip -----------------------------------------------------------------------------


def _csv_grids(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]
) -> tuple[dict[str, Grid], list[Problem]]:
    by_stem: dict[str, zipfile.ZipInfo] = {}
    for member in members:
        path = PurePosixPath(member.filename)
        if member.is_dir() or path.suffix.lower() != ".csv" or path.name.startswith("."):
            continue
        if "__MACOSX" in path.parts:
            continue
        by_stem.setdefault(path.stem, member)
    roles, problems = _roles(list(by_stem))
    if problems:
        return {}, problems
    grids: dict[str, Grid] = {}
    for sheet, stem in roles.items():
        try:
            with archive.open(by_stem[stem]) as handle:
                raw = handle.read(MAX_UNCOMPRESSED_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, OSError, NotImplementedError, EOFError):
            # A damaged or encrypted member.
            return {}, [Problem("zip_unreadable")]
        if len(raw) > MAX_UNCOMPRESSED_BYTES:
            limit = (("limit_mb", _limit_mb(MAX_UNCOMPRESSED_BYTES)),)
            return {}, [Problem("zip_too_large", params=limit)]
        grid, found = _csv_grid(sheet, raw)
        grids[sheet] = grid
        problems += found
    return grids, problems


def _delimiter(sheet: str, text: str) -> str:
    """The delimiter that makes the most of the header row's cells known column names."""
    # The header is in the first 64 KB; a longer line is cut there, so that sniffing stays
    # bounded and never meets the csv module's field limit (the reading reports that cell).
    line = next((line for line in text[:65_536].splitlines() if line.strip()), "")

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            return 0, 0
        known = sum(normalise_header(cell) in _ALIASES[sheet] for cell in cells)
        return known, len(cells)

    return max(_DELIMITERS, key=score)


def _csv_grid(sheet: str, raw: bytes) -> tuple[Grid, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem("encoding", sheet=sheet)]
    if "\x00" in text:
        return [], [Problem("not_text", sheet=sheet)]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(sheet, text))
    grid: Grid = []
    try:
        # One CSV record is one spreadsheet row, even when a quoted text spans several lines.
        for number, cells in enumerate(reader, start=1):
            # The catalogue's CSV export neutralises formula-like text; read it back as stored.
            grid.append((number, [unneutralise(cell) for cell in cells]))
            if len(grid) > _MAX_RAW_ROWS:
                return [], [_too_many_rows(sheet)]
    except csv.Error as error:
        detail = (("detail", str(error)),)
        return [], [Problem("csv_malformed", sheet=sheet, row=len(grid) + 1, params=detail)]
    return grid, []
