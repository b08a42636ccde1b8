"""Hand-made action reports and duiding in a real database: each call one seed import, recorded
at a given moment, written by the real writer (``data.action_store``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb
import pandas as pd

from data import sql
from data.action_store import insert_action_reports, insert_narratives

_NEW_IMPORT_SQL = """
INSERT INTO imports BY NAME
SELECT
    coalesce(max(import_id), 0) + 1 AS import_id,
    $at AS started_at,
    $at AS finished_at,
    'test' AS user_name,
    'acties.xlsx' AS file_name,
    repeat('0', 64) AS sha256,
    0 AS rows_accepted,
    0 AS rows_rejected,
    'seed' AS outcome
FROM imports
RETURNING import_id
"""


def report_actions(
    con: duckdb.DuckDBPyConnection,
    reports: Sequence[tuple[str, str, str, str] | tuple[str, str, str, str, dict]],
    *,
    at: datetime,
) -> None:
    """Record ``reports`` (priority, part, period, status[, other fields]) as one import at ``at``."""
    rows = []
    for report in reports:
        priority_id, part_id, period, status = report[:4]
        fields = report[4] if len(report) > 4 else {}
        rows.append(
            {
                "priority_id": priority_id,
                "part_id": part_id,
                "period": period,
                "status": status,
                "expected_completion": fields.get("expected_completion"),
                "responsible": fields.get("responsible"),
                "narrative": fields.get("narrative"),
                "narrative_en": fields.get("narrative_en"),
                "milestones": None,
            }
        )
    with sql.transaction(con) as cur:
        import_id = cur.execute(_NEW_IMPORT_SQL, {"at": at}).fetchall()[0][0]
        insert_action_reports(cur, pd.DataFrame(rows), recorded_at=at, import_id=import_id)


def write_duiding(
    con: duckdb.DuckDBPyConnection,
    texts: Sequence[tuple[str, str, str, str, str | None]],
    *,
    at: datetime,
) -> None:
    """Record ``texts`` (action line, part, period, text, English text or None) at ``at``."""
    rows = pd.DataFrame(
        texts, columns=["action_line_id", "part_id", "period", "text", "text_en"], dtype=object
    )
    with sql.transaction(con) as cur:
        import_id = cur.execute(_NEW_IMPORT_SQL, {"at": at}).fetchall()[0][0]
        insert_narratives(cur, rows, recorded_at=at, import_id=import_id)
