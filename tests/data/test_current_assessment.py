"""The stored current assessment: every writer keeps it equal to what ``assess`` computes."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.access_rules import Actor
from data.assessment import assess
from data.current_assessment import current_assessment, refresh_current_assessment
from data.intake import import_file
from data.store import open_reader, writer
from tests.intake_files import CLOCK, GOOD_ROWS, csv_bytes


def _stored_quarters(db: Path) -> list[str]:
    con = open_reader(db)
    try:
        rows = con.execute("SELECT DISTINCT as_of FROM current_assessment ORDER BY 1").fetchall()
    finally:
        con.close()
    return [row[0] for row in rows]


def _assert_stored_equals_computed(db: Path) -> None:
    """The table holds the latest quarter and the one before, each exactly as ``assess`` says."""
    con = open_reader(db)
    try:
        latest = con.execute("SELECT max(period) FROM observations").fetchall()[0][0]
        stored = con.execute(
            "SELECT as_of, count(*) FROM current_assessment GROUP BY as_of ORDER BY as_of"
        ).fetchall()
        for as_of, count in stored:
            computed = assess(con, as_of=as_of)
            assert count == len(computed)
            pd.testing.assert_frame_equal(
                current_assessment(con, as_of=as_of), computed, check_exact=True
            )
        assert latest in {as_of for as_of, _ in stored}
    finally:
        con.close()


def test_demo_load_stores_the_latest_two_quarters_as_assessed(demo_db):
    assert len(_stored_quarters(demo_db)) == 2
    _assert_stored_equals_computed(demo_db)


def test_an_import_and_a_revision_keep_the_stored_assessment_current(demo_db, tmp_path):
    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, db)
    first = import_file(
        csv_bytes(GOOD_ROWS), file_name="q.csv", db_path=db, actor=Actor.local("t"), clock=CLOCK
    )
    assert first.accepted
    _assert_stored_equals_computed(db)
    # A correction of a value already imported: a new version, and a new stored assessment.
    revised = [
        (ind, part, period, "7", flag, note) for ind, part, period, _, flag, note in GOOD_ROWS
    ]
    later = CLOCK + timedelta(days=1)
    second = import_file(
        csv_bytes(revised), file_name="fix.csv", db_path=db, actor=Actor.local("t"), clock=later
    )
    assert second.accepted
    _assert_stored_equals_computed(db)


def test_a_structure_only_database_stores_nothing_and_assesses_no_quarter(structure_db):
    assert _stored_quarters(structure_db) == []


def test_a_rejected_import_leaves_a_consistent_table(demo_db, tmp_path):
    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, db)
    unknown_indicator = csv_bytes([("IND-9999", "NL", "2025Q3", "1", "", "")])
    rejected = import_file(
        unknown_indicator, file_name="bad.csv", db_path=db, actor=Actor.local("t"), clock=CLOCK
    )
    assert not rejected.accepted
    _assert_stored_equals_computed(db)


def test_a_change_made_outside_the_writer_is_never_served_stale(demo_db, tmp_path):
    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, db)
    con = duckdb.connect(str(db))
    try:
        latest = con.execute("SELECT max(period) FROM observations").fetchall()[0][0]
        before = current_assessment(con, as_of=latest)
        con.execute(
            """
            INSERT INTO observations
            SELECT max(observation_id) + 1, 'IND-0301', 'NL', $latest, 99.0, 'none', NULL,
                max(recorded_at) + INTERVAL 1 DAY, min(import_id)
            FROM observations
            """,
            {"latest": latest},
        )
        after = current_assessment(con, as_of=latest)
        pd.testing.assert_frame_equal(after, assess(con, as_of=latest), check_exact=True)
        changed = after.loc[(after["indicator_id"] == "IND-0301") & (after["part_id"] == "NL")]
        assert changed["latest_value"].tolist() == [99.0]
        assert not before.equals(after)
    finally:
        con.close()


def test_a_quarter_not_stored_is_computed(demo_con):
    earliest = demo_con.execute("SELECT min(period) FROM observations").fetchall()[0][0]
    pd.testing.assert_frame_equal(
        current_assessment(demo_con, as_of=earliest),
        assess(demo_con, as_of=earliest),
        check_exact=True,
    )


def test_one_part_is_the_full_assessment_filtered(demo_con):
    latest = demo_con.execute("SELECT max(period) FROM observations").fetchall()[0][0]
    full = assess(demo_con, as_of=latest)
    for part_id in ("CW", "NL", "KINGDOM"):
        expected = full.loc[full["part_id"] == part_id].reset_index(drop=True)
        pd.testing.assert_frame_equal(
            current_assessment(demo_con, as_of=latest, part_id=part_id),
            expected,
            check_exact=True,
        )


def test_refresh_is_a_no_op_when_nothing_changed(demo_db, tmp_path):
    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, db)
    with writer(db) as con:
        assert refresh_current_assessment(con) is False
    _assert_stored_equals_computed(db)


@pytest.mark.parametrize("quarter", ["2025Q3", "2025-Q3"])
def test_the_quarter_is_parsed_like_assess_parses_it(demo_con, quarter):
    pd.testing.assert_frame_equal(
        current_assessment(demo_con, as_of=quarter),
        assess(demo_con, as_of="2025Q3"),
        check_exact=True,
    )


def test_a_vintage_at_the_last_change_is_the_current_one_and_an_earlier_one_is_computed(
    demo_con,
):
    newest = demo_con.execute("SELECT max(recorded_at) FROM observations").fetchall()[0][0]
    pd.testing.assert_frame_equal(
        current_assessment(demo_con, as_of="2025Q3", vintage=newest),
        assess(demo_con, as_of="2025Q3", vintage=newest),
        check_exact=True,
    )
    earlier = newest - timedelta(days=400)
    pd.testing.assert_frame_equal(
        current_assessment(demo_con, as_of="2025Q3", vintage=earlier),
        assess(demo_con, as_of="2025Q3", vintage=earlier),
        check_exact=True,
    )


def test_a_read_only_reader_checks_the_stored_basis_once_a_writable_connection_every_time(
    demo_db, tmp_path
):
    from data import current_assessment as stored

    reader = open_reader(demo_db)
    try:
        latest = reader.execute("SELECT max(period) FROM observations").fetchall()[0][0]
        first = current_assessment(reader, as_of=latest)
        assert latest in stored._READ_ONLY_STORED[reader]
        pd.testing.assert_frame_equal(current_assessment(reader, as_of=latest), first)
    finally:
        reader.close()

    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, db)
    con = duckdb.connect(str(db))
    try:
        current_assessment(con, as_of=latest)
        assert con not in stored._READ_ONLY_STORED
        # A correction written outside the writer (a new version, observations being
        # append-only) leaves the stored table stale; a writable connection notices every time.
        con.execute(
            """
            INSERT INTO observations
            SELECT
                (SELECT max(observation_id) FROM observations) + row_number() OVER (),
                indicator_id, part_id, period, value + 1000, flag, note,
                recorded_at + INTERVAL 1 DAY, import_id
            FROM observations
            WHERE period = ? AND part_id = 'NL'
            """,
            [latest],
        )
        pd.testing.assert_frame_equal(
            current_assessment(con, as_of=latest), assess(con, as_of=latest)
        )
    finally:
        con.close()


def test_a_table_stored_under_another_method_version_is_not_read(demo_db, tmp_path, monkeypatch):
    import data.current_assessment as stored

    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, db)
    con = duckdb.connect(str(db))
    try:
        latest = con.execute("SELECT max(period) FROM observations").fetchall()[0][0]
        assert stored.is_stored(con, as_of=latest)
        monkeypatch.setattr(stored, "METHOD_VERSION", "3")
        assert not stored.is_stored(con, as_of=latest)
        pd.testing.assert_frame_equal(
            current_assessment(con, as_of=latest), assess(con, as_of=latest), check_exact=True
        )
    finally:
        con.close()


def test_a_writer_rebuilds_a_table_made_before_a_column_was_reported(demo_db, tmp_path):
    # A table without target_reversed (as made before METHOD.md v2) and a basis of v1.
    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, db)
    con = duckdb.connect(str(db))
    try:
        con.execute("ALTER TABLE current_assessment DROP COLUMN target_reversed")
        con.execute(
            "UPDATE meta SET value = '1' || substr(value, 2) WHERE key = 'current_assessment_basis'"
        )
    finally:
        con.close()
    with writer(db) as con:
        pass  # every writer refreshes the stored assessment before publishing
    _assert_stored_equals_computed(db)
    reader = open_reader(db)
    try:
        stored = reader.execute("SELECT count(target_reversed) FROM current_assessment")
        assert stored.fetchall()[0][0] > 0
    finally:
        reader.close()
