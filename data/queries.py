"""Read queries the pages share: the strategy's structure, the Kingdom hierarchy, the headline
counts of what applies to a part.

Every function takes the connection first and fetches through ``data.sql`` (a cursor per query,
fetched fully, closed). Values go in as parameters; nothing from a user becomes an identifier.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from data import sql
from metrics.periods import period_range

__all__ = [
    "Reference",
    "headline_counts",
    "indicator_catalogue",
    "indicator_targets",
    "priorities",
    "reference_data",
]


@dataclass(frozen=True)
class Reference:
    """What every page needs to draw the global controls and label things."""

    kingdom_parts: pd.DataFrame  # part_id, parent_id, level, name_nl, name_en, population, sort
    objectives: pd.DataFrame
    action_lines: pd.DataFrame
    quarters: tuple[str, ...]  # every quarter from the first to the latest with data, oldest first
    latest_quarter: str | None  # the latest quarter with data (the default as-of quarter)
    is_demo: bool

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
    FROM indicator_scope
    INNER JOIN inside ON inside.part_id = indicator_scope.part_id
),

structure AS (
    SELECT
        count(DISTINCT action_lines.objective_id) AS objectives,
        count(DISTINCT indicators.action_line_id) AS action_lines,
        count(*) AS indicators
    FROM applicable_indicators
    INNER JOIN indicators ON indicators.indicator_id = applicable_indicators.indicator_id
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
)

SELECT
    structure.objectives,
    structure.action_lines,
    structure.indicators,
    current_values.observations
FROM structure, current_values
"""


def headline_counts(con: duckdb.DuckDBPyConnection, *, as_of: str, part_id: str) -> dict[str, int]:
    """What applies to ``part_id`` (an entity, a part or KINGDOM): the Overview's headline.

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
        cur.execute(HEADLINE_COUNTS_SQL, {"as_of": as_of, "part_id": part_id})
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
FROM indicators
JOIN action_lines USING (action_line_id)
LEFT JOIN (
    SELECT
        indicator_id,
        string_agg(part_id, ';' ORDER BY part_id) AS scope
    FROM indicator_scope
    GROUP BY indicator_id
) AS scope USING (indicator_id)
ORDER BY action_lines.sort_order, indicators.indicator_id
"""


def indicator_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every indicator with its action line, objective, assessment settings and reporting scope."""
    return sql.frame(con, INDICATORS_SQL)


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
