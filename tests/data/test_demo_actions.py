"""The demo's actions and duiding: deterministic, in scope, spread like real reports, on record
like real quarter files, and never from the future."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import pairwise

import duckdb
import pandas as pd
import pytest

from data.actions import action_history, action_states, narratives
from data.demo_actions import (
    DISCONTINUED_ACTIONS,
    NOT_REPORTED_ACTIONS,
    REVISED_ACTION,
    STALE_ACTIONS,
    build_demo_actions,
)
from data.schema import MAX_NARRATIVE_CHARS, MAX_RESPONSIBLE_CHARS
from data.sql import frame
from metrics.actions import action_distribution, share_on_schedule
from metrics.constants import ACTION_FINAL_STATUSES, ACTION_STATUSES
from metrics.periods import last_full_quarter, quarter_end, quarter_index, shift_period
from tests.conftest import DEMO_CLOCK, DEMO_SEED

LATEST = last_full_quarter(DEMO_CLOCK.date())
CARIBBEAN_SCOPES = ("caribbean", "caribbean_countries", "caribbean_nl")


@pytest.fixture(scope="module")
def built():
    return build_demo_actions(seed=DEMO_SEED, clock=DEMO_CLOCK)


def _reports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return frame(con, "SELECT * FROM action_reports")


def _latest_states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return action_states(con, quarter=LATEST)


# --- determinism ---------------------------------------------------------------------------


def test_same_seed_and_clock_give_the_same_frames(built):
    again = build_demo_actions(seed=DEMO_SEED, clock=DEMO_CLOCK)
    for name in ("imports", "reports", "narratives"):
        pd.testing.assert_frame_equal(getattr(built, name), getattr(again, name))
    assert len(built.reports) > 0 and len(built.narratives) > 0


def test_another_seed_gives_other_statuses(built):
    other = build_demo_actions(seed=DEMO_SEED + 1, clock=DEMO_CLOCK)
    assert built.reports["status"].tolist() != other.reports["status"].tolist()


def test_a_negative_seed_is_refused():
    with pytest.raises(ValueError, match="seed"):
        build_demo_actions(seed=-1, clock=DEMO_CLOCK)


# --- scope ----------------------------------------------------------------------------------


def test_every_report_is_in_its_priority_scope_with_a_known_status(demo_con):
    outside = frame(
        demo_con,
        """
        SELECT DISTINCT priority_id, part_id FROM action_reports
        EXCEPT
        SELECT priority_id, part_id FROM priority_parts
        """,
    )
    assert outside.empty, outside.to_string()
    assert set(_reports(demo_con)["status"]) <= set(ACTION_STATUSES)


def test_every_owed_action_but_the_never_reported_one_has_reports(demo_con):
    silent = frame(
        demo_con,
        """
        SELECT priority_id, part_id FROM priority_reporters
        EXCEPT
        SELECT DISTINCT priority_id, part_id FROM action_reports
        """,
    )
    assert set(silent.itertuples(index=False, name=None)) == set(NOT_REPORTED_ACTIONS)


def test_caribbean_priorities_are_reported_by_the_caribbean_parts_only(demo_con):
    reporters = frame(
        demo_con,
        """
        SELECT DISTINCT action_reports.part_id
        FROM action_reports
        INNER JOIN priorities USING (priority_id)
        WHERE priorities.scope IN (?, ?, ?)
        """,
        list(CARIBBEAN_SCOPES),
    )["part_id"]
    assert set(reporters) == {"AW", "CW", "SX", "CAR_NL"}


def test_duiding_comes_from_reporters_of_the_action_line(demo_con):
    outside = frame(
        demo_con,
        """
        SELECT DISTINCT action_line_id, part_id FROM narratives
        EXCEPT
        SELECT DISTINCT priorities.action_line_id, priority_reporters.part_id
        FROM priority_reporters
        INNER JOIN priorities USING (priority_id)
        """,
    )
    assert outside.empty, outside.to_string()
    parts = set(frame(demo_con, "SELECT DISTINCT part_id FROM narratives")["part_id"])
    assert parts == {"KINGDOM", "EUR_NL", "CAR_NL", "AW", "CW", "SX"}


# --- a realistic spread ---------------------------------------------------------------------


def test_the_latest_quarter_spreads_over_every_status_with_a_plausible_share(demo_con):
    states = _latest_states(demo_con)
    counts = action_distribution(states["status"])
    for status in ("completed", "on_schedule", "at_risk", "delayed", "discontinued"):
        assert counts[status] > 0, status
    assert counts["not_reported"] == len(NOT_REPORTED_ACTIONS)
    assert 0.4 <= share_on_schedule(counts) <= 0.85


def test_some_actions_are_stale_because_their_reporter_stopped(demo_con):
    states = _latest_states(demo_con)
    stale = states[states["stale"] & (states["status"] != "not_reported")]
    assert set(zip(stale["priority_id"], stale["part_id"], strict=True)) == set(STALE_ACTIONS)
    for key, quarters_back in STALE_ACTIONS.items():
        row = stale[(stale["priority_id"] == key[0]) & (stale["part_id"] == key[1])]
        assert row["reported_period"].item() == shift_period(LATEST, -quarters_back)


def test_the_discontinued_actions_say_why(demo_con):
    states = _latest_states(demo_con)
    stopped = states[states["status"] == "discontinued"]
    assert set(zip(stopped["priority_id"], stopped["part_id"], strict=True)) == set(
        DISCONTINUED_ACTIONS
    )
    assert stopped["narrative"].str.startswith("Stopgezet:").all()
    assert stopped["narrative_en"].str.startswith("Discontinued:").all()


def test_some_actions_had_not_started_early_on(demo_con):
    first_year = _reports(demo_con).query("period <= '2023Q4'")
    assert (first_year["status"] == "not_started").sum() >= 3
    assert (action_states(demo_con, quarter=LATEST)["status"] != "not_started").all()


def test_statuses_are_sticky_from_quarter_to_quarter(demo_con):
    history = action_history(demo_con)
    changes = steps = 0
    for _key, reports in history.groupby(["priority_id", "part_id"]):
        statuses = reports.sort_values("period")["status"].tolist()
        steps += len(statuses) - 1
        changes += sum(a != b for a, b in pairwise(statuses))
    assert 0.05 < changes / steps < 0.3


def test_final_actions_are_reported_no_more(demo_con):
    history = action_history(demo_con)
    for _key, reports in history.groupby(["priority_id", "part_id"]):
        statuses = reports.sort_values("period")["status"].tolist()
        finals = [i for i, status in enumerate(statuses) if status in ACTION_FINAL_STATUSES]
        assert finals in ([], [len(statuses) - 1])


def test_reports_carry_responsible_expected_completion_and_some_milestones(demo_con):
    reports = _reports(demo_con)
    assert reports["responsible"].str.len().between(1, MAX_RESPONSIBLE_CHARS).all()
    caribbean = reports[reports["part_id"].isin(["AW", "CW", "SX"])]
    assert caribbean["responsible"].str.startswith("Land ").all()
    open_ones = reports[~reports["status"].isin(ACTION_FINAL_STATUSES)]
    assert 0.6 < open_ones["expected_completion"].notna().mean() < 1
    with_milestones = reports[reports["milestones"].notna()]
    assert 0 < len(with_milestones) < len(reports)
    for milestones in with_milestones["milestones"]:
        assert all(m["quarter"] and m["text"] for m in milestones)


# --- texts ----------------------------------------------------------------------------------


def test_narratives_fit_the_limit_and_a_part_is_translated(demo_con):
    reports = _reports(demo_con)
    texts = frame(demo_con, "SELECT * FROM narratives")
    assert reports["narrative"].str.len().between(1, MAX_NARRATIVE_CHARS).all()
    assert texts["text"].str.len().between(1, MAX_NARRATIVE_CHARS).all()
    for english in (reports["narrative_en"], texts["text_en"]):
        assert 0.2 < english.notna().mean() < 0.5
        assert english.dropna().str.len().le(MAX_NARRATIVE_CHARS).all()


def test_narratives_name_the_priority_and_vary(demo_con):
    reports = _reports(demo_con)
    assert reports["narrative"].nunique() > len(reports) / 4
    priorities = frame(demo_con, "SELECT priority_id, summary_nl FROM priorities")
    subjects = dict(zip(priorities["priority_id"], priorities["summary_nl"], strict=True))
    naming = [
        subjects[row.priority_id][:20] in row.narrative for row in reports.itertuples(index=False)
    ]
    assert 0.1 < sum(naming) / len(reports) < 0.9


def test_some_quarters_have_no_new_duiding_and_show_an_earlier_one(demo_con):
    latest = narratives(demo_con, quarter=LATEST)
    assert (latest["period"] < LATEST).any()
    assert (latest["period"] == LATEST).any()


# --- on record ------------------------------------------------------------------------------


def test_each_file_is_an_accepted_import_per_reporter_and_quarter(demo_con):
    imports = frame(
        demo_con,
        """
        SELECT *
        FROM imports
        WHERE file_name LIKE 'demo_acties_%'
        """,
    )
    assert imports["user_name"].eq("demo").all()
    assert imports["outcome"].eq("accepted").all() and imports["kind"].eq("observations").all()
    assert imports["sha256"].is_unique and imports["file_name"].is_unique
    period = imports["file_name"].str.extract(r"_([0-9]{4}Q[1-4])_")[0]
    ends = period.map(lambda p: datetime.combine(quarter_end(p), time(0)))
    delay = imports["finished_at"] - ends
    assert delay.between(timedelta(days=14), timedelta(days=57)).all()
    others = frame(
        demo_con, "SELECT max(import_id) AS m FROM imports WHERE file_name NOT LIKE 'demo_acties_%'"
    )
    assert imports["import_id"].min() > others["m"].item()


def test_reports_and_duiding_are_recorded_when_their_file_arrived(demo_con):
    for table, key in (("action_reports", "priority_id"), ("narratives", "action_line_id")):
        rows = frame(
            demo_con,
            f"""
            SELECT t.{key}, t.part_id, t.period, t.recorded_at, i.finished_at, i.file_name
            FROM {table} AS t
            INNER JOIN imports AS i USING (import_id)
            """,
        )
        assert (rows["recorded_at"] == rows["finished_at"]).all(), table
        own_file = "demo_acties_" + rows["period"] + "_" + rows["part_id"] + ".xlsx"
        # Only the correction comes with a later quarter's file.
        assert (rows["file_name"] != own_file).sum() == (table == "action_reports"), table


def test_one_report_is_corrected_a_quarter_later(demo_con):
    versions = frame(
        demo_con,
        """
        SELECT priority_id, part_id, period, status, narrative, recorded_at
        FROM action_reports
        WHERE (priority_id, part_id, period) IN (
            SELECT (priority_id, part_id, period) FROM action_reports
            GROUP BY ALL HAVING count(*) > 1
        )
        ORDER BY recorded_at
        """,
    )
    assert len(versions) == 2
    first, corrected = versions.itertuples(index=False)
    assert (first.priority_id, first.part_id) == REVISED_ACTION
    assert first.period == shift_period(LATEST, -2)
    assert (first.status, corrected.status) == ("on_schedule", "delayed")
    assert corrected.narrative.startswith("Correctie")
    assert quarter_end(shift_period(first.period, 1)) < corrected.recorded_at.date()

    def status_at(vintage: datetime | None) -> str:
        states = action_states(demo_con, quarter=first.period, vintage=vintage)
        key = (states["priority_id"] == first.priority_id) & (states["part_id"] == first.part_id)
        return states.loc[key, "status"].item()

    assert status_at(first.recorded_at) == "on_schedule"
    assert status_at(None) == "delayed"


def test_nothing_is_recorded_after_the_clock(demo_con):
    latest = frame(
        demo_con,
        """
        SELECT
            (SELECT max(recorded_at) FROM action_reports) AS reports,
            (SELECT max(recorded_at) FROM narratives) AS texts,
            (SELECT max(period) FROM action_reports) AS period
        """,
    ).iloc[0]
    assert latest["reports"] <= DEMO_CLOCK and latest["texts"] <= DEMO_CLOCK
    assert latest["period"] == LATEST


def test_files_not_yet_arrived_at_the_clock_are_missing():
    # Three weeks after a quarter: some of its files are in, the rest has not arrived yet.
    clock = datetime.combine(quarter_end("2025Q2"), time(12)) + timedelta(days=21)
    early = build_demo_actions(seed=DEMO_SEED, clock=clock)
    for rows in (early.imports["finished_at"], early.reports["recorded_at"]):
        assert (rows <= clock).all()
    arrived = early.imports["file_name"].str.contains("2025Q2")
    assert 0 < arrived.sum() < 6
    assert quarter_index(early.reports["period"].max()) == quarter_index("2025Q2")
