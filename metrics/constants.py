"""Every number and name the methodology fixes (shared/METHOD.md v2), defined once.

Thresholds, status names, roll-up scores and staleness intervals live here and nowhere else: the
engine, the SQL in data/, the Method page and the exports all read them from this module.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACTION_FINAL_STATUSES",
    "ACTION_ON_SCHEDULE_STATUSES",
    "ACTION_STALE_AFTER_QUARTERS",
    "ACTION_STATUSES",
    "ACTION_STATUS_WORDS",
    "ACTION_UNCOUNTED_STATUSES",
    "AGGREGATIONS",
    "ASSESSED_STATUSES",
    "BREAK_FLAG",
    "DEFAULT_BASELINE_PERIOD",
    "DEFAULT_TARGET_PERIOD",
    "DERIVED_DECIMALS",
    "DERIVED_FLAG_PRECEDENCE",
    "DIRECTIONS",
    "DIRECTION_SIGNS",
    "FLAG_NAMES",
    "FLAG_WORDS",
    "FREQUENCIES",
    "METHODS",
    "METHOD_VERSION",
    "MIN_TREND_POINTS",
    "MODERATE_THRESHOLD",
    "NOT_REPORTED",
    "NO_FLAG",
    "OBSERVATION_FLAGS",
    "ON_TRACK_THRESHOLD",
    "PACE_STATUSES",
    "PROVISIONAL_FLAGS",
    "ROLLUP_SCORES",
    "STALE_AFTER_QUARTERS",
    "STATUSES",
    "TARGET_TYPES",
    "THRESHOLD_DECIMALS",
    "TREND_CLASSES",
    "TREND_STABLE_BAND",
]

METHOD_VERSION: Final = "2"

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
# Statuses the pace rules decide from the ratio R; only these report a ratio, a progress share
# and an expected value (v2 item 7).
PACE_STATUSES: Final = ("on_track", "moderate", "limited", "deterioration")

# Ratio R of actual to required pace: R >= 0.95 on track; 0.60 <= R < 0.95 moderate;
# 0 <= R < 0.60 limited; R < 0 deterioration.
ON_TRACK_THRESHOLD: Final = 0.95
MODERATE_THRESHOLD: Final = 0.60
# R is compared with the thresholds after rounding to this many decimals (v2 item 6), so a ratio
# that is exactly 0.95 in decimal arithmetic (computed as 0.9499999999999993) is on track.
THRESHOLD_DECIMALS: Final = 9
# Derived figures (expected value, shares, ratio, required pace, slope, projection) are reported
# rounded to this many decimals, half away from zero (v2 item 4; metrics.rounding).
DERIVED_DECIMALS: Final = 6

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

# The flags of an assessed series, in the order every page and export lists them.
FLAG_NAMES: Final = ("stale", "provisional", "method_fallback", "series_break", "target_reversed")

# Direction d: +1 where higher is better, -1 where lower is better.
DIRECTION_SIGNS: Final = {"up": 1, "down": -1}

# The vocabularies: defined here once; the schema's CHECK constraints (data.schema), the intake
# and the catalogue all read them from this module (tests/metrics/test_constants.py ties them).
DIRECTIONS: Final = tuple(DIRECTION_SIGNS)
TARGET_TYPES: Final = ("reach", "maintain_min", "maintain_max", "none")
METHODS: Final = ("linear", "cagr")
FREQUENCIES: Final = tuple(STALE_AFTER_QUARTERS)
AGGREGATIONS: Final = ("sum", "population_weighted_mean", "none")
# Observation flags; "none" is the stored word for no flag.
NO_FLAG: Final = "none"
OBSERVATION_FLAGS: Final = (NO_FLAG, "provisional", "estimated", "break")
# Flag words a user may write in a file, per stored flag (compared case-insensitively); an empty
# cell means none. The first word of each language is the one templates offer.
FLAG_WORDS: Final = {
    NO_FLAG: {"nl": ("geen", "leeg"), "en": ("none",)},
    "provisional": {"nl": ("voorlopig",), "en": ("provisional",)},
    "estimated": {"nl": ("geschat",), "en": ("estimated",)},
    "break": {"nl": ("breuk", "reeksbreuk"), "en": ("break",)},
}

# Observation flags that make the latest value `provisional`, and the flag that marks a break.
PROVISIONAL_FLAGS: Final = ("provisional", "estimated")
BREAK_FLAG: Final = "break"
# A derived part value carries one flag: the first of these that any contributing entity value
# has. A break comes first because it makes the value incomparable with earlier ones, which
# matters more than its being provisional.
DERIVED_FLAG_PRECEDENCE: Final = ("break", "provisional", "estimated", "none")

# --- actions (v2 item 3): the lettered priorities, tracked per Kingdom part each quarter --------

# The statuses an action report states, in display order (best first, then the ones that need
# attention, then the ones outside the count). Never mixed with the indicator statuses above.
ACTION_STATUSES: Final = (
    "completed",
    "on_schedule",
    "at_risk",
    "delayed",
    "not_started",
    "discontinued",
)
# What an action that is owed but never reported shows (no status to carry forward). It counts as
# an action in the share's denominator: silence is not progress.
NOT_REPORTED: Final = "not_reported"
# (completed + on_schedule) / (every action but discontinued) is the share on schedule.
ACTION_ON_SCHEDULE_STATUSES: Final = ("completed", "on_schedule")
ACTION_UNCOUNTED_STATUSES: Final = ("discontinued",)
# A status carried forward is stale when this many quarters have passed without a report.
ACTION_STALE_AFTER_QUARTERS: Final = 2
# Final statuses: nothing more is owed, so they are carried forward without going stale.
ACTION_FINAL_STATUSES: Final = ("completed", "discontinued")
# Status words a file may use, per stored status (compared case-insensitively, spaces, hyphens
# and underscores alike). The first word of each language is the one templates offer.
ACTION_STATUS_WORDS: Final = {
    "completed": {"nl": ("afgerond", "gereed", "voltooid"), "en": ("completed", "done")},
    "on_schedule": {"nl": ("op schema", "volgens planning"), "en": ("on schedule", "on track")},
    "at_risk": {"nl": ("risico", "in gevaar"), "en": ("at risk",)},
    "delayed": {"nl": ("vertraagd", "vertraging"), "en": ("delayed",)},
    "not_started": {"nl": ("niet gestart", "nog niet gestart"), "en": ("not started",)},
    "discontinued": {"nl": ("gestopt", "beëindigd", "stopgezet"), "en": ("discontinued",)},
}
