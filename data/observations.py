"""Observation versions: what was known at a vintage, and when the data last changed.

Observations are append-only. A correction is a new row with a later ``recorded_at``; the value
that counts at vintage ``v`` is the newest version recorded at or before ``v``. Vintage ``None``
means "everything recorded so far".
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

__all__ = ["AS_OF_VINTAGE_SQL", "last_change_at", "observations_at_vintage", "value_history"]

# The newest version of every (indicator, part, period) recorded at or before $vintage.
AS_OF_VINTAGE_SQL = """
WITH known_versions AS (
    SELECT
        observation_id,
        indicator_id,
        part_id,
        period,
        value,
        flag,
        note,
        recorded_at,
        import_id
    FROM observations
    WHERE $vintage IS NULL OR recorded_at <= $vintage
),

newest_versions AS (
    SELECT *
    FROM known_versions
    QUALIFY row_number() OVER (
        PARTITION BY indicator_id, part_id, period
        ORDER BY recorded_at DESC, observation_id DESC
    ) = 1
)

SELECT
    observation_id,
    indicator_id,
    part_id,
    period,
    value,
    flag,
    note,
    recorded_at,
    import_id
FROM newest_versions
"""


def observations_at_vintage(
    con: duckdb.DuckDBPyConnection, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every observation's value as known at ``vintage`` (all of them when None)."""
    cur = con.cursor()
    try:
        return cur.execute(
            AS_OF_VINTAGE_SQL + "ORDER BY indicator_id, part_id, period", {"vintage": vintage}
        ).df()
    finally:
        cur.close()


def value_history(
    con: duckdb.DuckDBPyConnection, *, indicator_id: str, part_id: str | None = None
) -> pd.DataFrame:
    """Every version of every value of one indicator, newest version first per period."""
    cur = con.cursor()
    try:
        return cur.execute(
            """
            SELECT
                o.part_id,
                o.period,
                o.value,
                o.flag,
                o.note,
                o.recorded_at,
                o.import_id,
                i.file_name,
                i.user_name
            FROM observations AS o
            LEFT JOIN imports AS i USING (import_id)
            WHERE o.indicator_id = $indicator_id
              AND ($part_id IS NULL OR o.part_id = $part_id)
            ORDER BY o.part_id, o.period, o.recorded_at DESC, o.observation_id DESC
            """,
            {"indicator_id": indicator_id, "part_id": part_id},
        ).df()
    finally:
        cur.close()


def last_change_at(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the observations last changed: the newest ``recorded_at``; None when there are none."""
    cur = con.cursor()
    try:
        return cur.execute("SELECT max(recorded_at) FROM observations").fetchall()[0][0]
    finally:
        cur.close()
