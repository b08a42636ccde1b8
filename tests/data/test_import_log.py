"""The import log: one row per attempt, written inside the caller's transaction (a rejection
through the attempt journal), read back with its counts unpacked whatever the message holds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from data import sql
from data.access_rules import Actor
from data.attempt_journal import read_attempts
from data.import_log import import_log, insert_entry, record_rejection
from data.intake_read import Problem
from data.intake_result import (
    ActionChange,
    ActionReport,
    Change,
    ImportResult,
    NarrativeChange,
    NarrativeText,
    Version,
)
from data.store import open_reader, writer

CLOCK = datetime(2026, 11, 28, 10, 0, 0)
SHA = "ab" * 32


def _result(outcome: str, **fields) -> ImportResult:
    return ImportResult(
        outcome=outcome,
        dry_run=True,
        file_name="q.csv",
        sha256=SHA,
        size_bytes=10,
        rows_read=2,
        rows_skipped=0,
        problems=fields.pop("problems", ()),
        changes=fields.pop("changes", ()),
    )


REJECTED = _result(
    "rejected",
    problems=(
        Problem("unknown_part", row=2, column="part_id"),
        Problem("value_not_a_number", row=2, column="value"),
        Problem("unknown_part", row=3, column="part_id"),
    ),
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """An empty published database file (the schema only)."""
    path = tmp_path / "monitor.duckdb"
    with writer(path):
        pass
    return path


def test_a_rejection_is_logged_with_its_problem_rows_and_counts(db):
    first = record_rejection(db, REJECTED, actor=Actor.local("  "), clock=CLOCK)
    second = record_rejection(db, REJECTED, actor=Actor.local("web"), clock=CLOCK)
    assert (first.import_id, second.import_id) == (None, None)  # not folded yet
    assert not first.dry_run
    with open_reader(db) as con:
        log = import_log(con, journal_of=db)
    assert log["user_name"].tolist() == ["web", "unknown"]
    assert log["import_id"].isna().all()
    assert log.loc[0, ["new", "changed", "unchanged", "problems"]].tolist() == [0, 0, 0, 3]
    with writer(db):
        pass  # any writer folds the journal into the table
    with open_reader(db) as con:
        assert sql.rows(
            con, "SELECT user_name, rows_accepted, rows_rejected, outcome FROM imports ORDER BY 1"
        ) == [("unknown", 0, 2, "rejected"), ("web", 0, 2, "rejected")]
        log = import_log(con, journal_of=db)
    assert log["import_id"].tolist() == [2, 1]
    assert log.loc[0, ["new", "changed", "unchanged", "problems"]].tolist() == [0, 0, 0, 3]


def test_an_accepted_result_is_not_recorded_as_a_rejection(db):
    change = Change(1, "IND-0301", "NL", "2025Q3", "new", 1.0, "none", None)
    with pytest.raises(ValueError, match="rejected attempts only"):
        record_rejection(
            db, _result("accepted", changes=(change,)), actor=Actor.local("t"), clock=CLOCK
        )
    assert read_attempts(db) == ()


@pytest.mark.parametrize("message", [None, "not json", "[1, 2]", '{"problems": 3}'])
def test_a_log_message_that_cannot_be_read_counts_as_zeros(con, message):
    con.execute(
        "INSERT INTO imports BY NAME SELECT 1 AS import_id, $at AS started_at,"
        " $at AS finished_at, 'u' AS user_name, 'f.csv' AS file_name, $sha AS sha256,"
        " 0 AS rows_accepted, 0 AS rows_rejected, 'rejected' AS outcome, $message AS message",
        {"at": CLOCK, "sha": SHA, "message": message},
    )
    log = import_log(con)
    assert log.loc[0, ["new", "changed", "unchanged", "problems"]].tolist() == [0, 0, 0, 0]


def test_an_empty_log_has_the_count_columns(con):
    log = import_log(con)
    assert log.empty
    assert {"new", "changed", "unchanged", "problems"} <= set(log.columns)


def test_a_version_is_the_same_only_when_value_flag_and_note_all_are():
    stored = Version(12.5, "provisional", None)
    assert stored.same_as(Version(12.5 + 1e-15, "provisional", None))
    assert Version(12.5, "provisional", "").same_as(Version(12.5, "provisional", None))
    assert not stored.same_as(Version(12.6, "provisional", None))
    assert not stored.same_as(Version(12.5, "none", None))
    assert not stored.same_as(Version(12.5, "provisional", "later"))


def test_an_accepted_quarter_file_is_logged_with_its_counts_per_kind_of_row(con):
    figure = Change(2, "IND-0301", "NL", "2025Q3", "unchanged", 1.0, "none", None)
    report = ActionReport("delayed", None, None, "Later.", None)
    action = ActionChange(2, "AL01-A", "KINGDOM", "2025Q3", "new", report)
    text = NarrativeText("Tekst.", None)
    duiding = NarrativeChange(
        2, "AL01", "NL", "2025Q3", "changed", text, NarrativeText("Oud.", None)
    )
    result = ImportResult(
        outcome="accepted",
        dry_run=False,
        file_name="q.xlsx",
        sha256=SHA,
        size_bytes=10,
        rows_read=4,
        rows_skipped=1,
        problems=(),
        changes=(figure,),
        action_changes=(action,),
        narrative_changes=(duiding,),
    )
    insert_entry(con, result, actor=Actor.local("u"), clock=CLOCK, finished_at=CLOCK)
    row = import_log(con).iloc[0]
    assert row[["rows_accepted", "new", "changed", "unchanged"]].tolist() == [3, 1, 1, 1]
    assert row[["observations_unchanged", "actions_new", "narratives_changed"]].tolist() == [
        1,
        1,
        1,
    ]
    assert row[["observations_new", "actions_changed", "narratives_new"]].tolist() == [0, 0, 0]


def test_a_quarter_file_logged_before_actions_counts_as_figures(con):
    con.execute(
        "INSERT INTO imports BY NAME SELECT 1 AS import_id, $at AS started_at,"
        " $at AS finished_at, 'u' AS user_name, 'f.csv' AS file_name, $sha AS sha256,"
        " 7 AS rows_accepted, 0 AS rows_rejected, 'accepted' AS outcome, $message AS message",
        {"at": CLOCK, "sha": SHA, "message": '{"new": 5, "changed": 2, "unchanged": 0}'},
    )
    row = import_log(con).iloc[0]
    assert row[["observations_new", "observations_changed", "actions_new"]].tolist() == [5, 2, 0]
