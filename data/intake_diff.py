"""The newest stored version of each key a file names: what its rows are compared with.

Every kind of quarter-file row (figures, action reports, duiding) is diffed the same way: the
file's keys are registered on a cursor and the newest version of each (the one rule of
``data.versions``, everything recorded so far) is read for them alone, in one query.

| function | returns |
|---|---|
| ``newest_of_keys(con, table, key=, columns=, keys=)`` | {key tuple: {column: newest value}} |

Imports ``data.sql`` and ``data.versions``.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from data import sql
from data.versions import newest_versions_sql

__all__ = ["newest_of_keys"]

# The registered frame of the file's keys.
_KEYS_NAME = "intake_keys"


def _newest_sql(table: str, key: Sequence[str], columns: Sequence[str]) -> str:
    # Identifiers from code constants only (the callers' table and column names).
    matches = "\n            AND ".join(f"{_KEYS_NAME}.{c} = {table}.{c}" for c in key)
    return newest_versions_sql(
        table,
        key=key,
        columns=columns,
        where=f"""EXISTS (
        SELECT 1
        FROM {_KEYS_NAME}
        WHERE {matches}
    )""",
    )


def newest_of_keys(
    con: duckdb.DuckDBPyConnection,
    table: str,
    *,
    key: Sequence[str],
    columns: Sequence[str],
    keys: pd.DataFrame,
) -> dict[tuple[str, ...], dict[str, object]]:
    """The newest version of each key in ``keys`` (a frame with the ``key`` columns as text)
    that ``table`` holds: key -> {column: value} for ``columns``. Keys never stored are absent."""
    if keys.empty:
        return {}
    with sql.cursor(con) as cur:
        cur.register(_KEYS_NAME, keys[list(key)])
        newest = cur.execute(_newest_sql(table, key, columns), {"vintage": None}).fetchall()
    width = len(key)
    return {tuple(row[:width]): dict(zip(columns, row[width:], strict=False)) for row in newest}
