"""The import log says what happened: no row accepted with nothing counted as new, changed or
unchanged, no rejection without its reason; an access refusal names the part refused."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from data.access_rules import Actor
from data.import_log import import_log, record_rejection
from data.intake_access import NOT_YOUR_PART
from data.intake_read import Problem
from data.intake_result import ImportResult
from data.queries import reference_data
from data.store import open_reader, writer
from ui.i18n import t
from ui.intake import import_log_table

CLOCK = datetime(2026, 11, 28, 10, 0, 0)
SHA = "cd" * 32


@pytest.fixture(scope="module")
def demo_log(demo_db: Path) -> pd.DataFrame:
    with open_reader(demo_db) as con:
        return import_log(con, limit=10_000)


@pytest.fixture(scope="module")
def demo_parts(demo_db: Path) -> pd.DataFrame:
    with open_reader(demo_db) as con:
        return reference_data(con).kingdom_parts


def test_no_import_of_the_demo_is_accepted_with_nothing_counted(demo_log):
    accepted = demo_log.loc[demo_log["outcome"] != "rejected"]
    counted = accepted["new"] + accepted["changed"] + accepted["unchanged"]
    silent = accepted.loc[(accepted["rows_accepted"] > 0) & (counted == 0), "file_name"]
    assert silent.tolist() == []
    # Every row accepted is counted once as new, changed or unchanged.
    assert (accepted["rows_accepted"] == counted).all()


def test_no_rejection_of_the_demo_is_logged_without_its_problems(demo_log):
    rejected = demo_log.loc[demo_log["outcome"] == "rejected"]
    assert len(rejected) >= 1
    assert (rejected["problems"] == rejected["rows_rejected"]).all()
    assert (rejected["problems"] > 0).all()


def test_the_demo_correction_is_logged_as_a_changed_value(demo_log):
    figures = demo_log.loc[demo_log["kind"] == "observations"]
    assert figures["observations_changed"].sum() >= 1
    assert figures["observations_new"].sum() > figures["observations_changed"].sum()


def test_the_log_says_in_words_what_each_demo_import_did(demo_log, demo_parts):
    table = import_log_table(demo_log, "nl", demo_parts)
    files = demo_log["file_name"].tolist()
    summary = table[t("intake.log.summary", "nl")].tolist()
    said = dict(zip(files, summary, strict=True))
    actions = next(name for name in files if name.startswith("demo_acties_"))
    row = demo_log.loc[demo_log["file_name"] == actions].iloc[0]
    reports = int(row["actions_new"])
    assert said[actions].startswith(f"acties: {reports} ({reports} nieuw)")
    figures = next(name for name in files if name.startswith("demo_20"))
    assert said[figures].startswith("cijfers: ")
    targets = int(demo_log.loc[demo_log["file_name"] == "demo_doelen", "rows_accepted"].iloc[0])
    assert said["demo_doelen"] == t(
        "intake.log.summary_accepted", "nl", new=targets, changed=0, unchanged=0
    )
    assert all(text for text in summary), "an attempt the log says nothing about"


def _refused(parts: tuple[str, ...]) -> ImportResult:
    problems = tuple(
        Problem(
            NOT_YOUR_PART,
            row=row,
            column="part_id",
            params=(("part", part), ("yours", "NL")),
        )
        for row, part in enumerate(parts, start=2)
    )
    return ImportResult(
        outcome="rejected",
        dry_run=True,
        file_name="aruba.csv",
        sha256=SHA,
        size_bytes=10,
        rows_read=len(parts),
        rows_skipped=0,
        problems=problems,
        changes=(),
    )


@pytest.fixture
def db(structure_db: Path) -> Path:
    return structure_db


def test_an_access_refusal_is_logged_with_the_part_refused(db):
    record_rejection(db, _refused(("AW", "AW", "CW")), actor=Actor.local("nl"), clock=CLOCK)
    with writer(db):
        pass  # folds the journal into the log
    with open_reader(db) as con:
        log = import_log(con, journal_of=db)
        parts = reference_data(con).kingdom_parts
    log = log.loc[log["file_name"] == "aruba.csv"]
    (said,) = import_log_table(log, "nl", parts)[t("intake.log.summary", "nl")]
    assert said == "geen toegang voor Aruba, Curaçao · gevonden problemen: 3"
    (english,) = import_log_table(log, "en", parts)[t("intake.log.summary", "en")]
    assert english.startswith("no access for Aruba, Curaçao")


@pytest.mark.parametrize(
    ("outcome", "rows", "key"),
    [("rejected", 0, "tables.log.reason_unknown"), ("accepted", 7, "tables.log.counts_unknown")],
)
def test_a_row_written_before_its_counts_were_recorded_says_so(con, outcome, rows, key):
    con.execute(
        "INSERT INTO imports BY NAME SELECT 1 AS import_id, $at AS started_at,"
        " $at AS finished_at, 'u' AS user_name, 'f.csv' AS file_name, $sha AS sha256,"
        " $rows AS rows_accepted, 0 AS rows_rejected, $outcome AS outcome, NULL AS message,"
        " 'observations' AS kind",
        {"at": CLOCK, "sha": SHA, "rows": rows, "outcome": outcome},
    )
    (said,) = import_log_table(import_log(con), "nl")[t("intake.log.summary", "nl")]
    assert said == t(key, "nl")
