"""The fill-in template: the rows a part's reporting units owe for a quarter, as .xlsx or CSV.

One row per indicator x reporting unit that the quarter expects (``data.submission_status``;
an indicator retired from that quarter or earlier has no row),
with the latest earlier value as a hint, so a coordinator types the new value beside it. The
headers are the ones the import reads back (``data.intake_read``), in Dutch or English; the hint
columns are named so that the import ignores them. CSV comes in the dialects of ``data.dialects``
(``standard``, ``excel-nl``), with LF line ends and formula-neutralised text, like the export.
The .xlsx has a ``data`` sheet with a drop-down of the flags (``TEMPLATE_FLAGS``, the first word
of each flag in ``metrics.constants.FLAG_WORDS``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Final

import duckdb
import pandas as pd

from data.dialects import LINE_TERMINATOR, UTF8_BOM, dialect, neutralise, number_text
from data.intake_read import HEADER_ALIASES, normalise_header
from data.sql import frame
from data.submission_status import expects, reporting_scope
from data.versions import newest_versions_sql
from metrics.constants import FLAG_WORDS, NO_FLAG, OBSERVATION_FLAGS

__all__ = [
    "HINT_COLUMNS",
    "TEMPLATE_FLAGS",
    "TEMPLATE_HEADERS",
    "template_bytes",
    "template_rows",
]

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
# The flags a template offers: each flag's first word per language (no flag is an empty cell).
TEMPLATE_FLAGS: Final = {
    lang: tuple(FLAG_WORDS[flag][lang][0] for flag in OBSERVATION_FLAGS if flag != NO_FLAG)
    for lang in TEMPLATE_HEADERS
}

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


def _headers(lang: str, hint_headers: Mapping[str, str]) -> list[str]:
    headers = list(TEMPLATE_HEADERS[lang].values())
    for column in HINT_COLUMNS:
        header = hint_headers[column]
        if normalise_header(header) in {a for aliases in HEADER_ALIASES.values() for a in aliases}:
            raise ValueError(f"hint header {header!r} would be read as a data column")
        headers.append(header)
    return headers


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
    if file_format != "csv":
        raise ValueError(f"unknown template format {file_format!r}")
    return _template_csv(rows, headers, dialect)


def _template_csv(rows: pd.DataFrame, headers: list[str], dialect_name: str) -> bytes:
    csv_dialect = dialect(dialect_name)
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer, delimiter=csv_dialect.delimiter, lineterminator=LINE_TERMINATOR)
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
                neutralise(str(row.indicator_name)),
                neutralise(str(row.part_name)),
                neutralise(str(row.unit)),
                row.previous_period,
                number_text(row.previous_value, csv_dialect),
            ]
        )
    data = buffer.getvalue().encode("utf-8")
    return UTF8_BOM + data if csv_dialect.bom else data


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
