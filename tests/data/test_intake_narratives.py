"""Intake of the duiding (sheet duiding): each refusal named by sheet, row and column; Dutch
headers; blank rows; versions only for what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.store import data_version, open_reader
from tests.intake_files import (
    GOOD_NARRATIVE_ROWS,
    NARRATIVE_HEADER,
    NARRATIVE_HEADER_NL,
    csv_bytes,
    import_quarter,
    imports,
    narrative_texts,
    quarter_workbook,
    structure_copy,
)


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return structure_copy(tmp_path_factory, tmp_path)


def _stored(db: Path) -> dict[tuple[str, str, str], tuple]:
    with open_reader(db) as con:
        rows = con.execute(
            "SELECT action_line_id, part_id, period, text, text_en FROM narratives_at(NULL)"
        ).fetchall()
    return {tuple(row[:3]): tuple(row[3:]) for row in rows}


OK = ("AL02", "NL", "2025Q2", "Goed op weg.", "")


def _row(**cells: str) -> tuple[str, ...]:
    row = dict(zip(NARRATIVE_HEADER, OK, strict=True), period="2025Q3")
    row.update(cells)
    return tuple(row[column] for column in NARRATIVE_HEADER)


REFUSALS: dict[str, tuple[tuple[str, ...], tuple[str, str]]] = {
    "unknown_action_line": (_row(action_line_id="AL13"), ("unknown_action_line", "actielijn")),
    "action_line_empty": (_row(action_line_id=""), ("required_empty", "actielijn")),
    "unknown_part": (_row(part_id="ATLANTIS"), ("unknown_part", "deel")),
    "text_empty_with_english": (
        _row(text="", text_en="Only English."),
        ("required_empty", "tekst"),
    ),
    "text_too_long": (_row(text="t" * 2001), ("text_too_long", "tekst")),
    "text_en_too_long": (_row(text_en="e" * 2001), ("text_too_long", "tekst_en")),
    "period_malformed": (_row(period="derde kwartaal"), ("period_malformed", "periode")),
    "period_in_future": (_row(period="2027Q1"), ("period_in_future", "periode")),
    "period_too_early": (_row(period="2014Q4"), ("period_too_early", "periode")),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_duiding_row_breaking_a_rule_is_refused_by_sheet_row_and_column(db, case):
    row, (code, column) = REFUSALS[case]
    log_before = imports(db)
    result = import_quarter(db, quarter_workbook(narratives=[OK, row]), name=f"{case}.xlsx")
    assert result.outcome == "rejected"
    assert [(p.code, p.sheet, p.row, p.column) for p in result.problems] == [
        (code, "duiding", 3, column)
    ]
    assert narrative_texts(db) == []
    assert imports(db)[:-1] == log_before
    assert imports(db)[-1][-1] == "rejected"


def test_duplicate_keys_in_the_duiding_sheet_name_both_rows(db):
    rows = [_row(), OK, _row(action_line_id="al02", period="2025 Q3", text="Anders.")]
    result = import_quarter(db, quarter_workbook(narratives=rows))
    assert [(p.code, p.sheet, p.row, p.column) for p in result.problems] == [
        ("duplicate_key", "duiding", 2, "actielijn, deel, periode"),
        ("duplicate_key", "duiding", 4, "actielijn, deel, periode"),
    ]
    assert result.problems[1].parameters["rows"] == "2"


def test_a_good_duiding_sheet_lands_and_rows_without_text_are_skipped(db):
    unfilled = ("AL04", "NL", "2025Q3", "", "")
    result = import_quarter(db, quarter_workbook(narratives=[*GOOD_NARRATIVE_ROWS, unfilled]))
    assert result.accepted, result.problems
    assert (result.rows_read, result.rows_skipped) == (3, 1)
    assert _stored(db) == {
        ("AL01", "KINGDOM", "2025Q3"): ("De NAVO-norm is gehaald.", "The NATO norm is met."),
        ("AL03", "CAR_C", "2025Q3"): ("Samenwerking met de politie loopt.", None),
    }


def test_a_duiding_csv_is_recognised_by_its_header_in_either_language(db):
    dutch = csv_bytes(GOOD_NARRATIVE_ROWS, header=NARRATIVE_HEADER_NL, delimiter=";")
    result = import_quarter(db, dutch, name="duiding.csv")
    assert result.accepted, result.problems
    assert [c.kind for c in result.narrative_changes] == ["new", "new"]
    english = csv_bytes(GOOD_NARRATIVE_ROWS, header=NARRATIVE_HEADER)
    again = import_quarter(db, english, name="narrative.csv")
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 2}


def test_a_changed_text_adds_a_version_and_an_unchanged_one_none(db):
    assert import_quarter(db, quarter_workbook(narratives=GOOD_NARRATIVE_ROWS)).accepted
    before = narrative_texts(db)
    rows = [GOOD_NARRATIVE_ROWS[0], (*GOOD_NARRATIVE_ROWS[1][:3], "Bijgewerkt.", "Updated.")]
    result = import_quarter(db, quarter_workbook(narratives=rows))
    assert [c.kind for c in result.narrative_changes] == ["unchanged", "changed"]
    after = narrative_texts(db)
    assert after[: len(before)] == before and len(after) == len(before) + 1
    assert _stored(db)[("AL03", "CAR_C", "2025Q3")] == ("Bijgewerkt.", "Updated.")


def test_a_dry_run_of_duiding_writes_nothing(db):
    version = data_version(db)
    result = import_quarter(db, quarter_workbook(narratives=GOOD_NARRATIVE_ROWS), dry_run=True)
    assert result.accepted and result.import_id is None
    assert data_version(db) == version and narrative_texts(db) == []
