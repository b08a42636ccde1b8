"""What each reporting unit owes per quarter: submission status and the fill-in template.

A *reporting unit* is where an indicator is reported directly (``indicator_scope``): an entity
(one country or island) or the Kingdom itself. A quarter expects a value for an indicator when
its frequency says so:

| frequency | expected in |
|---|---|
| quarterly | every quarter |
| biannual | Q2 and Q4 |
| annual | Q4 |
| biennial | Q4 of odd years (2023, 2025, ...: every other year from the strategy's start) |

A quarter's figures are due ``DUE_AFTER_DAYS`` (45) days after the quarter ends. Status of one
unit in one quarter, as seen at the clock:

| status | meaning |
|---|---|
| ``received`` | every expected value is in, each first recorded by the due date |
| ``late`` | the due date has passed and values are still missing, or came in after it |
| ``partial`` | not yet due; some of the expected values are in |
| ``missing`` | not yet due; none are in yet |
| ``not_expected`` | nothing is expected from this unit this quarter |

Templates list the expected indicator x unit rows for a part (its units) and quarter, with the
latest earlier value as a hint, as .xlsx or CSV (``standard``: comma, point, UTF-8;
``excel-nl``: semicolon, decimal comma, UTF-8 with BOM). Imports ``metrics.periods`` and the
header names of ``data.intake_read``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Final

import duckdb
import pandas as pd

from data.intake_read import HEADER_ALIASES, normalise_header
from metrics.periods import (
    last_full_quarter,
    period_from_index,
    quarter_end,
    quarter_index,
    reports_in,
)

__all__ = [
    "DIALECTS",
    "DUE_AFTER_DAYS",
    "HINT_COLUMNS",
    "STATUSES",
    "TEMPLATE_HEADERS",
    "due_date",
    "recent_quarters",
    "reporting_units",
    "submission_status",
    "template_bytes",
    "template_rows",
]

DUE_AFTER_DAYS: Final = 45
STATUSES: Final = ("received", "late", "partial", "missing", "not_expected")
DIALECTS: Final = ("standard", "excel-nl")
# The template's column headers: Dutch or English spellings that the import reads back.
TEMPLATE_HEADERS: Final = {
    "nl": {
        "indicator_id": "indicator",
        "part_id": "deel",
        "period": "periode",
        "value": "waarde",
        "flag": "vlag",
        "note": "toelichting",
    },
    "en": {
        "indicator_id": "indicator_id",
        "part_id": "part_id",
        "period": "period",
        "value": "value",
        "flag": "flag",
        "note": "note",
    },
}
# Columns a template adds for information only; the import ignores them.
HINT_COLUMNS: Final = ("indicator_name", "part_name", "unit", "previous_period", "previous_value")
TEMPLATE_FLAGS: Final = {
    "nl": ("voorlopig", "geschat", "breuk"),
    "en": ("provisional", "estimated", "break"),
}
_CSV_INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def due_date(period: str) -> date:
    return quarter_end(period) + timedelta(days=DUE_AFTER_DAYS)


def recent_quarters(clock: datetime | date, count: int = 4) -> list[str]:
    """The ``count`` last full quarters before ``clock``, oldest first."""
    today = clock.date() if isinstance(clock, datetime) else clock
    last = quarter_index(last_full_quarter(today))
    return [period_from_index(index) for index in range(last - count + 1, last + 1)]


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


_SCOPE_SQL = """
SELECT
    scope.indicator_id,
    scope.part_id,
    indicators.frequency,
    indicators.name_nl,
    indicators.name_en,
    indicators.unit,
    parts.name_nl AS part_name_nl,
    parts.name_en AS part_name_en,
    parts.sort_order
FROM indicator_scope AS scope
INNER JOIN indicators USING (indicator_id)
INNER JOIN kingdom_parts AS parts USING (part_id)
ORDER BY parts.sort_order, scope.indicator_id
"""


def reporting_units(con: duckdb.DuckDBPyConnection, part_id: str) -> list[str]:
    """The units under ``part_id`` (itself included) that report at least one indicator."""
    parts = _df(con, "SELECT part_id, parent_id FROM kingdom_parts ORDER BY sort_order", [])
    parent = dict(zip(parts["part_id"], parts["parent_id"], strict=True))

    def under(unit: str) -> bool:
        node: str | None = unit
        while node is not None and isinstance(node, str):
            if node == part_id:
                return True
            node = parent.get(node)
        return False

    scoped = set(_df(con, "SELECT DISTINCT part_id FROM indicator_scope", [])["part_id"])
    return [unit for unit in parts["part_id"] if unit in scoped and under(unit)]


_FIRST_RECORDED_SQL = """
SELECT
    indicator_id,
    part_id,
    period,
    min(recorded_at) AS first_recorded_at
FROM observations
WHERE period BETWEEN $first AND $last
    AND ($vintage IS NULL OR recorded_at <= $vintage)
GROUP BY indicator_id, part_id, period
"""


def submission_status(
    con: duckdb.DuckDBPyConnection,
    *,
    clock: datetime,
    part_id: str = "KINGDOM",
    quarters: list[str] | None = None,
) -> pd.DataFrame:
    """One row per reporting unit under ``part_id`` and quarter (default: the last four).

    Columns: part_id, period, due_date, expected, received, received_late, status. Only what was
    recorded by ``clock`` counts.
    """
    periods = quarters or recent_quarters(clock)
    units = reporting_units(con, part_id)
    scope = _df(con, _SCOPE_SQL, [])
    scope = scope[scope["part_id"].isin(units)]
    first = _df(
        con,
        _FIRST_RECORDED_SQL,
        {"first": min(periods), "last": max(periods), "vintage": clock},
    )
    arrived = {
        (row.indicator_id, row.part_id, row.period): row.first_recorded_at
        for row in first.itertuples(index=False)
    }
    today = clock.date()
    records = []
    for unit in units:
        unit_scope = scope[scope["part_id"] == unit]
        for period in periods:
            due = due_date(period)
            expected = [
                indicator
                for indicator, frequency in zip(
                    unit_scope["indicator_id"], unit_scope["frequency"], strict=True
                )
                if reports_in(frequency, period)
            ]
            times = [arrived.get((indicator, unit, period)) for indicator in expected]
            received = [moment for moment in times if moment is not None]
            late = [moment for moment in received if pd.Timestamp(moment).date() > due]
            records.append(
                {
                    "part_id": unit,
                    "period": period,
                    "due_date": due,
                    "expected": len(expected),
                    "received": len(received),
                    "received_late": len(late),
                    "status": _status(len(expected), len(received), len(late), today > due),
                }
            )
    return pd.DataFrame(
        records,
        columns=[
            "part_id",
            "period",
            "due_date",
            "expected",
            "received",
            "received_late",
            "status",
        ],
    )


def _status(expected: int, received: int, late: int, overdue: bool) -> str:
    if expected == 0:
        return "not_expected"
    if received == expected and late == 0:
        return "received"
    if overdue or late:
        return "late"
    return "partial" if received else "missing"


# --- the template -----------------------------------------------------------------------------

_PREVIOUS_SQL = """
WITH current_versions AS (
    SELECT
        indicator_id,
        part_id,
        period,
        value
    FROM observations
    WHERE period < $quarter
    QUALIFY row_number() OVER (
        PARTITION BY indicator_id, part_id, period
        ORDER BY recorded_at DESC, observation_id DESC
    ) = 1
)

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
    units = reporting_units(con, part_id)
    scope = _df(con, _SCOPE_SQL, [])
    scope = scope[scope["part_id"].isin(units)]
    scope = scope[[reports_in(f, quarter) for f in scope["frequency"]]]
    previous = _df(con, _PREVIOUS_SQL, {"quarter": quarter})
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
            "unit": rows["unit"],
            "previous_period": rows["previous_period"]
            .astype(object)
            .where(rows["previous_period"].notna(), ""),
            "previous_value": rows["previous_value"]
            .astype(object)
            .where(rows["previous_value"].notna(), None),
        }
    ).reset_index(drop=True)


def _headers(lang: str, hint_headers: Mapping[str, str]) -> list[str]:
    headers = list(TEMPLATE_HEADERS[lang].values())
    for column in HINT_COLUMNS:
        header = hint_headers[column]
        if normalise_header(header) in {a for aliases in HEADER_ALIASES.values() for a in aliases}:
            raise ValueError(f"hint header {header!r} would be read as a data column")
        headers.append(header)
    return headers


def _neutralised(text: str) -> str:
    # A text cell starting with = + - @ is a formula to a spreadsheet (CSV injection).
    return "'" + text if text.startswith(_CSV_INJECTION_PREFIXES) else text


def _number_text(value: object, dialect: str) -> str:
    # The stored value exactly (shortest form), so that copying the hint back changes nothing.
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    number = float(value)
    text = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if "e" in text:
        text = f"{number:f}"
    return text.replace(".", ",") if dialect == "excel-nl" else text


def template_bytes(
    rows: pd.DataFrame,
    *,
    lang: str,
    file_format: str,
    dialect: str = "standard",
    hint_headers: Mapping[str, str],
) -> bytes:
    """The template as an .xlsx (sheet ``data``) or a CSV file in ``dialect``.

    ``hint_headers`` names the hint columns in the user's language (the ui layer translates).
    """
    headers = _headers(lang, hint_headers)
    if file_format == "xlsx":
        return _template_xlsx(rows, headers, lang)
    if file_format != "csv" or dialect not in DIALECTS:
        raise ValueError(f"unknown template format {file_format!r} / dialect {dialect!r}")
    buffer = io.StringIO(newline="")
    excel_nl = dialect == "excel-nl"
    out = csv.writer(
        buffer, delimiter=";" if excel_nl else ",", lineterminator="\r\n" if excel_nl else "\n"
    )
    out.writerow(headers)
    for row in rows.itertuples(index=False):
        out.writerow(
            [
                row.indicator_id,
                row.part_id,
                row.period,
                "",
                "",
                "",
                _neutralised(str(row.indicator_name)),
                _neutralised(str(row.part_name)),
                _neutralised(str(row.unit)),
                row.previous_period,
                _number_text(row.previous_value, dialect),
            ]
        )
    text = buffer.getvalue()
    return ("\ufeff" + text).encode("utf-8") if excel_nl else text.encode("utf-8")


def _template_xlsx(rows: pd.DataFrame, headers: list[str], lang: str) -> bytes:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows.itertuples(index=False):
        previous = row.previous_value
        sheet.append(
            [
                row.indicator_id,
                row.part_id,
                row.period,
                None,
                None,
                None,
                str(row.indicator_name),
                str(row.part_name),
                str(row.unit),
                row.previous_period or None,
                None if previous is None else float(previous),
            ]
        )
    last = max(sheet.max_row, 2)
    flags = DataValidation(
        type="list", formula1='"' + ",".join(TEMPLATE_FLAGS[lang]) + '"', allow_blank=True
    )
    flags.add(f"E2:E{last}")
    sheet.add_data_validation(flags)
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJK", (12, 10, 10, 12, 12, 30, 50, 28, 24, 14, 14), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
