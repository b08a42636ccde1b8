"""The import log: the ``imports`` row every attempt leaves, and the log the Data page shows.

Every import attempt, accepted or rejected, is one row with its counts and the file's sha256. The
row's ``message`` is language-neutral JSON (counts per change kind, or per problem code) that
``import_log`` unpacks for the page to translate; both directions live here.

| function | does |
|---|---|
| ``insert_entry(cur, result, ...)`` | adds the row, inside the caller's transaction |
| ``record_rejection(con, result, ...)`` | a transaction writing only a rejection's row |
| ``import_log(con, limit=50)`` | the newest attempts first, with ``kind``, counts unpacked |
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import duckdb
import pandas as pd

from data import sql
from data.intake_result import CHANGE_KINDS, ImportResult

__all__ = ["import_log", "insert_entry", "record_rejection"]

_INSERT_ENTRY_SQL = """
INSERT INTO imports BY NAME
SELECT
    coalesce(max(import_id), 0) + 1 AS import_id,
    $started_at AS started_at,
    $finished_at AS finished_at,
    $user_name AS user_name,
    $file_name AS file_name,
    $sha256 AS sha256,
    $rows_accepted AS rows_accepted,
    $rows_rejected AS rows_rejected,
    $outcome AS outcome,
    $message AS message
FROM imports
RETURNING import_id
"""

_IMPORT_LOG_SQL = """
SELECT
    import_id,
    started_at,
    user_name,
    file_name,
    sha256,
    rows_accepted,
    rows_rejected,
    outcome,
    kind,
    message
FROM imports
ORDER BY started_at DESC, import_id DESC
LIMIT $limit
"""

_COUNT_COLUMNS = (*CHANGE_KINDS, "problems")


def _message(result: ImportResult) -> str:
    # Language-neutral, for the log page to translate: counts per change kind or problem code.
    if result.accepted:
        summary: dict[str, object] = dict(result.counts, skipped=result.rows_skipped)
    else:
        codes: dict[str, int] = {}
        for problem in result.problems:
            codes[problem.code] = codes.get(problem.code, 0) + 1
        summary = {"problems": codes}
    return json.dumps(summary, sort_keys=True)


def _counts(message: object) -> dict[str, int]:
    """The counts of a ``_message``; 0 for any missing or unreadable."""
    try:
        parsed = json.loads(message) if isinstance(message, str) else {}
    except ValueError:
        parsed = {}
    if not isinstance(parsed, dict):
        parsed = {}
    problems = parsed.get("problems", {})
    return {
        **{kind: int(parsed.get(kind, 0)) for kind in CHANGE_KINDS},
        "problems": sum(problems.values()) if isinstance(problems, dict) else 0,
    }


def insert_entry(
    cur: duckdb.DuckDBPyConnection,
    result: ImportResult,
    *,
    user: str,
    clock: datetime,
    finished_at: datetime,
) -> int:
    """Add the log row of ``result`` with the cursor ``cur`` (inside its transaction); its id."""
    inserted = cur.execute(
        _INSERT_ENTRY_SQL,
        {
            "started_at": clock,
            "finished_at": max(clock, finished_at),
            "user_name": (user.strip() or "unknown")[:100],
            "file_name": result.file_name,
            "sha256": result.sha256,
            "rows_accepted": len(result.changes) if result.accepted else 0,
            "rows_rejected": 0 if result.accepted else result.rows_with_problems,
            "outcome": result.outcome,
            "message": _message(result),
        },
    ).fetchall()
    return int(inserted[0][0])


def record_rejection(
    con: duckdb.DuckDBPyConnection, result: ImportResult, *, user: str, clock: datetime
) -> ImportResult:
    """Record a rejected attempt, in a transaction that writes only its log row."""
    if result.accepted:
        raise ValueError("record_rejection records rejected attempts only")
    with sql.transaction(con) as cur:
        import_id = insert_entry(cur, result, user=user, clock=clock, finished_at=clock)
    return replace(result, import_id=import_id, dry_run=False)


def import_log(con: duckdb.DuckDBPyConnection, *, limit: int = 50) -> pd.DataFrame:
    """The newest import attempts first, each with its ``kind`` (observations or catalogue) and
    the counts from the message unpacked.

    Adds ``new``, ``changed``, ``unchanged`` (accepted imports) and ``problems`` (the number of
    problems of a rejected one); missing counts are 0.
    """
    log = sql.frame(con, _IMPORT_LOG_SQL, {"limit": limit})
    unpacked = pd.DataFrame([_counts(m) for m in log["message"]], index=log.index)
    if unpacked.empty:
        unpacked = pd.DataFrame(columns=list(_COUNT_COLUMNS), dtype=int)
    return pd.concat([log.drop(columns=["message"]), unpacked], axis=1)
