"""The import log: the ``imports`` row every attempt leaves, and the log the Data page shows.

Every import attempt, accepted or rejected, is one row with its counts and the file's sha256. The
row's ``message`` is language-neutral JSON that ``import_log`` unpacks for the page to translate;
both directions live here. An accepted quarter file's message holds the counts per change kind
over the whole file (``new``, ``changed``, ``unchanged``), the ``skipped`` rows, and the same
counts per kind of row it held (``row_kinds``: ``observations``, ``actions``, ``narratives``);
a rejected one's the count of each problem code (``problems``) and the parts it held rows for
that its user may not write (``refused_parts``). A catalogue import's message holds at least
``new``, ``changed`` and ``unchanged`` (a seed's: its rows, all new). Every row a writer adds
says so: the log never shows rows accepted with no change counted, nor a rejection without its
reason. A quarter file is logged with ``kind`` ``observations`` (whatever rows it held), a
catalogue workbook with ``catalogue``.

An accepted import's row is written in its own transaction with its versions. A rejected one
changes nothing else, so it is not worth publishing a new database: it goes to the attempt
journal beside the database (``data.attempt_journal``), which the next writer folds into
``imports``. ``import_log`` given the database's path (``journal_of``) shows the journal's
pending entries among the rows, newest first, with no ``import_id`` yet; without it (the
report, which is made from one published version) only the rows.

| function | does |
|---|---|
| ``accepted_message(counts_by_row_kind, *, skipped=0)`` | an accepted quarter file's message |
| ``rejected_message(problem_counts, *, refused_parts=())`` | a rejected file's message |
| ``counts_message(*, new=0, changed=0, unchanged=0)`` | a catalogue import's counts as a message |
| ``insert_entry(cur, result, ...)`` | adds the row, inside the caller's transaction |
| ``rejected_attempt(result, *, actor, clock)`` | a rejection as a journal entry |
| ``record_rejection(db_path, result, ...)`` | a rejection into the journal, database untouched |
| ``import_log(con, limit=50, journal_of=None)`` | the newest attempts first, counts unpacked |
| ``REFUSED_PARTS`` | the column ``import_log`` adds: refused parts' ids, ``;``-joined |
| ``ROW_COUNT_COLUMNS`` | the per-row-kind count columns ``import_log`` adds |
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from data import sql
from data.access_rules import Actor
from data.attempt_journal import (
    PENDING_ROWS_SQL,
    Attempt,
    append_attempt,
    insert_attempts,
    pending_attempts,
    pending_parameter,
)
from data.intake_access import NOT_YOUR_PART
from data.intake_columns import FIGURES, ROW_KINDS
from data.intake_result import CHANGE_KINDS, ImportResult

__all__ = [
    "REFUSED_PARTS",
    "ROW_COUNT_COLUMNS",
    "accepted_message",
    "counts_message",
    "import_log",
    "insert_entry",
    "record_rejection",
    "rejected_attempt",
    "rejected_message",
]

_IMPORT_LOG_SQL = f"""
WITH pending AS (
    -- attempts in the journal that are not rows yet (data.attempt_journal)
{PENDING_ROWS_SQL}
),

attempts AS (
    SELECT
        *,
        import_id AS sort_id
    FROM imports
    UNION ALL BY NAME
    SELECT * FROM pending
)

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
FROM attempts
ORDER BY started_at DESC, sort_id DESC
LIMIT $limit
"""

# ``observations_new``, ``observations_changed`` ... ``narratives_unchanged``.
ROW_COUNT_COLUMNS = tuple(f"{rows}_{kind}" for rows in ROW_KINDS for kind in CHANGE_KINDS)
_COUNT_COLUMNS = (*CHANGE_KINDS, "problems", *ROW_COUNT_COLUMNS)


REFUSED_PARTS = "refused_parts"


def counts_message(*, new: int = 0, changed: int = 0, unchanged: int = 0) -> str:
    """A catalogue import's counts (a seed's rows are all ``new``) as its log message."""
    return json.dumps({"new": new, "changed": changed, "unchanged": unchanged}, sort_keys=True)


def accepted_message(
    counts_by_row_kind: Mapping[str, Mapping[str, int]], *, skipped: int = 0
) -> str:
    """An accepted quarter file's message: per change kind over the whole file, the skipped
    rows, and the same counts per kind of row (``ImportResult.counts_by_row_kind``)."""
    by_kind = {
        rows: {kind: int(counts.get(kind, 0)) for kind in CHANGE_KINDS}
        for rows, counts in counts_by_row_kind.items()
    }
    totals = {kind: sum(counts[kind] for counts in by_kind.values()) for kind in CHANGE_KINDS}
    return json.dumps(dict(totals, skipped=skipped, row_kinds=by_kind), sort_keys=True)


def rejected_message(
    problem_counts: Mapping[str, int], *, refused_parts: Sequence[str] = ()
) -> str:
    """A rejected file's message: the count of each problem code and the parts it held rows for
    that its user may not write (each once, sorted)."""
    summary: dict[str, object] = {"problems": dict(problem_counts)}
    if refused_parts:
        summary[REFUSED_PARTS] = sorted(set(refused_parts))
    return json.dumps(summary, sort_keys=True)


def _message(result: ImportResult) -> str:
    # Language-neutral, for the log page to translate: counts per change kind or problem code.
    if result.accepted:
        return accepted_message(result.counts_by_row_kind, skipped=result.rows_skipped)
    # Every repeat counts: a problem told once for 8,000 rows is 8,000 problems.
    refused = [
        problem.parameters["part"]
        for problem in result.problems
        if problem.code == NOT_YOUR_PART and "part" in problem.parameters
    ]
    return rejected_message(result.problem_counts, refused_parts=refused)


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
    refused = parsed.get(REFUSED_PARTS, [])
    return {
        **{kind: _count(parsed, kind) for kind in CHANGE_KINDS},
        "problems": sum(_count(problems, code) for code in problems)
        if isinstance(problems, dict)
        else 0,
        REFUSED_PARTS: ";".join(str(p) for p in refused) if isinstance(refused, list) else "",
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
    attempt = Attempt(
        kind=FIGURES,
        started_at=clock,
        finished_at=max(clock, finished_at),
        user_name=actor.name,
        file_name=result.file_name,
        sha256=result.sha256,
        rows_accepted=len(result.all_changes) if result.accepted else 0,
        rows_rejected=0 if result.accepted else result.rows_with_problems,
        outcome=result.outcome,
        message=_message(result),
        mode=actor.mode,
        subject=actor.subject,
    )
    return insert_attempts(cur, [attempt])[0]


def rejected_attempt(result: ImportResult, *, actor: Actor, clock: datetime) -> Attempt:
    """The journal entry of a rejected quarter file: what its log row will hold."""
    if result.accepted:
        raise ValueError("record_rejection records rejected attempts only")
    return Attempt.rejected(
        kind=FIGURES,
        file_name=result.file_name,
        sha256=result.sha256,
        rows_rejected=result.rows_with_problems,
        message=_message(result),
        actor=actor,
        clock=clock,
    )


def record_rejection(
    db_path: Path, result: ImportResult, *, actor: Actor, clock: datetime
) -> ImportResult:
    """Put a rejected attempt on record in the journal of the database at ``db_path``
    (``data.attempt_journal``): the published database is not touched. The result as logged;
    its ``import_id`` is None until the next writer folds the entry into ``imports``."""
    append_attempt(db_path, rejected_attempt(result, actor=actor, clock=clock))
    return replace(result, import_id=None, dry_run=False)


def import_log(
    con: duckdb.DuckDBPyConnection, *, limit: int = 50, journal_of: Path | None = None
) -> pd.DataFrame:
    """The newest import attempts first, each with its ``kind`` (observations or catalogue) and
    the counts from the message unpacked.

    ``journal_of``: the path of ``con``'s database, to show the attempts its journal holds that
    are not rows yet (``import_id`` missing), as everyone using it sees the log; None for the
    rows of this version only. Adds ``new``, ``changed``, ``unchanged`` (accepted imports, every
    kind of row together), ``problems`` (the number of problems of a rejected one) and
    ``ROW_COUNT_COLUMNS`` (an accepted quarter file's counts per kind of row) and
    ``REFUSED_PARTS`` (a rejected file's parts its user may not write); missing counts are 0.
    """
    pending = pending_parameter(pending_attempts(con, journal_of))
    log = sql.frame(con, _IMPORT_LOG_SQL, {"limit": limit, "pending": pending})
    unpacked = pd.DataFrame(
        [_counts(m, k) for m, k in zip(log["message"], log["kind"], strict=True)], index=log.index
    )
    if unpacked.empty:
        unpacked = pd.DataFrame(columns=list(_COUNT_COLUMNS), dtype=int)
        unpacked[REFUSED_PARTS] = pd.Series(dtype=str)
    return pd.concat([log.drop(columns=["message"]), unpacked], axis=1)
