"""The series SQL of the assessment: every value of every series as known at a vintage, and the
one row of sufficient statistics per series that ``metrics.progress.assess_series`` reads.

Text only: ``data.assessment`` runs it. Identifiers come from this module; values are parameters.

| name | what |
|---|---|
| ``SERIES_VALUES_SQL`` | every value on or before ``$as_of``, reported and derived |
| ``SERIES_STATISTICS_SQL`` | one row per series: settings, target, baseline, latest, trend sums |
| ``quarter_index_sql(column)`` | ``metrics.periods.quarter_index`` as SQL text |
| ``period_sql(index)`` | ``metrics.periods.period_from_index`` as SQL text |

Both queries take ``$as_of``, ``$vintage``, ``$indicator_id`` (NULL: all), ``$flag_precedence``,
``$default_baseline`` and ``$default_target``; the statistics also ``$break_flag``. Which parts sit
above an entity comes from the schema's ``part_tree`` view; which version of a value counts, from
``data.versions.newest_versions_sql``. Imports ``data.versions`` only.
"""

from __future__ import annotations

import textwrap

from data.versions import newest_versions_sql

__all__ = ["SERIES_STATISTICS_SQL", "SERIES_VALUES_SQL", "period_sql", "quarter_index_sql"]


def quarter_index_sql(column: str) -> str:
    """``metrics.periods.quarter_index`` (``4*year + n - 1``) of a ``YYYYQn`` column, in SQL.

    The rule's home is ``metrics.periods``; this is its SQL form, held to it by
    tests/data/test_series_sql.py. ``column`` is an identifier or parameter from code constants.
    """
    return f"(CAST(left({column}, 4) AS INTEGER) * 4 + CAST(right({column}, 1) AS INTEGER) - 1)"


def period_sql(index: str) -> str:
    """``metrics.periods.period_from_index`` of an integer SQL expression, in SQL."""
    return f"printf('%04dQ%d', {index} // 4, {index} % 4 + 1)"


# The newest version of every reported value of a quarter on or before $as_of.
_NEWEST_VALUES = textwrap.indent(
    newest_versions_sql(
        "observations",
        key=("indicator_id", "part_id", "period"),
        columns=("value", "flag"),
        where="period <= $as_of AND ($indicator_id IS NULL OR indicator_id = $indicator_id)",
    ),
    "    ",
)

# Every series and its values as known at $vintage for periods <= $as_of, reported and derived,
# each value with its quarter index and its series' configured baseline quarter index.
# Parameters: $as_of, $vintage, $indicator_id (NULL: all), $flag_precedence, $default_baseline,
# $default_target.
_SERIES_VALUES_CTES = f"""
WITH catalogue AS (
    -- the indicators as known at $vintage, less those retired on or before $as_of
    SELECT *
    FROM indicators_at($vintage)
    WHERE (retired_from IS NULL OR retired_from > $as_of)
        AND ($indicator_id IS NULL OR indicator_id = $indicator_id)
),

catalogue_scope AS (
    SELECT
        indicator_id,
        unnest(scope) AS part_id
    FROM catalogue
),

target_rows AS (
    -- baselines and targets as known at $vintage (METHOD.md v2 item 1)
    SELECT * FROM targets_at($vintage)
),

derived_members AS (
    -- the scope entities a derived part series is made of: a sum counts each once, a
    -- population-weighted mean weighs each by its share of the members' population
    SELECT
        indicator_scope.indicator_id,
        part_tree.ancestor_id AS part_id,
        indicator_scope.part_id AS entity_id,
        CASE indicators.aggregation
            WHEN 'population_weighted_mean'
                THEN kingdom_parts.population / sum(kingdom_parts.population) OVER (
                    PARTITION BY indicator_scope.indicator_id, part_tree.ancestor_id
                )
            ELSE 1.0
        END AS weight,
        count(*) OVER (
            PARTITION BY indicator_scope.indicator_id, part_tree.ancestor_id
        ) AS n_members
    FROM catalogue_scope AS indicator_scope
    INNER JOIN catalogue AS indicators ON indicators.indicator_id = indicator_scope.indicator_id
    INNER JOIN kingdom_parts ON kingdom_parts.part_id = indicator_scope.part_id
    INNER JOIN part_tree ON part_tree.part_id = indicator_scope.part_id
    WHERE indicators.aggregation <> 'none'
        -- each part above a scope entity (parts in scope are never members)
        AND kingdom_parts.level = 'entity'
        AND part_tree.depth > 0
        AND ($indicator_id IS NULL OR indicator_scope.indicator_id = $indicator_id)
        AND NOT EXISTS (
            -- a part reported directly keeps its own series
            SELECT 1
            FROM catalogue_scope AS reported
            WHERE reported.indicator_id = indicator_scope.indicator_id
                AND reported.part_id = part_tree.ancestor_id
        )
),

series AS (
    SELECT
        indicator_id,
        part_id,
        false AS is_derived
    FROM catalogue_scope
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
        {quarter_index_sql("configured_baseline_period")} AS configured_baseline_index,
        own.baseline_value AS stated_baseline_value,
        coalesce(own.target_period, kingdom.target_period, $default_target) AS target_period,
        CASE WHEN own.indicator_id IS NOT NULL THEN own.target_value ELSE kingdom.target_value END
            AS target_value,
        CASE WHEN own.indicator_id IS NOT NULL THEN own.changed_at ELSE kingdom.changed_at END
            AS target_changed_at
    FROM series
    INNER JOIN catalogue AS indicators ON indicators.indicator_id = series.indicator_id
    LEFT JOIN target_rows AS own
        ON own.indicator_id = series.indicator_id
        AND own.part_id = series.part_id
    LEFT JOIN target_rows AS kingdom
        ON kingdom.indicator_id = series.indicator_id
        AND kingdom.part_id = 'KINGDOM'
),

newest_values AS (
    -- the newest version of each value recorded at or before $vintage: the one rule of
    -- data.versions, shared with data.observations.AS_OF_VINTAGE_SQL
{_NEWEST_VALUES}),

quarters AS (
    -- every quarter with a value, parsed once here rather than once per value
    SELECT
        period,
        {quarter_index_sql("period")} AS period_index
    FROM (SELECT DISTINCT period FROM newest_values)
),

known_values AS (
    SELECT
        newest_values.indicator_id,
        newest_values.part_id,
        quarters.period_index,
        newest_values.value,
        newest_values.flag
    FROM newest_values
    INNER JOIN quarters ON quarters.period = newest_values.period
),

derived_values AS (
    -- a part's value only in periods where every member entity reported: never a partial sum
    SELECT
        derived_members.indicator_id,
        derived_members.part_id,
        known_values.period_index,
        fsum(known_values.value * derived_members.weight) AS value,
        $flag_precedence[min(list_position($flag_precedence, known_values.flag))] AS flag,
        true AS is_derived
    FROM derived_members
    INNER JOIN known_values
        ON known_values.indicator_id = derived_members.indicator_id
        AND known_values.part_id = derived_members.entity_id
    GROUP BY
        derived_members.indicator_id,
        derived_members.part_id,
        known_values.period_index,
        derived_members.n_members
    HAVING count(*) = derived_members.n_members
),

series_values AS (
    -- the values of the series that exist (a value reported for a part that is no series of
    -- its indicator counts nowhere), each with its series' configured baseline quarter
    SELECT
        member_values.*,
        settings.configured_baseline_index
    FROM (
        -- reported: every known value; derived: see above
        SELECT *, false AS is_derived FROM known_values
        UNION ALL
        SELECT * FROM derived_values
    ) AS member_values
    INNER JOIN settings
        ON settings.indicator_id = member_values.indicator_id
        AND settings.part_id = member_values.part_id
        AND settings.is_derived = member_values.is_derived
)
"""

SERIES_VALUES_SQL = (
    _SERIES_VALUES_CTES
    + f"""
SELECT
    series_values.indicator_id,
    series_values.part_id,
    {period_sql("series_values.period_index")} AS period,
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
SERIES_STATISTICS_SQL = (
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
    {quarter_index_sql("$as_of")} AS as_of_index,
    {period_sql("anchored.baseline_index")} AS baseline_period,
    anchored.baseline_index,
    anchored.baseline_value,
    {period_sql("anchored.latest_index")} AS latest_period,
    anchored.latest_index,
    anchored.latest_value,
    anchored.latest_flag,
    anchored.target_period,
    {quarter_index_sql("anchored.target_period")} AS target_index,
    anchored.target_value,
    anchored.target_changed_at,
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
