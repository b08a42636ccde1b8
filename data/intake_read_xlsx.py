"""Reading a quarter file's .xlsx: which sheets hold which kind of rows, and their cells as text.

The rules are the ones ``data.intake_read``'s docstring lists for .xlsx; here is how they are
read, in bounded memory and time:

* Before openpyxl sees the file, the zip's own directory is checked: all parts together may
  unpack to at most ``MAX_UNPACKED_BYTES``, a part other than a sheet to ``MAX_PART_BYTES``
  (zipfile never unpacks more than a part declares: beyond it, the part is broken).
* Each sheet is read twice, streaming (openpyxl read-only): the values Excel cached, with each
  cell's number format, and the cells as written, for a formula that has no cached value.
* The sheet's declared dimension is dropped (``reset_dimensions``): openpyxl would pad every row
  to it, and stop at its last row. Rows are read up to the last column the header needs (the
  header itself up to ``MAX_COLUMNS`` + 1), and at most Excel's 1,048,576 rows.

| function | returns |
|---|---|
| ``xlsx_tables(data)`` | the workbook's tables (``KindTable``) by kind, or its problems |

Imports ``data.intake_read`` (the table being read, ``Problem``), ``data.intake_columns`` and
``data.dialects`` (``unneutralise``); openpyxl only when called.
"""

from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Final

from data.dialects import unneutralise
from data.intake_columns import COLUMNS, FIGURES, ROW_KINDS
from data.intake_read import (
    MAX_COLUMNS,
    MAX_PART_BYTES,
    MAX_UNPACKED_BYTES,
    KindTable,
    Problem,
    Read,
    TableRows,
    any_filled,
    column_letter,
    kind_of_header,
    shorten,
    too_many_rows,
)

__all__ = ["xlsx_tables"]

# Where a workbook keeps its sheets (a part elsewhere is bounded by MAX_PART_BYTES).
_SHEET_PARTS: Final = "xl/worksheets/"
# Excel's own limit: a sheet with rows beyond it was not written by a spreadsheet.
_MAX_SHEET_ROWS: Final = 1_048_576
# Text that says a cell holds a whole row: the delimiters of a CSV line.
_ROW_DELIMITERS: Final = (",", ";", "\t")
# Parts of a number format that are shown as written: quoted text, an escaped character, and
# [colour] / [$currency] sections. A % elsewhere makes Excel show the number times 100.
_LITERAL_FORMAT: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')

# A sheet's header: (row, cells), or None when the sheet has none.
Header = tuple[int, tuple[str, ...]] | None


class _TooManyRowsError(Exception):
    def __init__(self, sheet: str) -> None:
        super().__init__(sheet)
        self.sheet = sheet


def xlsx_tables(data: bytes) -> Read:
    """The workbook's tables in the order of ``ROW_KINDS``, or the problems that stop it."""
    problem = _unpacked_problem(data)
    if problem is not None:
        return None, [problem]
    # Imported here: only .xlsx uploads pay for openpyxl.
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, styles): harmless.
            warnings.simplefilter("ignore")
            values = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            written = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            try:
                return _tables(values, written)
            finally:
                values.close()
                written.close()
    except _TooManyRowsError as error:
        return None, [too_many_rows(error.sheet)]
    except Exception:
        # Whatever fails inside openpyxl (a broken zip, missing parts, bad XML), the workbook
        # cannot be read; the user needs to know that, not the traceback.
        return None, [Problem("xlsx_unreadable")]


def _unpacked_problem(data: bytes) -> Problem | None:
    """The problem with the zip itself: unreadable, or unpacking to too much (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return Problem("xlsx_unreadable")
    unpacked = sum(part.file_size for part in parts)
    largest = max(
        (part.file_size for part in parts if not part.filename.startswith(_SHEET_PARTS)),
        default=0,
    )
    if unpacked > MAX_UNPACKED_BYTES or largest > MAX_PART_BYTES:
        limits = (
            ("limit_mb", str(MAX_UNPACKED_BYTES // 1024 // 1024)),
            ("part_mb", str(MAX_PART_BYTES // 1024 // 1024)),
        )
        return Problem("xlsx_too_large", params=limits)
    return None


def _named_kind(title: str) -> str | None:
    name = title.strip().lower()
    return next((kind for kind in ROW_KINDS if name in COLUMNS[kind].sheet_names), None)


def _tables(values: Any, written: Any) -> Read:
    """Each kind's sheet read as a table, by the sheet rules of ``data.intake_read``."""
    sheets = list(values.worksheets)
    if not sheets:
        return None, [Problem("xlsx_unreadable")]
    problems: list[Problem] = []
    found: dict[str, list[tuple[str, Header]]] = {}
    first: tuple[str, Header] | None = None
    for sheet in sheets:
        title = str(sheet.title)
        kind = _named_kind(title)
        if sheet.sheet_state != "visible":
            if kind is not None:
                problems.append(Problem("sheet_hidden", sheet=title))
            continue  # a hidden sheet (a template's lists, an old copy) is never read
        header = _header(sheet, written[title])
        if header is not None and first is None:
            first = (title, header)
        kind = kind or (kind_of_header(header[1]) if header else None)
        if kind is not None:
            found.setdefault(kind, []).append((title, header))
    if problems:
        return None, problems
    if not found:
        if first is None:
            names = ", ".join(str(sheet.title) for sheet in sheets)
            return None, [Problem("no_sheet", params=(("sheets", names),))]
        found[FIGURES] = [first]
    tables: list[KindTable] = []
    for kind in ROW_KINDS:
        named = found.get(kind, [])
        if len(named) > 1:
            titles = ", ".join(title for title, _ in named)
            problems.append(Problem("sheet_twice", sheet=named[1][0], params=(("sheets", titles),)))
            continue
        for title, header in named:
            if header is None:
                continue  # a sheet with no header is simply empty
            table, found_problems = _table(values[title], written[title], kind, title, header)
            problems += found_problems
            if table is not None:
                tables.append(table)
    if problems:
        return None, problems
    if not tables:
        return None, [Problem("empty_file")]
    return tuple(tables), []


def _header(values: Any, written: Any) -> Header:
    """The sheet's first row with a cell that is not empty, up to column ``MAX_COLUMNS`` + 1."""
    every = tuple(range(MAX_COLUMNS + 1))
    rows = _rows(values, written, min_row=1, positions=every, problems=[], headers=())
    try:
        for number, texts, _ in rows:
            if any_filled(texts):
                return number, texts
        return None
    finally:
        rows.close()


def _table(
    values: Any, written: Any, kind: str, title: str, header: tuple[int, tuple[str, ...]]
) -> tuple[KindTable | None, list[Problem]]:
    """The rows under the sheet's header as a table of ``kind``, or their problems."""
    header_row, cells = header
    table = TableRows(COLUMNS[kind], sheet=title)
    problems = table.header_columns(header_row, cells)
    if problems:
        return None, problems
    rows = _rows(
        values,
        written,
        min_row=header_row + 1,
        positions=table.positions,
        problems=problems,
        headers=table.headers,
    )
    for number, texts, numeric in rows:
        if table.content_empty(texts) and _row_in_one_cell(texts):
            position = next(i for i, text in enumerate(texts) if text.strip())
            problems.append(
                Problem(
                    "row_in_one_cell",
                    row=number,
                    column=table.headers[position],
                    letter=column_letter(position),
                    value=shorten(texts[position]),
                    sheet=title,
                )
            )
            continue
        if not table.add(number, texts, numeric):
            rows.close()
            return None, [too_many_rows(title)]
    if problems:
        return None, problems
    return KindTable(kind, title, table.table()), []


def _row_in_one_cell(texts: Sequence[str]) -> bool:
    """True when a row's only filled cell holds a delimiter: a CSV line pasted in one cell."""
    cells = [text for text in texts if text.strip()]
    return len(cells) == 1 and any(d in cells[0] for d in _ROW_DELIMITERS)


def _rows(
    values: Any,
    written: Any,
    *,
    min_row: int,
    positions: Sequence[int],
    problems: list[Problem],
    headers: Sequence[str],
) -> Iterator[tuple[int, tuple[str, ...], tuple[int, ...]]]:
    """(row, cells as text, positions stored as numbers) from ``min_row`` on: the cells at
    ``positions`` only ("" at any other), up to the last of them; () for an empty row.

    A formula without a cached value reads as its text; one without a text (a data table) is a
    problem appended to ``problems`` (``headers`` name its column).
    """
    width = max(positions, default=-1) + 1
    if width == 0:
        return
    for sheet in (values, written):
        sheet.reset_dimensions()  # else every row is padded to the declared size, and cut at it
    pairs = zip(
        values.iter_rows(min_row=min_row, max_col=width),
        written.iter_rows(min_row=min_row, max_col=width, values_only=True),
        strict=False,
    )
    title = str(values.title)
    for number, (cells, as_written) in enumerate(pairs, start=min_row):
        if number > _MAX_SHEET_ROWS:
            raise _TooManyRowsError(title)
        if as_written.count(None) == len(as_written):
            yield number, (), ()  # nothing at all: no value, no formula (counted, not looked at)
            continue
        texts = [""] * min(len(cells), width)
        numeric: list[int] = []
        for position in positions:
            if position >= len(texts):
                break
            value = cells[position].value
            if value is None:
                text = _formula_text(as_written[position])
                if text is None:
                    problems.append(_formula_problem(number, position, headers, title))
                    continue
                texts[position] = text
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                numeric.append(position)
                if _is_percent(cells[position].number_format):
                    texts[position] = _percent_text(value)
                    continue
            texts[position] = _cell_text(value)
        yield number, tuple(texts), tuple(numeric)


def _formula_text(as_written: object) -> str | None:
    """The text of a cell without a cached value: "" when empty, the formula as written, or
    None for a formula that has no text (a data table)."""
    if as_written is None:
        return ""
    if isinstance(as_written, str):
        return as_written
    text = getattr(as_written, "text", None)  # an array formula: its text, as Excel shows it
    return text if isinstance(text, str) and text else None


def _formula_problem(number: int, position: int, headers: Sequence[str], title: str) -> Problem:
    letter = column_letter(position)
    header = headers[position] if position < len(headers) else ""
    return Problem(
        "formula_without_value",
        row=number,
        column=header.strip() or letter,
        letter=letter,
        sheet=title,
    )


def _is_percent(number_format: str) -> bool:
    """True when Excel shows a number in this format times 100 with a % sign."""
    return "%" in _LITERAL_FORMAT.sub("", number_format or "")


def _percent_text(value: float) -> str:
    """A percentage as the user sees it: the number times 100, shortest decimal text, then %
    (0.68 -> ``68%``, 0.685 -> ``68.5%``, 1 -> ``100%``)."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format((number * 100).normalize(), "f")
    return f"{text}%"


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return unneutralise(str(value))
