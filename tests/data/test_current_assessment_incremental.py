"""The stored assessment refreshed incrementally: after an import only the indicators it touched
are assessed again (every series of them, derived parts too), and the table stays exactly what a
full ``assess`` computes, whatever kind of import or other change came before."""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import data.current_assessment as stored
from data.access_rules import Actor
from data.assessment import assess
from data.attempt_journal import read_attempts
from data.current_assessment import current_assessment, is_stored, refresh_current_assessment
from data.intake import import_file
from data.store import data_version, open_reader, writer
from tests.intake_files import CLOCK, csv_bytes

# IND-0502 is a population-weighted mean over AW, CW, SX, BQ-*, NL; IND-0503 a sum over AW, CW,
# SX, NL; in the demo SX has no 2026Q3 value for either, so CAR_C and KINGDOM have none there.
WEIGHTED, SUMMED = "IND-0502", "IND-0503"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    """Every ``assess`` the refresh makes: (quarter, indicator or None for all)."""
    made: list[tuple[str, str | None]] = []

    def spy(con, *, as_of, vintage=None, indicator_id=None):
        made.append((as_of, indicator_id))
        return assess(con, as_of=as_of, vintage=vintage, indicator_id=indicator_id)

    monkeypatch.setattr(stored, "assess", spy)
    return made


def _import(db: Path, rows, *, days: int = 0):
    result = import_file(
        csv_bytes(rows),
        file_name="q.csv",
        db_path=db,
        actor=Actor.local("t"),
        clock=CLOCK + timedelta(days=days),
    )
    return result


def _assert_equals_full(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The stored table read as ``assess`` computes it from scratch, for both stored quarters;
    those quarters."""
    latest = con.execute("SELECT max(period) FROM observations").fetchall()[0][0]
    quarters = [
        q
        for (q,) in con.execute(
            "SELECT DISTINCT as_of FROM current_assessment ORDER BY 1"
        ).fetchall()
    ]
    assert quarters[-1] == latest and len(quarters) == 2
    for quarter in quarters:
        assert is_stored(con, as_of=quarter)
        pd.testing.assert_frame_equal(
            current_assessment(con, as_of=quarter), assess(con, as_of=quarter), check_exact=True
        )
    return quarters


def _check(db: Path) -> list[str]:
    con = open_reader(db)
    try:
        return _assert_equals_full(con)
    finally:
        con.close()


def _value(db: Path, indicator: str, part: str, quarter: str) -> float | None:
    con = open_reader(db)
    try:
        found = con.execute(
            "SELECT latest_value FROM current_assessment"
            " WHERE indicator_id = ? AND part_id = ? AND as_of = ?",
            [indicator, part, quarter],
        ).fetchall()
    finally:
        con.close()
    return found[0][0] if found else None


def test_a_revision_reassesses_only_its_indicator(db, calls):
    assert _import(db, [(SUMMED, "NL", "2026Q2", "70", "", "")]).accepted
    assert sorted(calls) == [("2026Q2", SUMMED), ("2026Q3", SUMMED)]
    assert _check(db) == ["2026Q2", "2026Q3"]


def test_a_derived_parts_component_updates_the_part_and_the_kingdom(db, calls):
    assert _value(db, WEIGHTED, "CAR_C", "2026Q3") is not None
    before = {part: _value(db, SUMMED, part, "2026Q3") for part in ("CAR_C", "KINGDOM")}
    assert _import(db, [(SUMMED, "SX", "2026Q3", "2.5", "", "")]).accepted
    assert sorted(calls) == [("2026Q2", SUMMED), ("2026Q3", SUMMED)]
    _check(db)
    after = {part: _value(db, SUMMED, part, "2026Q3") for part in ("CAR_C", "KINGDOM")}
    assert after != before  # the sum now has SX's 2026Q3 value: derived rows were replaced


def test_new_values_of_several_indicators_reassess_each_of_them(db, calls):
    rows = [
        (WEIGHTED, "SX", "2026Q3", "1.2", "", ""),
        (SUMMED, "AW", "2026Q1", "3", "", ""),
    ]
    assert _import(db, rows).accepted
    assert {indicator for _, indicator in calls} == {WEIGHTED, SUMMED}
    _check(db)


def test_a_new_quarter_is_assessed_whole_and_the_previous_one_incrementally(db, calls):
    assert _import(db, [(SUMMED, "NL", "2026Q4", "71", "", "")]).accepted
    assert sorted(calls, key=str) == sorted([("2026Q3", SUMMED), ("2026Q4", None)], key=str)
    assert _check(db) == ["2026Q3", "2026Q4"]


def test_a_rejected_import_publishes_nothing_and_the_next_import_stays_exact(db, calls):
    version = data_version(db)
    rejected = _import(db, [(SUMMED, "NL", "2026Q2", "abc", "", "")])
    assert not rejected.accepted
    assert data_version(db) == version  # not republished: only its journal line was written
    assert len(read_attempts(db)) == 1
    assert calls == []
    assert _import(db, [(SUMMED, "NL", "2026Q2", "70", "", "")], days=1).accepted
    assert sorted(calls) == [("2026Q2", SUMMED), ("2026Q3", SUMMED)]
    _check(db)


def test_a_change_of_the_kingdoms_parts_reassesses_everything(db, calls):
    with writer(db) as con:
        con.execute("UPDATE kingdom_parts SET population = population + 1000 WHERE part_id = 'AW'")
    assert sorted(calls) == [("2026Q2", None), ("2026Q3", None)]
    _check(db)


def test_observations_changed_other_than_by_adding_reassess_everything(db, calls):
    with writer(db) as con:
        con.execute(
            "DELETE FROM observations WHERE observation_id = "
            "(SELECT min(observation_id) FROM observations WHERE indicator_id = ?)",
            [SUMMED],
        )
    assert sorted(calls) == [("2026Q2", None), ("2026Q3", None)]
    _check(db)


def test_many_indicators_at_once_are_assessed_whole(db, calls, monkeypatch):
    monkeypatch.setattr(stored, "_MOST_INDICATORS", 1)
    rows = [(WEIGHTED, "SX", "2026Q3", "1.2", "", ""), (SUMMED, "SX", "2026Q3", "2", "", "")]
    assert _import(db, rows).accepted
    assert sorted(calls) == [("2026Q2", None), ("2026Q3", None)]
    _check(db)


# --- the property: any sequence of appended batches, refreshed incrementally, equals a full one --

_INDICATORS = (WEIGHTED, SUMMED, "IND-0102", "IND-0101")
_PARTS = ("NL", "AW", "CW", "SX", "BQ-BO", "BQ-SE", "BQ-SA")
_QUARTERS = ("2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4")
_ROW = st.tuples(
    st.sampled_from(_INDICATORS),
    st.sampled_from(_PARTS),
    st.sampled_from(_QUARTERS),
    st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda v: round(v, 3)),
)
_APPEND_SQL = """
INSERT INTO observations BY NAME
SELECT
    (SELECT max(observation_id) FROM observations) + row_number() OVER () AS observation_id,
    indicator_id, part_id, period, value,
    (SELECT max(recorded_at) FROM observations) + INTERVAL 1 SECOND AS recorded_at,
    (SELECT max(import_id) FROM imports) AS import_id
FROM batch
"""


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batches=st.lists(st.lists(_ROW, min_size=1, max_size=6), min_size=1, max_size=2))
def test_incremental_refreshes_equal_a_full_recompute(demo_db, batches):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.duckdb"
        shutil.copyfile(demo_db, path)
        con = duckdb.connect(str(path))
        try:
            for batch in batches:
                unique = {row[:3]: row for row in batch}  # one version per key and moment
                frame = pd.DataFrame(
                    list(unique.values()), columns=["indicator_id", "part_id", "period", "value"]
                )
                con.register("batch", frame)
                con.execute(_APPEND_SQL)
                con.unregister("batch")
                assert refresh_current_assessment(con)
                _assert_equals_full(con)
        finally:
            con.close()
