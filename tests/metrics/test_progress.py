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

from metrics.constants import MODERATE_THRESHOLD, ON_TRACK_THRESHOLD
from metrics.errors import MetricError
from metrics.periods import quarter_index
from metrics.progress import (
    RESULT_COLUMNS,
    STATISTICS_COLUMNS,
    assess_series,
    classify_trend,
    compound_growth,
    ols_line,
    required_pace_per_year,
    status_from_ratio,
)


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


@pytest.mark.parametrize("module", ["metrics.progress", "metrics.rollup", "metrics.periods"])
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
        (np.nextafter(ON_TRACK_THRESHOLD, 0), "moderate"),
        (MODERATE_THRESHOLD, "moderate"),
        (np.nextafter(MODERATE_THRESHOLD, 0), "limited"),
        (0.0, "limited"),
        (-1e-12, "deterioration"),
    ],
)
def test_ratio_thresholds_are_inclusive_at_their_lower_edge(ratio, status):
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


def test_target_equal_to_baseline_and_not_met_is_deterioration_without_a_ratio():
    a = assess_one(direction="up", baseline_value=50.0, target_value=50.0, latest_value=49.0)
    assert a["status"] == "deterioration" and math.isnan(a["ratio"])


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
