"""The progress engine (shared/METHOD.md, methodology v1). Pure: no streamlit, no duckdb, no clock.

Imports nothing of ours. ``metrics.periods`` holds the quarter arithmetic every layer uses,
``metrics.constants`` every threshold and name, ``metrics.progress`` the per-series rules
(vectorised over a frame of sufficient statistics), ``metrics.rollup`` the roll-ups.
"""

from __future__ import annotations

from metrics.errors import MetricError
from metrics.periods import (
    last_full_quarter,
    parse_period,
    period_from_index,
    period_range,
    quarter_end,
    quarter_index,
    years_between,
)
from metrics.progress import (
    assess_series,
    classify_trend,
    compound_growth,
    ols_line,
    required_pace_per_year,
    status_from_ratio,
)
from metrics.rollup import rollup, series_scores

__all__ = [
    "MetricError",
    "assess_series",
    "classify_trend",
    "compound_growth",
    "last_full_quarter",
    "ols_line",
    "parse_period",
    "period_from_index",
    "period_range",
    "quarter_end",
    "quarter_index",
    "required_pace_per_year",
    "rollup",
    "series_scores",
    "status_from_ratio",
    "years_between",
]
