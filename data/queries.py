"""Read queries the pages share: the strategy's structure, the Kingdom hierarchy, the moments the
data changed (the vintages a reader may pick), the headline counts of what applies to a part.

Every function takes the connection first and fetches through ``data.sql`` (a cursor per query,
fetched fully, closed). Values go in as parameters; nothing from a user becomes an identifier.

| function | returns |
|---|---|
| ``reference_data(con)`` | ``Reference``: parts, objectives, action lines, quarters, vintages |
| ``vintages(con, *, limit=MAX_VINTAGES)`` | the latest moments the data changed, newest first |
| ``headline_counts(con, *, as_of, part_id, vintage=None)`` | what applies to a part |
| ``priorities(con)`` | the lettered priorities with their scope |
| ``indicator_catalogue(con, *, vintage=None)`` | every indicator in force at the vintage |
| ``indicator_targets(con, *, indicator_id)`` | one indicator's current baselines and targets |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from data import sql
from metrics.periods import period_range

__all__ = [
    "MAX_VINTAGES",
    "Reference",
    "Vintage",
    "headline_counts",
    "indicator_catalogue",
    "indicator_targets",
    "priorities",
    "reference_data",
    "vintages",
]

# How many past moments a reader may pick from: about four reporting rounds of a monitor with
# seven entities reporting figures and actions each quarter. Older moments stay in the exports
# and reports (any ISO moment); the sidebar list stays short enough to read.
MAX_VINTAGES = 60


@dataclass(frozen=True)
class Vintage:
    """A moment the data changed (the ``recorded_at`` of one publication's versions).

    ``changed`` names what it changed (``figures``, ``catalogue``, ``targets``, ``actions``,
    ``duiding``); ``first_quarter`` and ``latest_quarter`` bound the quarters with data known at
    that moment (None: none yet, only the catalogue).
    """

    moment: datetime
    changed: tuple[str, ...]
    first_quarter: str | None
    latest_quarter: str | None


@dataclass(frozen=True)
class Reference:
    """What every page needs to draw the global controls and label things."""

    kingdom_parts: pd.DataFrame  # part_id, parent_id, level, name_nl, name_en, population, sort
    objectives: pd.DataFrame
    action_lines: pd.DataFrame
    quarters: tuple[str, ...]  # every quarter from the first to the latest with data, oldest first
    latest_quarter: str | None  # the latest quarter with data (the default as-of quarter)
    is_demo: bool
    # The moments the data changed, newest first (``vintages``); the first is the current one.
    vintages: tuple[Vintage, ...] = ()

    @property
    def part_ids(self) -> tuple[str, ...]:
        return tuple(self.kingdom_parts["part_id"])


KINGDOM_PARTS_SQL = """
SELECT
    part_id,
    parent_id,
    level,
    name_nl,
    name_en,
    regime,
    population,
    sort_order
FROM kingdom_parts
ORDER BY sort_order
"""


# The quarters with data: any value, action report or duiding (actions need no indicators).
_QUARTERS_WITH_DATA_SQL = """
SELECT
    min(period),
    max(period)
FROM (
    SELECT period FROM observations
    UNION ALL
    SELECT period FROM action_reports
    UNION ALL
    SELECT period FROM narratives
)
"""


def reference_data(con: duckdb.DuckDBPyConnection) -> Reference:
    parts = sql.frame(con, KINGDOM_PARTS_SQL)
    objectives = sql.frame(
        con, "SELECT objective_id, name_nl, name_en FROM objectives ORDER BY sort_order"
    )
    action_lines = sql.frame(
        con,
        """
        SELECT action_line_id, objective_id, name_nl, name_en
        FROM action_lines
        ORDER BY sort_order
        """,
    )
    first, last = sql.rows(con, _QUARTERS_WITH_DATA_SQL)[0]
    quarters = tuple(period_range(first, last)) if first else ()
    demo = sql.rows(con, "SELECT value FROM meta WHERE key = 'is_demo'")
    return Reference(
        kingdom_parts=parts,
        objectives=objectives,
        action_lines=action_lines,
        quarters=quarters,
        latest_quarter=last,
        is_demo=bool(demo) and demo[0][0] == "true",
        vintages=vintages(con),
    )


# Every moment a versioned table (data.versions.VERSIONED_TABLES) gained rows, what it changed,
# and the quarters with data known by then (figures, action reports and duiding have a period;
# catalogue and target versions do not).
_VINTAGES_SQL = """
WITH changes AS (
    SELECT DISTINCT recorded_at, 'figures' AS changed, period FROM observations
    UNION ALL
    SELECT DISTINCT recorded_at, 'catalogue' AS changed, NULL AS period FROM indicator_versions
    UNION ALL
    SELECT DISTINCT recorded_at, 'targets' AS changed, NULL AS period FROM target_versions
    UNION ALL
    SELECT DISTINCT recorded_at, 'actions' AS changed, period FROM action_reports
    UNION ALL
    SELECT DISTINCT recorded_at, 'duiding' AS changed, period FROM narratives
),

moments AS (
    SELECT
        recorded_at,
        list(DISTINCT changed ORDER BY changed) AS changed,
        min(period) AS first_period,
        max(period) AS last_period
    FROM changes
    GROUP BY recorded_at
),

known AS (
    -- the quarters with data known at each moment: everything recorded at or before it
    SELECT
        recorded_at,
        changed,
        min(first_period) OVER (ORDER BY recorded_at) AS first_quarter,
        max(last_period) OVER (ORDER BY recorded_at) AS latest_quarter
    FROM moments
)

SELECT
    recorded_at,
    changed,
    first_quarter,
    latest_quarter
FROM known
ORDER BY recorded_at DESC
LIMIT $limit
"""


def vintages(con: duckdb.DuckDBPyConnection, *, limit: int = MAX_VINTAGES) -> tuple[Vintage, ...]:
    """The ``limit`` latest moments the data changed, newest first: the first is the current
    vintage, each other one what a reader saw until the next publication."""
    found = sql.rows(con, _VINTAGES_SQL, {"limit": limit})
    return tuple(
        Vintage(
            moment=moment,
            changed=tuple(changed),
            first_quarter=first,
            latest_quarter=latest,
        )
        for moment, changed, first, latest in found
    )


HEADLINE_COUNTS_SQL = """
WITH inside AS (
    -- the part itself and every part and entity below it
    SELECT part_id
    FROM part_tree
    WHERE ancestor_id = $part_id
),

applicable_indicators AS (
    -- every series rests on a scope entry inside the part: its own, or (derived) one below it
    SELECT DISTINCT indicator_scope.indicator_id
    FROM indicator_scope_at($vintage) AS indicator_scope
    INNER JOIN inside ON inside.part_id = indicator_scope.part_id
),

structure AS (
    SELECT
        count(DISTINCT action_lines.objective_id) AS objectives,
        count(DISTINCT indicators.action_line_id) AS action_lines,
        count(*) AS indicators
    FROM applicable_indicators
    INNER JOIN indicators_at($vintage) AS indicators
        ON indicators.indicator_id = applicable_indicators.indicator_id
    INNER JOIN action_lines ON action_lines.action_line_id = indicators.action_line_id
    -- an indicator retired on or before the quarter has left it, as it has left the assessment
    WHERE indicators.retired_from IS NULL OR indicators.retired_from > $as_of
),

current_values AS (
    -- a value revised in a later import is still one value
    SELECT
        count(DISTINCT (
            observations.indicator_id,
            observations.part_id,
            observations.period
        )) AS observations
    FROM observations
    INNER JOIN inside ON inside.part_id = observations.part_id
    WHERE observations.period <= $as_of
        AND ($vintage IS NULL OR observations.recorded_at <= $vintage)
)

SELECT
    structure.objectives,
    structure.action_lines,
    structure.indicators,
    current_values.observations
FROM structure, current_values
"""


def headline_counts(
    con: duckdb.DuckDBPyConnection, *, as_of: str, part_id: str, vintage: datetime | None = None
) -> dict[str, int]:
    """What applies to ``part_id`` (an entity, a part or KINGDOM): the Overview's headline, as
    known at ``vintage`` (None: now; the catalogue and the values recorded at or before it).

    The rule, for the part and everything below it (its subtree, the ``part_tree`` view):

    - ``indicators``: the indicators with a series in the subtree. Every series, reported or
      derived, rests on an ``indicator_scope`` entry inside the subtree (a derived part series
      on the scope entities below the part), so this is the number of distinct indicators in
      ``indicator_scope`` for the subtree's parts and entities;
    - ``action_lines``, ``objectives``: those the applicable indicators belong to;
    - ``observations``: the values reported for the subtree's parts and entities for quarters up
      to ``as_of``, each (indicator, part, quarter) once however often it was revised; derived
      part values are not counted (they are computed from these).

    A part without any scope entry below it gets zeros.
    """
    with sql.cursor(con) as cur:
        cur.execute(HEADLINE_COUNTS_SQL, {"as_of": as_of, "part_id": part_id, "vintage": vintage})
        names = [column[0] for column in cur.description]
        return dict(zip(names, cur.fetchall()[0], strict=True))


# covers: every part or entity the priority's scope covers (the schema's priority_parts).
PRIORITIES_SQL = """
SELECT
    priorities.priority_id,
    priorities.action_line_id,
    priorities.letter,
    priorities.scope,
    priorities.summary_en,
    priorities.summary_nl,
    covered.covers
FROM priorities
LEFT JOIN (
    SELECT
        priority_id,
        list(part_id ORDER BY part_id) AS covers
    FROM priority_parts
    GROUP BY priority_id
) AS covered ON covered.priority_id = priorities.priority_id
ORDER BY priorities.action_line_id, priorities.letter
"""


def priorities(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The lettered priorities of every action line with their scope and the parts it covers."""
    return sql.frame(con, PRIORITIES_SQL)


INDICATORS_SQL = """
SELECT
    indicators.indicator_id,
    indicators.action_line_id,
    action_lines.objective_id,
    indicators.name_nl,
    indicators.name_en,
    indicators.definition_nl,
    indicators.definition_en,
    indicators.unit_nl,
    indicators.unit_en,
    indicators.direction,
    indicators.target_type,
    indicators.method,
    indicators.frequency,
    indicators.source,
    indicators.owner,
    indicators.aggregation,
    indicators.decimals,
    indicators.reference,
    indicators.retired_from,
    scope.scope
FROM indicators_at($vintage) AS indicators
JOIN action_lines USING (action_line_id)
LEFT JOIN (
    SELECT
        indicator_id,
        string_agg(part_id, ';' ORDER BY part_id) AS scope
    FROM indicator_scope_at($vintage)
    GROUP BY indicator_id
) AS scope USING (indicator_id)
ORDER BY action_lines.sort_order, indicators.indicator_id
"""


def indicator_catalogue(
    con: duckdb.DuckDBPyConnection, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every indicator with its action line, objective, assessment settings and reporting scope,
    as in force at ``vintage`` (None: now)."""
    return sql.frame(con, INDICATORS_SQL, {"vintage": vintage})


TARGETS_SQL = """
SELECT
    part_id,
    baseline_period,
    baseline_value,
    target_period,
    target_value
FROM targets
WHERE indicator_id = $indicator_id
ORDER BY part_id
"""


def indicator_targets(con: duckdb.DuckDBPyConnection, *, indicator_id: str) -> pd.DataFrame:
    """The baselines and targets set for one indicator (a KINGDOM row is the default)."""
    return sql.frame(con, TARGETS_SQL, {"indicator_id": indicator_id})
