"""Writing the catalogue workbook: the indicators and targets as an .xlsx, or as CSVs in a .zip.

One format for export, import and editing in Excel (``data.catalogue_columns`` is the contract).
The .xlsx holds the indicators sheet, the targets sheet and a help sheet, named in the
workbook's language; the CSV form is one .zip with the same two tables as CSV files, so a script
downloads, edits and uploads one file. Exporting and then importing the file unchanged changes
nothing.

| function | returns |
|---|---|
| ``catalogue_workbook(con, *, lang, texts, vintage=None)`` | the .xlsx's bytes |
| ``catalogue_csv_zip(con, *, lang, vintage=None)`` | the .zip's bytes (two CSV files) |
| ``catalogue_file_name(lang, fmt)`` | ``catalogus.xlsx``, ``catalogue-csv.zip``, ... |
| ``WorkbookTexts`` | what the help sheet says, translated by the caller |
| ``EXAMPLE_WORKBOOK`` | the example workbook: the illustrative catalogue, no targets |

How cells are written
---------------------
* The header row is the canonical column names in both languages (``WORKBOOK_*_COLUMNS``).
* ``scope`` is its part ids joined by ``;``; an empty value is an empty cell; numbers are number
  cells (``decimals`` an integer), periods and codes text.
* Text is never a formula. In the .xlsx every text cell is a string cell (an inline string): Excel
  shows ``=x`` as the text ``=x`` and never runs it, and the import, reading cached values as
  text, gets exactly what was written. In the CSVs a text that starts with ``= + - @``, a tab
  or a carriage return gets a leading apostrophe (``data.dialects.neutralise``), as in every CSV
  the monitor writes (and a text that starts with apostrophes before such a character one
  more); the catalogue import takes one off again (``data.dialects.unneutralise``).
* The enumerated columns, the action line and the part get drop-downs (list validation) down
  to row ``VALIDATED_ROWS``, so rows a user adds get them too.

Deterministic: the same catalogue gives the same bytes. Every time stamp in the file (the
workbook's created/modified, each zip member's) is the newest ``recorded_at`` of the catalogue
versions known at the vintage (``_EMPTY_CATALOGUE_AT`` for an empty catalogue).

data/ never translates: the help texts come in as ``WorkbookTexts`` (``ui.catalogue_labels``
builds them). Imports ``data.catalogue``, ``data.catalogue_columns``, ``data.dialects`` and
``data.sql``.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypedDict

import duckdb
import pandas as pd

from data.catalogue import catalogue_frames
from data.catalogue_columns import (
    ALLOWED_VALUES,
    HELP_SHEET,
    INDICATOR_SHEET,
    SCOPE_SEPARATOR,
    TARGET_SHEET,
    WORKBOOK_INDICATOR_COLUMNS,
    WORKBOOK_TARGET_COLUMNS,
)
from data.dialects import FORMULA_PREFIXES, LINE_TERMINATOR, dialect, number_text
from data.sql import frame

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "CATALOGUE_FILE_NAMES",
    "CATALOGUE_FORMATS",
    "EXAMPLE_WORKBOOK",
    "VALIDATED_ROWS",
    "WorkbookTexts",
    "catalogue_csv_zip",
    "catalogue_file_name",
    "catalogue_workbook",
    "csv_member_names",
]

CATALOGUE_FORMATS: Final = ("xlsx", "csv")
# The file a download or ``cli.py catalogue export`` writes, per language and format.
CATALOGUE_FILE_NAMES: Final = {
    ("nl", "xlsx"): "catalogus.xlsx",
    ("en", "xlsx"): "catalogue.xlsx",
    ("nl", "csv"): "catalogus-csv.zip",
    ("en", "csv"): "catalogue-csv.zip",
}
# The illustrative catalogue as a workbook (made by ``make example-workbook``; the demo loads it).
EXAMPLE_WORKBOOK: Final = Path(__file__).resolve().parent / "examples" / "voorbeeldcatalogus.xlsx"
# Drop-downs reach this row, far below any catalogue's last, so added rows get them too.
VALIDATED_ROWS: Final = 2000
# The time stamp of a workbook with no catalogue versions yet: the strategy's start.
_EMPTY_CATALOGUE_AT: Final = datetime(2023, 1, 1)

_CSV_SPECIALS: Final = (",", '"', "\r", "\n")
_NUMBER_COLUMNS: Final = frozenset({"decimals", "valid_min", "valid_max"})
_TARGET_NUMBER_COLUMNS: Final = frozenset({"baseline_value", "target_value"})
_INDICATOR_WIDTHS: Final = {
    "indicator_id": 12,
    "action_line_id": 10,
    "name_nl": 40,
    "name_en": 40,
    "definition_nl": 60,
    "definition_en": 60,
    "unit_nl": 20,
    "unit_en": 20,
    "direction": 11,
    "target_type": 14,
    "method": 10,
    "frequency": 12,
    "aggregation": 24,
    "decimals": 10,
    "valid_min": 11,
    "valid_max": 11,
    "scope": 28,
    "source": 36,
    "owner": 30,
    "reference": 30,
    "retired_from": 13,
}
_TARGET_WIDTHS: Final = {
    "indicator_id": 12,
    "part_id": 10,
    "baseline_period": 16,
    "baseline_value": 15,
    "target_period": 14,
    "target_value": 13,
    "reason": 50,
}
_HELP_WIDTHS: Final = (18, 26, 100)

_NEWEST_VERSION_SQL = """
SELECT max(recorded_at) AS newest
FROM (
    SELECT recorded_at FROM indicator_versions
    UNION ALL
    SELECT recorded_at FROM target_versions
)
WHERE $vintage IS NULL OR recorded_at <= $vintage
"""

_ACTION_LINES_SQL = """
SELECT action_line_id AS id, name_nl, name_en FROM action_lines ORDER BY sort_order
"""

_PARTS_SQL = """
SELECT part_id AS id, name_nl, name_en FROM kingdom_parts ORDER BY sort_order
"""


class WorkbookTexts(TypedDict):
    """What the help sheet says and the drop-downs answer, in the workbook's language.

    A plain dict at run time (the ui layer builds it without importing data/):

    * ``title``: the help sheet's heading; ``intro``: its paragraphs, one a row.
    * ``columns_heading`` and ``column_headers`` (sheet, column, meaning): the table of columns;
      ``indicator_columns`` / ``target_columns``: every column's meaning, by column name.
    * ``values_heading`` and ``value_headers`` (column, value, meaning): the allowed values;
      ``values``: per enumerated column (``ALLOWED_VALUES``) every code's meaning.
    * ``ids_heading`` and ``id_headers`` (column, id, name): the action lines and the parts.
    * ``invalid_title`` / ``invalid_message``: what Excel says when a drop-down is overruled.
    """

    title: str
    intro: Sequence[str]
    columns_heading: str
    column_headers: Sequence[str]
    indicator_columns: Mapping[str, str]
    target_columns: Mapping[str, str]
    values_heading: str
    value_headers: Sequence[str]
    values: Mapping[str, Mapping[str, str]]
    ids_heading: str
    id_headers: Sequence[str]
    invalid_title: str
    invalid_message: str


def catalogue_file_name(lang: str, fmt: str) -> str:
    """The file name of the catalogue in ``lang`` as ``fmt`` (``xlsx`` or ``csv``)."""
    try:
        return CATALOGUE_FILE_NAMES[(lang, fmt)]
    except KeyError:
        raise ValueError(
            f"no catalogue file for language {lang!r} and format {fmt!r}; "
            f"formats: {', '.join(CATALOGUE_FORMATS)}"
        ) from None


def csv_member_names(lang: str) -> tuple[str, str]:
    """The two CSV files in the .zip: (indicators, targets), named like the sheets."""
    return f"{INDICATOR_SHEET[lang]}.csv", f"{TARGET_SHEET[lang]}.csv"


# --- the catalogue as cell values -----------------------------------------------------------


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT


def _scope_text(scope: object) -> str | None:
    # A list (or array) of part ids from the catalogue; nothing when it holds none.
    if not isinstance(scope, Iterable) or isinstance(scope, str):
        return None
    return SCOPE_SEPARATOR.join(str(part) for part in scope) or None


def _cell(column: str, value: object, numbers: frozenset[str]) -> object:
    """One value as a cell holds it: None, an int or float, or text."""
    if column == "scope":
        return _scope_text(value)
    if _is_empty(value):
        return None
    if column in numbers:
        number = float(value)
        return int(number) if column == "decimals" else number
    return str(value)


def _xlsx_text(value: object) -> object:
    """A cell value as an .xlsx may hold it: control characters XML cannot carry (never typed
    on purpose; they can only come from a CSV) are left out rather than failing the export."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _rows(table: pd.DataFrame, columns: Sequence[str], numbers: frozenset[str]) -> list[list]:
    return [
        [_cell(column, value, numbers) for column, value in zip(columns, row, strict=True)]
        for row in table[list(columns)].itertuples(index=False, name=None)
    ]


def _catalogue(
    con: duckdb.DuckDBPyConnection, vintage: datetime | None
) -> tuple[list[list], list[list], datetime]:
    """The indicator rows, the target rows and the catalogue's time stamp at ``vintage``."""
    indicators, targets = catalogue_frames(con, vintage=vintage)
    newest = frame(con, _NEWEST_VERSION_SQL, {"vintage": vintage})["newest"].iloc[0]
    stamp = _EMPTY_CATALOGUE_AT if _is_empty(newest) else pd.Timestamp(newest).to_pydatetime()
    return (
        _rows(indicators, WORKBOOK_INDICATOR_COLUMNS, _NUMBER_COLUMNS),
        _rows(targets, WORKBOOK_TARGET_COLUMNS, _TARGET_NUMBER_COLUMNS),
        stamp.replace(microsecond=0, tzinfo=None),
    )


# --- deterministic zips ---------------------------------------------------------------------


def _zip_time(stamp: datetime) -> tuple[int, int, int, int, int, int]:
    # A zip stores local date and time from 1980 on, in two-second steps.
    stamp = max(stamp, datetime(1980, 1, 1))
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second // 2 * 2)


def _zip(members: Iterable[tuple[str, bytes]], stamp: datetime) -> bytes:
    """A zip of ``members`` in the order given, each stamped ``stamp``; nothing else varies."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_zip_time(stamp))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # the platform writing it would otherwise show in the bytes
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


# --- CSV ------------------------------------------------------------------------------------


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return number_text(value, dialect("standard"))
    text = str(value)
    # ``data.dialects.neutralise``, and also one more apostrophe before apostrophes that
    # precede a formula start, so that the import's ``unneutralise`` gives back exactly the
    # stored text.
    return "'" + text if text.lstrip("'").startswith(FORMULA_PREFIXES) else text


def _csv_field(text: str) -> str:
    # Quoted when it holds a comma, a quote or a line break of either kind. The csv module
    # would leave a lone CR unquoted (it only quotes the line terminator's own characters),
    # and every reader then ends the row there.
    if any(special in text for special in _CSV_SPECIALS):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_bytes(columns: Sequence[str], rows: list[list]) -> bytes:
    lines = [",".join(_csv_field(column) for column in columns)]
    lines += [",".join(_csv_field(_csv_text(value)) for value in row) for row in rows]
    return "".join(line + LINE_TERMINATOR for line in lines).encode("utf-8")


def catalogue_csv_zip(
    con: duckdb.DuckDBPyConnection, *, lang: str, vintage: datetime | None = None
) -> bytes:
    """The catalogue at ``vintage`` (None: now) as one .zip of two CSV files, named in ``lang``
    (``indicatoren.csv`` + ``doelen.csv`` or ``indicators.csv`` + ``targets.csv``), members in
    name order; UTF-8 without BOM, comma, LF, the canonical header row."""
    indicators, targets, stamp = _catalogue(con, vintage)
    indicator_name, target_name = csv_member_names(lang)
    members = {
        indicator_name: _csv_bytes(WORKBOOK_INDICATOR_COLUMNS, indicators),
        target_name: _csv_bytes(WORKBOOK_TARGET_COLUMNS, targets),
    }
    return _zip(sorted(members.items()), stamp)


# --- xlsx -----------------------------------------------------------------------------------


def _check_texts(texts: WorkbookTexts) -> None:
    """Every column and every allowed value must be explained: a gap is a bug, not a blank."""
    missing = [c for c in WORKBOOK_INDICATOR_COLUMNS if not texts["indicator_columns"].get(c)]
    missing += [c for c in WORKBOOK_TARGET_COLUMNS if not texts["target_columns"].get(c)]
    missing += [
        f"{column}={code}"
        for column, codes in ALLOWED_VALUES.items()
        for code in codes
        if not texts["values"].get(column, {}).get(code)
    ]
    if missing:
        raise ValueError(f"workbook texts explain nothing for: {', '.join(missing)}")


def _write_cells(sheet: Worksheet, rows: Iterable[Sequence[object]]) -> None:
    from openpyxl.cell.cell import TYPE_STRING

    for row in rows:
        sheet.append([_xlsx_text(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # A string cell, even when the text looks like a formula: never run, read back
                # exactly as written.
                cell.data_type = TYPE_STRING


def _data_sheet(
    sheet: Worksheet,
    columns: Sequence[str],
    rows: list[list],
    widths: Mapping[str, int],
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    _write_cells(sheet, [list(columns)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    _write_cells(sheet, rows)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    for position, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = widths[column]


def _drop_down(
    sheet: Worksheet,
    columns: Sequence[str],
    column: str,
    choices: Sequence[str],
    texts: WorkbookTexts,
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(columns.index(column) + 1)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=texts["invalid_title"],
        error=texts["invalid_message"],
    )
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    sheet.add_data_validation(validation)


def _help_rows(
    texts: WorkbookTexts, lang: str, ids: Mapping[str, list[tuple[str, str]]]
) -> list[tuple[str, list[object]]]:
    """The help sheet's rows, each with its kind: title, paragraph, heading, header, entry."""
    rows: list[tuple[str, list[object]]] = [("title", [texts["title"]])]
    rows += [("paragraph", [paragraph]) for paragraph in texts["intro"]]
    rows += [("blank", []), ("heading", [texts["columns_heading"]])]
    rows += [("header", list(texts["column_headers"]))]
    for sheet_name, columns, meanings in (
        (INDICATOR_SHEET[lang], WORKBOOK_INDICATOR_COLUMNS, texts["indicator_columns"]),
        (TARGET_SHEET[lang], WORKBOOK_TARGET_COLUMNS, texts["target_columns"]),
    ):
        rows += [("entry", [sheet_name, column, meanings[column]]) for column in columns]
    rows += [("blank", []), ("heading", [texts["values_heading"]])]
    rows += [("header", list(texts["value_headers"]))]
    for column, codes in ALLOWED_VALUES.items():
        rows += [("entry", [column, code, texts["values"][column][code]]) for code in codes]
    rows += [("blank", []), ("heading", [texts["ids_heading"]])]
    rows += [("header", list(texts["id_headers"]))]
    for column, entries in ids.items():
        rows += [("entry", [column, code, name]) for code, name in entries]
    return rows


def _lines(text: object, width: float) -> int:
    # Excel does not fit a row to wrapped text by itself: estimate the lines (a character of
    # the default font is about one width unit).
    return max(1, math.ceil(len(str(text or "")) / width))


def _help_sheet(
    sheet: Worksheet,
    texts: WorkbookTexts,
    lang: str,
    ids: Mapping[str, list[tuple[str, str]]],
) -> None:
    from openpyxl.styles import Alignment, Font

    rows = _help_rows(texts, lang, ids)
    _write_cells(sheet, [cells for _, cells in rows])
    wrapped = Alignment(wrap_text=True, vertical="top")
    full_width = sum(_HELP_WIDTHS)
    for number, (kind, cells) in enumerate(rows, start=1):
        if kind == "title":
            sheet.cell(number, 1).font = Font(bold=True, size=14)
        elif kind in ("heading", "header"):
            for cell in sheet[number]:
                cell.font = Font(bold=True)
        elif kind == "paragraph":
            # One paragraph across the three columns, wrapped.
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=3)
            sheet.cell(number, 1).alignment = wrapped
            sheet.row_dimensions[number].height = 15 * _lines(cells[0], full_width)
        elif kind == "entry":
            sheet.cell(number, 3).alignment = wrapped
            sheet.row_dimensions[number].height = 15 * _lines(cells[2], _HELP_WIDTHS[2])
    for letter, width in zip("ABC", _HELP_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width


def _ids(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, list[tuple[str, str]]]:
    """The action lines and parts a catalogue may name, with their names in ``lang``."""
    lines = frame(con, _ACTION_LINES_SQL)
    parts = frame(con, _PARTS_SQL)
    name = f"name_{lang}"
    return {
        "action_line_id": list(zip(lines["id"], lines[name], strict=True)),
        "part_id": list(zip(parts["id"], parts[name], strict=True)),
    }


def catalogue_workbook(
    con: duckdb.DuckDBPyConnection,
    *,
    lang: str,
    texts: WorkbookTexts,
    vintage: datetime | None = None,
) -> bytes:
    """The catalogue at ``vintage`` (None: now) as an .xlsx in ``lang``: the indicators sheet,
    the targets sheet and the help sheet ``texts`` fills (``ValueError`` if it leaves a column
    or an allowed value unexplained)."""
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    if lang not in INDICATOR_SHEET:
        raise ValueError(f"unknown workbook language {lang!r}")
    _check_texts(texts)
    indicators, targets, stamp = _catalogue(con, vintage)
    ids = _ids(con, lang)

    workbook = openpyxl.Workbook()
    indicator_sheet = workbook.active
    indicator_sheet.title = INDICATOR_SHEET[lang]
    _data_sheet(indicator_sheet, WORKBOOK_INDICATOR_COLUMNS, indicators, _INDICATOR_WIDTHS)
    for column, choices in ALLOWED_VALUES.items():
        _drop_down(indicator_sheet, WORKBOOK_INDICATOR_COLUMNS, column, choices, texts)
    action_lines = [code for code, _ in ids["action_line_id"]]
    _drop_down(indicator_sheet, WORKBOOK_INDICATOR_COLUMNS, "action_line_id", action_lines, texts)

    target_sheet = workbook.create_sheet(TARGET_SHEET[lang])
    _data_sheet(target_sheet, WORKBOOK_TARGET_COLUMNS, targets, _TARGET_WIDTHS)
    parts = [code for code, _ in ids["part_id"]]
    _drop_down(target_sheet, WORKBOOK_TARGET_COLUMNS, "part_id", parts, texts)

    _help_sheet(workbook.create_sheet(HELP_SHEET[lang]), texts, lang, ids)

    workbook.properties.creator = None
    workbook.properties.title = texts["title"]
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps "modified" with the clock.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:
        members = [
            (info.filename, _keep_carriage_returns(info.filename, written.read(info)))
            for info in written.infolist()
        ]
    return _zip(members, stamp)


def _keep_carriage_returns(name: str, xml: bytes) -> bytes:
    """A sheet's XML with every carriage return as a character reference.

    openpyxl writes a CR in a cell's text as it is, and an XML reader turns a raw CR into a
    line feed; ``&#13;`` survives, so the import reads back exactly what was stored. Only cell
    text can hold a CR (openpyxl's own markup has none).
    """
    if not name.startswith("xl/worksheets/"):
        return xml
    return xml.replace(b"\r", b"&#13;")
