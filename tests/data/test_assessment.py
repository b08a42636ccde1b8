"""The assessment through a real DuckDB: METHOD.md's worked examples, the edges, derived parts
and vintages (roll-up scope: tests/data/test_rollup_scope.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pandas as pd
import pytest

from data.assessment import (
    ASSESSMENT_COLUMNS,
    SERIES_VALUE_COLUMNS,
    assess,
    series_statistics,
    series_values,
)
from data.observations import observations_at_vintage
from metrics.constants import DERIVED_DECIMALS, FLAG_NAMES
from metrics.errors import MetricError
from metrics.progress import assess_series
from metrics.rounding import round_half_away
from tests.data.series_db import SeriesDB

CASE_A_VALUES = [20.0, 19.8, 19.9, 19.5, 19.4, 19.0, 19.1, 18.8, 18.9, 18.6]
IND = "IND-9001"


@pytest.fixture
def db() -> Iterator[SeriesDB]:
    with SeriesDB.fresh() as database:
        yield database


def to_stated_decimals(actual: float, stated: str) -> None:
    """``actual`` equals METHOD.md's figure to the decimals it is written with."""
    decimals = len(stated.split(".")[1]) if "." in stated else 0
    assert abs(actual - float(stated)) <= 0.5 * 10**-decimals + 1e-12, (actual, stated)


def row(frame: pd.DataFrame, part_id: str = "NL", indicator_id: str = IND) -> pd.Series:
    hits = frame[(frame["indicator_id"] == indicator_id) & (frame["part_id"] == part_id)]
    assert len(hits) == 1, hits
    return hits.iloc[0]


def case_a(db: SeriesDB, *, method: str = "linear") -> None:
    db.indicator(IND, direction="down", method=method)
    db.target(IND, "NL", baseline_period="2023Q1", target_period="2029Q4", target_value=15.0)
    db.series(IND, "NL", "2023Q1", CASE_A_VALUES)


# --- METHOD.md worked examples -------------------------------------------------------------


def test_case_a_down_indicator_behind_the_straight_path_is_moderate(db):
    case_a(db)
    a = row(assess(db.con, as_of="2025Q2"))
    to_stated_decimals(a["progress_share"], "0.28")
    to_stated_decimals(a["time_share"], "0.333")
    to_stated_decimals(a["ratio"], "0.84")
    to_stated_decimals(a["expected_value"], "18.333")
    to_stated_decimals(a["slope_per_year"], "-0.630")
    to_stated_decimals(a["projected_value"], "15.755")
    assert a["status"] == "moderate"
    assert not a["projected_meets"]
    assert a["method_used"] == "linear"
    assert a["n_observations"] == 10


def test_case_b_annual_series_with_three_points_is_moderate_and_has_no_trend(db):
    db.indicator(IND, direction="up", frequency="annual")
    db.target(IND, "NL", baseline_period="2023Q4", baseline_value=22.0, target_value=60.0)
    db.series(IND, "NL", "2023Q4", [22.0, 24.0, 31.0], step=4)
    a = row(assess(db.con, as_of="2026Q3"))
    to_stated_decimals(a["progress_share"], "0.2368")
    to_stated_decimals(a["time_share"], "0.333")
    to_stated_decimals(a["ratio"], "0.7105")
    assert a["status"] == "moderate"
    assert pd.isna(a["slope_per_year"]) and pd.isna(a["projected_value"])
    assert pd.isna(a["projected_meets"])
    assert not a["stale"]  # 3 quarters after an annual figure is within 5


def test_case_c_up_indicator_moving_away_is_deterioration(db):
    db.indicator(IND, direction="up")
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2023Q1", [50.0, 49.0, 48.0, 47.5])
    a = row(assess(db.con, as_of="2023Q4"))
    to_stated_decimals(a["progress_share"], "-0.125")
    to_stated_decimals(a["time_share"], "0.1111")
    to_stated_decimals(a["ratio"], "-1.125")
    assert a["status"] == "deterioration"


def test_case_d_down_indicator_below_its_target_is_achieved(db):
    db.indicator(IND, direction="down")
    db.target(IND, "NL", target_value=8.0)
    db.series(IND, "NL", "2023Q1", [10.0, None, None, None, 7.0])
    a = row(assess(db.con, as_of="2024Q1"))
    assert a["status"] == "achieved"
    assert a["target_period"] == "2029Q4"


def test_case_e_cagr_ratio_of_compound_rates_is_moderate(db):
    case_a(db, method="cagr")
    a = row(assess(db.con, as_of="2025Q2"))
    to_stated_decimals(a["ratio"], "0.7607")
    assert a["status"] == "moderate"
    assert a["method_used"] == "cagr" and not a["method_fallback"]
    rules = assess_series(series_statistics(db.con, as_of="2025Q2", indicator_id=IND))
    nl = rules.iloc[-1]
    to_stated_decimals(nl["cagr_observed"], "-0.03174")
    to_stated_decimals(nl["cagr_required"], "-0.04172")


def test_case_f_case_a_as_of_2024q4_uses_the_latest_value_then(db):
    case_a(db)
    a = row(assess(db.con, as_of="2024Q4"))
    assert a["latest_period"] == "2024Q4"
    assert a["latest_value"] == 18.8
    to_stated_decimals(a["ratio"], "0.9257")
    assert a["status"] == "moderate"
    to_stated_decimals(a["projected_value"], "15.325")


# --- columns and rows ----------------------------------------------------------------------


def test_assessment_has_the_documented_columns_in_order_and_a_row_per_scope_series(
    structure_con,
):
    frame = assess(structure_con, as_of="2025Q4")
    assert tuple(frame.columns) == ASSESSMENT_COLUMNS
    scope = structure_con.execute("SELECT count(*) FROM indicator_scope").fetchall()[0][0]
    assert (~frame["is_derived"]).sum() == scope
    assert not frame.duplicated(["indicator_id", "part_id"]).any()
    # Nothing observed: every series with a target type is waiting for data.
    assert set(frame["status"]) == {"insufficient_data", "no_target"}


def test_malformed_as_of_quarter_is_refused_with_a_clear_error(db):
    with pytest.raises(MetricError, match="not a quarter"):
        assess(db.con, as_of="2025-13")


# --- edges ---------------------------------------------------------------------------------


def test_single_observation_at_the_baseline_is_insufficient_data_without_trend(db):
    db.indicator(IND)
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2023Q1", [50.0])
    a = row(assess(db.con, as_of="2023Q3"))
    assert a["status"] == "insufficient_data"
    assert a["time_share"] == 0.0
    assert a["n_observations"] == 1
    assert pd.isna(a["slope_per_year"])


def test_latest_value_equal_to_the_baseline_a_year_on_is_limited(db):
    db.indicator(IND)
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2023Q1", [50.0, 52.0, 49.0, 51.0, 50.0])
    a = row(assess(db.con, as_of="2024Q1"))
    assert a["progress_share"] == 0.0 and a["ratio"] == 0.0
    assert a["status"] == "limited"


def test_target_met_at_the_baseline_is_achieved_before_any_time_has_passed(db):
    db.indicator(IND, direction="up")
    db.target(IND, "NL", target_value=40.0)
    db.series(IND, "NL", "2023Q1", [50.0])
    a = row(assess(db.con, as_of="2023Q1"))
    assert a["status"] == "achieved"


@pytest.mark.parametrize("baseline", [0.0, -5.0])
def test_cagr_with_a_zero_or_negative_baseline_falls_back_to_linear_and_says_so(db, baseline):
    db.indicator(IND, method="cagr")
    db.target(IND, "NL", target_value=20.0)
    db.series(IND, "NL", "2023Q1", [baseline, None, None, None, 5.0])
    a = row(assess(db.con, as_of="2024Q1"))
    assert a["method_fallback"]
    assert a["method_used"] == "linear"
    linear = (5.0 - baseline) / (20.0 - baseline) / (4 / 27)
    assert a["ratio"] == round_half_away(linear, DERIVED_DECIMALS)


@pytest.mark.parametrize(
    ("target_type", "latest", "status"),
    [
        ("maintain_min", 70.0, "achieved"),
        ("maintain_min", 69.9, "deterioration"),
        ("maintain_max", 70.0, "achieved"),
        ("maintain_max", 70.1, "deterioration"),
    ],
)
def test_maintain_targets_compare_the_latest_value_with_the_bound(db, target_type, latest, status):
    db.indicator(IND, target_type=target_type)
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2023Q1", [75.0, latest])
    a = row(assess(db.con, as_of="2023Q2"))
    assert a["status"] == status
    assert pd.isna(a["ratio"]) and pd.isna(a["progress_share"])


def test_maintain_target_without_a_latest_value_is_insufficient_data(db):
    db.indicator(IND, target_type="maintain_min")
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2025Q1", [75.0])
    assert row(assess(db.con, as_of="2024Q4"))["status"] == "insufficient_data"


@pytest.mark.parametrize(
    ("direction", "values", "trend_class"),
    [
        ("up", [100.0, 101.0, 102.0, 103.0], "improving"),  # +4/yr against 1 % of 100
        ("down", [100.0, 101.0, 102.0, 103.0], "worsening"),
        ("up", [100.0, 100.2, 99.9, 100.1], "stable"),
        ("up", [0.0, 1.0, 2.0, 3.0], "improving"),  # b = 0: against 1 % of the mean |y|
    ],
)
def test_no_target_gives_no_target_status_and_a_trend_class(db, direction, values, trend_class):
    db.indicator(IND, direction=direction, target_type="none")
    db.series(IND, "NL", "2023Q1", values)
    a = row(assess(db.con, as_of="2023Q4"))
    assert a["status"] == "no_target"
    assert a["trend_class"] == trend_class


def test_no_target_with_fewer_than_four_points_has_no_trend_class(db):
    db.indicator(IND, target_type="none")
    db.series(IND, "NL", "2023Q1", [1.0, 2.0, 3.0])
    a = row(assess(db.con, as_of="2023Q4"))
    assert a["status"] == "no_target" and pd.isna(a["trend_class"])


def test_reach_indicator_without_any_target_row_is_insufficient_data(db):
    db.indicator(IND)
    db.series(IND, "NL", "2023Q1", [1.0, 2.0, 3.0, 4.0])
    a = row(assess(db.con, as_of="2023Q4"))
    assert a["status"] == "insufficient_data"
    assert a["baseline_period"] == "2023Q1" and a["baseline_value"] == 1.0
    assert a["target_period"] == "2029Q4" and pd.isna(a["target_value"])


@pytest.mark.parametrize(
    ("frequency", "latest", "as_of", "stale"),
    [
        ("quarterly", "2024Q4", "2025Q2", False),  # two quarters back: within 1 + 1
        ("quarterly", "2024Q3", "2025Q2", True),
        ("annual", "2023Q4", "2025Q1", False),  # five quarters back: within 4 + 1
        ("annual", "2023Q4", "2025Q2", True),
        ("biennial", "2023Q4", "2026Q1", False),
        ("biennial", "2023Q4", "2026Q2", True),
    ],
)
def test_stale_when_nothing_arrived_within_the_interval_plus_a_quarter(
    db, frequency, latest, as_of, stale
):
    db.indicator(IND, frequency=frequency)
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", latest, [50.0])
    assert row(assess(db.con, as_of=as_of))["stale"] == stale


def test_break_after_the_baseline_flags_the_series_and_one_at_the_baseline_does_not(db):
    db.indicator(IND)
    db.indicator("IND-9002")
    for indicator_id, broken in ((IND, "2023Q3"), ("IND-9002", "2023Q1")):
        db.target(indicator_id, "NL", target_value=70.0)
        db.series(indicator_id, "NL", "2023Q1", [50.0, 51.0, 52.0], flags={broken: "break"})
    frame = assess(db.con, as_of="2023Q3")
    assert row(frame)["series_break"]
    assert not row(frame, indicator_id="IND-9002")["series_break"]


def test_latest_value_marked_estimated_is_provisional(db):
    db.indicator(IND)
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2023Q1", [50.0, 51.0], flags={"2023Q2": "estimated"})
    frame = assess(db.con, as_of="2023Q2")
    assert row(frame)["provisional"] and row(frame)["latest_flag"] == "estimated"
    assert not row(assess(db.con, as_of="2023Q1"))["provisional"]


def test_as_of_quarter_before_any_data_is_insufficient_data_and_stale(db):
    case_a(db)
    a = row(assess(db.con, as_of="2022Q4"))
    assert a["status"] == "insufficient_data"
    assert pd.isna(a["latest_period"]) and pd.isna(a["latest_value"])
    assert a["stale"] and a["n_observations"] == 0


def test_vintage_before_a_revision_gives_the_old_value_and_status(db):
    db.indicator(IND)
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2023Q1", [50.0, 52.0, 54.0, 56.0, 60.0])  # R = 2.25: on track
    revised_at = datetime(2026, 3, 1)
    db.observe([(IND, "NL", "2024Q1", 49.0, "none", revised_at)])
    before = row(assess(db.con, as_of="2024Q1", vintage=datetime(2026, 2, 1)))
    after = row(assess(db.con, as_of="2024Q1", vintage=revised_at))
    assert (before["latest_value"], before["status"]) == (60.0, "on_track")
    assert (after["latest_value"], after["status"]) == (49.0, "deterioration")
    assert row(assess(db.con, as_of="2024Q1"))["latest_value"] == 49.0


def test_vintage_before_anything_was_recorded_sees_no_data(db):
    case_a(db)
    a = row(assess(db.con, as_of="2025Q2", vintage=datetime(2020, 1, 1)))
    assert a["status"] == "insufficient_data" and pd.isna(a["latest_value"])


def test_baseline_comes_from_the_first_observation_later_in_the_baseline_year(db):
    db.indicator(IND, frequency="annual")
    db.target(IND, "NL", baseline_period="2023Q1", target_value=60.0)
    db.series(IND, "NL", "2023Q4", [22.0, 24.0], step=4)
    a = row(assess(db.con, as_of="2024Q4"))
    assert (a["baseline_period"], a["baseline_value"]) == ("2023Q4", 22.0)
    assert a["time_share"] == round_half_away(4 / 24, DERIVED_DECIMALS)


def test_baseline_is_not_taken_from_a_later_year(db):
    db.indicator(IND)
    db.target(IND, "NL", baseline_period="2023Q1", target_value=60.0)
    db.series(IND, "NL", "2024Q1", [22.0, 24.0])
    a = row(assess(db.con, as_of="2024Q2"))
    assert pd.isna(a["baseline_value"]) and a["status"] == "insufficient_data"


def test_stated_baseline_value_wins_over_the_observation(db):
    db.indicator(IND)
    db.target(IND, "NL", baseline_value=40.0, target_value=60.0)
    db.series(IND, "NL", "2023Q1", [50.0, None, None, None, 50.0])
    a = row(assess(db.con, as_of="2024Q1"))
    assert a["baseline_value"] == 40.0
    assert a["progress_share"] == pytest.approx(0.5)


def test_series_without_own_target_inherits_the_kingdom_periods_and_value_not_its_baseline(db):
    db.indicator(IND, scope=("AW", "CW"))
    db.target(IND, "KINGDOM", baseline_period="2023Q2", baseline_value=1.0, target_value=90.0)
    db.target(IND, "CW", baseline_period="2023Q1", baseline_value=None, target_value=70.0)
    db.series(IND, "AW", "2023Q1", [10.0, 20.0, 30.0])
    db.series(IND, "CW", "2023Q1", [10.0, 20.0, 30.0])
    frame = assess(db.con, as_of="2023Q3")
    aw, cw = row(frame, "AW"), row(frame, "CW")
    assert (aw["baseline_period"], aw["baseline_value"], aw["target_value"]) == (
        "2023Q2",
        20.0,
        90.0,
    )
    assert (cw["baseline_period"], cw["baseline_value"], cw["target_value"]) == (
        "2023Q1",
        10.0,
        70.0,
    )


# --- derived Kingdom parts -----------------------------------------------------------------


def test_part_and_kingdom_are_derived_by_summing_entities_in_every_complete_period(db):
    db.indicator(IND, aggregation="sum", scope=("NL", "AW", "CW", "SX"))
    for part_id, base in (("NL", 100.0), ("AW", 1.0), ("CW", 2.0), ("SX", 3.0)):
        db.series(IND, part_id, "2023Q1", [base, base + 1])
    values = series_values(db.con, as_of="2023Q2", indicator_id=IND)
    assert tuple(values.columns) == SERIES_VALUE_COLUMNS
    derived = values[values["is_derived"]].set_index(["part_id", "period"])["value"]
    assert derived.to_dict() == {
        ("KINGDOM", "2023Q1"): 106.0,
        ("KINGDOM", "2023Q2"): 110.0,
        ("EUR_NL", "2023Q1"): 100.0,
        ("EUR_NL", "2023Q2"): 101.0,
        ("CAR_C", "2023Q1"): 6.0,
        ("CAR_C", "2023Q2"): 9.0,
    }
    frame = assess(db.con, as_of="2023Q2", indicator_id=IND)
    assert set(frame.loc[frame["is_derived"], "part_id"]) == {"KINGDOM", "EUR_NL", "CAR_C"}
    assert row(frame, "CAR_C")["latest_value"] == 9.0


def test_part_with_one_entity_missing_in_a_period_has_no_value_for_that_period(db):
    db.indicator(IND, aggregation="sum", scope=("AW", "CW", "SX"))
    db.series(IND, "AW", "2023Q1", [1.0, 1.0, 1.0])
    db.series(IND, "CW", "2023Q1", [2.0, 2.0, 2.0])
    db.series(IND, "SX", "2023Q1", [3.0, None, None])  # Sint Maarten has not reported since Q1
    values = series_values(db.con, as_of="2023Q3", indicator_id=IND)
    car_c = values[values["part_id"] == "CAR_C"]
    assert car_c["period"].tolist() == ["2023Q1"]
    a = row(assess(db.con, as_of="2023Q3"), "CAR_C")
    assert (a["latest_period"], a["latest_value"]) == ("2023Q1", 6.0)


def test_population_weighted_mean_weighs_entities_by_population(db):
    db.indicator(IND, aggregation="population_weighted_mean", scope=("BQ-BO", "BQ-SE", "BQ-SA"))
    db.series(IND, "BQ-BO", "2023Q1", [10.0])
    db.series(IND, "BQ-SE", "2023Q1", [20.0])
    db.series(IND, "BQ-SA", "2023Q1", [40.0])
    expected = (24000 * 10.0 + 3300 * 20.0 + 2000 * 40.0) / (24000 + 3300 + 2000)
    frame = assess(db.con, as_of="2023Q1")
    assert row(frame, "CAR_NL")["latest_value"] == pytest.approx(expected, rel=1e-12)
    assert row(frame, "KINGDOM")["latest_value"] == pytest.approx(expected, rel=1e-12)


def test_derived_value_carries_break_before_provisional_before_estimated(db):
    db.indicator(IND, aggregation="sum", scope=("AW", "CW", "SX"))
    db.series(IND, "AW", "2023Q1", [1.0, 1.0], flags={"2023Q1": "estimated", "2023Q2": "break"})
    db.series(IND, "CW", "2023Q1", [1.0, 1.0], flags={"2023Q1": "provisional"})
    db.series(IND, "SX", "2023Q1", [1.0, 1.0], flags={"2023Q2": "provisional"})
    values = series_values(db.con, as_of="2023Q2", indicator_id=IND)
    flags = values[values["part_id"] == "CAR_C"].set_index("period")["flag"].to_dict()
    assert flags == {"2023Q1": "provisional", "2023Q2": "break"}


def test_indicator_without_aggregation_has_no_derived_series(db):
    db.indicator(IND, aggregation="none", scope=("AW", "CW"))
    db.series(IND, "AW", "2023Q1", [1.0])
    db.series(IND, "CW", "2023Q1", [1.0])
    frame = assess(db.con, as_of="2023Q1")
    assert set(frame.loc[frame["indicator_id"] == IND, "part_id"]) == {"AW", "CW"}


def test_part_reported_directly_keeps_its_own_series_instead_of_a_derived_one(db):
    db.indicator(IND, aggregation="sum", scope=("KINGDOM", "AW", "CW"))
    db.series(IND, "KINGDOM", "2023Q1", [500.0])
    db.series(IND, "AW", "2023Q1", [1.0])
    db.series(IND, "CW", "2023Q1", [2.0])
    frame = assess(db.con, as_of="2023Q1")
    kingdom = row(frame, "KINGDOM")
    assert not kingdom["is_derived"] and kingdom["latest_value"] == 500.0
    assert row(frame, "CAR_C")["is_derived"] and row(frame, "CAR_C")["latest_value"] == 3.0


def test_derived_part_uses_its_own_target_row_else_the_kingdom_row(db):
    db.indicator(IND, aggregation="sum", scope=("AW", "CW", "BQ-BO"))
    db.target(IND, "KINGDOM", target_value=100.0)
    db.target(IND, "CAR_C", target_value=30.0)
    for part_id in ("AW", "CW", "BQ-BO"):
        db.series(IND, part_id, "2023Q1", [5.0, 6.0])
    frame = assess(db.con, as_of="2023Q2")
    assert row(frame, "CAR_C")["target_value"] == 30.0
    assert row(frame, "CAR_NL")["target_value"] == 100.0
    assert row(frame, "CAR_NL")["baseline_value"] == 5.0


@pytest.mark.parametrize("vintage", [None, datetime(2026, 2, 1), datetime(2026, 3, 1)])
def test_reported_values_are_the_shared_as_of_vintage_rule(db, vintage):
    # The engine's known values and data.observations.AS_OF_VINTAGE_SQL are both built from
    # data.versions.newest_versions_sql; both must pick the same version of every value.
    db.indicator(IND, scope=("NL", "AW"))
    db.series(IND, "NL", "2023Q1", [1.0, 2.0, 3.0], flags={"2023Q2": "provisional"})
    db.series(IND, "AW", "2023Q1", [4.0, 5.0])
    db.observe(
        [
            (IND, "NL", "2023Q2", 2.5, "none", datetime(2026, 2, 15)),
            (IND, "NL", "2023Q2", 2.7, "estimated", datetime(2026, 2, 20)),
            (IND, "AW", "2023Q3", 6.0, "none", datetime(2026, 2, 25)),
        ]
    )
    shared = observations_at_vintage(db.con, vintage=vintage)
    shared = shared[(shared["indicator_id"] == IND) & (shared["period"] <= "2023Q3")]
    engine = series_values(db.con, as_of="2023Q3", vintage=vintage, indicator_id=IND)
    engine = engine[~engine["is_derived"]]
    key = ["part_id", "period"]
    assert engine[[*key, "value", "flag"]].sort_values(key).to_dict("records") == shared[
        [*key, "value", "flag"]
    ].sort_values(key).to_dict("records")


# --- METHOD.md v2 --------------------------------------------------------------------------


@pytest.mark.parametrize(("latest", "status"), [(55.0, "achieved"), (45.0, "deterioration")])
def test_example_g_a_reach_target_below_an_up_baseline_is_held_as_maintain_min(db, latest, status):
    db.indicator(IND, direction="up")
    db.target(IND, "NL", baseline_period="2023Q1", target_period="2029Q4", target_value=50.0)
    db.series(IND, "NL", "2023Q1", [60.0, 58.0, 57.0, latest])
    a = row(assess(db.con, as_of="2023Q4"))
    assert (a["baseline_value"], a["target_value"]) == (60.0, 50.0)
    assert a["status"] == status
    assert a["target_reversed"]
    assert a["target_type"] == "reach"  # as recorded; the flag says how it was read
    assert pd.isna(a["ratio"]) and pd.isna(a["progress_share"]) and pd.isna(a["expected_value"])


def test_a_reach_target_equal_to_its_stated_baseline_holds_that_level(db):
    db.indicator(IND, direction="down")
    db.target(IND, "NL", baseline_value=10.0, target_value=10.0)
    db.series(IND, "NL", "2023Q1", [10.0, 10.5])
    a = row(assess(db.con, as_of="2023Q2"))
    assert (a["status"], a["target_reversed"]) == ("deterioration", True)


def test_every_flag_is_a_boolean_column_of_the_assessment(db):
    case_a(db)
    frame = assess(db.con, as_of="2025Q2")
    for flag in FLAG_NAMES:
        assert flag in ASSESSMENT_COLUMNS and frame[flag].dtype == bool, flag
    assert not row(frame)["target_reversed"]


def test_case_a_figures_come_rounded_to_six_decimals(db):
    case_a(db)
    a = row(assess(db.con, as_of="2025Q2"))
    assert a["expected_value"] == 18.333333 and a["time_share"] == 0.333333
    assert a["progress_share"] == 0.28 and a["ratio"] == 0.84
    assert a["latest_value"] == 18.6 and a["baseline_value"] == 20.0  # as recorded


def test_an_achieved_series_reports_no_ratio(db):
    db.indicator(IND, direction="down")
    db.target(IND, "NL", target_value=8.0)
    db.series(IND, "NL", "2023Q1", [10.0, None, None, None, 7.0])
    a = row(assess(db.con, as_of="2024Q1"))
    assert a["status"] == "achieved"
    assert pd.isna(a["ratio"]) and pd.isna(a["progress_share"]) and pd.isna(a["expected_value"])
    assert pd.isna(a["method_used"])


def test_a_cagr_target_of_zero_falls_back_to_linear(db):
    db.indicator(IND, direction="down", method="cagr")
    db.target(IND, "NL", target_value=0.0)
    db.series(IND, "NL", "2023Q1", [20.0, None, None, None, 18.0])
    a = row(assess(db.con, as_of="2024Q1"))
    assert a["method_fallback"] and a["method_used"] == "linear"
    assert a["ratio"] == round_half_away((18.0 - 20.0) / (0.0 - 20.0) / (4 / 27), 6)


def test_the_baseline_never_moves_before_its_quarter_within_the_year(db):
    # Baseline 2023Q3: a 2023Q1 value is before it, the 2024 values are another year.
    db.indicator(IND)
    db.target(IND, "NL", baseline_period="2023Q3", target_value=60.0)
    db.series(IND, "NL", "2023Q1", [22.0, None, None, None, 24.0, 25.0])
    a = row(assess(db.con, as_of="2024Q2"))
    assert pd.isna(a["baseline_value"]) and a["baseline_period"] == "2023Q3"
    assert a["status"] == "insufficient_data"


def test_a_stated_baseline_needs_no_observation_in_the_baseline_year(db):
    db.indicator(IND)
    db.target(IND, "NL", baseline_period="2023Q1", baseline_value=20.0, target_value=60.0)
    db.series(IND, "NL", "2024Q1", [30.0])
    a = row(assess(db.con, as_of="2024Q1"))
    assert (a["baseline_period"], a["baseline_value"]) == ("2023Q1", 20.0)
    assert (a["progress_share"], a["ratio"]) == (0.25, 1.6875)  # τ = 4/27
    assert a["status"] == "on_track"


def test_a_target_changed_later_leaves_the_earlier_vintage_as_it_was(db):
    db.indicator(IND)
    db.target(IND, "NL", target_value=70.0)
    db.series(IND, "NL", "2023Q1", [50.0, 52.0, 54.0, 56.0, 58.0])
    changed_at = datetime(2026, 6, 1)
    db.target(IND, "NL", target_value=200.0, recorded_at=changed_at, reason="raised")
    before = row(assess(db.con, as_of="2024Q1", vintage=datetime(2026, 5, 1)))
    after = row(assess(db.con, as_of="2024Q1"))
    assert (before["target_value"], pd.isna(before["target_changed_at"])) == (70.0, True)
    assert after["target_value"] == 200.0
    assert after["target_changed_at"] == pd.Timestamp(changed_at)
    assert (before["status"], after["status"]) == ("on_track", "limited")  # R 2.7, then 0.36
