"""Writing catalogue versions: the one place rows enter ``indicator_versions`` and
``target_versions``, inside the caller's transaction.

The catalogue (indicators with their scope, and baselines/targets per part) is append-only, like
observations: a change is a new version recorded at a moment, pointing at the ``imports`` row of
the attempt that made it (a workbook import, a page edit, the seed). What counts at a vintage is
the newest version (``data.versions``; the schema's ``indicators_at`` / ``targets_at`` macros).
Deciding *what* changed is the catalogue intake's job; these functions only record it.

| function | does |
|---|---|
| ``insert_catalogue_import(cur, *, actor, file_name, sha256, at, rows, ...)`` | log row, id |
| ``insert_indicator_versions(cur, frame, *, recorded_at, import_id)`` | new indicator versions |
| ``insert_target_versions(cur, frame, *, recorded_at, import_id)`` | new target versions |

Frames carry ``indicator_id`` and the settings columns (``data.schema.INDICATOR_COLUMNS`` /
``TARGET_COLUMNS`` without ``import_id``); a column left out is NULL (``removed``: false). An
indicator's ``scope`` is a list of part ids. Imports ``data.schema`` (column lists) and
``data.access_store`` (the identity).
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from data.access_rules import Actor
from data.access_store import record_identity
from data.schema import INDICATOR_COLUMNS, TARGET_COLUMNS

__all__ = ["insert_catalogue_import", "insert_indicator_versions", "insert_target_versions"]

_INSERT_IMPORT_SQL = """
INSERT INTO imports BY NAME
SELECT
    coalesce(max(import_id), 0) + 1 AS import_id,
    $at AS started_at,
    $at AS finished_at,
    $user_name AS user_name,
    $file_name AS file_name,
    $sha256 AS sha256,
    $rows AS rows_accepted,
    $rows_rejected AS rows_rejected,
    $outcome AS outcome,
    'catalogue' AS kind,
    $message AS message
FROM imports
RETURNING import_id
"""


def insert_catalogue_import(
    cur: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    file_name: str,
    sha256: str,
    at: datetime,
    rows: int,
    outcome: str = "accepted",
    message: str | None = None,
    rows_rejected: int = 0,
) -> int:
    """Add a catalogue import's log row (accepted, rejected or seed) with how its user was
    identified, and return its ``import_id``."""
    ((import_id,),) = cur.execute(
        _INSERT_IMPORT_SQL,
        {
            "at": at,
            "user_name": actor.name,
            "file_name": file_name,
            "sha256": sha256,
            "rows": rows,
            "outcome": outcome,
            "message": message,
            "rows_rejected": rows_rejected,
        },
    ).fetchall()
    record_identity(cur, int(import_id), actor)
    return int(import_id)


def _insert(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    columns: tuple[str, ...],
    *,
    recorded_at: datetime,
    import_id: int,
) -> None:
    if frame.empty:
        return
    rows = frame.copy()
    for column in columns:
        if column not in rows.columns:
            rows[column] = False if column == "removed" else None
    ((start,),) = cur.execute(f"SELECT coalesce(max(version_id), 0) FROM {table}").fetchall()
    rows["version_id"] = range(int(start) + 1, int(start) + 1 + len(rows))
    rows["recorded_at"] = recorded_at
    rows["import_id"] = import_id
    names = ["version_id", *[c for c in rows.columns if c != "version_id"]]
    rows = rows[names]
    view = f"new_{table}"
    # Table and columns come from this module and data.schema, never from input.
    # Registered on the caller's transaction cursor: it goes when that cursor closes, however the
    # transaction ends (unregistering inside an aborted transaction would hide the real error).
    cur.register(view, rows)
    cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")


def insert_indicator_versions(
    cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, recorded_at: datetime, import_id: int
) -> None:
    """Record one new version per row of ``frame`` (ids new to the registry are added to it)."""
    if frame.empty:
        return
    ids = pd.DataFrame({"indicator_id": frame["indicator_id"].astype(str).unique()})
    cur.register("new_indicator_ids", ids)
    cur.execute(
        """
        INSERT INTO indicator_registry
        SELECT indicator_id FROM new_indicator_ids
        WHERE indicator_id NOT IN (SELECT indicator_id FROM indicator_registry)
        """
    )
    columns = tuple(c for c in INDICATOR_COLUMNS if c != "import_id")
    rows = frame[["indicator_id", *[c for c in columns if c in frame.columns]]].copy()
    rows["scope"] = [list(scope) for scope in rows["scope"]]
    _insert(
        cur,
        "indicator_versions",
        rows,
        columns,
        recorded_at=recorded_at,
        import_id=import_id,
    )


def insert_target_versions(
    cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, recorded_at: datetime, import_id: int
) -> None:
    """Record one new target version per row of ``frame`` (``removed`` True: a removal)."""
    columns = tuple(c for c in TARGET_COLUMNS if c != "import_id")
    keep = ["indicator_id", "part_id", *[c for c in columns if c in frame.columns]]
    _insert(
        cur,
        "target_versions",
        frame[keep].copy(),
        columns,
        recorded_at=recorded_at,
        import_id=import_id,
    )
