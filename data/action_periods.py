"""The latest quarter with an action report or a duiding: what the action views are as of when
there are no observations to choose a quarter from (an empty catalogue, actions already
reported). The global quarter (``data.queries.reference_data``) is the observations' only.

| function | returns |
|---|---|
| ``latest_action_quarter(con)`` | the latest period of any action report or duiding, or None |

Imports ``data.sql`` only.
"""

from __future__ import annotations

from typing import Final

import duckdb

from data.sql import scalar

__all__ = ["latest_action_quarter"]

_LATEST_SQL: Final = """
SELECT max(period)
FROM (
    SELECT period FROM action_reports
    UNION ALL
    SELECT period FROM narratives
)
"""


def latest_action_quarter(con: duckdb.DuckDBPyConnection) -> str | None:
    """The latest quarter any action report or duiding was written for; None when none was."""
    latest = scalar(con, _LATEST_SQL)
    return None if latest is None else str(latest)
