"""The quarter template: what a part's reporting units report for a quarter, as .xlsx or CSV.

Three kinds of rows (``data.template_columns``), each with hints the import ignores:

* ``figures``: one row per indicator x reporting unit that the quarter expects
  (``data.submission_status``; an indicator retired from that quarter or earlier has no row),
  with the latest earlier value as a hint, so a coordinator types the new value beside it;
* ``actions`` and ``narratives``: the open actions of the units under the part and the duiding
  per action line and unit (``data.action_template``).

| function | gives |
|---|---|
| ``template_rows(con, part_id=, quarter=, lang=)`` | the figures' rows |
| ``quarter_template(con, part_id=, quarter=, lang=)`` | a ``QuarterTemplate``: every kind |
| ``template_bytes(rows, kind=, lang=, dialect=, hint_headers=)`` | one kind as CSV |
| ``template_workbook(template, lang=, hint_headers=)`` | the .xlsx with a sheet per kind |
| ``template_file(template, file_format=, kind=, ...)`` | either: what the Data page offers |

The headers are the ones the import reads back, in Dutch or English; hint columns are named by
the caller (``hint_headers``, the ui layer translates) and refused when the import would read one
as a data column. Hint cells are written as the rows hold them: the ui layer words an action's
last status and picks the duiding's language first. CSV comes in the dialects of
``data.dialects`` (``standard``, ``excel-nl``), with LF line ends and formula-neutralised text,
like the export; in the .xlsx a text that looks like a formula is a text cell, never a formula.
The .xlsx offers drop-downs of the flags (``TEMPLATE_FLAGS``) and of the action statuses
(``TEMPLATE_ACTION_STATUSES``): the first word of each in ``metrics.constants``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import duckdb
import pandas as pd

from data.action_template import action_template_rows, narrative_template_rows, open_actions
from data.dialects import (
    FORMULA_PREFIXES,
    LINE_TERMINATOR,
    UTF8_BOM,
    CsvDialect,
    neutralise,
    number_text,
)
from data.dialects import dialect as csv_dialect_named
from data.intake_read import HEADER_ALIASES, normalise_header
from data.sql import frame
from data.submission_status import expects, reporting_scope
from data.template_columns import (
    DATA_COLUMNS,
    HINT_COLUMNS,
    SHEET_NAMES,
    TEMPLATE_ACTION_STATUSES,
    TEMPLATE_FLAGS,
    TEMPLATE_HEADERS,
    TEMPLATE_KINDS,
)
from data.versions import newest_versions_sql

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = [
    "HINT_COLUMNS",
    "TEMPLATE_ACTION_STATUSES",
    "TEMPLATE_FLAGS",
    "TEMPLATE_HEADERS",
    "TEMPLATE_KINDS",
    "QuarterTemplate",
    "quarter_template",
    "template_bytes",
    "template_file",
    "template_rows",
    "template_workbook",
]

# Per indicator and unit, the value of the latest period before the quarter (newest version).
_EARLIER_VERSIONS_SQL = newest_versions_sql(
    "observations",
    key=("indicator_id", "part_id", "period"),
    columns=("value",),
    where="period < $quarter",
)
_PREVIOUS_SQL = f"""
WITH current_versions AS (
{_EARLIER_VERSIONS_SQL})

SELECT
    indicator_id,
    part_id,
    arg_max(period, period) AS previous_period,
    arg_max(value, period) AS previous_value
FROM current_versions
GROUP BY indicator_id, part_id
"""


def template_rows(
    con: duckdb.DuckDBPyConnection, *, part_id: str, quarter: str, lang: str
) -> pd.DataFrame:
    """The rows a unit under ``part_id`` is expected to fill in for ``quarter``.

    Columns: indicator_id, part_id, period, value, flag, note (empty to fill in) and the hints
    indicator_name, part_name, unit (in ``lang``), previous_period, previous_value.
    """
    scope = reporting_scope(con, part_id)
    wanted = pd.Series(
        [
            expects(frequency, retired_from, quarter)
            for frequency, retired_from in zip(
                scope["frequency"], scope["retired_from"], strict=True
            )
        ],
        index=scope.index,
        dtype=bool,
    )
    # A boolean Series, not a list: an empty list would select columns (an empty catalogue).
    scope = scope.loc[wanted]
    # Every version recorded so far counts ($vintage NULL): the hint is what is known now.
    previous = frame(con, _PREVIOUS_SQL, {"quarter": quarter, "vintage": None})
    rows = scope.merge(previous, on=["indicator_id", "part_id"], how="left")
    return pd.DataFrame(
        {
            "indicator_id": rows["indicator_id"],
            "part_id": rows["part_id"],
            "period": quarter,
            "value": "",
            "flag": "",
            "note": "",
            "indicator_name": rows[f"name_{lang}"],
            "part_name": rows[f"part_name_{lang}"],
            "unit": rows[f"unit_{lang}"],
            "previous_period": rows["previous_period"]
            .astype(object)
            .where(rows["previous_period"].notna(), ""),
            "previous_value": rows["previous_value"]
            .astype(object)
            .where(rows["previous_value"].notna(), None),
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class QuarterTemplate:
    """The rows of every kind one part reports for one quarter (``quarter_template``)."""

    part_id: str
    quarter: str
    figures: pd.DataFrame
    actions: pd.DataFrame
    narratives: pd.DataFrame

    def rows(self, kind: str) -> pd.DataFrame:
        if kind not in TEMPLATE_KINDS:
            raise ValueError(f"unknown template kind {kind!r}; expected one of {TEMPLATE_KINDS}")
        return getattr(self, kind)

    @property
    def counts(self) -> dict[str, int]:
        """How many rows of each kind."""
        return {kind: len(self.rows(kind)) for kind in TEMPLATE_KINDS}

    @property
    def empty(self) -> bool:
        return not any(self.counts.values())


def quarter_template(
    con: duckdb.DuckDBPyConnection, *, part_id: str, quarter: str, lang: str
) -> QuarterTemplate:
    """The figures, actions and duiding units under ``part_id`` report for ``quarter``."""
    # Both kinds of action rows start from the same actions (two quarters' action states).
    asked = {"part_id": part_id, "quarter": quarter, "lang": lang}
    opened = open_actions(con, part_id, quarter)
    return QuarterTemplate(
        part_id=part_id,
        quarter=quarter,
        figures=template_rows(con, **asked),
        actions=action_template_rows(con, **asked, opened=opened),
        narratives=narrative_template_rows(con, **asked, opened=opened),
    )


# Every spelling the import reads as a data column: a hint header must be none of them.
_DATA_HEADERS: Final = frozenset(
    normalise_header(header)
    for headers in (
        *HEADER_ALIASES.values(),
        *DATA_COLUMNS.values(),
        *(spelling for by_lang in TEMPLATE_HEADERS.values() for spelling in by_lang.values()),
    )
    for header in headers
)


def _headers(kind: str, lang: str, hint_headers: Mapping[str, str]) -> list[str]:
    headers = list(TEMPLATE_HEADERS[kind][lang])
    for column in HINT_COLUMNS[kind]:
        header = hint_headers[column]
        if normalise_header(header) in _DATA_HEADERS:
            raise ValueError(f"hint header {header!r} would be read as a data column")
        headers.append(header)
    return headers


def _cells(rows: pd.DataFrame, kind: str) -> list[list[object]]:
    """The data and hint cells of each row, in the headers' order (None for an empty cell)."""
    columns = [*DATA_COLUMNS[kind], *HINT_COLUMNS[kind]]
    return [
        [_cell(value) for value in values]
        for values in rows[columns].itertuples(index=False, name=None)
    ]


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value)
    return text or None


def template_bytes(
    rows: pd.DataFrame,
    *,
    lang: str,
    file_format: str = "csv",
    dialect: str = "standard",
    hint_headers: Mapping[str, str],
    kind: str = "figures",
) -> bytes:
    """One kind's ``rows`` as a CSV file in ``dialect``.

    ``hint_headers`` names the kind's hint columns in the user's language (the ui layer
    translates). The .xlsx holds every kind: ``template_workbook``.
    """
    if file_format != "csv":
        raise ValueError(f"a template of one kind is a CSV file, not {file_format!r}")
    if kind not in TEMPLATE_KINDS:
        raise ValueError(f"unknown template kind {kind!r}; expected one of {TEMPLATE_KINDS}")
    csv_dialect = csv_dialect_named(dialect)
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer, delimiter=csv_dialect.delimiter, lineterminator=LINE_TERMINATOR)
    out.writerow(_headers(kind, lang, hint_headers))
    for cells in _cells(rows, kind):
        out.writerow([_csv_text(cell, csv_dialect) for cell in cells])
    data = buffer.getvalue().encode("utf-8")
    return UTF8_BOM + data if csv_dialect.bom else data


def _csv_text(cell: object, csv_dialect: CsvDialect) -> str:
    if isinstance(cell, float):
        return number_text(cell, csv_dialect)
    return neutralise(cell) if isinstance(cell, str) else ""


# Column widths of each sheet, data columns then hints.
_WIDTHS: Final = {
    "figures": (12, 10, 10, 12, 12, 30, 50, 28, 24, 14, 14),
    "actions": (12, 10, 10, 16, 16, 30, 50, 60, 28, 28, 16, 16),
    "narratives": (12, 10, 10, 80, 50, 28, 16, 80),
}
# The drop-down of each sheet: (data column, the words per language).
_DROP_DOWNS: Final = {
    "figures": ("flag", TEMPLATE_FLAGS),
    "actions": ("status", TEMPLATE_ACTION_STATUSES),
}


def template_workbook(
    template: QuarterTemplate, *, lang: str, hint_headers: Mapping[str, str]
) -> bytes:
    """The .xlsx of ``template``: the sheets ``data``, ``acties``, ``duiding`` in that order.

    ``hint_headers`` names every kind's hint columns in the user's language. A kind without
    rows is a sheet with its headers only.
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for kind in TEMPLATE_KINDS:
        _sheet(workbook, kind, template.rows(kind), lang, hint_headers)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(
    workbook: Workbook, kind: str, rows: pd.DataFrame, lang: str, hint_headers: Mapping[str, str]
) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = workbook.create_sheet(SHEET_NAMES[lang][kind])
    sheet.append(_headers(kind, lang, hint_headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in _cells(rows, kind):
        # Control characters XML cannot carry (pasted into a stored text) are left out.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in cells])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            # A free text (a responsible organisation, a duiding) stays text: never a formula.
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                cell.data_type = "s"
    if kind in _DROP_DOWNS:
        column, words = _DROP_DOWNS[kind]
        letter = get_column_letter(DATA_COLUMNS[kind].index(column) + 1)
        choices = DataValidation(
            type="list", formula1='"' + ",".join(words[lang]) + '"', allow_blank=True
        )
        choices.add(f"{letter}2:{letter}{max(sheet.max_row, 2)}")
        sheet.add_data_validation(choices)
    sheet.freeze_panes = "A2"
    for position, width in enumerate(_WIDTHS[kind], start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width


def template_file(
    template: QuarterTemplate,
    *,
    file_format: str,
    kind: str,
    lang: str,
    dialect: str,
    hint_headers: Mapping[str, str],
) -> bytes:
    """The .xlsx of every kind (``file_format="xlsx"``) or the CSV of ``kind`` in ``dialect``."""
    if file_format == "xlsx":
        return template_workbook(template, lang=lang, hint_headers=hint_headers)
    return template_bytes(
        template.rows(kind), kind=kind, lang=lang, dialect=dialect, hint_headers=hint_headers
    )
