"""The catalogue import end to end: versions and log written in one transaction, nothing for an
unchanged file, reasons, removal, retirement, dry runs, rejections, the frames path, the change
log, and past vintages untouched."""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from data import catalogue_intake, sql
from data.access_rules import Actor
from data.assessment import assess
from data.catalogue import catalogue_frames, target_history
from data.catalogue_columns import WORKBOOK_INDICATOR_COLUMNS, WORKBOOK_TARGET_COLUMNS
from data.catalogue_intake import (
    check_catalogue_file,
    check_catalogue_frames,
    import_catalogue_file,
    import_catalogue_frames,
)
from data.catalogue_log import LOG_COLUMNS, catalogue_log
from data.import_log import import_log
from data.store import open_reader
from tests.catalogue_files import (
    CLOCK,
    NEW_INDICATOR,
    NEW_TARGET,
    OBSERVED_AT,
    STORED_TARGETS,
    build_catalogue_db,
    catalogue_imports,
    version_counts,
    workbook_bytes,
)

KINGDOM_0101, KINGDOM_0201, CW_0201 = STORED_TARGETS


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_catalogue_db(tmp_path_factory.mktemp("import") / "template.duckdb")


@pytest.fixture
def db(_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(_template, tmp_path / "monitor.duckdb"))


def _import(db: Path, data: bytes, *, clock: datetime = CLOCK, **kwargs):
    return import_catalogue_file(
        data,
        file_name="catalogus.xlsx",
        db_path=db,
        actor=Actor.local("tester"),
        clock=clock,
        **kwargs,
    )


def _text(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if not isinstance(value, str) and hasattr(value, "__iter__"):
        return ";".join(value)
    return value


def _exported(db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    with open_reader(db) as con:
        return catalogue_frames(con)


def _workbook(indicators: pd.DataFrame, targets: pd.DataFrame) -> bytes:
    """The frames as a workbook, typed cells as they are (numbers stay numbers)."""

    def rows(frame: pd.DataFrame) -> list[dict]:
        return [{k: _text(v) for k, v in row.items()} for row in frame.to_dict("records")]

    return workbook_bytes(rows(indicators), rows(targets))


def _current(db: Path, key: tuple[str, str]) -> dict | None:
    targets = _exported(db)[1]
    found = targets[(targets["indicator_id"] == key[0]) & (targets["part_id"] == key[1])]
    return None if found.empty else found.iloc[0].to_dict()


def test_an_accepted_import_writes_new_versions_and_one_log_row(db):
    before = version_counts(db)
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET, KINGDOM_0101])
    result = _import(db, data)
    assert result.accepted and not result.dry_run
    assert result.counts == {
        "indicator": {"new": 1, "changed": 0, "unchanged": 0},
        "target": {"new": 1, "changed": 0, "unchanged": 1, "removed": 0},
    }
    assert version_counts(db) == (before[0] + 1, before[1] + 1)
    import_id, kind, outcome, rows, rejected, name, message = catalogue_imports(db)[-1]
    assert (import_id, kind, outcome, rows, rejected, name) == (
        result.import_id,
        "catalogue",
        "accepted",
        3,
        0,
        "catalogus.xlsx",
    )
    summary = json.loads(message)
    assert (summary["new"], summary["unchanged"], summary["target"]["new"]) == (2, 1, 1)
    with open_reader(db) as con:
        sha = sql.scalar(con, "SELECT sha256 FROM imports WHERE import_id = ?", [import_id])
        indicator = sql.rows(
            con,
            "SELECT name_nl, scope, decimals, valid_max, recorded_at, import_id "
            "FROM indicators WHERE indicator_id = 'IND-9901'",
        )
    assert sha == result.sha256
    assert indicator == [("Testindicator", ["AW", "CW"], 0, 1000.0, CLOCK, import_id)]
    assert _current(db, ("IND-9901", "AW"))["target_value"] == 20.0
    assert result.recorded_at == CLOCK


def test_a_catalogue_import_shows_in_the_import_log_with_its_kind(db):
    result = _import(db, workbook_bytes([NEW_INDICATOR]))
    with open_reader(db) as con:
        log = import_log(con)
    newest = log.iloc[0]
    assert (newest["import_id"], newest["kind"], newest["new"]) == (
        result.import_id,
        "catalogue",
        1,
    )


def test_an_exported_catalogue_imported_unchanged_writes_no_version(db):
    before = version_counts(db)
    result = _import(db, _workbook(*_exported(db)))
    assert result.accepted
    assert {kind for c in result.changes for kind in [c.kind]} == {"unchanged"}
    assert len(result.changes) == 33 + 3
    assert version_counts(db) == before
    assert result.recorded_at is None
    assert json.loads(catalogue_imports(db)[-1][-1])["changed"] == 0


def test_the_demo_catalogue_exported_and_imported_changes_nothing(demo_db, tmp_path):
    db = Path(shutil.copyfile(demo_db, tmp_path / "demo.duckdb"))
    before = version_counts(db)
    result = _import(db, _workbook(*_exported(db)))
    assert result.accepted, result.problems[:5]
    assert result.counts["target"]["unchanged"] > 100
    assert not result.to_write
    assert version_counts(db) == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(db):
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET])
    first = _import(db, data)
    after_first = version_counts(db)
    second = _import(db, data, clock=CLOCK + timedelta(hours=1))
    assert first.accepted and second.accepted
    assert {c.kind for c in second.changes} == {"unchanged"}
    assert version_counts(db) == after_first
    assert second.import_id == first.import_id + 1


def test_a_changed_target_needs_a_new_reason_and_then_becomes_a_new_version(db):
    changed = dict(CW_0201, target_value="70")
    refused = _import(db, workbook_bytes(targets=[changed]))
    assert [p.code for p in refused.problems] == ["reason_not_new"]
    result = _import(db, workbook_bytes(targets=[dict(changed, reason="nieuw beleid 2026")]))
    assert result.accepted
    (change,) = result.to_write
    assert (change.kind, change.part_id, change.reason) == ("changed", "CW", "nieuw beleid 2026")
    assert [(f.field, f.old, f.new) for f in change.fields] == [("target_value", 65.0, 70.0)]
    with open_reader(db) as con:
        history = target_history(con, indicator_id="IND-0201")
        changed_at = sql.scalar(
            con, "SELECT changed_at FROM targets WHERE indicator_id = 'IND-0201' AND part_id = 'CW'"
        )
    cw = history[history["part_id"] == "CW"]
    assert list(cw["target_value"]) == [70.0, 65.0]
    assert list(cw["reason"]) == ["nieuw beleid 2026", "eigen doel Curaçao"]
    assert changed_at == CLOCK


def test_a_target_row_with_its_four_cells_empty_removes_the_target(db):
    removal = {
        "indicator_id": "IND-0201",
        "part_id": "CW",
        "reason": "Curaçao volgt het Koninkrijk",
    }
    result = _import(db, workbook_bytes(targets=[removal]))
    assert result.accepted
    (change,) = result.to_write
    assert change.kind == "removed"
    assert {f.field: (f.old, f.new) for f in change.fields}["target_value"] == (65.0, None)
    assert _current(db, ("IND-0201", "CW")) is None
    assert _current(db, ("IND-0201", "KINGDOM")) is not None  # absent rows stay as they are
    with open_reader(db) as con:
        removed = sql.rows(
            con,
            "SELECT removed, reason, baseline_period FROM target_versions "
            "WHERE part_id = 'CW' ORDER BY recorded_at DESC LIMIT 1",
        )
    assert removed == [(True, "Curaçao volgt het Koninkrijk", None)]
    # Stated again later, it is new (and needs no reason).
    again = _import(
        db, workbook_bytes(targets=[dict(CW_0201, reason="")]), clock=CLOCK + timedelta(1)
    )
    assert [c.kind for c in again.to_write] == ["new"]


def test_an_indicator_is_retired_from_a_quarter_and_stays_in_the_catalogue(db):
    indicators, _ = _exported(db)
    row = indicators[indicators["indicator_id"] == "IND-0103"].copy()
    row["retired_from"] = "2025Q3"
    result = _import(db, _workbook(row, pd.DataFrame(columns=WORKBOOK_TARGET_COLUMNS)))
    assert result.accepted
    (change,) = result.to_write
    assert [(f.field, f.old, f.new) for f in change.fields] == [("retired_from", None, "2025Q3")]
    with open_reader(db) as con:
        retired = sql.rows(
            con, "SELECT retired_from FROM indicators WHERE indicator_id = 'IND-0103'"
        )
        versions = sql.scalar(
            con, "SELECT count(*) FROM indicator_versions WHERE indicator_id = 'IND-0103'"
        )
    assert retired == [("2025Q3",)] and versions == 2


def test_a_dry_run_writes_nothing_not_even_the_log(db):
    before, log_before = version_counts(db), catalogue_imports(db)
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET])
    for result in (
        _import(db, data, dry_run=True),
        check_catalogue_file(data, file_name="x.xlsx", db_path=db, clock=CLOCK),
    ):
        assert result.accepted and result.dry_run and result.import_id is None
        assert result.counts["indicator"]["new"] == 1
    bad = _import(db, workbook_bytes([dict(NEW_INDICATOR, direction="x")]), dry_run=True)
    assert not bad.accepted and bad.import_id is None
    assert version_counts(db) == before and catalogue_imports(db) == log_before


def test_a_rejected_attempt_is_logged_with_its_problems_and_nothing_else(db):
    before = version_counts(db)
    data = workbook_bytes(
        [dict(NEW_INDICATOR, direction="x")], [dict(NEW_TARGET, target_value="y")]
    )
    result = _import(db, data)
    assert not result.accepted and result.import_id is None  # in the journal, not folded yet
    assert version_counts(db) == before
    import_id, kind, outcome, rows, rejected, _, message = catalogue_imports(db)[-1]
    assert (import_id, kind, outcome, rows, rejected) == (
        None,
        "catalogue",
        "rejected",
        0,
        2,
    )
    assert json.loads(message) == {"problems": {"unknown_value": 1, "value_not_a_number": 1}}


def test_a_file_that_fails_under_the_write_lock_is_logged_as_rejected(db, monkeypatch):
    # As if another import landed between the first check and the write: the second check (under
    # the lock) decides, and nothing is written.
    real = catalogue_intake._dry

    def passes_first(read, db_path):
        return replace(real(read, db_path), outcome="accepted")

    monkeypatch.setattr(catalogue_intake, "_dry", passes_first)
    before = version_counts(db)
    result = _import(db, workbook_bytes([dict(NEW_INDICATOR, direction="x")]))
    assert not result.accepted and [p.code for p in result.problems] == ["unknown_value"]
    assert version_counts(db) == before
    assert catalogue_imports(db)[-1][2] == "rejected"


def test_frames_give_the_same_result_as_a_file_with_the_same_content(db, tmp_path):
    twin = Path(shutil.copyfile(db, tmp_path / "twin.duckdb"))
    indicators = pd.DataFrame(
        [dict(NEW_INDICATOR, decimals=0, valid_min=0.0, valid_max=1000, scope=["CW", "AW"])]
    )
    targets = pd.DataFrame(
        [
            dict(NEW_TARGET, baseline_value=10, target_value=20.0, reason=None),
            dict(CW_0201, target_value="70"),  # a change without a new reason
        ]
    )
    from_frames = check_catalogue_frames(indicators, targets, db_path=db, clock=CLOCK)
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET, dict(CW_0201, target_value="70")])
    from_file = check_catalogue_file(data, file_name="x.xlsx", db_path=db, clock=CLOCK)
    assert from_frames.problems == from_file.problems != ()
    targets.loc[1, "reason"] = "nieuw"
    frames = import_catalogue_frames(
        indicators, targets, db_path=db, actor=Actor.local("t"), clock=CLOCK
    )
    data = workbook_bytes(
        [NEW_INDICATOR], [NEW_TARGET, dict(CW_0201, target_value="70", reason="nieuw")]
    )
    file = import_catalogue_file(
        data, file_name="x.xlsx", db_path=twin, actor=Actor.local("t"), clock=CLOCK
    )
    assert frames.accepted and file.accepted
    assert frames.changes == file.changes
    assert frames.file_name == "page edit"
    assert _exported(db)[0].equals(_exported(twin)[0])
    assert _exported(db)[1].equals(_exported(twin)[1])


def test_versions_are_recorded_after_every_existing_one_even_when_the_clock_is_behind(db):
    early = OBSERVED_AT - timedelta(days=30)
    result = _import(db, workbook_bytes([NEW_INDICATOR]), clock=early)
    assert result.recorded_at == OBSERVED_AT + timedelta(microseconds=1)


def test_a_past_vintage_is_unaffected_by_a_later_target_change(db):
    before = CLOCK - timedelta(days=1)
    with open_reader(db) as con:
        earlier = assess(con, as_of="2025Q2", vintage=before)
    changed = dict(KINGDOM_0101, baseline_value="1.2", target_value="3", reason="nieuw kabinet")
    assert _import(db, workbook_bytes(targets=[changed])).accepted
    with open_reader(db) as con:
        later = assess(con, as_of="2025Q2", vintage=before)
        now = assess(con, as_of="2025Q2")
    pd.testing.assert_frame_equal(earlier, later)
    row = now[(now["indicator_id"] == "IND-0101") & (now["part_id"] == "KINGDOM")]
    assert list(row["target_value"]) == [3.0]


def test_warnings_come_with_an_accepted_result(db):
    header = [*WORKBOOK_INDICATOR_COLUMNS, "notitie"]
    row = [NEW_INDICATOR[c] for c in WORKBOOK_INDICATOR_COLUMNS] + ["x"]
    result = _import(db, workbook_bytes([row], indicator_header=header))
    assert result.accepted
    assert [(w.code, w.column) for w in result.warnings] == [("unknown_column", "notitie")]


def test_the_change_log_shows_who_changed_what_when_and_why(db):
    _import(db, workbook_bytes([NEW_INDICATOR], [dict(CW_0201, target_value="70", reason="r1")]))
    later = CLOCK + timedelta(days=1)
    renamed = dict(NEW_INDICATOR, name_en="Renamed", scope="CW;AW")
    _import(db, workbook_bytes([renamed]), clock=later)
    with open_reader(db) as con:
        log = catalogue_log(con)
    assert tuple(log.columns) == LOG_COLUMNS
    newest = log.iloc[0]
    assert (newest["recorded_at"], newest["what"], newest["change"]) == (
        later,
        "indicator",
        "changed",
    )
    assert (newest["field"], newest["old"], newest["new"]) == (
        "name_en",
        "Test indicator",
        "Renamed",
    )
    assert len(log[log["recorded_at"] == later]) == 1  # scope in another order is no change
    at_clock = log[log["recorded_at"] == CLOCK]
    assert set(
        zip(at_clock["what"], at_clock["change"], at_clock["field"].fillna("-"), strict=True)
    ) == {
        ("indicator", "new", "-"),
        ("target", "changed", "target_value"),
    }
    target = at_clock[at_clock["what"] == "target"].iloc[0]
    assert (target["old"], target["new"], target["reason"], target["user_name"]) == (
        "65",
        "70",
        "r1",
        "tester",
    )
    assert len(catalogue_log(open_reader(db), limit=2)) == 2


def test_the_frames_of_the_catalogue_in_force_pass_as_they_are(demo_db):
    # What the page's editor starts from: typed cells, scope as arrays, empty cells as NaN/None.
    with open_reader(demo_db) as con:
        indicators, targets = catalogue_frames(con)
    result = check_catalogue_frames(indicators, targets, db_path=demo_db, clock=CLOCK)
    assert result.accepted, result.problems[:5]
    assert result.changes and not result.to_write
