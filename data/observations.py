"""Observation versions: what was known at a vintage, and when the data last changed.

Observations are append-only. A correction is a new row with a later ``recorded_at``; the value
that counts at vintage ``v`` is the newest version recorded at or before ``v`` (the rule of
``data.versions``, which the assessment's series SQL uses too). Vintage ``None`` means
"everything recorded so far".

| name | what |
|---|---|
| ``AS_OF_VINTAGE_SQL`` | SQL: the newest version of every value at ``$vintage``, every column |
| ``observations_at_vintage(con, *, vintage=None)`` | that as a frame, in key order |
| ``value_history(con, *, indicator_id, part_id=None, vintage=None)`` | one indicator's versions |
| ``last_change_at(con)`` | the newest ``recorded_at`` of any version; None when there are none |

Imports ``data.sql`` and ``data.versions``.
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import TYPE_CHECKING

import duckdb

from data.sql import frame, scalar
from data.versions import LAST_RECORDED_SQL, newest_versions_sql

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AS_OF_VINTAGE_SQL", "last_change_at", "observations_at_vintage", "value_history"]

# An observation's key, and its columns in the table's order.
_KEY = ("indicator_id", "part_id", "period")
_COLUMNS = ("observation_id", *_KEY, "value", "flag", "note", "recorded_at", "import_id")

# The newest version of every (indicator, part, period) recorded at or before $vintage, with the
# table's columns in the table's order. recorded_at is unique per key (a UNIQUE constraint), so
# there are no ties to break.
AS_OF_VINTAGE_SQL = (
    "SELECT\n    "
    + ",\n    ".join(_COLUMNS)
    + "\nFROM (\n"
    + textwrap.indent(
        newest_versions_sql(
            "observations",
            key=_KEY,
            columns=[column for column in _COLUMNS if column not in (*_KEY, "recorded_at")],
        ),
        "    ",
    )
    + ") AS newest_versions\n"
)

_ORDER_BY_KEY = f"ORDER BY {', '.join(_KEY)}"

# Every column of a version but its id and indicator, with the import it came with.
_HISTORY_COLUMNS = ",\n    ".join(f"o.{column}" for column in _COLUMNS[2:])
_VALUE_HISTORY_SQL = f"""
SELECT
    {_HISTORY_COLUMNS},
    i.file_name,
    i.user_name
FROM observations AS o
LEFT JOIN imports AS i USING (import_id)
WHERE o.indicator_id = $indicator_id
    AND ($part_id IS NULL OR o.part_id = $part_id)
    AND ($vintage IS NULL OR o.recorded_at <= $vintage)
ORDER BY o.part_id, o.period, o.recorded_at DESC, o.observation_id DESC
"""

_LAST_CHANGE_SQL = LAST_RECORDED_SQL


def observations_at_vintage(
    con: duckdb.DuckDBPyConnection, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every observation's value as known at ``vintage`` (all of them when None)."""
    return frame(con, AS_OF_VINTAGE_SQL + _ORDER_BY_KEY, {"vintage": vintage})


def value_history(
    con: duckdb.DuckDBPyConnection,
    *,
    indicator_id: str,
    part_id: str | None = None,
    vintage: datetime | None = None,
) -> pd.DataFrame:
    """Every version of every value of one indicator recorded at or before ``vintage`` (None:
    every one), newest version first per period."""
    parameters = {"indicator_id": indicator_id, "part_id": part_id, "vintage": vintage}
    return frame(con, _VALUE_HISTORY_SQL, parameters)


def last_change_at(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the data last changed: the newest ``recorded_at`` of an observation, indicator or
    target version; None when there are none."""
    return scalar(con, _LAST_CHANGE_SQL)
