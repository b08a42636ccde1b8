"""Roll-ups of an assessment inside a Kingdom part's subtree: the counts the overview and the
matrix of action lines x parts show.

``rollup_scope`` counts only series that are not derived (entity series and parts or the Kingdom
reported directly), in the chosen part's subtree, so no figure is counted twice. Which parts sit
under a part comes from the schema's ``part_tree`` view; the roll-up itself is
``metrics.rollup.rollup``.

| function | returns |
|---|---|
| ``rollup_scope(con, assessment, *, by=(), part_id=None)`` | roll-ups inside a part's subtree |

Imports ``data.sql`` and ``metrics`` (errors, rollup).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from data.sql import frame
from metrics.errors import MetricError
from metrics.rollup import rollup

__all__ = ["ROLLUP_KEYS", "rollup_scope"]

# What a roll-up may be grouped by (besides the Kingdom part, which rollup_scope handles).
ROLLUP_KEYS: tuple[str, ...] = (
    "objective_id",
    "action_line_id",
    "theme_id",
    "indicator_id",
    "part_id",
)

# Every part or entity (part_id) under each part that contains it (scope_part_id), itself too.
_MEMBERSHIP_SQL = """
SELECT
    part_id,
    ancestor_id AS scope_part_id
FROM part_tree
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
    membership = frame(con, _MEMBERSHIP_SQL)
    if part_id is not None and part_id not in set(membership["scope_part_id"]):
        raise MetricError(f"rollup_scope: {part_id!r} is not a Kingdom part or entity")

    series = assessment.loc[
        ~assessment["is_derived"].astype(bool), ["indicator_id", "part_id", "status"]
    ]
    series = series.merge(frame(con, _INDICATOR_LINKS_SQL), on="indicator_id", how="left")
    if "theme_id" in by:
        series = series.merge(frame(con, _THEME_LINKS_SQL), on="action_line_id", how="inner")
    series = series.merge(membership, on="part_id", how="inner")
    if part_id is not None:
        series = series.loc[series["scope_part_id"] == part_id]
        return rollup(series, by=list(by))
    return rollup(series, by=["scope_part_id", *by])
