"""The assessment of every series as of a quarter and a vintage: the one call pages, exports and
the CLI make.

A series is one indicator for one Kingdom entity or part. The work is split by what each layer
is for: SQL here reduces the observations (millions of rows) to one row of sufficient statistics
per series in a single grouped pass, and ``metrics.progress.assess_series`` applies the METHOD.md
rules to that small frame with array arithmetic. No Python loop runs per series.

| function | returns |
|---|---|
| ``assess(con, *, as_of, vintage=None)`` | one row per series, ``ASSESSMENT_COLUMNS`` |
| ``series_values(con, *, as_of, vintage=None, indicator_id=None)`` | every value, derived too |
| ``series_statistics(con, *, as_of, vintage=None)`` | the per-series input of the rules |
| ``rollup_scope(con, assessment, *, by=(), part_id=None)`` | roll-ups inside a part's subtree |
| ``current_assessment(con, *, as_of, part_id=None)`` | ``assess`` at the current vintage, read |
| ``refresh_current_assessment(con)`` | store it for the latest quarters (writers call it) |
| ``is_stored(con, *, as_of, vintage=None)`` | whether ``current_assessment`` reads the table |

Which series exist
    Every (indicator, part) in ``indicator_scope`` (``is_derived`` False). For an indicator whose
    aggregation is not ``none``, also every part and the Kingdom above its scope entities
    (``is_derived`` True), unless that part is itself in scope, when its own reported series is
    used. A derived value exists only for a period in which every scope entity under the part
    has a value (as known at the vintage); otherwise it is missing, never a partial sum. ``sum``
    adds; ``population_weighted_mean`` weighs by ``kingdom_parts.population``. Its flag is the
    first of ``DERIVED_FLAG_PRECEDENCE`` (break, provisional, estimated, none) any member has.

Baseline and target
    The series' own ``targets`` row, else the indicator's KINGDOM row, else 2023Q1 -> 2029Q4
    with no target value (so reach and maintain series are ``insufficient_data``). The baseline
    value is the row's own ``baseline_value`` when set; otherwise the series' observation at the
    baseline quarter or, failing that, its first observation later in the same year (on or
    before the as-of quarter), and the baseline period becomes that observation's quarter. An
    inherited KINGDOM row lends its periods and target value, never its baseline value.

Counts and flags
    ``n_observations`` counts the series' values from the baseline quarter to the latest (the
    trend sample). ``series_break`` looks strictly after the baseline quarter: a break at p0
    only means the comparison starts on the new basis. Scope entries that are parts (not
    entities) are never members of a derived series.

Roll-ups
    ``rollup_scope`` counts only series that are not derived (entity series and parts or the
    Kingdom reported directly), in the chosen part's subtree, so no figure is counted twice.

Materialised
    ``assess`` at millions of observations takes seconds (the benchmark's README section says
    where they go), so every writer (``data.store.writer``) stores it for the latest quarter with
    data and the one before, at the current vintage, in ``current_assessment``
    (``refresh_current_assessment``), with the basis it was computed from. ``current_assessment``
    reads that table when the basis still matches the database and the quarter is stored, and
    falls back to ``assess`` otherwise, so it always returns exactly what ``assess`` would.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from datetime import datetime

import duckdb
import pandas as pd

from metrics.constants import (
    BREAK_FLAG,
    DEFAULT_BASELINE_PERIOD,
    DEFAULT_TARGET_PERIOD,
    DERIVED_FLAG_PRECEDENCE,
)
from metrics.errors import MetricError
from metrics.periods import parse_period, period_from_index, quarter_index
from metrics.progress import assess_series
from metrics.rollup import rollup

__all__ = [
    "ASSESSMENT_COLUMNS",
    "ROLLUP_KEYS",
    "SERIES_VALUE_COLUMNS",
    "assess",
    "current_assessment",
    "is_stored",
    "refresh_current_assessment",
    "rollup_scope",
    "series_statistics",
    "series_values",
]

ASSESSMENT_COLUMNS: tuple[str, ...] = (
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
    "target_type",
    "direction",
    "method",
    "method_used",
    "expected_value",
    "progress_share",
    "time_share",
    "ratio",
    "status",
    "required_pace_per_year",
    "stale",
    "provisional",
    "method_fallback",
    "series_break",
    "n_observations",
    "slope_per_year",
    "projected_value",
    "projected_meets",
    "trend_class",
)

_BOOL_COLUMNS = ("is_derived", "stale", "provisional", "method_fallback", "series_break")
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
# The dtypes ``assess`` returns, which a frame read back from current_assessment is cast to.
_ASSESSMENT_DTYPES: dict[str, str] = {
    column: "bool"
    if column in _BOOL_COLUMNS
    else "float64"
    if column in _FLOAT_COLUMNS
    else "int64"
    if column == "n_observations"
    else "boolean"
    if column == "projected_meets"
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

# What a roll-up may be grouped by (besides the Kingdom part, which rollup_scope handles).
ROLLUP_KEYS: tuple[str, ...] = (
    "objective_id",
    "action_line_id",
    "theme_id",
    "indicator_id",
    "part_id",
)


def _quarter_index_sql(column: str) -> str:
    # metrics.periods.quarter_index in SQL; column names come from this module only.
    return f"(CAST(left({column}, 4) AS INTEGER) * 4 + CAST(right({column}, 1) AS INTEGER) - 1)"


def _period_sql(index: str) -> str:
    # metrics.periods.period_from_index in SQL.
    return f"printf('%04dQ%d', {index} // 4, {index} % 4 + 1)"


# Every series and its values as known at $vintage for periods <= $as_of, reported and derived,
# each value with its quarter index and its series' configured baseline quarter index.
# Parameters: $as_of, $vintage, $indicator_id (NULL: all), $flag_precedence, $default_baseline,
# $default_target.
_SERIES_VALUES_CTES = f"""
WITH RECURSIVE ancestry AS (
    -- every entity with each part above it, at any depth
    SELECT
        part_id AS entity_id,
        parent_id AS ancestor_id
    FROM kingdom_parts
    WHERE level = 'entity'
    UNION ALL
    SELECT
        ancestry.entity_id,
        kingdom_parts.parent_id AS ancestor_id
    FROM ancestry
    INNER JOIN kingdom_parts ON kingdom_parts.part_id = ancestry.ancestor_id
    WHERE kingdom_parts.parent_id IS NOT NULL
),

derived_members AS (
    -- the scope entities a derived part series is made of: a sum counts each once, a
    -- population-weighted mean weighs each by its share of the members' population
    SELECT
        indicator_scope.indicator_id,
        ancestry.ancestor_id AS part_id,
        indicator_scope.part_id AS entity_id,
        CASE indicators.aggregation
            WHEN 'population_weighted_mean'
                THEN kingdom_parts.population / sum(kingdom_parts.population) OVER (
                    PARTITION BY indicator_scope.indicator_id, ancestry.ancestor_id
                )
            ELSE 1.0
        END AS weight,
        count(*) OVER (
            PARTITION BY indicator_scope.indicator_id, ancestry.ancestor_id
        ) AS n_members
    FROM indicator_scope
    INNER JOIN indicators ON indicators.indicator_id = indicator_scope.indicator_id
    INNER JOIN ancestry ON ancestry.entity_id = indicator_scope.part_id
    INNER JOIN kingdom_parts ON kingdom_parts.part_id = indicator_scope.part_id
    WHERE indicators.aggregation <> 'none'
        AND ($indicator_id IS NULL OR indicator_scope.indicator_id = $indicator_id)
        AND NOT EXISTS (
            -- a part reported directly keeps its own series
            SELECT 1
            FROM indicator_scope AS reported
            WHERE reported.indicator_id = indicator_scope.indicator_id
                AND reported.part_id = ancestry.ancestor_id
        )
),

series AS (
    SELECT
        indicator_id,
        part_id,
        false AS is_derived
    FROM indicator_scope
    WHERE $indicator_id IS NULL OR indicator_id = $indicator_id
    UNION ALL
    SELECT DISTINCT
        indicator_id,
        part_id,
        true AS is_derived
    FROM derived_members
),

settings AS (
    -- the indicator's rules and the target row: the series' own, else the Kingdom-wide one
    SELECT
        series.indicator_id,
        series.part_id,
        series.is_derived,
        indicators.target_type,
        indicators.direction,
        indicators.method,
        indicators.frequency,
        coalesce(own.baseline_period, kingdom.baseline_period, $default_baseline)
            AS configured_baseline_period,
        {_quarter_index_sql("configured_baseline_period")} AS configured_baseline_index,
        own.baseline_value AS stated_baseline_value,
        coalesce(own.target_period, kingdom.target_period, $default_target) AS target_period,
        CASE WHEN own.indicator_id IS NOT NULL THEN own.target_value ELSE kingdom.target_value END
            AS target_value
    FROM series
    INNER JOIN indicators ON indicators.indicator_id = series.indicator_id
    LEFT JOIN targets AS own
        ON own.indicator_id = series.indicator_id
        AND own.part_id = series.part_id
    LEFT JOIN targets AS kingdom
        ON kingdom.indicator_id = series.indicator_id
        AND kingdom.part_id = 'KINGDOM'
),

quarters AS (
    -- every quarter with a value, parsed once here rather than once per value
    SELECT
        period,
        {_quarter_index_sql("period")} AS period_index
    FROM (SELECT DISTINCT period FROM observations WHERE period <= $as_of)
),

known_values AS (
    -- the newest version recorded at or before $vintage: the rule of
    -- data.observations.AS_OF_VINTAGE_SQL as one grouped pass, which is cheaper than its
    -- window at millions of rows; recorded_at is unique per key, so there are no ties
    SELECT
        observations.indicator_id,
        observations.part_id,
        any_value(quarters.period_index) AS period_index,
        arg_max(observations.value, observations.recorded_at) AS value,
        arg_max(observations.flag, observations.recorded_at) AS flag
    FROM observations
    INNER JOIN quarters ON quarters.period = observations.period
    WHERE ($vintage IS NULL OR observations.recorded_at <= $vintage)
        AND ($indicator_id IS NULL OR observations.indicator_id = $indicator_id)
    GROUP BY observations.indicator_id, observations.part_id, observations.period
),

reported_values AS (
    SELECT
        known_values.indicator_id,
        known_values.part_id,
        known_values.period_index,
        known_values.value,
        known_values.flag,
        false AS is_derived,
        settings.configured_baseline_index
    FROM known_values
    INNER JOIN settings
        ON settings.indicator_id = known_values.indicator_id
        AND settings.part_id = known_values.part_id
        AND NOT settings.is_derived
),

derived_values AS (
    -- a part's value only in periods where every member entity reported: never a partial sum
    SELECT
        derived_members.indicator_id,
        derived_members.part_id,
        known_values.period_index,
        fsum(known_values.value * derived_members.weight) AS value,
        $flag_precedence[min(list_position($flag_precedence, known_values.flag))] AS flag,
        true AS is_derived,
        settings.configured_baseline_index
    FROM derived_members
    INNER JOIN settings
        ON settings.indicator_id = derived_members.indicator_id
        AND settings.part_id = derived_members.part_id
    INNER JOIN known_values
        ON known_values.indicator_id = derived_members.indicator_id
        AND known_values.part_id = derived_members.entity_id
    GROUP BY
        derived_members.indicator_id,
        derived_members.part_id,
        known_values.period_index,
        derived_members.n_members,
        settings.configured_baseline_index
    HAVING count(*) = derived_members.n_members
),

series_values AS (
    SELECT * FROM reported_values
    UNION ALL
    SELECT * FROM derived_values
)
"""

_SERIES_VALUES_SQL = (
    _SERIES_VALUES_CTES
    + f"""
SELECT
    series_values.indicator_id,
    series_values.part_id,
    {_period_sql("series_values.period_index")} AS period,
    series_values.value,
    series_values.flag,
    series_values.is_derived
FROM series_values
INNER JOIN kingdom_parts ON kingdom_parts.part_id = series_values.part_id
ORDER BY series_values.indicator_id, kingdom_parts.sort_order, series_values.period_index
"""
)

# One row per series: its settings, target, baseline, latest value and trend sums.
# Parameters: those of the values plus $break_flag.
_SERIES_STATISTICS_SQL = (
    _SERIES_VALUES_CTES
    + f""",

placed_values AS (
    -- each value placed against its series' configured baseline quarter
    SELECT
        indicator_id,
        part_id,
        period_index,
        value,
        flag,
        period_index >= configured_baseline_index AS in_window,
        period_index >= configured_baseline_index
            AND period_index // 4 = configured_baseline_index // 4 AS in_baseline_year,
        (period_index - configured_baseline_index) / 4.0 AS t
    FROM series_values
),

series_summary AS (
    -- one pass over the values: latest, first in the baseline year, least-squares sums
    SELECT
        indicator_id,
        part_id,
        max(period_index) AS latest_index,
        arg_max(value, period_index) AS latest_value,
        arg_max(flag, period_index) AS latest_flag,
        min(period_index) FILTER (WHERE in_baseline_year) AS baseline_observed_index,
        arg_min(value, period_index) FILTER (WHERE in_baseline_year) AS baseline_observed_value,
        min(period_index) FILTER (WHERE in_window) AS first_window_index,
        arg_min(flag, period_index) FILTER (WHERE in_window) AS first_window_flag,
        count(*) FILTER (WHERE in_window AND flag = $break_flag) AS n_breaks,
        count(*) FILTER (WHERE in_window) AS n_points,
        fsum(t) FILTER (WHERE in_window) AS sum_t,
        fsum(t * t) FILTER (WHERE in_window) AS sum_tt,
        fsum(value) FILTER (WHERE in_window) AS sum_y,
        fsum(t * value) FILTER (WHERE in_window) AS sum_ty,
        fsum(abs(value)) FILTER (WHERE in_window) AS sum_abs_y
    FROM placed_values
    GROUP BY indicator_id, part_id
),

anchored AS (
    -- the baseline: stated in the target row, else observed in the baseline year
    SELECT
        settings.*,
        series_summary.* EXCLUDE (indicator_id, part_id),
        CASE
            WHEN settings.stated_baseline_value IS NOT NULL
                THEN settings.configured_baseline_index
            ELSE coalesce(
                series_summary.baseline_observed_index, settings.configured_baseline_index
            )
        END AS baseline_index,
        coalesce(settings.stated_baseline_value, series_summary.baseline_observed_value)
            AS baseline_value
    FROM settings
    LEFT JOIN series_summary
        ON series_summary.indicator_id = settings.indicator_id
        AND series_summary.part_id = settings.part_id
)

SELECT
    anchored.indicator_id,
    anchored.part_id,
    anchored.is_derived,
    anchored.target_type,
    anchored.direction,
    anchored.method,
    anchored.frequency,
    {_quarter_index_sql("$as_of")} AS as_of_index,
    {_period_sql("anchored.baseline_index")} AS baseline_period,
    anchored.baseline_index,
    anchored.baseline_value,
    {_period_sql("anchored.latest_index")} AS latest_period,
    anchored.latest_index,
    anchored.latest_value,
    anchored.latest_flag,
    anchored.target_period,
    {_quarter_index_sql("anchored.target_period")} AS target_index,
    anchored.target_value,
    coalesce(anchored.n_points, 0) AS n_points,
    anchored.configured_baseline_index AS trend_origin_index,
    coalesce(anchored.sum_t, 0.0) AS sum_t,
    coalesce(anchored.sum_tt, 0.0) AS sum_tt,
    coalesce(anchored.sum_y, 0.0) AS sum_y,
    coalesce(anchored.sum_ty, 0.0) AS sum_ty,
    coalesce(anchored.sum_abs_y, 0.0) AS sum_abs_y,
    -- a break counts strictly after the baseline: at p0 the comparison starts on the new basis
    coalesce(anchored.n_breaks, 0)
        - CASE
            WHEN anchored.first_window_index = anchored.baseline_index
                AND anchored.first_window_flag = $break_flag THEN 1
            ELSE 0
        END > 0 AS any_break
FROM anchored
INNER JOIN kingdom_parts ON kingdom_parts.part_id = anchored.part_id
ORDER BY anchored.indicator_id, kingdom_parts.sort_order
"""
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


def _query(con: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, object]) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, parameters).df()
    finally:
        cur.close()


def series_values(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: str,
    vintage: datetime | None = None,
    indicator_id: str | None = None,
) -> pd.DataFrame:
    """Every value of every series on or before ``as_of`` as known at ``vintage``, for charts.

    Columns ``SERIES_VALUE_COLUMNS``; derived part values (``is_derived``) only where every
    member entity reported. Ordered by indicator, Kingdom part, period.
    """
    return _query(
        con,
        _SERIES_VALUES_SQL,
        _parameters(as_of=as_of, vintage=vintage, indicator_id=indicator_id),
    )


def series_statistics(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: str,
    vintage: datetime | None = None,
    indicator_id: str | None = None,
) -> pd.DataFrame:
    """One row per series with ids, periods and ``metrics.progress.STATISTICS_COLUMNS``."""
    parameters = _parameters(as_of=as_of, vintage=vintage, indicator_id=indicator_id)
    parameters["break_flag"] = BREAK_FLAG
    return _query(con, _SERIES_STATISTICS_SQL, parameters)


def assess(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: str,
    vintage: datetime | None = None,
    indicator_id: str | None = None,
) -> pd.DataFrame:
    """The METHOD.md v1 assessment of every series as of quarter ``as_of`` and ``vintage``.

    One row per series (see the module docstring for which), ordered by indicator and Kingdom
    part, with ``ASSESSMENT_COLUMNS``. Only observations with period <= ``as_of`` and, when
    ``vintage`` is given, recorded at or before it count. ``indicator_id`` narrows it to one
    indicator (same figures). Raises MetricError for a malformed quarter.
    """
    statistics = series_statistics(con, as_of=as_of, vintage=vintage, indicator_id=indicator_id)
    result = assess_series(statistics)
    frame = pd.concat([statistics, result], axis=1)
    frame["n_observations"] = frame["n_points"].astype("int64")
    frame["is_derived"] = frame["is_derived"].astype(bool)
    frame["trend_class"] = frame["trend_class"].astype("str")
    return frame[list(ASSESSMENT_COLUMNS)]


# What the stored assessment was computed from. Observations are append-only versions (a change
# is a new row), so their count, newest id and newest recorded_at identify their state; the
# small tables the rules read are hashed whole. Cheap next to an assessment (~15 ms at 3M rows).
_BASIS_SQL = """
SELECT concat_ws(
    '|',
    (SELECT count(*) FROM observations),
    (SELECT max(observation_id) FROM observations),
    (SELECT max(recorded_at) FROM observations),
    (SELECT bit_xor(hash(t)) FROM indicators AS t),
    (SELECT bit_xor(hash(t)) FROM indicator_scope AS t),
    (SELECT bit_xor(hash(t)) FROM targets AS t),
    (SELECT bit_xor(hash(t)) FROM kingdom_parts AS t)
)
"""

_BASIS_KEY = "current_assessment_basis"

_STORED_BASIS_SQL = "SELECT value FROM meta WHERE key = $key"

_STORED_QUARTERS_SQL = "SELECT DISTINCT as_of FROM current_assessment"

_LATEST_PERIOD_SQL = "SELECT max(period) FROM observations"

_STORE_SQL = f"""
INSERT INTO current_assessment (
    as_of,
    {", ".join(ASSESSMENT_COLUMNS)}
)
SELECT
    $as_of,
    {", ".join(ASSESSMENT_COLUMNS)}
FROM assessed_frame
"""

_STORED_ASSESSMENT_SQL = f"""
SELECT
    {", ".join(f"current_assessment.{column}" for column in ASSESSMENT_COLUMNS)}
FROM current_assessment
INNER JOIN kingdom_parts ON kingdom_parts.part_id = current_assessment.part_id
WHERE current_assessment.as_of = $as_of
    AND ($part_id IS NULL OR current_assessment.part_id = $part_id)
ORDER BY current_assessment.indicator_id, kingdom_parts.sort_order
"""


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, object]) -> object:
    cur = con.cursor()
    try:
        rows = cur.execute(sql, parameters).fetchall()
    finally:
        cur.close()
    return rows[0][0] if rows else None


# A read-only connection reads one published file, which never changes while it is open, so
# whether its stored assessment matches its data is settled once per connection, not per call.
_READ_ONLY_STORED: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, frozenset[str]] = (
    weakref.WeakKeyDictionary()
)


def _stored_quarters(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The quarters stored in ``current_assessment`` when it matches the data, else none."""
    known = _READ_ONLY_STORED.get(con)
    if known is not None:
        return known
    quarters = _check_stored_quarters(con)
    if _scalar(con, "SELECT current_setting('access_mode')", {}) == "read_only":
        _READ_ONLY_STORED[con] = quarters
    return quarters


def _check_stored_quarters(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    try:
        stored = _scalar(con, _STORED_BASIS_SQL, {"key": _BASIS_KEY})
    except duckdb.CatalogException:
        return frozenset()  # a database made before the table existed
    if stored is None or stored != _scalar(con, _BASIS_SQL, {}):
        return frozenset()
    return frozenset(_query(con, _STORED_QUARTERS_SQL, {})["as_of"])


def refresh_current_assessment(con: duckdb.DuckDBPyConnection) -> bool:
    """Store ``assess`` for the latest quarter with data and the one before, current vintage.

    Called by ``data.store.writer`` on its working copy after every change, in one transaction;
    a no-op (returns False) when the stored basis still matches the data.
    """
    basis = _scalar(con, _BASIS_SQL, {})
    if basis == _scalar(con, _STORED_BASIS_SQL, {"key": _BASIS_KEY}):
        return False
    latest = _scalar(con, _LATEST_PERIOD_SQL, {})
    quarters = []
    if latest is not None:
        quarters = [period_from_index(quarter_index(latest) - 1), latest]
    frames = {quarter: assess(con, as_of=quarter) for quarter in quarters}
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        cur.execute("DELETE FROM current_assessment")
        for quarter, frame in frames.items():
            cur.register("assessed_frame", frame)
            cur.execute(_STORE_SQL, {"as_of": quarter})
            cur.unregister("assessed_frame")
        cur.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ($key, $basis)",
            {"key": _BASIS_KEY, "basis": basis},
        )
        cur.execute("COMMIT")
    except Exception:
        cur.execute("ROLLBACK")
        raise
    finally:
        cur.close()
    return True


def is_stored(
    con: duckdb.DuckDBPyConnection, *, as_of: str, vintage: datetime | None = None
) -> bool:
    """Whether ``current_assessment(con, as_of=as_of, vintage=vintage)`` reads the stored table.

    The test ``current_assessment`` makes, also for callers that read the
    ``current_assessment`` table in their own SQL instead of through a frame (``data.export``).
    True when the vintage is the current one (None, or at or after the newest ``recorded_at``)
    and ``as_of`` is stored in ``current_assessment`` with a basis that matches the data; then
    ``SELECT ... FROM current_assessment WHERE as_of = ...`` has the rows ``assess`` computes.
    """
    as_of = parse_period(as_of)
    if vintage is not None:
        _parameters(as_of=as_of, vintage=vintage, indicator_id=None)  # validates the vintage
        newest = _scalar(con, "SELECT max(recorded_at) FROM observations", {})
        if newest is not None and vintage < newest:
            return False
    return as_of in _stored_quarters(con)


def current_assessment(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: str,
    part_id: str | None = None,
    vintage: datetime | None = None,
) -> pd.DataFrame:
    """``assess(con, as_of=as_of, vintage=vintage)``, read from ``current_assessment`` if stored.

    ``part_id`` keeps one part's or entity's rows only (that part itself, not its subtree).
    A ``vintage`` at or after the newest ``recorded_at`` sees every version, so it is the current
    vintage; an earlier one is computed. Same rows, order, columns and dtypes as ``assess``;
    computed by it when the quarter is not stored or the stored basis no longer matches the data.
    """
    as_of = parse_period(as_of)
    if is_stored(con, as_of=as_of, vintage=vintage):
        frame = _query(con, _STORED_ASSESSMENT_SQL, {"as_of": as_of, "part_id": part_id})
        return frame.astype(_ASSESSMENT_DTYPES)
    # A vintage at or after the newest version sees everything, as None does.
    frame = assess(con, as_of=as_of, vintage=vintage)
    if part_id is not None:
        frame = frame.loc[frame["part_id"] == part_id].reset_index(drop=True)
    return frame


_MEMBERSHIP_SQL = """
WITH RECURSIVE subtree AS (
    -- every part with itself and each part above it
    SELECT
        part_id AS member_id,
        part_id AS scope_part_id
    FROM kingdom_parts
    UNION ALL
    SELECT
        subtree.member_id,
        kingdom_parts.parent_id AS scope_part_id
    FROM subtree
    INNER JOIN kingdom_parts ON kingdom_parts.part_id = subtree.scope_part_id
    WHERE kingdom_parts.parent_id IS NOT NULL
)

SELECT
    subtree.member_id AS part_id,
    subtree.scope_part_id
FROM subtree
"""

_INDICATOR_LINKS_SQL = """
SELECT
    indicators.indicator_id,
    indicators.action_line_id,
    action_lines.objective_id
FROM indicators
INNER JOIN action_lines ON action_lines.action_line_id = indicators.action_line_id
"""

_THEME_LINKS_SQL = """
SELECT
    theme_id,
    action_line_id
FROM theme_action_lines
"""


def rollup_scope(
    con: duckdb.DuckDBPyConnection,
    assessment: pd.DataFrame,
    *,
    by: Sequence[str] = (),
    part_id: str | None = None,
) -> pd.DataFrame:
    """Roll-ups (``metrics.rollup.rollup``) of the non-derived series in a part's subtree.

    With ``part_id`` (an entity, a part or KINGDOM): one row per group of ``by`` for the series
    reported in that part's subtree. Without: a row per Kingdom part or entity and group, keyed
    by ``scope_part_id`` first (the matrix of action lines x parts in one call). ``by`` draws on
    ``ROLLUP_KEYS``; grouping by ``theme_id`` counts a series under each theme of its action line.
    """
    unknown = [key for key in by if key not in ROLLUP_KEYS]
    if unknown:
        raise MetricError(
            f"rollup_scope: cannot group by {', '.join(unknown)}; use {', '.join(ROLLUP_KEYS)}"
        )
    membership = _query(con, _MEMBERSHIP_SQL, {})
    if part_id is not None and part_id not in set(membership["scope_part_id"]):
        raise MetricError(f"rollup_scope: {part_id!r} is not a Kingdom part or entity")

    series = assessment.loc[
        ~assessment["is_derived"].astype(bool), ["indicator_id", "part_id", "status"]
    ]
    series = series.merge(_query(con, _INDICATOR_LINKS_SQL, {}), on="indicator_id", how="left")
    if "theme_id" in by:
        series = series.merge(_query(con, _THEME_LINKS_SQL, {}), on="action_line_id", how="inner")
    series = series.merge(membership, on="part_id", how="inner")
    if part_id is not None:
        series = series.loc[series["scope_part_id"] == part_id]
        return rollup(series, by=list(by))
    return rollup(series, by=["scope_part_id", *by])
