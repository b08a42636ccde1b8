"""The progress engine (shared/METHOD.md, methodology v1). Pure: no streamlit, no duckdb, no clock.

Imports nothing of ours. ``metrics.periods`` holds the quarter arithmetic every layer uses.
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

__all__ = [
    "MetricError",
    "last_full_quarter",
    "parse_period",
    "period_from_index",
    "period_range",
    "quarter_end",
    "quarter_index",
    "years_between",
]
