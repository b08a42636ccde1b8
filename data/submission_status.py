"""What each reporting unit owes per quarter, and whether it came in: the submission status.

A *reporting unit* is where an indicator is reported directly (``indicator_scope``): an entity
(one country or island) or the Kingdom itself. A quarter expects a value for an indicator when
its frequency says so:

| frequency | expected in |
|---|---|
| quarterly | every quarter |
| biannual | Q2 and Q4 |
| annual | Q4 |
| biennial | Q4 of odd years (2023, 2025, ...: every other year from the strategy's start) |

An indicator retired from quarter q on (``retired_from`` in the current catalogue) is expected
only before q: from q on it leaves the grid's counts and the template (``expects``).

A quarter's figures are due ``DUE_AFTER_DAYS`` (45) days after the quarter ends. Status of one
unit in one quarter, as seen at the clock:

| status | meaning |
|---|---|
| ``received`` | every expected value is in, each first recorded by the due date |
| ``late`` | the due date has passed and values are still missing, or came in after it |
| ``partial`` | not yet due; some of the expected values are in |
| ``missing`` | not yet due; none are in yet |
| ``not_expected`` | nothing is expected from this unit this quarter |

"Under a part" is the schema's ``part_tree`` view; units come in the hierarchy's ``sort_order``.
The fill-in template for the same rows is ``data.template``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Final

import duckdb
import pandas as pd

from data.sql import frame
from metrics.periods import (
    last_full_quarter,
    period_from_index,
    quarter_end,
    quarter_index,
    reports_in,
)

__all__ = [
    "DUE_AFTER_DAYS",
    "SUBMISSION_STATUSES",
    "due_date",
    "expects",
    "recent_quarters",
    "reporting_scope",
    "reporting_units",
    "submission_status",
]

DUE_AFTER_DAYS: Final = 45
SUBMISSION_STATUSES: Final = ("received", "late", "partial", "missing", "not_expected")
_STATUS_COLUMNS: Final = (
    "part_id",
    "period",
    "due_date",
    "expected",
    "received",
    "received_late",
    "status",
)


def due_date(period: str) -> date:
    return quarter_end(period) + timedelta(days=DUE_AFTER_DAYS)


def expects(frequency: str, retired_from: str | None, period: str) -> bool:
    """Whether ``period`` expects a value of an indicator reported at ``frequency`` and retired
    from ``retired_from`` on (None or NaN: not retired).

    >>> expects("quarterly", "2026Q1", "2025Q4"), expects("quarterly", "2026Q1", "2026Q1")
    (True, False)
    """
    live = not isinstance(retired_from, str) or quarter_index(period) < quarter_index(retired_from)
    return live and reports_in(frequency, period)


def recent_quarters(clock: datetime | date, count: int = 4) -> list[str]:
    """The ``count`` last full quarters before ``clock``, oldest first."""
    today = clock.date() if isinstance(clock, datetime) else clock
    last = quarter_index(last_full_quarter(today))
    return [period_from_index(index) for index in range(last - count + 1, last + 1)]


# A part's row in part_tree for each part at or under it: one row per unit, no walk in Python.
# $since (NULL: any) leaves out units whose every indicator was retired by that quarter.
_UNITS_SQL = """
SELECT parts.part_id
FROM part_tree AS tree
INNER JOIN kingdom_parts AS parts USING (part_id)
WHERE tree.ancestor_id = $part_id
    AND parts.part_id IN (
        SELECT scope.part_id
        FROM indicator_scope AS scope
        INNER JOIN indicators USING (indicator_id)
        WHERE $since IS NULL
            OR indicators.retired_from IS NULL
            OR indicators.retired_from > $since
    )
ORDER BY parts.sort_order
"""

_SCOPE_SQL = """
SELECT
    scope.indicator_id,
    scope.part_id,
    indicators.frequency,
    indicators.retired_from,
    indicators.name_nl,
    indicators.name_en,
    indicators.unit_nl,
    indicators.unit_en,
    parts.name_nl AS part_name_nl,
    parts.name_en AS part_name_en,
    parts.sort_order
FROM indicator_scope AS scope
INNER JOIN part_tree AS tree
    ON tree.part_id = scope.part_id
    AND tree.ancestor_id = $part_id
INNER JOIN indicators USING (indicator_id)
INNER JOIN kingdom_parts AS parts ON parts.part_id = scope.part_id
ORDER BY parts.sort_order, scope.indicator_id
"""


def reporting_units(
    con: duckdb.DuckDBPyConnection, part_id: str, *, since: str | None = None
) -> list[str]:
    """The units under ``part_id`` (itself included) that report at least one indicator; with
    ``since``, at least one not retired by that quarter."""
    return frame(con, _UNITS_SQL, {"part_id": part_id, "since": since})["part_id"].tolist()


def reporting_scope(con: duckdb.DuckDBPyConnection, part_id: str) -> pd.DataFrame:
    """Every indicator x reporting unit under ``part_id``, in the hierarchy's order.

    Columns: indicator_id, part_id, frequency, retired_from, name_nl, name_en, unit_nl, unit_en,
    part_name_nl, part_name_en, sort_order.
    """
    return frame(con, _SCOPE_SQL, {"part_id": part_id})


_FIRST_RECORDED_SQL = """
SELECT
    indicator_id,
    part_id,
    period,
    min(recorded_at) AS first_recorded_at
FROM observations
WHERE period BETWEEN $first AND $last
    AND ($vintage IS NULL OR recorded_at <= $vintage)
GROUP BY indicator_id, part_id, period
"""


def submission_status(
    con: duckdb.DuckDBPyConnection,
    *,
    clock: datetime,
    part_id: str = "KINGDOM",
    quarters: list[str] | None = None,
) -> pd.DataFrame:
    """One row per reporting unit under ``part_id`` and quarter (default: the last four).

    Columns: part_id, period, due_date, expected, received, received_late, status. Only what was
    recorded by ``clock`` counts. A unit whose every indicator is retired by the first quarter
    asked for is left out; a retired indicator counts only in the quarters before its retirement.
    """
    periods = quarters or recent_quarters(clock)
    units = reporting_units(con, part_id, since=min(periods))
    scope = reporting_scope(con, part_id)
    first = frame(
        con,
        _FIRST_RECORDED_SQL,
        {"first": min(periods), "last": max(periods), "vintage": clock},
    )
    arrived = {
        (row.indicator_id, row.part_id, row.period): row.first_recorded_at
        for row in first.itertuples(index=False)
    }
    today = clock.date()
    records = []
    for unit in units:
        unit_scope = scope[scope["part_id"] == unit]
        for period in periods:
            due = due_date(period)
            expected = [
                indicator
                for indicator, frequency, retired_from in zip(
                    unit_scope["indicator_id"],
                    unit_scope["frequency"],
                    unit_scope["retired_from"],
                    strict=True,
                )
                if expects(frequency, retired_from, period)
            ]
            times = [arrived.get((indicator, unit, period)) for indicator in expected]
            received = [moment for moment in times if moment is not None]
            late = [moment for moment in received if pd.Timestamp(moment).date() > due]
            records.append(
                {
                    "part_id": unit,
                    "period": period,
                    "due_date": due,
                    "expected": len(expected),
                    "received": len(received),
                    "received_late": len(late),
                    "status": _status(len(expected), len(received), len(late), today > due),
                }
            )
    return pd.DataFrame(records, columns=list(_STATUS_COLUMNS))


def _status(expected: int, received: int, late: int, overdue: bool) -> str:
    if expected == 0:
        return "not_expected"
    if received == expected and late == 0:
        return "received"
    if overdue or late:
        return "late"
    return "partial" if received else "missing"
