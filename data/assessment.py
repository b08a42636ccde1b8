"""The assessment of every series as of a quarter and a vintage: the one call pages, exports and
the CLI make.

A series is one indicator for one Kingdom entity or part. The work is split by what each layer
is for: SQL (``data.series_sql``) reduces the observations (millions of rows) to one row of
sufficient statistics per series in one grouped pass, and ``metrics.progress.assess_series``
applies the METHOD.md rules to that small frame with array arithmetic. No Python loop runs per
series.

| function | returns |
|---|---|
| ``assess(con, *, as_of, vintage=None)`` | one row per series, ``ASSESSMENT_COLUMNS`` |
| ``series_values(con, *, as_of, vintage=None, indicator_id=None)`` | every value, derived too |
| ``series_statistics(con, *, as_of, vintage=None)`` | the per-series input of the rules |

Which series exist
    Every (indicator, part) in ``indicator_scope`` (``is_derived`` False). For an indicator whose
    aggregation is not ``none``, also every part and the Kingdom above its scope entities
    (``is_derived`` True), unless that part is itself in scope, when its own reported series is
    used. A derived value exists only for a period in which every scope entity under the part
    has a value (as known at the vintage); otherwise it is missing, never a partial sum. ``sum``
    adds; ``population_weighted_mean`` weighs by ``kingdom_parts.population``. Its flag is the
    first of ``DERIVED_FLAG_PRECEDENCE`` (break, provisional, estimated, none) any member has.

Baseline and target
    The target rows as recorded at the vintage (``targets_at``, METHOD.md v2 item 1): the
    series' own row, else the indicator's KINGDOM row, else 2023Q1 -> 2029Q4 with no target
    value (so reach and maintain series are ``insufficient_data``). ``target_changed_at`` is
    when the row in force was recorded, if an earlier version of it existed. The baseline value
    is the row's own ``baseline_value`` when set; otherwise the series' observation at the
    baseline quarter or, failing that, its first observation later in the same year (on or
    before the as-of quarter), and the baseline period becomes that observation's quarter. The
    baseline never moves to another year, nor before its quarter (v2 item 8): with no value in
    that part of the year and none stated, the series is ``insufficient_data``. An inherited
    KINGDOM row lends its periods and target value, never its baseline value.

Figures
    As ``metrics.progress.assess_series`` reports them: rounded to six decimals, half away from
    zero (v2 item 4), so every page and export shows the same numbers; observed values,
    baselines and targets as recorded (a derived part's value as its sum or mean gives it).

Counts and flags
    ``n_observations`` counts the series' values from the baseline quarter to the latest (the
    trend sample). ``series_break`` looks strictly after the baseline quarter: a break at p0
    only means the comparison starts on the new basis. Scope entries that are parts (not
    entities) are never members of a derived series.

The SQL text is in ``data.series_sql``; the stored assessment of the latest quarters, which pages
read, in ``data.current_assessment``; roll-ups inside a part's subtree in ``data.rollup_scope``.
Imports ``data.series_sql``, ``data.sql`` and ``metrics``.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from duckdb import DuckDBPyConnection as Connection

from data.series_sql import SERIES_STATISTICS_SQL, SERIES_VALUES_SQL
from data.sql import frame
from metrics.constants import (
    BREAK_FLAG,
    DEFAULT_BASELINE_PERIOD,
    DEFAULT_TARGET_PERIOD,
    DERIVED_FLAG_PRECEDENCE,
    FLAG_NAMES,
)
from metrics.errors import MetricError
from metrics.periods import parse_period
from metrics.progress import RESULT_COLUMNS, assess_series

__all__ = [
    "ASSESSMENT_COLUMNS",
    "ASSESSMENT_DTYPES",
    "SERIES_VALUE_COLUMNS",
    "assess",
    "series_statistics",
    "series_values",
]

# What identifies a series and what it was assessed against, then the rules' results.
_SERIES_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "part_id",
    "is_derived",
    "latest_period",
    "latest_value",
    "latest_flag",
    "baseline_period",
    "baseline_value",
    "target_period",
    "target_value",
    "target_changed_at",
    "target_type",
    "direction",
    "method",
)
# The compound rates behind a cagr ratio stay inside the rules; the ratio is what is reported.
_UNREPORTED_RESULTS = ("cagr_observed", "cagr_required")
_RESULTS = tuple(column for column in RESULT_COLUMNS if column not in _UNREPORTED_RESULTS)
_TREND_START = _RESULTS.index("slope_per_year")

# The columns of ``assess``: the series, the pace lens and flags, then the trend lens with the
# number of points its line is fitted to.
ASSESSMENT_COLUMNS: tuple[str, ...] = (
    *_SERIES_COLUMNS,
    *_RESULTS[:_TREND_START],
    "n_observations",
    *_RESULTS[_TREND_START:],
)

_BOOL_COLUMNS = ("is_derived", *FLAG_NAMES)
_FLOAT_COLUMNS = (
    "latest_value",
    "baseline_value",
    "target_value",
    "expected_value",
    "progress_share",
    "time_share",
    "ratio",
    "required_pace_per_year",
    "slope_per_year",
    "projected_value",
)
# The dtype of each column ``assess`` returns (``projected_meets`` is nullable: no projection).
ASSESSMENT_DTYPES: dict[str, str] = {
    column: "bool"
    if column in _BOOL_COLUMNS
    else "float64"
    if column in _FLOAT_COLUMNS
    else "int64"
    if column == "n_observations"
    else "boolean"
    if column == "projected_meets"
    else "datetime64[us]"
    if column == "target_changed_at"
    else "str"
    for column in ASSESSMENT_COLUMNS
}

SERIES_VALUE_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "part_id",
    "period",
    "value",
    "flag",
    "is_derived",
)


def _parameters(
    *, as_of: str, vintage: datetime | None, indicator_id: str | None
) -> dict[str, object]:
    if vintage is not None and not isinstance(vintage, datetime):
        raise MetricError(f"vintage must be a datetime or None, got {vintage!r}")
    return {
        "as_of": parse_period(as_of),
        "vintage": vintage,
        "indicator_id": indicator_id,
        "flag_precedence": list(DERIVED_FLAG_PRECEDENCE),
        "default_baseline": DEFAULT_BASELINE_PERIOD,
        "default_target": DEFAULT_TARGET_PERIOD,
    }


def series_values(
    con: Connection, *, as_of: str, vintage: datetime | None = None, indicator_id: str | None = None
) -> pd.DataFrame:
    """Every value of every series on or before ``as_of`` as known at ``vintage``, for charts.

    Columns ``SERIES_VALUE_COLUMNS``; derived part values (``is_derived``) only where every
    member entity reported. Ordered by indicator, Kingdom part, period.
    """
    return frame(
        con,
        SERIES_VALUES_SQL,
        _parameters(as_of=as_of, vintage=vintage, indicator_id=indicator_id),
    )


def series_statistics(
    con: Connection, *, as_of: str, vintage: datetime | None = None, indicator_id: str | None = None
) -> pd.DataFrame:
    """One row per series with ids, periods and ``metrics.progress.STATISTICS_COLUMNS``."""
    parameters = _parameters(as_of=as_of, vintage=vintage, indicator_id=indicator_id)
    return frame(con, SERIES_STATISTICS_SQL, {**parameters, "break_flag": BREAK_FLAG})


def assess(
    con: Connection, *, as_of: str, vintage: datetime | None = None, indicator_id: str | None = None
) -> pd.DataFrame:
    """The METHOD.md v2 assessment of every series as of quarter ``as_of`` and ``vintage``.

    One row per series (see the module docstring for which), ordered by indicator and Kingdom
    part, with ``ASSESSMENT_COLUMNS``. Only observations with period <= ``as_of`` and, when
    ``vintage`` is given, recorded at or before it count. ``indicator_id`` narrows it to one
    indicator (same figures). Raises MetricError for a malformed quarter.
    """
    statistics = series_statistics(con, as_of=as_of, vintage=vintage, indicator_id=indicator_id)
    result = assess_series(statistics)
    assessed = pd.concat([statistics, result], axis=1)
    assessed["n_observations"] = assessed["n_points"].astype("int64")
    assessed["is_derived"] = assessed["is_derived"].astype(bool)
    assessed["trend_class"] = assessed["trend_class"].astype("str")
    assessed["target_changed_at"] = assessed["target_changed_at"].astype("datetime64[us]")
    return assessed[list(ASSESSMENT_COLUMNS)]
