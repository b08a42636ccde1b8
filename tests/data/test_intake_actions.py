"""Intake of action reports (sheet acties): each refusal named by sheet, row and column; Dutch
headers and status words; blank template rows; versions only for what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.action_intake_rules import parse_milestones, status_of
from data.store import data_version, open_reader
from metrics.constants import ACTION_STATUS_WORDS, ACTION_STATUSES
from tests.intake_files import (
    ACTION_HEADER,
    ACTION_HEADER_NL,
    GOOD_ACTION_ROWS,
    action_reports,
    csv_bytes,
    import_quarter,
    imports,
    quarter_workbook,
    structure_copy,
    workbook_bytes,
)
from ui.intake_text import problem_text


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return structure_copy(tmp_path_factory, tmp_path)


def _stored(db: Path) -> dict[tuple[str, str, str], tuple]:
    """The newest report per key: (status, expected, responsible, narrative, en, milestones)."""
    with open_reader(db) as con:
        rows = con.execute(
            "SELECT priority_id, part_id, period, status, expected_completion, responsible,"
            " narrative, narrative_en, milestones FROM action_reports_at(NULL)"
        ).fetchall()
    return {tuple(row[:3]): tuple(row[3:]) for row in rows}


# --- one file per refusal ---------------------------------------------------------------------

OK = ("AL01-A", "KINGDOM", "2025Q2", "op schema", "", "Defensie", "Loopt.", "", "")


def _row(**cells: str) -> tuple[str, ...]:
    """A valid row (AL01-A, KINGDOM, 2025Q3) with ``cells`` changed, by English column name."""
    row = dict(zip(ACTION_HEADER, OK, strict=True), period="2025Q3")
    row.update(cells)
    return tuple(row[column] for column in ACTION_HEADER)


# name -> (the bad row, expected (code, column header as in the Dutch template))
REFUSALS: dict[str, tuple[tuple[str, ...], tuple[str, str]]] = {
    "unknown_priority": (_row(priority_id="AL01-Z"), ("unknown_priority", "prioriteit")),
    "priority_empty": (_row(priority_id=""), ("required_empty", "prioriteit")),
    "unknown_part": (_row(part_id="ATLANTIS"), ("unknown_part", "deel")),
    # AL03-J concerns the Caribbean: the European Netherlands does not report on it.
    "part_outside_scope": (
        _row(priority_id="AL03-J", part_id="NL"),
        ("part_outside_scope", "deel"),
    ),
    "status_unknown": (_row(status="bijna klaar"), ("status_unknown", "status")),
    "status_empty": (_row(status=""), ("required_empty", "status")),
    "narrative_too_long": (_row(narrative="x" * 2001), ("text_too_long", "toelichting")),
    "narrative_en_too_long": (_row(narrative_en="y" * 2001), ("text_too_long", "toelichting_en")),
    "responsible_too_long": (_row(responsible="r" * 201), ("text_too_long", "verantwoordelijke")),
    "period_malformed": (_row(period="Q3 2025"), ("period_malformed", "periode")),
    "period_in_future": (_row(period="2027Q1"), ("period_in_future", "periode")),
    "period_too_early": (_row(period="2014Q4"), ("period_too_early", "periode")),
    "period_empty": (_row(period=""), ("required_empty", "periode")),
    "expected_malformed": (
        _row(expected_completion="eind 2026"),
        ("period_malformed", "verwacht gereed"),
    ),
    "expected_too_early": (
        _row(expected_completion="2014Q1"),
        ("period_too_early", "verwacht gereed"),
    ),
    "milestone_malformed": (
        _row(milestones="2026Q1: consultatie\nvolgend jaar klaar"),
        ("milestone_malformed", "mijlpalen"),
    ),
    "milestone_without_text": (_row(milestones="2026Q1:"), ("milestone_malformed", "mijlpalen")),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_an_action_row_breaking_a_rule_is_refused_by_sheet_row_and_column(db, case):
    row, (code, column) = REFUSALS[case]
    before, log_before = action_reports(db), imports(db)
    result = import_quarter(db, quarter_workbook(actions=[OK, row]), name=f"{case}.xlsx")
    assert result.outcome == "rejected"
    assert [(p.code, p.sheet, p.row, p.column) for p in result.problems] == [
        (code, "acties", 3, column)
    ]
    assert action_reports(db) == before
    assert imports(db)[:-1] == log_before
    assert imports(db)[-1][-1] == "rejected"


def test_duplicate_keys_in_the_actions_sheet_name_both_rows_even_when_written_differently(db):
    rows = [OK, _row(), _row(priority_id="al01-a", part_id="kingdom", period="2025-q3")]
    result = import_quarter(db, quarter_workbook(actions=rows))
    assert [(p.code, p.sheet, p.row, p.letter) for p in result.problems] == [
        ("duplicate_key", "acties", 3, "A, B, C"),
        ("duplicate_key", "acties", 4, "A, B, C"),
    ]
    assert result.problems[0].parameters == {"rows": "4", "key": "AL01-A · KINGDOM · 2025Q3"}
    assert action_reports(db) == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "nl",
            'Blad acties, rij 3, kolom deel (B): over prioriteit AL03-J rapporteert "NL" niet;'
            " dat kan vanuit: CAR_C, CAR_NL, AW, CW, SX, BQ-BO, BQ-SE, BQ-SA.",
        ),
        (
            "en",
            'Sheet acties, row 3, column deel (B): "NL" does not report on priority AL03-J;'
            " it may be reported from: CAR_C, CAR_NL, AW, CW, SX, BQ-BO, BQ-SE, BQ-SA.",
        ),
    ],
)
def test_a_part_outside_the_scope_is_told_which_parts_may_report(db, lang, expected):
    row, _ = REFUSALS["part_outside_scope"]
    result = import_quarter(db, quarter_workbook(actions=[OK, row]))
    assert problem_text(result.problems[0], lang) == expected


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unknown_status_lists_the_words_of_the_readers_language(db, lang):
    result = import_quarter(db, quarter_workbook(actions=[REFUSALS["status_unknown"][0]]))
    text = problem_text(result.problems[0], lang)
    for status in ACTION_STATUSES:
        for word in ACTION_STATUS_WORDS[status][lang]:
            assert word in text
    other = "en" if lang == "nl" else "nl"
    assert ACTION_STATUS_WORDS["on_schedule"][other][0] not in text


# --- what is read, and how ---------------------------------------------------------------------


def test_every_status_word_in_any_case_and_spacing_reads_as_its_status():
    for status, languages in ACTION_STATUS_WORDS.items():
        for word in (w for words in languages.values() for w in words):
            for written in (word, word.upper(), word.replace(" ", "_"), word.replace(" ", "-")):
                assert status_of(f" {written} ") == status, written
        assert status_of(status) == status
    assert status_of("bijna") == ""


def test_milestones_are_one_a_line_as_quarter_colon_text():
    assert parse_milestones("2026Q1: consultatie\r\n\r\n2026-Q4 : wet in werking ") == (
        (("2026Q1", "consultatie"), ("2026Q4", "wet in werking")),
        None,
    )
    assert parse_milestones("") == ((), None)
    assert parse_milestones("2026Q1: a\nQ4: b") == ((), 2)
    assert parse_milestones("geen kwartaal") == ((), 1)


def test_a_good_actions_sheet_with_dutch_headers_and_status_words_lands_as_stored(db):
    result = import_quarter(db, quarter_workbook(actions=GOOD_ACTION_ROWS))
    assert result.accepted, result.problems
    assert result.counts_by_row_kind == {"actions": {"new": 3, "changed": 0, "unchanged": 0}}
    assert _stored(db) == {
        ("AL01-A", "KINGDOM", "2025Q3"): (
            "on_schedule",
            "2026Q4",
            "Defensie",
            "Loopt volgens plan.",
            None,
            None,
        ),
        ("AL03-A", "NL", "2025Q3"): (
            "delayed",
            "2027Q2",  # an expected completion may lie in the future
            "JenV",
            "Wetgeving vertraagd.",
            "Law delayed.",
            [
                {"quarter": "2026Q1", "text": "consultatie"},
                {"quarter": "2026Q4", "text": "wet in werking"},
            ],
        ),
        ("AL03-J", "CW", "2025Q3"): ("completed", None, "Curaçao", "Gereed.", None, None),
    }
    log = imports(db)[-1]
    assert log[-3:] == (3, 0, "accepted")


def test_an_english_csv_of_actions_states_the_same_as_the_dutch_workbook(db):
    english = [
        tuple({"op schema": "on schedule", "Afgerond": "COMPLETED"}.get(cell, cell) for cell in row)
        for row in GOOD_ACTION_ROWS
    ]
    result = import_quarter(db, csv_bytes(english, header=ACTION_HEADER), name="acties.csv")
    assert result.accepted, result.problems
    assert result.counts == {"new": 3, "changed": 0, "unchanged": 0}
    before = action_reports(db)
    again = import_quarter(db, quarter_workbook(actions=GOOD_ACTION_ROWS))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3}
    assert action_reports(db) == before


def test_a_dutch_semicolon_csv_of_actions_is_recognised_by_its_header(db):
    data = csv_bytes(GOOD_ACTION_ROWS[:1], header=ACTION_HEADER_NL, delimiter=";", bom=True)
    result = import_quarter(db, data, name="acties.csv")
    assert result.accepted, result.problems
    assert [c.priority_id for c in result.action_changes] == ["AL01-A"]
    assert result.changes == ()


def test_template_rows_with_only_ids_and_the_responsible_organisation_are_skipped(db):
    unfilled = ("AL01-B", "KINGDOM", "2025Q3", "", "", "Defensie", "", "", "")
    header = (*ACTION_HEADER_NL, "vorige status (info)")
    rows = [(*unfilled, "op schema"), (*GOOD_ACTION_ROWS[0], "")]
    result = import_quarter(db, workbook_bytes([("acties", header, rows)]))
    assert result.accepted, result.problems
    assert (result.rows_read, result.rows_skipped) == (2, 1)
    assert set(_stored(db)) == {("AL01-A", "KINGDOM", "2025Q3")}


def test_a_row_with_only_an_english_narrative_is_not_blank_and_needs_a_status(db):
    row = _row(status="", narrative="", narrative_en="Only English.")
    result = import_quarter(db, quarter_workbook(actions=[row]))
    assert [(p.code, p.column) for p in result.problems] == [("required_empty", "status")]


def test_an_unfilled_actions_sheet_alone_has_no_rows_toimport_quarter(db):
    unfilled = ("AL01-B", "KINGDOM", "2025Q3", "", "", "Defensie", "", "", "")
    result = import_quarter(db, workbook_bytes([("acties", ACTION_HEADER_NL, [unfilled])]))
    assert [(p.code, p.sheet, p.row) for p in result.problems] == [("no_rows", "acties", 1)]


@pytest.mark.parametrize(
    "text", ["=SUM(A1:A3)", "+31 70 123", "-- afgerond", "@team", "\tingesprongen"]
)
def test_formula_looking_text_is_stored_as_written(db, text):
    row = _row(narrative=text, responsible=f"{text} org")
    csv_result = import_quarter(db, csv_bytes([row], header=ACTION_HEADER), name="acties.csv")
    assert csv_result.accepted, csv_result.problems
    stored = _stored(db)[("AL01-A", "KINGDOM", "2025Q3")]
    assert stored[3] == text
    # The same text from a workbook (openpyxl writes "=..." as a formula without a cached value)
    # states the same report.
    again = import_quarter(db, quarter_workbook(actions=[row], dutch=False))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 1}, again.action_changes


def test_a_neutralised_csv_cell_reads_back_as_the_text_it_neutralised(db):
    row = _row(narrative="'=1+1")
    result = import_quarter(db, csv_bytes([row], header=ACTION_HEADER), name="export.csv")
    assert result.accepted
    assert _stored(db)[("AL01-A", "KINGDOM", "2025Q3")][3] == "=1+1"


# --- versions ----------------------------------------------------------------------------------


def test_reimporting_the_same_reports_adds_no_versions(db):
    assert import_quarter(db, quarter_workbook(actions=GOOD_ACTION_ROWS)).accepted
    before = action_reports(db)
    again = import_quarter(db, quarter_workbook(actions=GOOD_ACTION_ROWS))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3}
    assert again.recorded_at is None
    assert action_reports(db) == before
    assert imports(db)[-1][-3:] == (3, 0, "accepted")


def test_a_changed_narrative_alone_adds_one_version_and_keeps_the_old(db):
    assert import_quarter(db, quarter_workbook(actions=GOOD_ACTION_ROWS)).accepted
    before = action_reports(db)
    changed = [(*GOOD_ACTION_ROWS[0][:6], "Loopt iets achter.", "", ""), *GOOD_ACTION_ROWS[1:]]
    result = import_quarter(db, quarter_workbook(actions=changed))
    assert result.counts == {"new": 0, "changed": 1, "unchanged": 2}
    change = result.action_changes[0]
    assert (change.kind, change.old.narrative, change.report.narrative) == (
        "changed",
        "Loopt volgens plan.",
        "Loopt iets achter.",
    )
    after = action_reports(db)
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    assert after[-1][-1] == result.import_id


def test_a_dry_run_of_actions_writes_nothing(db):
    version, log = data_version(db), imports(db)
    result = import_quarter(db, quarter_workbook(actions=GOOD_ACTION_ROWS), dry_run=True)
    assert result.accepted and result.dry_run and result.import_id is None
    assert [c.kind for c in result.action_changes] == ["new", "new", "new"]
    assert data_version(db) == version
    assert action_reports(db) == [] and imports(db) == log
