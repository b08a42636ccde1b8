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

Actions are owed too (METHOD.md v2 item 3): a unit that carries a lettered priority
(``priority_reporters``) owes a report on it each quarter while the action is open, i.e. while
its status as of the quarter before is not final (``completed`` or ``discontinued`` owe nothing).
A report for the quarter is received when its first version was recorded; the due date and the
statuses are those of the figures. ``action_submission_status`` counts them per unit and quarter;
``unit_submission_status`` sets figures and actions side by side, with the unit's status over
both: every expected value and report in on time is ``received``, and so on, over the two sums.
A unit that owes actions but no figures (the Kingdom's parts carry policy, not indicators) is
there with nothing expected in figures.

| function | one row per unit and quarter |
|---|---|
| ``submission_status(con, clock=, part_id=, quarters=)`` | figures |
| ``action_submission_status(con, clock=, part_id=, quarters=)`` | actions |
| ``unit_submission_status(con, clock=, part_id=, quarters=)`` | both, side by side |

"Under a part" is the schema's ``part_tree`` view; units come in the hierarchy's ``sort_order``.
The fill-in template for the same rows is ``data.template``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Final

import duckdb
import pandas as pd

from data.actions import action_states
from data.sql import frame
from metrics.constants import ACTION_FINAL_STATUSES
from metrics.periods import (
    last_full_quarter,
    period_from_index,
    quarter_end,
    quarter_index,
    reports_in,
    shift_period,
)

__all__ = [
    "DUE_AFTER_DAYS",
    "SUBMISSION_STATUSES",
    "UNIT_STATUS_COLUMNS",
    "action_submission_status",
    "due_date",
    "expects",
    "recent_quarters",
    "reporting_scope",
    "reporting_units",
    "submission_status",
    "unit_submission_status",
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
# What ``unit_submission_status`` returns: each kind's counts and status, then the unit's.
_COUNTS: Final = ("expected", "received", "received_late", "status")
UNIT_STATUS_COLUMNS: Final = (
    "part_id",
    "period",
    "due_date",
    *(f"figures_{column}" for column in _COUNTS),
    *(f"actions_{column}" for column in _COUNTS),
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


def _first_recorded_sql(table: str, key: str) -> str:
    """When each (``key``, part, period) of ``table`` between $first and $last was first
    recorded, at or before $vintage (both identifiers from this module's constants)."""
    return f"""
SELECT
    {key},
    part_id,
    period,
    min(recorded_at) AS first_recorded_at
FROM {table}
WHERE period BETWEEN $first AND $last
    AND ($vintage IS NULL OR recorded_at <= $vintage)
GROUP BY {key}, part_id, period
"""


_FIRST_RECORDED_SQL: Final = _first_recorded_sql("observations", "indicator_id")
_FIRST_REPORTED_SQL: Final = _first_recorded_sql("action_reports", "priority_id")


def _arrivals(
    con: duckdb.DuckDBPyConnection, sql: str, periods: list[str], clock: datetime
) -> pd.DataFrame:
    """(item, part_id, period, first_recorded_at) of ``sql`` (``_first_recorded_sql``): when each
    item first arrived, for what was recorded by ``clock``."""
    return frame(con, sql, {"first": min(periods), "last": max(periods), "vintage": clock})


def _cells(
    owed: pd.DataFrame,
    arrived: pd.DataFrame,
    *,
    key: str,
    units: list[str],
    periods: list[str],
    today: date,
) -> pd.DataFrame:
    """One row per unit and quarter (``units`` x ``periods``, in that order): how many items
    it owed (``owed``: one row per ``key``, part_id, period), how many of those arrived
    (``_arrivals``) and how many of them after the quarter's due date, and its status. Column
    by column: at M a unit owes thousands of figures a quarter."""
    due = {period: due_date(period) for period in periods}
    joined = owed.merge(arrived, on=[key, "part_id", "period"], how="left")
    moment = pd.to_datetime(joined["first_recorded_at"])
    received = moment.notna()
    late = pd.Series(False, index=joined.index)
    late[received] = moment[received].dt.date > joined.loc[received, "period"].map(due)
    counted = (
        pd.DataFrame(
            {
                "part_id": joined["part_id"],
                "period": joined["period"],
                "expected": 1,
                "received": received.astype("int64"),
                "received_late": late.astype("int64"),
            }
        )
        .groupby(["part_id", "period"], sort=False)
        .sum()
    )
    every = pd.MultiIndex.from_product([units, periods], names=["part_id", "period"])
    cells = counted.reindex(every, fill_value=0).astype("int64").reset_index()
    cells["due_date"] = cells["period"].map(due)
    statuses = [
        _status(expected, received, late, today > due[period])
        for expected, received, late, period in zip(
            cells["expected"],
            cells["received"],
            cells["received_late"],
            cells["period"],
            strict=True,
        )
    ]
    # Text also when there are no rows (a part whose units owe no action reports).
    cells["status"] = pd.Series(statuses, index=cells.index, dtype="str")
    return cells[list(_STATUS_COLUMNS)]


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
    scope = scope.loc[scope["part_id"].isin(units)]
    # (frequency, retired_from or None): ``expects`` once per rule a quarter, not per indicator.
    rules = list(
        zip(
            scope["frequency"],
            [quarter if isinstance(quarter, str) else None for quarter in scope["retired_from"]],
            strict=True,
        )
    )
    owed = []
    for period in periods:
        expected = {rule: expects(*rule, period) for rule in set(rules)}
        due = scope.loc[[expected[rule] for rule in rules], ["indicator_id", "part_id"]]
        owed.append(due.assign(period=period))
    return _cells(
        pd.concat(owed, ignore_index=True),
        _arrivals(con, _FIRST_RECORDED_SQL, periods, clock),
        key="indicator_id",
        units=units,
        periods=periods,
        today=clock.date(),
    )


# The units under a part that carry at least one priority (owe action reports), in order.
_ACTION_UNITS_SQL: Final = """
SELECT parts.part_id
FROM part_tree AS tree
INNER JOIN kingdom_parts AS parts USING (part_id)
WHERE tree.ancestor_id = $part_id
    AND parts.part_id IN (SELECT part_id FROM priority_reporters)
ORDER BY parts.sort_order
"""


def action_submission_status(
    con: duckdb.DuckDBPyConnection,
    *,
    clock: datetime,
    part_id: str = "KINGDOM",
    quarters: list[str] | None = None,
) -> pd.DataFrame:
    """One row per unit under ``part_id`` that carries priorities, and quarter (default: the
    last four): the columns of ``submission_status``, counting action reports.

    ``expected`` is the number of actions the unit owes (``priority_reporters``) whose status as
    of the quarter before, at ``clock``, is not final; ``received`` those with a report for the
    quarter recorded by ``clock``.
    """
    periods = quarters or recent_quarters(clock)
    units = frame(con, _ACTION_UNITS_SQL, {"part_id": part_id})["part_id"].tolist()
    owed = pd.concat([_open_owed(con, period, clock) for period in periods], ignore_index=True)
    return _cells(
        owed.loc[owed["part_id"].isin(units)],
        _arrivals(con, _FIRST_REPORTED_SQL, periods, clock),
        key="priority_id",
        units=units,
        periods=periods,
        today=clock.date(),
    )


def _open_owed(con: duckdb.DuckDBPyConnection, period: str, clock: datetime) -> pd.DataFrame:
    """(priority_id, part_id, period): the priorities each unit owes a report on for
    ``period``, those not final the quarter before."""
    before = action_states(con, quarter=shift_period(period, -1), vintage=clock)
    open_owed = before.loc[before["owed"] & ~before["status"].isin(ACTION_FINAL_STATUSES)]
    return open_owed[["priority_id", "part_id"]].assign(period=period)


_UNIT_ORDER_SQL: Final = "SELECT part_id, sort_order FROM kingdom_parts"


def unit_submission_status(
    con: duckdb.DuckDBPyConnection,
    *,
    clock: datetime,
    part_id: str = "KINGDOM",
    quarters: list[str] | None = None,
) -> pd.DataFrame:
    """Figures and actions side by side: one row per unit under ``part_id`` that owes either,
    and quarter (default: the last four), ``UNIT_STATUS_COLUMNS``.

    ``figures_*`` are ``submission_status``'s counts and status, ``actions_*`` those of
    ``action_submission_status`` (``not_expected`` with zeros where the unit owes none of the
    kind); ``status`` is the unit's over both.
    """
    periods = quarters or recent_quarters(clock)
    asked = {"clock": clock, "part_id": part_id, "quarters": periods}
    kinds = {
        "figures": submission_status(con, **asked),
        "actions": action_submission_status(con, **asked),
    }
    keys = pd.concat([table[["part_id", "period"]] for table in kinds.values()]).drop_duplicates()
    cells = keys
    for kind, status in kinds.items():
        renamed = status.drop(columns="due_date").rename(
            columns={column: f"{kind}_{column}" for column in _COUNTS}
        )
        cells = cells.merge(renamed, on=["part_id", "period"], how="left")
        counts = [f"{kind}_{column}" for column in _COUNTS[:-1]]
        cells[counts] = cells[counts].fillna(0).astype("int64")
        cells[f"{kind}_status"] = cells[f"{kind}_status"].fillna("not_expected")
    cells["due_date"] = [due_date(period) for period in cells["period"]]
    today = clock.date()
    cells["status"] = [
        _status(
            row.figures_expected + row.actions_expected,
            row.figures_received + row.actions_received,
            row.figures_received_late + row.actions_received_late,
            today > row.due_date,
        )
        for row in cells.itertuples(index=False)
    ]
    order = dict(frame(con, _UNIT_ORDER_SQL).itertuples(index=False, name=None))
    cells["unit_order"] = cells["part_id"].map(order)
    cells["period_order"] = cells["period"].map({period: i for i, period in enumerate(periods)})
    cells = cells.sort_values(["unit_order", "period_order"], kind="stable")
    return cells[list(UNIT_STATUS_COLUMNS)].reset_index(drop=True)


def _status(expected: int, received: int, late: int, overdue: bool) -> str:
    if expected == 0:
        return "not_expected"
    if received == expected and late == 0:
        return "received"
    if overdue or late:
        return "late"
    return "partial" if received else "missing"
