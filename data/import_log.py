"""The import log: the ``imports`` row every attempt leaves, and the log the Data page shows.

Every import attempt, accepted or rejected, is one row with its counts and the file's sha256. The
row's ``message`` is language-neutral JSON that ``import_log`` unpacks for the page to translate;
both directions live here. An accepted quarter file's message holds the counts per change kind
over the whole file (``new``, ``changed``, ``unchanged``), the ``skipped`` rows, and the same
counts per kind of row it held (``row_kinds``: ``observations``, ``actions``, ``narratives``);
a rejected one's the count of each problem code (``problems``). A quarter file is logged with
``kind`` ``observations`` (whatever rows it held), a catalogue workbook with ``catalogue``.

| function | does |
|---|---|
| ``insert_entry(cur, result, ...)`` | adds the row, inside the caller's transaction |
| ``record_rejection(con, result, ...)`` | a transaction writing only a rejection's row |
| ``import_log(con, limit=50)`` | the newest attempts first, with ``kind``, counts unpacked |
| ``ROW_COUNT_COLUMNS`` | the per-row-kind count columns ``import_log`` adds |
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import duckdb
import pandas as pd

from data import sql
from data.access_rules import Actor
from data.access_store import record_identity
from data.intake_columns import FIGURES, ROW_KINDS
from data.intake_result import CHANGE_KINDS, ImportResult

__all__ = ["ROW_COUNT_COLUMNS", "import_log", "insert_entry", "record_rejection"]

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

# ``observations_new``, ``observations_changed`` ... ``narratives_unchanged``.
ROW_COUNT_COLUMNS = tuple(f"{rows}_{kind}" for rows in ROW_KINDS for kind in CHANGE_KINDS)
_COUNT_COLUMNS = (*CHANGE_KINDS, "problems", *ROW_COUNT_COLUMNS)


def _message(result: ImportResult) -> str:
    # Language-neutral, for the log page to translate: counts per change kind or problem code.
    if result.accepted:
        summary: dict[str, object] = dict(
            result.counts, skipped=result.rows_skipped, row_kinds=result.counts_by_row_kind
        )
    else:
        codes: dict[str, int] = {}
        for problem in result.problems:
            codes[problem.code] = codes.get(problem.code, 0) + 1
        summary = {"problems": codes}
    return json.dumps(summary, sort_keys=True)


def _count(counts: object, kind: str) -> int:
    value = counts.get(kind, 0) if isinstance(counts, dict) else 0
    return value if isinstance(value, int) and value >= 0 else 0


def _counts(message: object, log_kind: str) -> dict[str, int]:
    """The counts of a ``_message``; 0 for any missing or unreadable.

    A quarter file logged before files held actions and duiding has no ``row_kinds``: its
    counts are all figures'.
    """
    try:
        parsed = json.loads(message) if isinstance(message, str) else {}
    except ValueError:
        parsed = {}
    if not isinstance(parsed, dict):
        parsed = {}
    problems = parsed.get("problems", {})
    by_rows = parsed.get("row_kinds")
    if not isinstance(by_rows, dict):
        by_rows = {FIGURES: parsed} if log_kind == FIGURES else {}
    return {
        **{kind: _count(parsed, kind) for kind in CHANGE_KINDS},
        "problems": sum(_count(problems, code) for code in problems)
        if isinstance(problems, dict)
        else 0,
        **{
            f"{rows}_{kind}": _count(by_rows.get(rows), kind)
            for rows in ROW_KINDS
            for kind in CHANGE_KINDS
        },
    }


def insert_entry(
    cur: duckdb.DuckDBPyConnection,
    result: ImportResult,
    *,
    actor: Actor,
    clock: datetime,
    finished_at: datetime,
) -> int:
    """Add the log row of ``result`` with the cursor ``cur`` (inside its transaction), and how
    its user was identified; its id."""
    inserted = cur.execute(
        _INSERT_ENTRY_SQL,
        {
            "started_at": clock,
            "finished_at": max(clock, finished_at),
            "user_name": actor.name,
            "file_name": result.file_name,
            "sha256": result.sha256,
            "rows_accepted": len(result.all_changes) if result.accepted else 0,
            "rows_rejected": 0 if result.accepted else result.rows_with_problems,
            "outcome": result.outcome,
            "message": _message(result),
        },
    ).fetchall()
    import_id = int(inserted[0][0])
    record_identity(cur, import_id, actor)
    return import_id


def record_rejection(
    con: duckdb.DuckDBPyConnection, result: ImportResult, *, actor: Actor, clock: datetime
) -> ImportResult:
    """Record a rejected attempt, in a transaction that writes only its log row."""
    if result.accepted:
        raise ValueError("record_rejection records rejected attempts only")
    with sql.transaction(con) as cur:
        import_id = insert_entry(cur, result, actor=actor, clock=clock, finished_at=clock)
    return replace(result, import_id=import_id, dry_run=False)


def import_log(con: duckdb.DuckDBPyConnection, *, limit: int = 50) -> pd.DataFrame:
    """The newest import attempts first, each with its ``kind`` (observations or catalogue) and
    the counts from the message unpacked.

    Adds ``new``, ``changed``, ``unchanged`` (accepted imports, every kind of row together),
    ``problems`` (the number of problems of a rejected one) and ``ROW_COUNT_COLUMNS`` (an
    accepted quarter file's counts per kind of row); missing counts are 0.
    """
    log = sql.frame(con, _IMPORT_LOG_SQL, {"limit": limit})
    unpacked = pd.DataFrame(
        [_counts(m, k) for m, k in zip(log["message"], log["kind"], strict=True)], index=log.index
    )
    if unpacked.empty:
        unpacked = pd.DataFrame(columns=list(_COUNT_COLUMNS), dtype=int)
    return pd.concat([log.drop(columns=["message"]), unpacked], axis=1)
