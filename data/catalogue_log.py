"""The catalogue's change log: who changed which indicator or target setting, when, and why.

Derived from consecutive versions in ``indicator_versions`` and ``target_versions`` (each version
against the one before it of the same key), joined with the ``imports`` row that recorded it.
Newest first. One row per changed field; a new item (an indicator's or a target's first version,
or a target stated again after a removal) is ONE row with ``field`` empty and ``change`` ``new``,
and a removed target one row with ``field`` empty and ``change`` ``removed`` (the log stays short:
a seed catalogue of 33 indicators is 33 rows, not 660). Fields compare as the import compares them
(``data.catalogue_changes.same``). ``old`` and ``new`` are text, language-neutral (numbers as
written by Python, ``scope`` joined with ``;``), so the column is one type for a table.

| function | returns |
|---|---|
| ``catalogue_log(con, *, limit=500)`` | the log, columns ``LOG_COLUMNS`` |

``LOG_COLUMNS``: recorded_at, user_name, file_name, import_id, what (indicator / target),
indicator_id, part_id (empty for an indicator), change (new / changed / removed), field, old, new,
reason. Empty cells are missing values (NaN in pandas), not text.

Imports ``data.sql`` and ``data.catalogue_changes``.
"""

from __future__ import annotations

from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.catalogue_changes import (
    INDICATOR_FIELDS,
    TARGET_FIELDS,
    indicator_record,
    same,
    target_record,
)

__all__ = ["LOG_COLUMNS", "catalogue_log"]

LOG_COLUMNS: Final = (
    "recorded_at",
    "user_name",
    "file_name",
    "import_id",
    "what",
    "indicator_id",
    "part_id",
    "change",
    "field",
    "old",
    "new",
    "reason",
)

# The newest $limit versions of a table, each with the version before it of the same key (a
# version yields at least one log row, so $limit versions are enough for $limit rows).
_INDICATOR_VERSIONS_SQL: Final = f"""
WITH versions AS (
    SELECT
        v.*,
        lag(v.version_id) OVER by_key AS previous_id
    FROM indicator_versions AS v
    WINDOW by_key AS (PARTITION BY v.indicator_id ORDER BY v.recorded_at)
),

newest AS (
    SELECT *
    FROM versions
    ORDER BY recorded_at DESC, indicator_id
    LIMIT $limit
)

SELECT
    newest.indicator_id,
    newest.recorded_at,
    newest.import_id,
    newest.reason,
    {", ".join(f"newest.{field} AS new_{field}" for field in INDICATOR_FIELDS)},
    {", ".join(f"previous.{field} AS old_{field}" for field in INDICATOR_FIELDS)},
    previous.version_id IS NOT NULL AS has_previous,
    imports.user_name,
    imports.file_name
FROM newest
LEFT JOIN indicator_versions AS previous ON previous.version_id = newest.previous_id
LEFT JOIN imports ON imports.import_id = newest.import_id
"""

_TARGET_VERSIONS_SQL: Final = f"""
WITH versions AS (
    SELECT
        v.*,
        lag(v.version_id) OVER by_key AS previous_id
    FROM target_versions AS v
    WINDOW by_key AS (PARTITION BY v.indicator_id, v.part_id ORDER BY v.recorded_at)
),

newest AS (
    SELECT *
    FROM versions
    ORDER BY recorded_at DESC, indicator_id, part_id
    LIMIT $limit
)

SELECT
    newest.indicator_id,
    newest.part_id,
    newest.recorded_at,
    newest.import_id,
    newest.reason,
    newest.removed,
    {", ".join(f"newest.{field} AS new_{field}" for field in TARGET_FIELDS)},
    {", ".join(f"previous.{field} AS old_{field}" for field in TARGET_FIELDS)},
    coalesce(NOT previous.removed, false) AS has_previous,
    imports.user_name,
    imports.file_name
FROM newest
LEFT JOIN target_versions AS previous ON previous.version_id = newest.previous_id
LEFT JOIN imports ON imports.import_id = newest.import_id
"""


def _text(value: object) -> str | None:
    """A cell of the log: language-neutral text (None stays None)."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _prefixed(version: dict[str, object], prefix: str) -> dict[str, object]:
    return {key.removeprefix(prefix): value for key, value in version.items()}


def _indicator_rows(versions: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for version in versions.to_dict("records"):
        base = {
            "recorded_at": version["recorded_at"],
            "user_name": version["user_name"],
            "file_name": version["file_name"],
            "import_id": version["import_id"],
            "what": "indicator",
            "indicator_id": version["indicator_id"],
            "part_id": None,
            "reason": _text(_clean(version["reason"])),
        }
        new = indicator_record(_prefixed(version, "new_") | {"indicator_id": "-"})
        if not version["has_previous"]:
            rows.append(base | {"change": "new", "field": None, "old": None, "new": None})
            continue
        old = indicator_record(_prefixed(version, "old_") | {"indicator_id": "-"})
        rows += _changed_fields(base, old, new, INDICATOR_FIELDS)
    return rows


def _target_rows(versions: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for version in versions.to_dict("records"):
        base = {
            "recorded_at": version["recorded_at"],
            "user_name": version["user_name"],
            "file_name": version["file_name"],
            "import_id": version["import_id"],
            "what": "target",
            "indicator_id": version["indicator_id"],
            "part_id": version["part_id"],
            "reason": _text(_clean(version["reason"])),
        }
        key = {"indicator_id": version["indicator_id"], "part_id": version["part_id"]}
        if version["removed"]:
            rows.append(base | {"change": "removed", "field": None, "old": None, "new": None})
            continue
        if not version["has_previous"]:
            rows.append(base | {"change": "new", "field": None, "old": None, "new": None})
            continue
        new = target_record(_prefixed(version, "new_") | key)
        old = target_record(_prefixed(version, "old_") | key)
        rows += _changed_fields(base, old, new, TARGET_FIELDS)
    return rows


def _changed_fields(
    base: dict[str, object],
    old: dict[str, object],
    new: dict[str, object],
    fields: tuple[str, ...],
) -> list[dict[str, object]]:
    """One log row per field that differs between two consecutive versions."""
    return [
        base
        | {"change": "changed", "field": field, "old": _text(old[field]), "new": _text(new[field])}
        for field in fields
        if not same(old[field], new[field])
    ]


def _clean(value: object) -> object:
    return None if value is None or (isinstance(value, float) and value != value) else value


def catalogue_log(con: duckdb.DuckDBPyConnection, *, limit: int = 500) -> pd.DataFrame:
    """The catalogue's changes, newest first, one row per changed field (see the module)."""
    parameters = {"limit": limit}
    rows = _indicator_rows(sql.frame(con, _INDICATOR_VERSIONS_SQL, parameters))
    rows += _target_rows(sql.frame(con, _TARGET_VERSIONS_SQL, parameters))
    log = pd.DataFrame(rows, columns=list(LOG_COLUMNS))
    if log.empty:
        return log
    order = {"indicator": 0, "target": 1}
    log = log.assign(_what=log["what"].map(order))
    log = log.sort_values(
        ["recorded_at", "_what", "indicator_id", "part_id"],
        ascending=[False, True, True, True],
        kind="stable",
        na_position="first",
    )
    return log.drop(columns="_what").head(limit).reset_index(drop=True)
