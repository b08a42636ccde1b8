"""Writing action reports and narratives (duiding): new versions, inside the caller's transaction.

Both tables are append-only (``data.versions``): a correction is a new version recorded later,
so every past quarter stays reproducible. Ids continue from the largest stored. The caller
(the quarter import, the demo) has checked the rows and holds the transaction.

| function | writes |
|---|---|
| ``insert_action_reports(cur, reports, recorded_at=, import_id=)`` | versions of action reports |
| ``insert_narratives(cur, texts, recorded_at=, import_id=)`` | versions of duiding texts |

``reports`` has the columns ``ACTION_REPORT_FIELDS``: milestones is a list of
``{"quarter": ..., "text": ...}`` or None. ``texts`` has ``NARRATIVE_FIELDS``. Every row is
recorded at ``recorded_at`` by ``import_id``; with both left None, the rows carry their own in
columns of those names (the demo records many files' rows in one call that way).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Final

import duckdb
import pandas as pd

from data.schema import (
    ACTION_REPORT_COLUMNS,
    ACTION_REPORT_KEY,
    NARRATIVE_COLUMNS,
    NARRATIVE_KEY,
)

__all__ = [
    "ACTION_REPORT_FIELDS",
    "NARRATIVE_FIELDS",
    "insert_action_reports",
    "insert_narratives",
]

# What a caller gives per row: the key and the settings of the schema's versions.
ACTION_REPORT_FIELDS: Final = (
    *ACTION_REPORT_KEY,
    *(column for column in ACTION_REPORT_COLUMNS if column != "import_id"),
)
NARRATIVE_FIELDS: Final = (
    *NARRATIVE_KEY,
    *(column for column in NARRATIVE_COLUMNS if column != "import_id"),
)

_INSERT_REPORTS_SQL: Final = """
INSERT INTO action_reports BY NAME
SELECT
    (SELECT coalesce(max(report_id), 0) FROM action_reports)
        + row_number() OVER () AS report_id,
    priority_id,
    part_id,
    period,
    status,
    expected_completion,
    responsible,
    narrative,
    narrative_en,
    -- milestones arrive as JSON text: a frame of None and lists has no one type for DuckDB
    CAST(CAST(milestones AS JSON) AS STRUCT(quarter VARCHAR, text VARCHAR)[]) AS milestones,
    recorded_at,
    import_id
FROM new_action_reports
"""

_INSERT_NARRATIVES_SQL: Final = """
INSERT INTO narratives BY NAME
SELECT
    (SELECT coalesce(max(narrative_id), 0) FROM narratives)
        + row_number() OVER () AS narrative_id,
    action_line_id,
    part_id,
    period,
    text,
    text_en,
    recorded_at,
    import_id
FROM new_narratives
"""


def _registered_insert(
    cur: duckdb.DuckDBPyConnection,
    rows: pd.DataFrame,
    *,
    name: str,
    fields: tuple[str, ...],
    sql: str,
    recorded_at: datetime | None,
    import_id: int | None,
) -> int:
    if (recorded_at is None) != (import_id is None):
        raise ValueError(f"{name}: give both recorded_at and import_id, or neither")
    if recorded_at is not None:
        rows = rows.assign(recorded_at=recorded_at, import_id=import_id)
    columns = [*fields, "recorded_at", "import_id"]
    missing = [column for column in columns if column not in rows.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {', '.join(missing)}")
    if rows.empty:
        return 0
    text = rows[list(fields)].astype(object).where(rows[list(fields)].notna(), None)
    cur.register(name, text.assign(recorded_at=rows["recorded_at"], import_id=rows["import_id"]))
    try:
        cur.execute(sql)
    finally:
        cur.unregister(name)
    return len(rows)


def insert_action_reports(
    cur: duckdb.DuckDBPyConnection,
    reports: pd.DataFrame,
    *,
    recorded_at: datetime | None = None,
    import_id: int | None = None,
) -> int:
    """Add ``reports`` as new versions recorded at ``recorded_at`` by ``import_id`` (None: the
    rows' own); how many."""
    reports = reports.assign(milestones=[_json(value) for value in reports["milestones"]])
    return _registered_insert(
        cur,
        reports,
        name="new_action_reports",
        fields=ACTION_REPORT_FIELDS,
        sql=_INSERT_REPORTS_SQL,
        recorded_at=recorded_at,
        import_id=import_id,
    )


def insert_narratives(
    cur: duckdb.DuckDBPyConnection,
    texts: pd.DataFrame,
    *,
    recorded_at: datetime | None = None,
    import_id: int | None = None,
) -> int:
    """Add ``texts`` as new duiding versions recorded at ``recorded_at`` by ``import_id`` (None:
    the rows' own); how many."""
    return _registered_insert(
        cur,
        texts,
        name="new_narratives",
        fields=NARRATIVE_FIELDS,
        sql=_INSERT_NARRATIVES_SQL,
        recorded_at=recorded_at,
        import_id=import_id,
    )


def _json(milestones: object) -> str | None:
    """Milestones as JSON text, or None when there are none."""
    if milestones is None or (isinstance(milestones, float) and pd.isna(milestones)):
        return None
    if not isinstance(milestones, Iterable):
        raise ValueError(f"milestones must be a list of quarter and text, got {milestones!r}")
    items = [_milestone(item) for item in milestones]
    return json.dumps(items, ensure_ascii=False) if items else None


def _milestone(item: object) -> dict[str, str]:
    if not isinstance(item, Mapping):
        raise ValueError(f"a milestone must have a quarter and a text, got {item!r}")
    return {"quarter": str(item["quarter"]), "text": str(item["text"])}
