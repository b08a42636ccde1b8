"""The METHOD.md v2 rules, applied to every series at once.

The data layer reduces each series (one indicator for one Kingdom entity or part) to one row of
sufficient statistics: its baseline, its latest observation, its target and the sums a
least-squares line needs. :func:`assess_series` turns a frame of such rows into statuses, flags
and figures with array arithmetic, so the cost does not grow with a Python loop per series.
Pure: imports numpy, pandas and ``metrics`` only; the as-of quarter is an input, never the clock.

Periods are quarter indices (``metrics.periods.quarter_index``: ``4*year + n - 1``); t(p0 -> p1)
is their difference divided by four.

| function | returns |
|---|---|
| ``assess_series(statistics)`` | one row of assessment columns per row of statistics |
| ``status_from_ratio(ratio)`` | on_track / moderate / limited / deterioration for each ratio R |
| ``compound_growth(start, end, years)`` | (end/start)^(1/years) - 1, the compound annual growth |
| ``ols_line(n, sum_t, sum_tt, sum_y, sum_ty)`` | slope and intercept of the least-squares line |
| ``classify_trend(slope, sign, scale)`` | improving / stable / worsening for ``none`` targets |
| ``required_pace_per_year(latest, target, latest_index, target_index)`` | (y* - y) / t(pL -> pT) |

Input columns of ``assess_series`` (``STATISTICS_COLUMNS``):

| column | meaning |
|---|---|
| target_type, direction, method, frequency | the indicator's settings (names as in the schema) |
| as_of_index | the as-of quarter q |
| baseline_index, baseline_value | p0 and b (b is NaN when the series has no baseline) |
| latest_index, latest_value, latest_flag | pL, y and its flag (NaN/None: nothing on or before q) |
| target_index, target_value | pT and y* (y* is NaN when no target value is set) |
| n_points | observations with p0 <= period <= pL |
| trend_origin_index | the quarter t is measured from in the sums (any fixed quarter) |
| sum_t, sum_tt, sum_y, sum_ty, sum_abs_y | sums over those observations of t, t², y, t·y, abs(y) |
| any_break | an observation with p0 < period <= pL is marked as a break |

The v2 rules (METHOD.md "Changes in v2"), and where METHOD.md is silent, these decisions (the
reference in tests/ follows the same):

* A ``reach`` target needs d·(y* - b) > 0. One that is not (older data) is assessed as
  ``maintain_min`` (d = +1) or ``maintain_max`` (d = -1) at y*, with ``target_reversed``; that
  includes y* = b (not on the better side: "hold the baseline level"). It then behaves exactly as
  that maintain target: no time share, no required pace, maintain's sense of ``projected_meets``.
  ``target_type`` stays as recorded. Without a baseline value the side is unknown: the target
  stays ``reach`` (and the series ``insufficient_data``).
* The pace figures ``ratio``, ``progress_share``, ``expected_value`` and ``method_used`` exist
  only where the pace rules decide the status (``PACE_STATUSES``, v2 item 7); likewise
  ``method_fallback`` is raised only there, since it says how the reported ratio was computed.
  ``time_share`` is given for every reach series with a latest value, a baseline and a target
  (it is what rule 3 tests); ``required_pace_per_year`` for those with time left.
* cagr only where b, y and y* are all > 0 (v2 item 5), and the required rate is not zero in
  floating point (y* within a few ulps of b); otherwise linear, flagged ``method_fallback``.
* The status compares R rounded to ``THRESHOLD_DECIMALS`` (9) decimals with the thresholds
  (v2 item 6). The reported figures are then rounded to ``DERIVED_DECIMALS`` (6), half away from
  zero (``metrics.rounding``, v2 item 4): the engine rounds, so pages, the stored table and every
  export show the same numbers. ``projected_meets`` compares the rounded projection, so a file
  never says "15.0 does not meet 15"; the trend class compares the slope as computed.
* ``stale``: more than ``STALE_AFTER_QUARTERS[frequency]`` quarters between pL and q (a
  quarterly series whose latest value is two quarters old is not stale, three is); a series with
  nothing on or before q is stale.
* ``projected_meets`` for maintain targets uses the bound's own sense (min: >=, max: <=); for
  reach d·(projection - y*) >= 0.
* ``trend_class`` is given for ``none`` targets only; without a baseline value the scale is the
  mean absolute value, as for b = 0.

Worked examples (METHOD.md):

>>> status_from_ratio([0.84, 1.2, 0.3, -1.125]).tolist()
['moderate', 'on_track', 'limited', 'deterioration']
>>> round(compound_growth(20.0, 18.6, 2.25), 5)  # case E, observed
-0.03174
>>> round(compound_growth(20.0, 15.0, 6.75), 5)  # case E, required
-0.04172
>>> slope, intercept = ols_line(4, 1.5, 0.875, 194.5, 71.875)  # case C
>>> round(float(slope), 3)
-3.4
>>> row = {"target_type": "reach", "direction": "down", "method": "linear",
...        "frequency": "quarterly", "as_of_index": 8096, "baseline_index": 8092,
...        "baseline_value": 10.0, "latest_index": 8096, "latest_value": 7.0,
...        "latest_flag": "none", "target_index": 8119, "target_value": 8.0, "n_points": 2,
...        "trend_origin_index": 8092, "sum_t": 1.0, "sum_tt": 1.0, "sum_y": 17.0,
...        "sum_ty": 7.0, "sum_abs_y": 17.0, "any_break": False}
>>> assess_series(pd.DataFrame([row]))["status"].tolist()  # case D
['achieved']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.constants import (
    DERIVED_DECIMALS,
    DIRECTION_SIGNS,
    METHODS,
    MIN_TREND_POINTS,
    MODERATE_THRESHOLD,
    ON_TRACK_THRESHOLD,
    PROVISIONAL_FLAGS,
    STALE_AFTER_QUARTERS,
    TARGET_TYPES,
    THRESHOLD_DECIMALS,
    TREND_CLASSES,
    TREND_STABLE_BAND,
)
from metrics.errors import MetricError
from metrics.rounding import round_half_away

__all__ = [
    "RESULT_COLUMNS",
    "ROUNDED_COLUMNS",
    "STATISTICS_COLUMNS",
    "assess_series",
    "classify_trend",
    "compound_growth",
    "ols_line",
    "required_pace_per_year",
    "status_from_ratio",
]

STATISTICS_COLUMNS: tuple[str, ...] = (
    "target_type",
    "direction",
    "method",
    "frequency",
    "as_of_index",
    "baseline_index",
    "baseline_value",
    "latest_index",
    "latest_value",
    "latest_flag",
    "target_index",
    "target_value",
    "n_points",
    "trend_origin_index",
    "sum_t",
    "sum_tt",
    "sum_y",
    "sum_ty",
    "sum_abs_y",
    "any_break",
)

RESULT_COLUMNS: tuple[str, ...] = (
    "method_used",
    "expected_value",
    "progress_share",
    "time_share",
    "ratio",
    "cagr_observed",
    "cagr_required",
    "status",
    "required_pace_per_year",
    "stale",
    "provisional",
    "method_fallback",
    "series_break",
    "target_reversed",
    "slope_per_year",
    "projected_value",
    "projected_meets",
    "trend_class",
)

# The reported figures, rounded to DERIVED_DECIMALS (the compound rates stay internal).
ROUNDED_COLUMNS: tuple[str, ...] = (
    "expected_value",
    "progress_share",
    "time_share",
    "ratio",
    "required_pace_per_year",
    "slope_per_year",
    "projected_value",
)

_QUARTERS_PER_YEAR = 4.0


def status_from_ratio(ratio: Sequence[float] | np.ndarray) -> np.ndarray:
    """The pace status for each ratio R of actual to required pace (METHOD.md rule 5).

    R >= 0.95 on_track; 0.60 <= R < 0.95 moderate; 0 <= R < 0.60 limited; R < 0 deterioration,
    with R rounded to ``THRESHOLD_DECIMALS`` (9) decimals first (v2 item 6), so a ratio that is
    a threshold in decimal arithmetic gets the higher status. A NaN ratio has no pace status and
    raises, because every caller must decide what it means.

    >>> status_from_ratio([0.9499999999999993, 0.5999999996, -4e-10]).tolist()
    ['on_track', 'moderate', 'limited']
    """
    r = np.asarray(ratio, dtype=float)
    if np.isnan(r).any():
        raise MetricError("status_from_ratio: a ratio is NaN; decide its status before calling")
    r = round_half_away(r, THRESHOLD_DECIMALS)
    return np.select(
        [r >= ON_TRACK_THRESHOLD, r >= MODERATE_THRESHOLD, r >= 0.0],
        ["on_track", "moderate", "limited"],
        default="deterioration",
    ).astype(object)


def compound_growth(
    start: float | np.ndarray, end: float | np.ndarray, years: float | np.ndarray
) -> float | np.ndarray:
    """(end / start) ** (1 / years) - 1: the constant yearly growth that turns start into end.

    Defined only for start > 0, end > 0 and years > 0 (METHOD.md v2 item 5); elsewhere NaN
    (callers fall back).
    """
    s = np.asarray(start, dtype=float)
    e = np.asarray(end, dtype=float)
    t = np.asarray(years, dtype=float)
    defined = (s > 0) & (e > 0) & (t > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(defined, np.power(e / s, 1.0 / t) - 1.0, np.nan)
    return float(growth) if growth.ndim == 0 else growth


def ols_line(
    n: np.ndarray | float,
    sum_t: np.ndarray | float,
    sum_tt: np.ndarray | float,
    sum_y: np.ndarray | float,
    sum_ty: np.ndarray | float,
) -> tuple[np.ndarray, np.ndarray]:
    """Slope and intercept of the least-squares line y = a + b·t from its sufficient sums.

    NaN where the line is not determined (fewer than two distinct t).
    """
    n_ = np.asarray(n, dtype=float)
    st = np.asarray(sum_t, dtype=float)
    stt = np.asarray(sum_tt, dtype=float)
    sy = np.asarray(sum_y, dtype=float)
    sty = np.asarray(sum_ty, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = n_ * stt - st * st
        determined = (n_ >= 2) & (spread > 0)
        slope = np.where(determined, (n_ * sty - st * sy) / spread, np.nan)
        intercept = np.where(determined, (sy - slope * st) / n_, np.nan)
    return slope, intercept


def classify_trend(
    slope: np.ndarray | Sequence[float],
    sign: np.ndarray | Sequence[float],
    scale: np.ndarray | Sequence[float],
) -> np.ndarray:
    """improving / stable / worsening from the direction-adjusted slope relative to ``scale``.

    ``scale`` is abs(b), or the mean absolute value of the series where b = 0. Above +1 % of the
    scale per year improving, below -1 % worsening, else stable; None where the slope is NaN.

    >>> classify_trend([0.5, 0.05, 0.5], [1, 1, -1], [10.0, 10.0, 10.0]).tolist()
    ['improving', 'stable', 'worsening']
    """
    adjusted = np.asarray(sign, dtype=float) * np.asarray(slope, dtype=float)
    band = TREND_STABLE_BAND * np.asarray(scale, dtype=float)
    improving, stable, worsening = TREND_CLASSES
    return np.select(
        [np.isnan(adjusted), adjusted > band, adjusted < -band],
        [None, improving, worsening],
        default=stable,
    ).astype(object)


def required_pace_per_year(
    latest_value: np.ndarray | float,
    target_value: np.ndarray | float,
    latest_index: np.ndarray | float,
    target_index: np.ndarray | float,
) -> np.ndarray:
    """(y* - y) / t(pL -> pT): the change per year still needed; NaN once pT is not after pL.

    >>> required_pace_per_year(18.6, 15.0, 8101, 8119).round(3).tolist()
    -0.8
    """
    y = np.asarray(latest_value, dtype=float)
    target = np.asarray(target_value, dtype=float)
    years_left = (
        np.asarray(target_index, dtype=float) - np.asarray(latest_index, dtype=float)
    ) / _QUARTERS_PER_YEAR
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(years_left > 0, (target - y) / years_left, np.nan)


def _require_columns(statistics: pd.DataFrame) -> None:
    missing = [c for c in STATISTICS_COLUMNS if c not in statistics.columns]
    if missing:
        raise MetricError(f"assess_series: statistics lack the columns {', '.join(missing)}")


def _names(statistics: pd.DataFrame, column: str, allowed: Sequence[str]) -> np.ndarray:
    values = statistics[column]
    unknown = sorted({str(v) for v in pd.unique(values) if v not in allowed})
    if unknown:
        raise MetricError(
            f"assess_series: {column} {', '.join(unknown)} is not one of {', '.join(allowed)}"
        )
    return values.to_numpy(dtype=object)


def _floats(statistics: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(statistics[column]).to_numpy(dtype=float, na_value=np.nan)


def assess_series(statistics: pd.DataFrame) -> pd.DataFrame:
    """Assess every series in ``statistics`` (one row each, ``STATISTICS_COLUMNS``).

    Returns a frame with the same index and ``RESULT_COLUMNS``, the ``ROUNDED_COLUMNS`` rounded
    to ``DERIVED_DECIMALS``. Numbers a rule does not define for a row are NaN; ``method_used``,
    ``trend_class`` are None and ``projected_meets`` is NA there. Raises MetricError for a
    missing column or an unknown setting name.
    """
    _require_columns(statistics)
    stated_type = _names(statistics, "target_type", TARGET_TYPES)
    direction = _names(statistics, "direction", tuple(DIRECTION_SIGNS))
    method = _names(statistics, "method", METHODS)
    frequency = _names(statistics, "frequency", tuple(STALE_AFTER_QUARTERS))

    q = _floats(statistics, "as_of_index")
    p0 = _floats(statistics, "baseline_index")
    b = _floats(statistics, "baseline_value")
    p_latest = _floats(statistics, "latest_index")
    y = _floats(statistics, "latest_value")
    p_target = _floats(statistics, "target_index")
    y_star = _floats(statistics, "target_value")
    n_points = _floats(statistics, "n_points")
    origin = _floats(statistics, "trend_origin_index")

    d = np.where(direction == "up", 1.0, -1.0)
    has_latest = ~np.isnan(y) & ~np.isnan(p_latest)
    has_baseline = ~np.isnan(b)
    has_target = ~np.isnan(y_star)

    with np.errstate(divide="ignore", invalid="ignore"):
        # v2 item 2: a reach target not on the better side of b is held as a maintain bound.
        target_reversed = (
            (stated_type == "reach") & has_baseline & has_target & (d * (y_star - b) <= 0)
        )
        target_type = np.where(
            target_reversed, np.where(d > 0, "maintain_min", "maintain_max"), stated_type
        ).astype(object)
        reach = target_type == "reach"

        # Rule 1: the pace lens needs a latest value, a baseline and a target value.
        pace_ready = reach & has_latest & has_baseline & has_target
        horizon = p_target - p0
        span = y_star - b  # d·span > 0 wherever pace_ready
        time_share = np.where(pace_ready & (horizon > 0), (p_latest - p0) / horizon, np.nan)
        met = d * (y - y_star) >= 0
        # The pace rules decide: not achieved (rule 2) and time has passed (rule 3).
        paced = pace_ready & ~met & (time_share > 0)

        progress_share = np.where(paced, (y - b) / span, np.nan)
        expected_value = np.where(paced, b + span * time_share, np.nan)
        linear_ratio = progress_share / time_share

        # Rule 4, cagr: only where b, y and y* are all > 0 (v2 item 5), and the required rate is
        # not zero in floating point; otherwise linear, flagged.
        cagr_wanted = paced & (method == "cagr")
        cagr_required = compound_growth(b, y_star, horizon / _QUARTERS_PER_YEAR)
        cagr_defined = (b > 0) & (y > 0) & (y_star > 0) & (cagr_required != 0)
        use_cagr = cagr_wanted & cagr_defined
        cagr_observed = np.where(
            use_cagr, compound_growth(b, y, (p_latest - p0) / _QUARTERS_PER_YEAR), np.nan
        )
        cagr_required = np.where(use_cagr, cagr_required, np.nan)
        # METHOD.md's s (-1 for b < 0) is always 1 inside the v2 domain (b > 0).
        ratio = np.where(use_cagr, d * cagr_observed / np.abs(cagr_required), linear_ratio)
        method_fallback = cagr_wanted & ~cagr_defined
        method_used = np.where(paced, np.where(use_cagr, "cagr", "linear"), None).astype(object)

        # Rows without a ratio get a placeholder here; np.select below never picks it for them.
        pace_status = status_from_ratio(np.where(paced, ratio, 0.0))
        maintained = np.where(target_type == "maintain_min", y >= y_star, y <= y_star)
        status = np.select(
            [
                target_type == "none",
                reach & ~pace_ready,
                reach & met,  # rule 2, checked before the time share
                reach & ~paced,  # rule 3: the latest is the baseline (or before it)
                reach,
                ~(has_latest & has_target),
                maintained,
            ],
            [
                "no_target",
                "insufficient_data",
                "achieved",
                "insufficient_data",
                pace_status,
                "insufficient_data",
                "achieved",
            ],
            default="deterioration",
        ).astype(object)

        required = np.where(
            pace_ready, required_pace_per_year(y, y_star, p_latest, p_target), np.nan
        )

        stale_after = pd.Series(frequency).map(STALE_AFTER_QUARTERS).to_numpy(dtype=float)
        stale = ~has_latest | (q - p_latest > stale_after)
        provisional = statistics["latest_flag"].isin(PROVISIONAL_FLAGS).to_numpy(dtype=bool)
        series_break = statistics["any_break"].astype("boolean").fillna(False).to_numpy(dtype=bool)

        # Trend lens: never from fewer than MIN_TREND_POINTS observations.
        slope, intercept = ols_line(
            n_points,
            _floats(statistics, "sum_t"),
            _floats(statistics, "sum_tt"),
            _floats(statistics, "sum_y"),
            _floats(statistics, "sum_ty"),
        )
        has_trend = (n_points >= MIN_TREND_POINTS) & ~np.isnan(slope)
        slope = np.where(has_trend, slope, np.nan)
        projected = np.where(
            has_trend, intercept + slope * (p_target - origin) / _QUARTERS_PER_YEAR, np.nan
        )
        # "Meets" compares the projection as reported (rounded), and for maintain targets in the
        # bound's own sense, not the direction's.
        shown = round_half_away(projected, DERIVED_DECIMALS)
        meets = np.select(
            [target_type == "maintain_min", target_type == "maintain_max"],
            [shown >= y_star, shown <= y_star],
            default=d * (shown - y_star) >= 0,
        )
        meets_defined = has_trend & has_target & (target_type != "none")
        projected_meets = pd.array(np.where(meets_defined, meets, False), dtype="boolean").copy()
        projected_meets[~meets_defined] = pd.NA

        mean_abs = _floats(statistics, "sum_abs_y") / n_points
        scale = np.where(has_baseline & (b != 0), np.abs(b), mean_abs)
        trend_class = np.where(
            (target_type == "none") & has_trend, classify_trend(slope, d, scale), None
        ).astype(object)

    figures = {
        "expected_value": expected_value,
        "progress_share": progress_share,
        "time_share": time_share,
        "ratio": ratio,
        "required_pace_per_year": required,
        "slope_per_year": slope,
        "projected_value": projected,
    }
    rounded = {name: round_half_away(figures[name], DERIVED_DECIMALS) for name in ROUNDED_COLUMNS}
    return pd.DataFrame(
        {
            "method_used": method_used,
            "expected_value": rounded["expected_value"],
            "progress_share": rounded["progress_share"],
            "time_share": rounded["time_share"],
            "ratio": rounded["ratio"],
            "cagr_observed": cagr_observed,
            "cagr_required": cagr_required,
            "status": status,
            "required_pace_per_year": rounded["required_pace_per_year"],
            "stale": stale,
            "provisional": provisional,
            "method_fallback": method_fallback,
            "series_break": series_break,
            "target_reversed": target_reversed,
            "slope_per_year": rounded["slope_per_year"],
            "projected_value": rounded["projected_value"],
            "projected_meets": projected_meets,
            "trend_class": trend_class,
        },
        index=statistics.index,
    )
