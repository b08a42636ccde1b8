"""Roll-ups on hand-made frames: the distribution, the share on track, the mean score."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.constants import STATUSES
from metrics.errors import MetricError
from metrics.rollup import ROLLUP_COLUMNS, rollup, rollup_totals

FRAME = pd.DataFrame(
    {
        "action_line_id": ["AL01"] * 6 + ["AL02"] * 3,
        "part_id": ["NL", "AW", "CW", "NL", "AW", "CW", "NL", "AW", "CW"],
        "status": [
            "achieved",
            "on_track",
            "moderate",
            "deterioration",
            "insufficient_data",
            "no_target",
            "limited",
            "insufficient_data",
            "no_target",
        ],
    }
)


def test_counts_per_status_follow_the_status_order():
    result = rollup(FRAME, by=["action_line_id"])
    assert list(result.columns) == ["action_line_id", *ROLLUP_COLUMNS]
    assert list(result.columns[1 : 1 + len(STATUSES)]) == list(STATUSES)
    al01 = result.iloc[0]
    assert [al01[s] for s in STATUSES] == [1, 1, 1, 0, 1, 1, 1]
    assert (al01["n_series"], al01["n_assessed"]) == (6, 4)


def test_share_on_track_counts_achieved_and_on_track_among_assessed():
    al01, al02 = rollup(FRAME, by=["action_line_id"]).itertuples(index=False)
    assert al01.share_on_track == 2 / 4
    assert al02.share_on_track == 0.0  # one assessed series, limited


def test_mean_score_averages_assessed_series_scores():
    al01, al02 = rollup(FRAME, by=["action_line_id"]).itertuples(index=False)
    assert al01.mean_score == (2 + 1 + 0 - 2) / 4
    assert al02.mean_score == -1.0


def test_group_without_assessed_series_has_no_share_and_no_score():
    frame = pd.DataFrame({"g": ["x", "x"], "status": ["no_target", "insufficient_data"]})
    result = rollup(frame, by=["g"]).iloc[0]
    assert result["n_assessed"] == 0
    assert math.isnan(result["share_on_track"]) and math.isnan(result["mean_score"])


def test_empty_grouping_rolls_up_the_whole_frame():
    result = rollup(FRAME)
    assert len(result) == 1
    assert result.iloc[0]["n_series"] == 9 and result.iloc[0]["n_assessed"] == 5
    assert result.iloc[0]["mean_score"] == pytest.approx((2 + 1 + 0 - 2 - 1) / 5)


def test_two_keys_give_a_row_per_combination_present():
    result = rollup(FRAME, by=["action_line_id", "part_id"])
    assert len(result) == 6
    assert result["n_series"].sum() == len(FRAME)


def test_unknown_status_is_refused():
    frame = pd.DataFrame({"g": ["x"], "status": ["great"]})
    with pytest.raises(MetricError, match="great is not a status"):
        rollup(frame, by=["g"])


def test_missing_group_column_is_refused():
    with pytest.raises(MetricError, match="lacks the columns objective_id"):
        rollup(FRAME, by=["objective_id"])


def test_totals_of_rollup_rows_equal_the_rollup_of_all_their_series():
    whole = rollup(FRAME).iloc[0]
    totals = rollup_totals(rollup(FRAME, by=["action_line_id", "part_id"]))
    assert list(totals.columns) == list(ROLLUP_COLUMNS)
    assert len(totals) == 1
    for column in (*STATUSES, "n_series", "n_assessed", "share_on_track"):
        assert totals.iloc[0][column] == whole[column], column
    assert totals.iloc[0]["mean_score"] == pytest.approx(whole["mean_score"])


def test_totals_recompute_the_share_from_counts_not_from_the_rows_shares():
    # AL01: 2 of 4 assessed on track (0.5); AL02: 0 of 1 (0.0). Mean of shares 0.25; true 2/5.
    totals = rollup_totals(rollup(FRAME, by=["action_line_id"])).iloc[0]
    assert totals["share_on_track"] == 2 / 5
    assert totals["mean_score"] == pytest.approx((2 + 1 + 0 - 2 - 1) / 5)


def test_totals_per_key_sum_only_that_keys_rows():
    per_part = rollup_totals(rollup(FRAME, by=["action_line_id", "part_id"]), by=["part_id"])
    expected = rollup(FRAME, by=["part_id"])
    assert list(per_part["part_id"]) == list(expected["part_id"])
    for column in (*STATUSES, "n_series", "n_assessed"):
        assert list(per_part[column]) == list(expected[column]), column
    pd.testing.assert_series_equal(per_part["share_on_track"], expected["share_on_track"])
    pd.testing.assert_series_equal(per_part["mean_score"], expected["mean_score"])


def test_totals_of_no_rows_are_zero_counts_without_share_or_score():
    empty = rollup(FRAME, by=["action_line_id"]).iloc[0:0]
    totals = rollup_totals(empty).iloc[0]
    assert all(totals[column] == 0 for column in (*STATUSES, "n_series", "n_assessed"))
    assert math.isnan(totals["share_on_track"]) and math.isnan(totals["mean_score"])


def test_totals_of_rows_without_assessed_series_have_no_share_and_no_score():
    frame = pd.DataFrame({"g": ["x", "y"], "status": ["no_target", "insufficient_data"]})
    totals = rollup_totals(rollup(frame, by=["g"])).iloc[0]
    assert (totals["n_series"], totals["n_assessed"]) == (2, 0)
    assert math.isnan(totals["share_on_track"]) and math.isnan(totals["mean_score"])


def test_totals_refuse_a_frame_that_is_not_a_rollup():
    with pytest.raises(MetricError, match="lack the columns"):
        rollup_totals(FRAME)
