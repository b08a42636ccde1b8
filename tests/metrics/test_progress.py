"""The pure rules of metrics.progress on hand-built statistics rows (no database)."""

from __future__ import annotations

import doctest
import importlib
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from metrics.constants import (
    DERIVED_DECIMALS,
    MODERATE_THRESHOLD,
    ON_TRACK_THRESHOLD,
    PACE_STATUSES,
)
from metrics.errors import MetricError
from metrics.periods import quarter_index
from metrics.progress import (
    RESULT_COLUMNS,
    ROUNDED_COLUMNS,
    STATISTICS_COLUMNS,
    assess_series,
    classify_trend,
    compound_growth,
    ols_line,
    required_pace_per_year,
    status_from_ratio,
)
from metrics.rounding import round_half_away
from tests.conftest import scaled_examples


def statistics_row(**overrides: object) -> dict[str, object]:
    """Case A of METHOD.md as one row of sufficient statistics, with overrides."""
    periods = range(quarter_index("2023Q1"), quarter_index("2025Q2") + 1)
    values = [20.0, 19.8, 19.9, 19.5, 19.4, 19.0, 19.1, 18.8, 18.9, 18.6]
    t = [(p - quarter_index("2023Q1")) / 4 for p in periods]
    row: dict[str, object] = {
        "target_type": "reach",
        "direction": "down",
        "method": "linear",
        "frequency": "quarterly",
        "as_of_index": quarter_index("2025Q2"),
        "baseline_index": quarter_index("2023Q1"),
        "baseline_value": 20.0,
        "latest_index": quarter_index("2025Q2"),
        "latest_value": 18.6,
        "latest_flag": "none",
        "target_index": quarter_index("2029Q4"),
        "target_value": 15.0,
        "n_points": len(values),
        "trend_origin_index": quarter_index("2023Q1"),
        "sum_t": math.fsum(t),
        "sum_tt": math.fsum(x * x for x in t),
        "sum_y": math.fsum(values),
        "sum_ty": math.fsum(x * y for x, y in zip(t, values, strict=True)),
        "sum_abs_y": math.fsum(abs(y) for y in values),
        "any_break": False,
    }
    row.update(overrides)
    return row


def assess_one(**overrides: object) -> pd.Series:
    return assess_series(pd.DataFrame([statistics_row(**overrides)])).iloc[0]


@pytest.mark.parametrize(
    "module",
    [
        "metrics.progress",
        "metrics.rollup",
        "metrics.periods",
        "metrics.rounding",
        "metrics.actions",
    ],
)
def test_docstring_examples_hold(module):
    failures, tried = doctest.testmod(importlib.import_module(module))
    assert tried > 0 and failures == 0


def test_case_a_from_statistics_matches_method_md():
    a = assess_one()
    assert a["status"] == "moderate"
    assert round(a["ratio"], 3) == 0.84
    assert round(a["slope_per_year"], 3) == -0.630
    assert round(a["projected_value"], 3) == 15.755
    assert a["projected_meets"] is not pd.NA and not a["projected_meets"]


def test_result_has_every_documented_column_and_keeps_the_index():
    frame = pd.DataFrame([statistics_row(), statistics_row()], index=[7, 3])
    result = assess_series(frame)
    assert tuple(result.columns) == RESULT_COLUMNS
    assert result.index.tolist() == [7, 3]


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (ON_TRACK_THRESHOLD, "on_track"),
        (0.9499999999999993, "on_track"),  # 0.95 in decimal arithmetic (v2 item 6)
        (0.9499999995, "on_track"),  # rounds to 0.950000000
        (0.9499999994, "moderate"),  # rounds to 0.949999999
        (MODERATE_THRESHOLD, "moderate"),
        (np.nextafter(MODERATE_THRESHOLD, 0), "moderate"),
        (0.5999999994, "limited"),
        (0.0, "limited"),
        (-1e-12, "limited"),  # zero to 9 decimals: not moving away
        (-6e-10, "deterioration"),
    ],
)
def test_ratio_thresholds_compare_the_ratio_rounded_to_nine_decimals(ratio, status):
    assert status_from_ratio([ratio]).tolist() == [status]


def test_status_from_a_nan_ratio_is_refused():
    with pytest.raises(MetricError, match="NaN"):
        status_from_ratio([0.5, float("nan")])


def test_compound_growth_is_undefined_for_a_non_positive_start():
    assert math.isnan(compound_growth(0.0, 5.0, 1.0))
    assert math.isnan(compound_growth(-2.0, -1.0, 1.0))
    assert compound_growth(100.0, 121.0, 2.0) == pytest.approx(0.1)


def test_ols_line_recovers_an_exact_line_and_refuses_one_point():
    t = np.array([0.0, 0.25, 0.5, 1.0])
    y = 3.0 - 2.0 * t
    slope, intercept = ols_line(4, t.sum(), (t * t).sum(), y.sum(), (t * y).sum())
    assert (float(slope), float(intercept)) == pytest.approx((-2.0, 3.0))
    slope, _ = ols_line(1, 0.0, 0.0, 5.0, 0.0)
    assert math.isnan(float(slope))


def test_trend_class_band_is_one_percent_of_the_scale_per_year():
    classes = classify_trend([1.01, 0.99, -0.99, -1.01, float("nan")], [1] * 5, [100.0] * 5)
    assert classes.tolist() == ["improving", "stable", "stable", "worsening", None]


def test_required_pace_is_the_remaining_gap_per_remaining_year():
    pace = required_pace_per_year([18.6, 10.0], [15.0, 12.0], [8101, 8119], [8119, 8119])
    assert pace[0] == pytest.approx((15.0 - 18.6) / 4.5)
    assert math.isnan(pace[1])  # at the target period there is no time left


def test_target_equal_to_baseline_is_held_as_a_maintain_bound_and_flagged():
    # d·(y* - b) = 0 is not on the better side (v2 item 2 asks > 0): hold the baseline level.
    below = assess_one(direction="up", baseline_value=50.0, target_value=50.0, latest_value=49.0)
    assert below["status"] == "deterioration" and math.isnan(below["ratio"])
    assert below["target_reversed"]
    at = assess_one(direction="down", baseline_value=50.0, target_value=50.0, latest_value=50.0)
    assert at["status"] == "achieved" and at["target_reversed"]


def test_latest_before_the_baseline_is_insufficient_data():
    a = assess_one(latest_index=quarter_index("2022Q4"), baseline_value=20.0, latest_value=19.0)
    assert a["status"] == "insufficient_data" and a["time_share"] < 0


def test_cagr_with_a_negative_target_falls_back_to_linear():
    a = assess_one(method="cagr", target_value=-1.0)
    assert a["method_fallback"] and a["method_used"] == "linear"
    assert a["ratio"] == pytest.approx(((18.6 - 20.0) / (-21.0)) / (9 / 27))


def test_maintain_projection_meets_in_the_target_types_own_sense():
    below = assess_one(target_type="maintain_max", direction="down", target_value=16.0)
    above = assess_one(target_type="maintain_min", direction="down", target_value=16.0)
    assert bool(below["projected_meets"]) and not bool(above["projected_meets"])


def test_missing_statistics_column_is_named_in_the_error():
    frame = pd.DataFrame([statistics_row()]).drop(columns=["sum_ty", "method"])
    with pytest.raises(MetricError, match="method, sum_ty"):
        assess_series(frame)


@pytest.mark.parametrize(
    ("column", "value"),
    [("target_type", "reach_maybe"), ("direction", "sideways"), ("frequency", "monthly")],
)
def test_unknown_setting_names_are_refused(column, value):
    with pytest.raises(MetricError, match=f"{column} {value} is not one of"):
        assess_series(pd.DataFrame([statistics_row(**{column: value})]))


def test_statistics_columns_contract_is_what_the_docstring_lists():
    doc = importlib.import_module("metrics.progress").__doc__ or ""
    for column in STATISTICS_COLUMNS:
        assert column in doc, column


def test_the_package_docstring_maps_every_metrics_module_and_reexports_nothing():
    package = importlib.import_module("metrics")
    modules = {path.stem for path in Path(package.__file__).parent.glob("*.py")} - {"__init__"}
    listed = set(re.findall(r"``metrics\.(\w+)``", package.__doc__ or ""))
    assert listed == modules
    assert not hasattr(package, "__all__")


# --- METHOD.md v2 ---------------------------------------------------------------------------

EXAMPLE_G = {
    "direction": "up",
    "baseline_value": 60.0,
    "target_value": 50.0,
    "n_points": 1,
    "sum_t": 0.0,
    "sum_tt": 0.0,
    "sum_y": 60.0,
    "sum_ty": 0.0,
    "sum_abs_y": 60.0,
}


@pytest.mark.parametrize(("latest", "status"), [(55.0, "achieved"), (45.0, "deterioration")])
def test_example_g_a_reach_target_below_an_up_baseline_is_held_as_maintain_min(latest, status):
    a = assess_one(**EXAMPLE_G, latest_value=latest)
    assert a["status"] == status
    assert a["target_reversed"]
    assert not a["stale"] and not a["provisional"] and not a["method_fallback"]
    for figure in ("ratio", "progress_share", "expected_value", "time_share"):
        assert math.isnan(a[figure]), figure
    assert a["method_used"] is None


def test_a_reversed_down_target_is_held_as_maintain_max():
    # Down: b = 20, "reach" 25 lies on the worse side; 24 stays at or below it.
    a = assess_one(baseline_value=20.0, target_value=25.0, latest_value=24.0)
    assert (a["status"], a["target_reversed"]) == ("achieved", True)
    a = assess_one(baseline_value=20.0, target_value=25.0, latest_value=25.5)
    assert (a["status"], a["target_reversed"]) == ("deterioration", True)


def test_a_target_on_the_better_side_or_without_a_baseline_is_not_reversed():
    assert not assess_one()["target_reversed"]
    a = assess_one(baseline_value=float("nan"), target_value=25.0)
    assert not a["target_reversed"] and a["status"] == "insufficient_data"
    assert not assess_one(target_type="maintain_min", target_value=25.0)["target_reversed"]


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"target_value": 0.0}, "target of 0"),
        ({"target_value": -1.0}, "negative target"),
        ({"latest_value": -0.5, "target_value": -2.0}, "negative latest value"),
        ({"latest_value": 0.0, "target_value": -2.0}, "latest value of 0"),
    ],
)
def test_cagr_outside_positive_b_y_and_target_falls_back_to_linear(overrides, reason):
    a = assess_one(method="cagr", **overrides)
    assert a["status"] in PACE_STATUSES, reason
    assert a["method_fallback"] and a["method_used"] == "linear", reason
    y, y_star = overrides.get("latest_value", 18.6), overrides["target_value"]
    assert a["ratio"] == pytest.approx((y - 20.0) / (y_star - 20.0) / (9 / 27), abs=1e-6)


def test_cagr_with_positive_b_y_and_target_is_used():
    a = assess_one(method="cagr")
    assert a["method_used"] == "cagr" and not a["method_fallback"]
    assert round(a["ratio"], 3) == 0.761  # case E


def test_achieved_and_undecided_statuses_report_no_ratio_share_or_expected_value():
    achieved = assess_one(latest_value=14.0)
    assert achieved["status"] == "achieved"
    at_baseline = assess_one(latest_index=quarter_index("2023Q1"), latest_value=19.0)
    assert at_baseline["status"] == "insufficient_data"
    for a in (achieved, at_baseline):
        for figure in ("ratio", "progress_share", "expected_value"):
            assert math.isnan(a[figure]), figure
        assert a["method_used"] is None and not a["method_fallback"]
    # The time share still says where the series is on its path.
    assert achieved["time_share"] == pytest.approx(1 / 3, abs=1e-6)
    assert at_baseline["time_share"] == 0.0


def test_a_cagr_series_that_is_achieved_raises_no_fallback():
    # The pace rules did not run, so no ratio was computed by any method.
    a = assess_one(method="cagr", latest_value=-1.0, target_value=0.0)
    assert a["status"] == "achieved" and not a["method_fallback"]


def test_reported_figures_are_rounded_to_six_decimals():
    a = assess_one()
    assert a["expected_value"] == 18.333333  # 20 - 5/3 = 18.333333333...
    assert a["time_share"] == 0.333333
    assert a["progress_share"] == 0.28 and a["ratio"] == 0.84
    assert a["required_pace_per_year"] == -0.8
    for column in ROUNDED_COLUMNS:
        assert float(a[column]) == round_half_away(float(a[column]), DERIVED_DECIMALS), column


def test_projected_meets_compares_the_projection_as_reported():
    # Case A's projection, computed, lies off a 6-decimal grid; a bound equal to its rounded
    # value is met in the reported figures, whichever side the unrounded projection is on.
    projection = assess_series(pd.DataFrame([statistics_row(target_type="none")]))
    raw_slope, raw_intercept = ols_line(
        *(statistics_row()[c] for c in ("n_points", "sum_t", "sum_tt", "sum_y", "sum_ty"))
    )
    raw = float(raw_intercept + raw_slope * 6.75)
    shown = round_half_away(raw, DERIVED_DECIMALS)
    assert projection["projected_value"].iloc[0] == shown and raw != shown
    bound = "maintain_min" if raw < shown else "maintain_max"
    a = assess_one(target_type=bound, target_value=shown)
    assert a["projected_meets"] is not pd.NA and bool(a["projected_meets"])


# --- properties -----------------------------------------------------------------------------

finite_values = st.integers(-20000, 20000).map(lambda k: k / 100)


@st.composite
def statistics_rows(draw, **fixed: object) -> dict[str, object]:
    """A generated series reduced to its statistics row (the data layer's job, done by hand)."""
    start = quarter_index("2023Q1")
    values = draw(st.lists(st.one_of(st.none(), finite_values), min_size=1, max_size=14))
    observed = [(start + k, v) for k, v in enumerate(values) if v is not None]
    t = [(p - start) / 4 for p, _ in observed]
    ys = [v for _, v in observed]
    latest_index, latest = observed[-1] if observed else (float("nan"), float("nan"))
    row = {
        "target_type": draw(st.sampled_from(["reach", "maintain_min", "maintain_max", "none"])),
        "direction": draw(st.sampled_from(["up", "down"])),
        "method": draw(st.sampled_from(["linear", "cagr"])),
        "frequency": draw(st.sampled_from(["quarterly", "annual"])),
        "as_of_index": start + len(values) - 1 + draw(st.integers(0, 3)),
        "baseline_index": start,
        "baseline_value": ys[0] if observed and observed[0][0] == start else float("nan"),
        "latest_index": latest_index,
        "latest_value": latest,
        "latest_flag": draw(st.sampled_from(["none", "provisional", "break"])),
        "target_index": quarter_index("2029Q4"),
        "target_value": draw(st.one_of(st.just(float("nan")), st.just(0.0), finite_values)),
        "n_points": len(observed),
        "trend_origin_index": start,
        "sum_t": math.fsum(t),
        "sum_tt": math.fsum(x * x for x in t),
        "sum_y": math.fsum(ys),
        "sum_ty": math.fsum(x * y for x, y in zip(t, ys, strict=True)),
        "sum_abs_y": math.fsum(abs(y) for y in ys),
        "any_break": draw(st.booleans()),
    }
    return row | fixed


@settings(max_examples=scaled_examples(300), deadline=None)
@given(row=statistics_rows(target_type="reach"), gap=st.integers(0, 5000).map(lambda k: k / 100))
def test_any_reversed_reach_target_behaves_as_its_maintain_bound_plus_the_flag(row, gap):
    assume(not math.isnan(row["baseline_value"]))
    d = 1 if row["direction"] == "up" else -1
    row["target_value"] = row["baseline_value"] - d * gap  # on the worse side, or equal
    bound = "maintain_min" if d > 0 else "maintain_max"
    reversed_reach = assess_series(pd.DataFrame([row])).iloc[0]
    maintained = assess_series(pd.DataFrame([{**row, "target_type": bound}])).iloc[0]
    assert reversed_reach["target_reversed"] and not maintained["target_reversed"]
    pd.testing.assert_series_equal(
        reversed_reach.drop("target_reversed"), maintained.drop("target_reversed")
    )


@settings(max_examples=scaled_examples(300), deadline=None)
@given(row=statistics_rows())
def test_a_ratio_is_reported_exactly_where_the_pace_rules_decide(row):
    a = assess_series(pd.DataFrame([row])).iloc[0]
    decided = row["target_type"] == "reach" and not a["target_reversed"]
    decided = decided and a["status"] in PACE_STATUSES
    for figure in ("ratio", "progress_share", "expected_value"):
        assert math.isnan(a[figure]) != decided, (figure, a["status"])
    assert (a["method_used"] is not None) == decided
    if decided and a["ratio"] < 0:
        assert a["status"] == "deterioration"
    assert not a["method_fallback"] or a["method_used"] == "linear"


@settings(max_examples=scaled_examples(300), deadline=None)
@given(row=statistics_rows())
def test_every_reported_figure_is_on_the_six_decimal_grid(row):
    a = assess_series(pd.DataFrame([row])).iloc[0]
    for column in ROUNDED_COLUMNS:
        value = a[column]
        assert math.isnan(value) or round_half_away(value, DERIVED_DECIMALS) == value, column


@settings(max_examples=scaled_examples(300), deadline=None)
@given(
    threshold=st.sampled_from([ON_TRACK_THRESHOLD, MODERATE_THRESHOLD, 0.0]),
    offset=st.floats(-1e-12, 1e-12),
)
def test_a_ratio_within_1e_12_of_a_threshold_gets_the_higher_status(threshold, offset):
    assert (
        status_from_ratio([threshold + offset]).tolist() == status_from_ratio([threshold]).tolist()
    )
