"""Actions beside indicators (METHOD.md v2 item 3): an action's status as of a quarter, and the
roll-up of action statuses. Pure; never mixed with the indicator statuses of ``metrics.rollup``.

An action is one lettered priority as reported by one Kingdom part or entity. Each quarter its
reporter states a status (``ACTION_STATUSES``). As of quarter q the action has the status of its
latest report for a period <= q. Without a report for q it keeps that status, and is *stale* when
``ACTION_STALE_AFTER_QUARTERS`` quarters or more have passed since the reported period, unless
the status is final (``completed``, ``discontinued``: nothing more is owed). An action owed but
never reported is ``not_reported`` (and stale once the quarter is late enough to say so: never
reported is always stale).

The share on schedule is (completed + on_schedule) / (every action but discontinued), the
``not_reported`` ones included in the denominator; None when that is zero.

| function | returns |
|---|---|
| ``action_state(reports, as_of)`` | (status, reported period, stale) of one action |
| ``is_stale(status, reported_period, as_of)`` | whether a carried status is stale |
| ``action_distribution(statuses)`` | a count per status, in display order |
| ``share_on_schedule(counts)`` | the share on schedule of a distribution |
| ``action_rollup(states, by=[...])`` | per group: a count per status, n_actions, share, n_stale |

>>> action_state([("2025Q3", "on_schedule"), ("2025Q4", "delayed")], "2026Q1")
('delayed', '2025Q4', False)
>>> action_state([("2025Q3", "on_schedule"), ("2025Q4", "delayed")], "2026Q2")
('delayed', '2025Q4', True)
>>> action_state([("2024Q2", "completed")], "2026Q2")
('completed', '2024Q2', False)
>>> action_state([("2026Q3", "at_risk")], "2026Q2")
('not_reported', None, True)
>>> counts = action_distribution(["completed", "on_schedule", "delayed", "discontinued",
...                               "not_reported"])
>>> counts["completed"], counts["delayed"], counts["not_reported"]
(1, 1, 1)
>>> share_on_schedule(counts)
0.5
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from metrics.constants import (
    ACTION_FINAL_STATUSES,
    ACTION_ON_SCHEDULE_STATUSES,
    ACTION_STALE_AFTER_QUARTERS,
    ACTION_STATUSES,
    ACTION_UNCOUNTED_STATUSES,
    NOT_REPORTED,
)
from metrics.errors import MetricError
from metrics.periods import quarter_index

__all__ = [
    "ACTION_DISTRIBUTION_STATUSES",
    "ACTION_ROLLUP_COLUMNS",
    "action_distribution",
    "action_rollup",
    "action_state",
    "is_stale",
    "share_on_schedule",
]

# Every status a distribution counts, in display order: the reported ones, then never reported.
ACTION_DISTRIBUTION_STATUSES: tuple[str, ...] = (*ACTION_STATUSES, NOT_REPORTED)
# Columns of an action roll-up after its group keys, in this order.
ACTION_ROLLUP_COLUMNS: tuple[str, ...] = (
    *ACTION_DISTRIBUTION_STATUSES,
    "n_actions",
    "n_stale",
    "share_on_schedule",
)


def is_stale(status: str, reported_period: str | None, as_of: str) -> bool:
    """Whether an action's status as of ``as_of`` is stale.

    Never reported (``reported_period`` None) is stale; a final status never is; otherwise stale
    when ``ACTION_STALE_AFTER_QUARTERS`` or more quarters separate the report from ``as_of``.
    """
    if reported_period is None:
        return True
    if status in ACTION_FINAL_STATUSES:
        return False
    return quarter_index(as_of) - quarter_index(reported_period) >= ACTION_STALE_AFTER_QUARTERS


def action_state(reports: Iterable[tuple[str, str]], as_of: str) -> tuple[str, str | None, bool]:
    """The (status, reported period, stale) of one action as of ``as_of``.

    ``reports`` are (period, status) pairs, one per period (the newest version of each, at the
    vintage asked for), in any order; reports for periods after ``as_of`` do not count.
    """
    known = [(period, status) for period, status in reports if period <= as_of]
    for _period, status in known:
        if status not in ACTION_STATUSES:
            raise MetricError(f"action_state: {status!r} is not an action status")
    if not known:
        return NOT_REPORTED, None, True
    period, status = max(known)
    return status, period, is_stale(status, period, as_of)


def action_distribution(statuses: Iterable[str]) -> dict[str, int]:
    """A count per status (``ACTION_DISTRIBUTION_STATUSES``, every one present, zeros included)."""
    counts = dict.fromkeys(ACTION_DISTRIBUTION_STATUSES, 0)
    for status in statuses:
        if status not in counts:
            raise MetricError(f"action_distribution: {status!r} is not an action status")
        counts[status] += 1
    return counts


def share_on_schedule(counts: Mapping[str, int]) -> float | None:
    """(completed + on_schedule) / (all but discontinued); None when no action counts."""
    counted = sum(n for status, n in counts.items() if status not in ACTION_UNCOUNTED_STATUSES)
    if counted == 0:
        return None
    on_schedule = sum(counts.get(status, 0) for status in ACTION_ON_SCHEDULE_STATUSES)
    return on_schedule / counted


def action_rollup(states: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Per group of ``by`` columns of ``states`` (one row per action, with ``status`` and
    ``stale``): a count per status, ``n_actions``, ``n_stale`` and ``share_on_schedule`` (NaN
    where no action counts). One row for the whole frame when ``by`` is empty.

    Which actions belong in a roll-up (those reported by a part and the units under it, say) is
    the caller's choice, as for ``metrics.rollup``.
    """
    keys = list(by)
    missing = [c for c in [*keys, "status", "stale"] if c not in states.columns]
    if missing:
        raise MetricError(f"action_rollup: the states lack the columns {', '.join(missing)}")
    unknown = sorted(set(states["status"]) - set(ACTION_DISTRIBUTION_STATUSES))
    if unknown:
        raise MetricError(f"action_rollup: {', '.join(map(str, unknown))} is not an action status")
    counts = pd.DataFrame(
        {
            status: (states["status"] == status).astype("int64")
            for status in ACTION_DISTRIBUTION_STATUSES
        },
        index=states.index,
    )
    counts["n_actions"] = 1
    counts["n_stale"] = states["stale"].astype(bool).astype("int64")
    if keys:
        result = counts.groupby([states[k] for k in keys], sort=True).sum().reset_index()
    else:
        result = counts.sum().to_frame().T.astype("int64")
    shares = [
        share_on_schedule(dict(zip(ACTION_DISTRIBUTION_STATUSES, row, strict=True)))
        for row in result[list(ACTION_DISTRIBUTION_STATUSES)].itertuples(index=False)
    ]
    result["share_on_schedule"] = pd.Series(
        [float("nan") if share is None else share for share in shares],
        index=result.index,
        dtype=float,
    )
    return result[[*keys, *ACTION_ROLLUP_COLUMNS]]
