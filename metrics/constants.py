"""Every number and name the methodology fixes (shared/METHOD.md v1), defined once.

Thresholds, status names, roll-up scores and staleness intervals live here and nowhere else: the
engine, the SQL in data/, the Method page and the exports all read them from this module.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ASSESSED_STATUSES",
    "BREAK_FLAG",
    "DEFAULT_BASELINE_PERIOD",
    "DEFAULT_TARGET_PERIOD",
    "DERIVED_FLAG_PRECEDENCE",
    "DIRECTION_SIGNS",
    "FLAG_NAMES",
    "METHOD_VERSION",
    "MIN_TREND_POINTS",
    "MODERATE_THRESHOLD",
    "ON_TRACK_THRESHOLD",
    "PACE_METHODS",
    "PROVISIONAL_FLAGS",
    "ROLLUP_SCORES",
    "STALE_AFTER_QUARTERS",
    "STATUSES",
    "TARGET_TYPE_NAMES",
    "TREND_CLASSES",
    "TREND_STABLE_BAND",
]

METHOD_VERSION: Final = "1"

# Status names, best first. The order is the display order of every distribution.
STATUSES: Final = (
    "achieved",
    "on_track",
    "moderate",
    "limited",
    "deterioration",
    "insufficient_data",
    "no_target",
)
# Statuses that count as "assessed" in a roll-up's share on track.
ASSESSED_STATUSES: Final = ("achieved", "on_track", "moderate", "limited", "deterioration")

# Ratio R of actual to required pace: R >= 0.95 on track; 0.60 <= R < 0.95 moderate;
# 0 <= R < 0.60 limited; R < 0 deterioration.
ON_TRACK_THRESHOLD: Final = 0.95
MODERATE_THRESHOLD: Final = 0.60

# Roll-up score per series status (for sorting and colour only; never shown without counts).
ROLLUP_SCORES: Final = {
    "achieved": 2,
    "on_track": 1,
    "moderate": 0,
    "limited": -1,
    "deterioration": -2,
}

# Trend lens: at least this many observations between baseline and latest.
MIN_TREND_POINTS: Final = 4
# For `none` targets: direction-adjusted slope above +1 % of |b| per year improves, below -1 %
# worsens, else stable.
TREND_STABLE_BAND: Final = 0.01
TREND_CLASSES: Final = ("improving", "stable", "worsening")

# Stale when no observation within the reporting interval plus one quarter before the as-of quarter.
STALE_AFTER_QUARTERS: Final = {"quarterly": 2, "biannual": 3, "annual": 5, "biennial": 9}

DEFAULT_BASELINE_PERIOD: Final = "2023Q1"
DEFAULT_TARGET_PERIOD: Final = "2029Q4"

FLAG_NAMES: Final = ("stale", "provisional", "method_fallback", "series_break")

# Direction d: +1 where higher is better, -1 where lower is better.
DIRECTION_SIGNS: Final = {"up": 1, "down": -1}
# Target types and pace methods the rules know (the schema's CHECK constraints list the same).
TARGET_TYPE_NAMES: Final = ("reach", "maintain_min", "maintain_max", "none")
PACE_METHODS: Final = ("linear", "cagr")

# Observation flags that make the latest value `provisional`, and the flag that marks a break.
PROVISIONAL_FLAGS: Final = ("provisional", "estimated")
BREAK_FLAG: Final = "break"
# A derived part value carries one flag: the first of these that any contributing entity value
# has. A break comes first because it makes the value incomparable with earlier ones, which
# matters more than its being provisional.
DERIVED_FLAG_PRECEDENCE: Final = ("break", "provisional", "estimated", "none")
