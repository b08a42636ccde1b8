"""A hand-made set of action reports on action line AL05, with its roll-up computed by hand.

AL05's priorities: A (eur_nl, owed by EUR_NL), B and D (kingdom, owed by KINGDOM), C (caribbean,
owed by AW, CW, SX and CAR_NL). As of quarter q (``as_of``), with q-1 the quarter before:

| action | reports | as of q |
|---|---|---|
| AL05-A x EUR_NL | q-1 on schedule, q completed | completed (was on schedule) |
| AL05-B x KINGDOM | q-1 on schedule | on schedule, carried one quarter: not stale |
| AL05-C x AW | q-5 discontinued | discontinued: final, never stale |
| AL05-C x CW | q-2 delayed | delayed, carried two quarters: stale |
| AL05-C x SX | none | not reported (owed): stale |
| AL05-C x CAR_NL | q at risk, corrected later to discontinued | discontinued (was not reported) |
| AL05-D x KINGDOM | q-8 discontinued | discontinued |
| AL05-C x BQ-BO | q+1 at risk (not owed) | not an action yet |

So the Kingdom's AL05 roll-up: completed 1, on schedule 1, delayed 1, discontinued 3, not
reported 1; 7 actions, 2 stale; share on schedule (1 + 1) / (7 - 3) = 2/4.

``write_action_case`` writes these reports (with their own import row) through
``data.action_store``, in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

import duckdb
import pandas as pd

from data.action_store import insert_action_reports
from metrics.periods import shift_period

ACTION_LINE: Final = "AL05"
CASE_QUARTER: Final = "2026Q2"
# The first versions' moment; the correction is recorded a week later.
RECORDED_AT: Final = datetime(2026, 7, 10, 12, 0, 0)
CORRECTED_AT: Final = RECORDED_AT + timedelta(days=7)

# (priority_id, part_id, quarters after as_of, status), first versions.
_REPORTS: Final = (
    ("AL05-A", "EUR_NL", -1, "on_schedule"),
    ("AL05-A", "EUR_NL", 0, "completed"),
    ("AL05-B", "KINGDOM", -1, "on_schedule"),
    ("AL05-C", "AW", -5, "discontinued"),
    ("AL05-C", "CW", -2, "delayed"),
    ("AL05-C", "CAR_NL", 0, "at_risk"),
    ("AL05-D", "KINGDOM", -8, "discontinued"),
    ("AL05-C", "BQ-BO", 1, "at_risk"),
)
_CORRECTIONS: Final = (("AL05-C", "CAR_NL", 0, "discontinued"),)

# As of q at the current vintage, per action: (status, reported quarter offset or None, stale,
# previous status, owed).
EXPECTED_STATES: Final = {
    ("AL05-A", "EUR_NL"): ("completed", 0, False, "on_schedule", True),
    ("AL05-B", "KINGDOM"): ("on_schedule", -1, False, "on_schedule", True),
    ("AL05-C", "AW"): ("discontinued", -5, False, "discontinued", True),
    ("AL05-C", "CW"): ("delayed", -2, True, "delayed", True),
    ("AL05-C", "SX"): ("not_reported", None, True, "not_reported", True),
    ("AL05-C", "CAR_NL"): ("discontinued", 0, False, "not_reported", True),
    ("AL05-D", "KINGDOM"): ("discontinued", -8, False, "discontinued", True),
}

# The hand-computed roll-ups of AL05 as of q, per part whose actions (its own and its units')
# include some: counts per status, n_actions, n_stale, share on schedule (None: none counts).
_ZERO: Final = {
    "completed": 0,
    "on_schedule": 0,
    "at_risk": 0,
    "delayed": 0,
    "not_started": 0,
    "discontinued": 0,
    "not_reported": 0,
}
EXPECTED_ROLLUPS: Final = {
    "KINGDOM": (
        {
            **_ZERO,
            "completed": 1,
            "on_schedule": 1,
            "delayed": 1,
            "discontinued": 3,
            "not_reported": 1,
        },
        7,
        2,
        2 / 4,
    ),
    "EUR_NL": ({**_ZERO, "completed": 1}, 1, 0, 1.0),
    "CAR_C": ({**_ZERO, "delayed": 1, "discontinued": 1, "not_reported": 1}, 3, 2, 0.0),
    "AW": ({**_ZERO, "discontinued": 1}, 1, 0, None),
    "CW": ({**_ZERO, "delayed": 1}, 1, 1, 0.0),
    "SX": ({**_ZERO, "not_reported": 1}, 1, 1, 0.0),
    "CAR_NL": ({**_ZERO, "discontinued": 1}, 1, 0, None),
}
# Parts with no AL05 action as of q.
NO_ACTIONS: Final = ("NL", "BQ-BO", "BQ-SE", "BQ-SA")
# The actions whose status as of q differs from that as of q-1.
EXPECTED_CHANGES: Final = {
    ("AL05-A", "EUR_NL"): ("on_schedule", "completed"),
    ("AL05-C", "CAR_NL"): ("not_reported", "discontinued"),
}

_IMPORT_SQL: Final = """
INSERT INTO imports (
    import_id,
    started_at,
    finished_at,
    user_name,
    file_name,
    sha256,
    rows_accepted,
    rows_rejected,
    outcome
)
SELECT
    coalesce(max(import_id), 0) + 1,
    $recorded_at,
    $recorded_at,
    'test',
    'acties.csv',
    repeat('0', 64),
    $rows,
    0,
    'seed'
FROM imports
RETURNING import_id
"""


def _frame(rows: tuple[tuple[str, str, int, str], ...], as_of: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "priority_id": [row[0] for row in rows],
            "part_id": [row[1] for row in rows],
            "period": [shift_period(as_of, row[2]) for row in rows],
            "status": [row[3] for row in rows],
            "expected_completion": [shift_period(as_of, 4) for _ in rows],
            "responsible": ["Ministerie van JenV" for _ in rows],
            "narrative": [f"Toelichting {row[0]} {row[1]}" for row in rows],
            "narrative_en": [None for _ in rows],
            "milestones": [None for _ in rows],
        }
    )


def _insert(cur: duckdb.DuckDBPyConnection, reports: pd.DataFrame, recorded_at: datetime) -> None:
    import_id = cur.execute(
        _IMPORT_SQL, {"recorded_at": recorded_at, "rows": len(reports)}
    ).fetchall()[0][0]
    insert_action_reports(cur, reports, recorded_at=recorded_at, import_id=import_id)


def write_action_case(
    cur: duckdb.DuckDBPyConnection,
    *,
    as_of: str = CASE_QUARTER,
    recorded_at: datetime = RECORDED_AT,
    corrected_at: datetime = CORRECTED_AT,
) -> None:
    """Write the case's reports around quarter ``as_of``: the first versions at ``recorded_at``,
    the correction at ``corrected_at``."""
    _insert(cur, _frame(_REPORTS, as_of), recorded_at)
    _insert(cur, _frame(_CORRECTIONS, as_of), corrected_at)
