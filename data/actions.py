"""Actions and narrative as known at a vintage: every action's status as of a quarter, its history,
and the duiding per action line and part. The rules are ``metrics.actions`` (METHOD.md v2 item 3).

An *action* is a lettered priority as reported by one Kingdom part or entity. The actions of a
quarter are those owed (``priority_reporters``) and those some unit under the priority's scope
has reported on for that quarter or earlier. Reports and narratives are append-only versions
(``action_reports_at`` / ``narratives_at``: the newest version of each key recorded at or before
the vintage; None is everything recorded so far).

| function | returns |
|---|---|
| ``action_states(con, quarter=, vintage=)`` | one row per action: its status as of quarter |
| ``action_history(con, priority_id=, vintage=)`` | every report of a priority, by part, period |
| ``narratives(con, quarter=, vintage=)`` | the latest duiding per action line and part |
| ``narrative_history(con, action_line_id=, vintage=)`` | every duiding of an action line |

Imports ``data.sql`` and ``metrics`` (actions, periods).
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

import duckdb
import pandas as pd

from data.sql import frame
from metrics.actions import action_state
from metrics.periods import shift_period

__all__ = [
    "ACTION_STATE_COLUMNS",
    "action_history",
    "action_states",
    "narrative_history",
    "narratives",
]

# What ``action_states`` returns, in this order.
ACTION_STATE_COLUMNS: Final = (
    "objective_id",
    "action_line_id",
    "priority_id",
    "letter",
    "scope",
    "covers",
    "summary_nl",
    "summary_en",
    "part_id",
    "owed",
    "status",
    "reported_period",
    "stale",
    "status_since",
    "previous_status",
    "expected_completion",
    "responsible",
    "narrative",
    "narrative_en",
    "milestones",
    "recorded_at",
)

# Every action of the quarter, in the strategy's order, then the Kingdom's.
_ACTIONS_SQL: Final = """
WITH reported AS (
    SELECT DISTINCT
        priority_id,
        part_id
    FROM action_reports_at($vintage)
    WHERE period <= $quarter
),

units AS (
    SELECT
        priority_id,
        part_id,
        bool_or(owed) AS owed
    FROM (
        SELECT priority_id, part_id, true AS owed FROM priority_reporters
        UNION ALL
        SELECT priority_id, part_id, false AS owed FROM reported
    )
    GROUP BY priority_id, part_id
),

covered AS (
    SELECT
        priority_id,
        list(part_id ORDER BY part_id) AS covers
    FROM priority_parts
    GROUP BY priority_id
)

SELECT
    action_lines.objective_id,
    priorities.action_line_id,
    units.priority_id,
    priorities.letter,
    priorities.scope,
    covered.covers,
    priorities.summary_nl,
    priorities.summary_en,
    units.part_id,
    units.owed
FROM units
INNER JOIN priorities ON priorities.priority_id = units.priority_id
INNER JOIN action_lines ON action_lines.action_line_id = priorities.action_line_id
INNER JOIN kingdom_parts ON kingdom_parts.part_id = units.part_id
LEFT JOIN covered ON covered.priority_id = units.priority_id
ORDER BY action_lines.sort_order, priorities.letter, kingdom_parts.sort_order
"""

_REPORTS_SQL: Final = """
SELECT
    priority_id,
    part_id,
    period,
    status,
    expected_completion,
    responsible,
    narrative,
    narrative_en,
    milestones,
    recorded_at,
    import_id
FROM action_reports_at($vintage)
WHERE period <= $quarter
    AND ($priority_id IS NULL OR priority_id = $priority_id)
ORDER BY priority_id, part_id, period
"""

_NARRATIVES_SQL: Final = """
SELECT
    action_line_id,
    part_id,
    max(period) AS period,
    arg_max(text, period) AS text,
    arg_max_null(text_en, period) AS text_en,
    arg_max(recorded_at, period) AS recorded_at
FROM narratives_at($vintage)
WHERE period <= $quarter
GROUP BY action_line_id, part_id
ORDER BY action_line_id, part_id
"""

_NARRATIVE_HISTORY_SQL: Final = """
SELECT
    action_line_id,
    part_id,
    period,
    text,
    text_en,
    recorded_at,
    import_id
FROM narratives_at($vintage)
WHERE action_line_id = $action_line_id
ORDER BY period DESC, part_id
"""

# The latest a report's period can be: any quarter (a bound for "every report").
_ANY_QUARTER: Final = "9999Q4"


def _status_since(periods: list[str], statuses: list[str]) -> str | None:
    """The first period of the last run of equal statuses (periods ascending)."""
    since = None
    previous = None
    for period, status in zip(periods, statuses, strict=True):
        if status != previous:
            since, previous = period, status
    return since


def action_states(
    con: duckdb.DuckDBPyConnection, *, quarter: str, vintage: datetime | None = None
) -> pd.DataFrame:
    """One row per action of ``quarter`` at ``vintage`` (``ACTION_STATE_COLUMNS``).

    ``covers`` lists every part or entity the priority's scope covers (``priority_parts``).
    ``status`` is the carried status (``not_reported`` where none), ``reported_period`` the
    quarter of the report it comes from, ``stale`` per ``metrics.actions.is_stale``,
    ``status_since`` the first quarter of the report run with that status (when it last changed),
    ``previous_status`` the status as of the quarter before, at the same vintage. The report's
    other fields (expected completion ... milestones, ``recorded_at``) are those of the report
    the status comes from; empty where none.
    """
    parameters = {"quarter": quarter, "vintage": vintage}
    actions = frame(con, _ACTIONS_SQL, parameters)
    reports = frame(con, _REPORTS_SQL, {**parameters, "priority_id": None})
    by_action = {
        key: group for key, group in reports.groupby(["priority_id", "part_id"], sort=False)
    }
    previous_quarter = shift_period(quarter, -1)
    details = ("expected_completion", "responsible", "narrative", "narrative_en", "milestones")
    rows = []
    for priority_id, part_id in zip(actions["priority_id"], actions["part_id"], strict=True):
        group = by_action.get((priority_id, part_id))
        history = [] if group is None else list(zip(group["period"], group["status"], strict=True))
        status, reported_period, stale = action_state(history, quarter)
        previous_status, _, _ = action_state(history, previous_quarter)
        row: dict[str, object] = {
            "status": status,
            "reported_period": reported_period,
            "stale": stale,
            "previous_status": previous_status,
            "status_since": None,
            "recorded_at": None,
            **dict.fromkeys(details),
        }
        if group is not None:
            row["status_since"] = _status_since(list(group["period"]), list(group["status"]))
            report = group.loc[group["period"] == reported_period].iloc[0]
            row["recorded_at"] = report["recorded_at"]
            row.update({column: report[column] for column in details})
        rows.append(row)
    detail_frame = pd.DataFrame(
        rows,
        index=actions.index,
        columns=[
            "status",
            "reported_period",
            "stale",
            "previous_status",
            "status_since",
            "recorded_at",
            *details,
        ],
    )
    states = pd.concat([actions, detail_frame], axis=1)
    text = ["reported_period", "status_since", *details]
    states[text] = states[text].astype(object).where(states[text].notna(), None)
    states["stale"] = states["stale"].astype(bool)
    states["owed"] = states["owed"].astype(bool)
    return states[list(ACTION_STATE_COLUMNS)].reset_index(drop=True)


def action_history(
    con: duckdb.DuckDBPyConnection,
    *,
    priority_id: str | None = None,
    vintage: datetime | None = None,
) -> pd.DataFrame:
    """Every report (newest version per part and period) of ``priority_id`` (None: of every
    priority) recorded at or before ``vintage``, oldest period first."""
    return frame(
        con,
        _REPORTS_SQL,
        {"quarter": _ANY_QUARTER, "vintage": vintage, "priority_id": priority_id},
    )


def narratives(
    con: duckdb.DuckDBPyConnection, *, quarter: str, vintage: datetime | None = None
) -> pd.DataFrame:
    """The latest duiding per action line and part for ``quarter`` or earlier, at ``vintage``.

    Columns: action_line_id, part_id, period (the quarter it was written for: earlier than
    ``quarter`` when the newest one is older), text, text_en (None where not translated),
    recorded_at.
    """
    return frame(con, _NARRATIVES_SQL, {"quarter": quarter, "vintage": vintage})


def narrative_history(
    con: duckdb.DuckDBPyConnection, *, action_line_id: str, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every duiding of ``action_line_id`` (newest version per part and period), newest first."""
    return frame(
        con, _NARRATIVE_HISTORY_SQL, {"action_line_id": action_line_id, "vintage": vintage}
    )
