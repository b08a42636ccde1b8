"""A quarter workbook with figures, actions and duiding: which sheets are read, one transaction
for the whole file, a problem in any sheet rejects all of it, and the log tells each kind."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from data import intake_write, sql
from data.access_rules import Actor
from data.import_log import import_log
from data.intake import preview_file
from data.store import data_version, open_reader
from tests.intake_files import (
    ACTION_HEADER,
    CLOCK,
    EN_HEADER,
    GOOD_ACTION_ROWS,
    GOOD_NARRATIVE_ROWS,
    GOOD_ROWS,
    NARRATIVE_HEADER,
    action_reports,
    import_quarter,
    imports,
    narrative_texts,
    observations,
    quarter_workbook,
    structure_copy,
    workbook_bytes,
)

ALL_THREE = quarter_workbook(GOOD_ROWS, GOOD_ACTION_ROWS, GOOD_NARRATIVE_ROWS)


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return structure_copy(tmp_path_factory, tmp_path)


def _tables(db: Path) -> tuple[list, list, list, list]:
    return observations(db), action_reports(db), narrative_texts(db), imports(db)


def test_a_workbook_with_all_three_sheets_is_one_import_recorded_at_one_moment(db):
    result = import_quarter(db, ALL_THREE)
    assert result.accepted, result.problems
    assert result.counts_by_row_kind == {
        "observations": {"new": 3, "changed": 0, "unchanged": 0},
        "actions": {"new": 3, "changed": 0, "unchanged": 0},
        "narratives": {"new": 2, "changed": 0, "unchanged": 0},
    }
    with open_reader(db) as con:
        stamps = sql.rows(
            con,
            "SELECT DISTINCT recorded_at, import_id FROM ("
            " SELECT recorded_at, import_id FROM observations"
            " UNION ALL SELECT recorded_at, import_id FROM action_reports"
            " UNION ALL SELECT recorded_at, import_id FROM narratives)",
        )
        message = json.loads(
            sql.scalar(con, "SELECT message FROM imports WHERE import_id = ?", [result.import_id])
        )
    assert stamps == [(result.recorded_at, result.import_id)]
    assert imports(db)[-1][-3:] == (8, 0, "accepted")
    assert message["row_kinds"] == result.counts_by_row_kind
    assert (message["new"], message["skipped"]) == (8, 0)


def test_a_failure_writing_the_last_sheet_leaves_every_table_as_it_was(db, monkeypatch):
    before = _tables(db)

    def failing(*args, **kwargs):
        raise RuntimeError("disk full while writing the duiding")

    monkeypatch.setattr(intake_write, "insert_narratives", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        import_quarter(db, ALL_THREE)
    assert _tables(db) == before  # no figures, no actions, not even the log row


def test_a_problem_in_the_duiding_sheet_rejects_the_whole_file(db):
    bad = [GOOD_NARRATIVE_ROWS[0], ("AL99", "NL", "2025Q3", "Onbekend.", "")]
    version = data_version(db)
    result = import_quarter(db, quarter_workbook(GOOD_ROWS, GOOD_ACTION_ROWS, bad))
    assert [(p.code, p.sheet, p.row, p.column) for p in result.problems] == [
        ("unknown_action_line", "duiding", 3, "actielijn")
    ]
    assert (observations(db), action_reports(db), narrative_texts(db)) == ([], [], [])
    assert imports(db)[-1][-3:] == (0, 1, "rejected")
    assert data_version(db) == version  # on record in the attempt journal: nothing republished


def test_problems_in_several_sheets_are_all_reported_each_with_its_sheet(db):
    figures = [("IND-0301", "NL", "2025Q3", "veel", "", "")]
    actions = [("AL01-A", "NL", "2025Q3", "", "", "", "Zonder status.", "", "")]
    narratives = [("AL01", "XX", "2025Q3", "Tekst.", "")]
    result = import_quarter(db, quarter_workbook(figures, actions, narratives, dutch=False))
    assert [(p.sheet, p.row, p.code) for p in result.problems] == [
        ("data", 2, "value_not_a_number"),
        ("actions", 2, "required_empty"),
        ("narrative", 2, "unknown_part"),
    ]
    assert result.rows_with_problems == 3
    assert imports(db)[-1][-2:] == (3, "rejected")


def test_reimporting_the_workbook_adds_no_versions_and_the_log_says_so_per_kind(db):
    assert import_quarter(db, ALL_THREE).accepted
    before = _tables(db)[:3]
    again = import_quarter(db, ALL_THREE)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 8}
    assert _tables(db)[:3] == before
    with open_reader(db) as con:
        log = import_log(con)
    newest = log.iloc[0]
    assert newest[["new", "changed", "unchanged"]].tolist() == [0, 0, 8]
    assert newest[
        ["observations_unchanged", "actions_unchanged", "narratives_unchanged"]
    ].tolist() == [3, 3, 2]
    assert newest["rows_accepted"] == 8


def test_a_preview_of_a_workbook_writes_nothing(db):
    version = data_version(db)
    result = preview_file(
        ALL_THREE, file_name="q.xlsx", db_path=db, actor=Actor.local("web"), clock=CLOCK
    )
    assert result.accepted and result.dry_run
    assert result.to_write == 8
    assert data_version(db) == version


# --- which sheets are read ----------------------------------------------------------------------


def test_sheet_names_in_either_language_and_any_case_are_read(db):
    data = workbook_bytes(
        [
            ("Toelichting", ("Zo vult u dit sjabloon in",), [("Vul de status in.",)]),
            ("ACTIONS", ACTION_HEADER, GOOD_ACTION_ROWS[:1]),
            ("Narrative", NARRATIVE_HEADER, GOOD_NARRATIVE_ROWS[:1]),
        ]
    )
    result = import_quarter(db, data, dry_run=True)
    assert result.accepted, result.problems
    assert set(result.counts_by_row_kind) == {"actions", "narratives"}


def test_an_otherwise_named_sheet_is_read_as_the_kind_its_header_names(db):
    data = workbook_bytes(
        [("Blad1", EN_HEADER, GOOD_ROWS), ("acties", ACTION_HEADER, GOOD_ACTION_ROWS)]
    )
    result = import_quarter(db, data, dry_run=True)
    assert result.accepted, result.problems
    assert set(result.counts_by_row_kind) == {"observations", "actions"}


def test_two_sheets_of_the_same_kind_are_refused_not_guessed_between(db):
    data = workbook_bytes(
        [("acties", ACTION_HEADER, GOOD_ACTION_ROWS), ("Kopie", ACTION_HEADER, GOOD_ACTION_ROWS)]
    )
    result = import_quarter(db, data)
    assert [(p.code, p.parameters) for p in result.problems] == [
        ("sheet_twice", {"sheets": "acties, Kopie"})
    ]
    assert action_reports(db) == []


def test_a_hidden_sheet_is_read_only_when_named_for_a_kind(db):
    workbook = openpyxl.Workbook()
    visible = workbook.active
    visible.title = "acties"
    visible.append(list(ACTION_HEADER))
    visible.append(list(GOOD_ACTION_ROWS[0]))
    hidden = workbook.create_sheet("oud")
    hidden.sheet_state = "hidden"
    hidden.append(list(EN_HEADER))
    hidden.append(["IND-9999", "NL", "2025Q3", "1", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_quarter(db, buffer.getvalue(), dry_run=True)
    assert result.accepted, result.problems
    assert set(result.counts_by_row_kind) == {"actions"}


def test_empty_sheets_of_a_kind_are_simply_empty(db):
    data = workbook_bytes(
        [
            ("data", EN_HEADER, GOOD_ROWS),
            ("acties", ACTION_HEADER, []),
            ("duiding", (), []),
        ]
    )
    result = import_quarter(db, data)
    assert result.accepted, result.problems
    assert set(result.counts_by_row_kind) == {"observations"}


def test_a_workbook_of_only_unfilled_sheets_has_no_rows_toimport_quarter(db):
    unfilled = ("AL01-A", "KINGDOM", "2025Q3", "", "", "Defensie", "", "", "")
    data = quarter_workbook(
        [("IND-0301", "NL", "2025Q3", "", "", "")], [unfilled], [("AL01", "NL", "2025Q3", "", "")]
    )
    result = import_quarter(db, data)
    assert [(p.code, p.sheet, p.row) for p in result.problems] == [("no_rows", None, None)]
    assert result.rows_skipped == 3


def test_a_missing_column_in_the_actions_sheet_is_named_with_its_sheet(db):
    header = ACTION_HEADER[:3] + ACTION_HEADER[4:]
    data = workbook_bytes([("acties", header, [GOOD_ACTION_ROWS[0][:3] + GOOD_ACTION_ROWS[0][4:]])])
    result = import_quarter(db, data)
    assert [(p.code, p.sheet, p.column) for p in result.problems] == [
        ("missing_column", "acties", "status")
    ]
