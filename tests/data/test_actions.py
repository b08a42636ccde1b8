"""data.actions.action_states on a hand-made database (tests/data/action_case.py): every action's
carried status, staleness, previous status and owed flag as of a quarter and a vintage, and the
roll-up of those states against a case computed by hand (METHOD.md v2 item 3)."""

from __future__ import annotations

from datetime import timedelta

import duckdb
import pytest

from data.actions import ACTION_STATE_COLUMNS, action_states
from data.sql import frame, transaction
from metrics.actions import ACTION_DISTRIBUTION_STATUSES, action_rollup
from metrics.periods import shift_period
from tests.data.action_case import (
    ACTION_LINE,
    CASE_QUARTER,
    CORRECTED_AT,
    EXPECTED_CHANGES,
    EXPECTED_ROLLUPS,
    EXPECTED_STATES,
    RECORDED_AT,
    write_action_case,
)

OWED_SQL = "SELECT priority_id, part_id FROM priority_reporters"


@pytest.fixture
def case_con(structure_con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    with transaction(structure_con) as cur:
        write_action_case(cur)
    return structure_con


def _line(states):
    return states.loc[states["action_line_id"] == ACTION_LINE]


def test_each_action_of_the_line_has_its_carried_status_staleness_and_previous_status(case_con):
    states = _line(action_states(case_con, quarter=CASE_QUARTER))
    assert list(states.columns) == list(ACTION_STATE_COLUMNS)
    shown = {
        (row["priority_id"], row["part_id"]): (
            row["status"],
            row["reported_period"],
            row["stale"],
            row["previous_status"],
            row["owed"],
        )
        for row in states.to_dict("records")
    }
    expected = {
        key: (
            status,
            None if offset is None else shift_period(CASE_QUARTER, offset),
            stale,
            previous,
            owed,
        )
        for key, (status, offset, stale, previous, owed) in EXPECTED_STATES.items()
    }
    assert shown == expected


def test_the_roll_up_of_the_line_matches_the_hand_computed_case(case_con):
    states = _line(action_states(case_con, quarter=CASE_QUARTER))
    row = action_rollup(states).iloc[0]
    counts, n_actions, n_stale, share = EXPECTED_ROLLUPS["KINGDOM"]
    assert {status: int(row[status]) for status in ACTION_DISTRIBUTION_STATUSES} == counts
    assert (int(row["n_actions"]), int(row["n_stale"])) == (n_actions, n_stale)
    # Two of four: the three discontinued ones are out of the denominator, the never reported
    # owed one is in it.
    assert row["share_on_schedule"] == share == 0.5


def test_a_correction_counts_from_its_vintage_and_an_older_vintage_keeps_the_first_version(
    case_con,
):
    between = RECORDED_AT + (CORRECTED_AT - RECORDED_AT) / 2
    before = RECORDED_AT - timedelta(days=1)

    def car_nl(vintage):
        states = _line(action_states(case_con, quarter=CASE_QUARTER, vintage=vintage))
        row = states.loc[(states["priority_id"] == "AL05-C") & (states["part_id"] == "CAR_NL")]
        return row.iloc[0]

    assert car_nl(None)["status"] == car_nl(CORRECTED_AT)["status"] == "discontinued"
    assert (car_nl(between)["status"], car_nl(between)["stale"]) == ("at_risk", False)
    # Before anything was recorded the action is owed and not reported.
    assert (car_nl(before)["status"], car_nl(before)["reported_period"]) == ("not_reported", None)
    # At the first version the correction's discontinued action is at risk, in the denominator.
    states = _line(action_states(case_con, quarter=CASE_QUARTER, vintage=between))
    assert action_rollup(states).iloc[0]["share_on_schedule"] == 2 / 5


def test_a_report_for_a_later_quarter_makes_no_action_yet_and_counts_from_its_quarter(case_con):
    bonaire = ("AL05-C", "BQ-BO")

    def keys(quarter):
        rows = _line(action_states(case_con, quarter=quarter)).to_dict("records")
        return {(row["priority_id"], row["part_id"]): row for row in rows}

    assert bonaire not in keys(CASE_QUARTER)
    later = keys(shift_period(CASE_QUARTER, 1))
    assert later[bonaire]["status"] == "at_risk"
    assert not later[bonaire]["owed"]  # an island may report; the Caribbean part owes it
    # One quarter on, the on-schedule report of q-1 has gone two quarters without a successor:
    # stale; the completed one never is.
    assert later[("AL05-B", "KINGDOM")]["stale"]
    assert not later[("AL05-A", "EUR_NL")]["stale"]
    assert later[("AL05-A", "EUR_NL")]["status_since"] == CASE_QUARTER


def test_status_changes_compare_with_the_quarter_before_at_the_same_vintage(case_con):
    states = _line(action_states(case_con, quarter=CASE_QUARTER))
    changed = states.loc[states["status"] != states["previous_status"]]
    shown = {
        (row["priority_id"], row["part_id"]): (row["previous_status"], row["status"])
        for row in changed.to_dict("records")
    }
    assert shown == EXPECTED_CHANGES


def test_without_reports_every_owed_action_is_there_not_reported_and_stale(structure_con):
    states = action_states(structure_con, quarter=CASE_QUARTER)
    owed = frame(structure_con, OWED_SQL)
    assert sorted(zip(states["priority_id"], states["part_id"], strict=True)) == sorted(
        zip(owed["priority_id"], owed["part_id"], strict=True)
    )
    assert set(states["status"]) == {"not_reported"}
    assert states["stale"].all() and states["owed"].all()
    assert states["reported_period"].isna().all()
    assert action_rollup(states).iloc[0]["share_on_schedule"] == 0.0
