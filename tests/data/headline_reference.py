"""The Overview's headline counted another way than ``data.queries.headline_counts``: from the
assessment's series (derived ones included) and the observations, filtered in pandas by
``metrics.hierarchy``'s subtree. Shared by the data and page tests."""

from __future__ import annotations

import duckdb

from data.assessment import assess
from data.sql import frame
from metrics.hierarchy import subtree

CATALOGUE_SQL = """
SELECT
    indicators.indicator_id,
    indicators.action_line_id,
    action_lines.objective_id
FROM indicators
INNER JOIN action_lines ON action_lines.action_line_id = indicators.action_line_id
"""


def hand_count(con: duckdb.DuckDBPyConnection, *, part_id: str, as_of: str) -> dict[str, int]:
    """The headline by the rule in words: indicators with a series (reported or derived) for the
    part or below it, their action lines and objectives, and the distinct reported values of
    those parts up to ``as_of``."""
    parts = frame(con, "SELECT part_id, parent_id FROM kingdom_parts ORDER BY sort_order")
    inside = subtree(dict(zip(parts["part_id"], parts["parent_id"], strict=True)), part_id)
    series = assess(con, as_of=as_of)
    with_series = set(series.loc[series["part_id"].isin(inside), "indicator_id"])
    catalogue = frame(con, CATALOGUE_SQL)
    applicable = catalogue.loc[catalogue["indicator_id"].isin(with_series)]
    values = frame(con, "SELECT indicator_id, part_id, period FROM observations")
    values = values.loc[values["part_id"].isin(inside) & (values["period"] <= as_of)]
    return {
        "objectives": int(applicable["objective_id"].nunique()),
        "action_lines": int(applicable["action_line_id"].nunique()),
        "indicators": len(applicable),
        "observations": len(values.drop_duplicates()),
    }
