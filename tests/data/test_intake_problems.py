"""A file's problems come back bounded (a problem repeated on many rows told once, with its
count and first rows), duplicate keys are found in one pass, and an internal error while reading
or checking a file is a rejected, logged attempt with a reference, never a traceback."""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

import cli
import data.intake
from data.access_rules import Actor
from data.import_log import import_log
from data.intake import preview_file
from data.intake_checks import check_rows, unique_key
from data.intake_columns import FIGURES
from data.intake_kinds import STEPS
from data.intake_problems import (
    COLUMNS_KEPT,
    KEPT_AS_IS,
    ROWS_NAMED,
    condense,
    counts_by_code,
    problem_count,
)
from data.intake_read import Problem, read_file
from data.intake_rules import KEY
from data.store import open_reader, writer
from tests.intake_files import (
    CLOCK,
    GOOD_ROWS,
    NL_HEADER,
    csv_bytes,
    import_quarter,
    imports,
    observations,
    structure_file,
)
from ui.intake_text import problem_text

DUPLICATE = ("IND-0301", "NL", "2025Q3", "41,5", "", "")


@pytest.fixture(scope="module")
def _structure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return structure_file(tmp_path_factory.mktemp("problems") / "structure.duckdb")


@pytest.fixture
def db(_structure: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(_structure, tmp_path / "monitor.duckdb"))


def _duplicates(count: int) -> bytes:
    return csv_bytes([DUPLICATE] * count, header=NL_HEADER, delimiter=";")


def _not_numbers(count: int) -> list[tuple[str, ...]]:
    return [("IND-0301", "NL", f"{2015 + i // 4}Q{i % 4 + 1}", "abc", "", "") for i in range(count)]


# --- bounded form ---------------------------------------------------------------------------


def test_8000_duplicate_rows_are_one_problem_with_the_count_and_the_first_rows(db):
    result = import_quarter(db, _duplicates(8000), "dubbel.csv", dry_run=True)
    assert not result.accepted
    [problem] = result.problems
    assert problem.code == "duplicate_key"
    assert problem.row == 2
    assert problem.parameters["repeated"] == "8000"
    assert problem.parameters["first_rows"] == "2, 3, 4, 5, 6"
    assert result.problem_counts == {"duplicate_key": 8000}
    assert result.problem_total == 8000
    assert result.rows_with_problems == 8000


def test_a_repeated_problem_reads_in_dutch_and_english(db):
    result = import_quarter(db, _duplicates(8000), "dubbel.csv", dry_run=True)
    [problem] = result.problems
    nl, en = problem_text(problem, "nl"), problem_text(problem, "en")
    assert nl.startswith("Rijen 2, 3, 4, 5, 6 en 7.995 andere rijen, kolom indicator, deel")
    assert "8.000 keer, zo in rij 2: IND-0301 · NL · 2025Q3 komt meer dan eens voor" in nl
    assert en.startswith("Rows 2, 3, 4, 5, 6 and 7,995 other rows, column indicator, deel")
    assert "8,000 times, as in row 2: IND-0301 · NL · 2025Q3" in en


def test_a_few_problems_keep_their_own_row_column_and_value(db):
    rows = _not_numbers(KEPT_AS_IS)
    result = import_quarter(db, csv_bytes(rows, header=NL_HEADER, delimiter=";"), "q.csv")
    assert [(p.code, p.row, p.value) for p in result.problems] == [
        ("value_not_a_number", row, "abc") for row in range(2, 2 + KEPT_AS_IS)
    ]
    assert all("repeated" not in p.parameters for p in result.problems)


def test_many_problems_of_one_column_are_one_and_others_stay_in_reading_order(db):
    rows = [*_not_numbers(40), ("IND-0301", "ATLANTIS", "2025Q2", "40", "", "")]
    result = import_quarter(db, csv_bytes(rows, header=NL_HEADER, delimiter=";"), "q.csv")
    assert [(p.code, p.row) for p in result.problems] == [
        ("value_not_a_number", 2),
        ("unknown_part", 42),
    ]
    assert result.problems[0].value == "abc"
    assert result.problems[0].letter == "D"
    assert result.problem_counts == {"value_not_a_number": 40, "unknown_part": 1}


def test_condense_is_bounded_by_sheets_codes_and_columns_not_rows():
    problems = [
        Problem(code, row=row, column=f"c{column}", letter="A", sheet=sheet)
        for sheet in ("data", "acties")
        for code in ("a", "b")
        for column in range(COLUMNS_KEPT + 30)
        for row in range(2, 60)
    ]
    condensed = condense(problems)
    assert len(condensed) == 2 * 2 * (COLUMNS_KEPT + 1)
    assert sum(problem_count(p) for p in condensed) == len(problems)
    assert counts_by_code(condensed) == {"a": len(problems) // 2, "b": len(problems) // 2}
    spilled = [p for p in condensed if p.column is None]
    assert len(spilled) == 4 and all(problem_count(p) == 30 * 58 for p in spilled)
    assert all(len(p.parameters.get("first_rows", "").split(", ")) <= ROWS_NAMED for p in condensed)


def test_condense_leaves_a_short_list_as_it_is():
    problems = tuple(Problem("x", row=row, column="c") for row in range(2, 2 + KEPT_AS_IS))
    assert condense(problems) == problems


def test_the_output_of_the_largest_duplicate_file_stays_under_a_kilobyte(db):
    result = import_quarter(db, _duplicates(20_000), "dubbel.csv", dry_run=True)
    text = "\n".join(problem_text(p, lang) for p in result.problems for lang in ("nl", "en"))
    assert len(text.encode()) < 1024


def test_duplicate_keys_are_found_in_linear_time(db):
    """On main each row listed every other row of its key: 20,000 duplicates took ~45 s."""
    tables, _ = read_file(_duplicates(20_000), "dubbel.csv")
    [read] = tables
    frame, _ = STEPS[read.kind].rows_frame(read.table)
    with open_reader(db) as con:
        started = time.perf_counter()
        problems = STEPS[read.kind].check(con, frame, read.table, latest="2026Q4", sheet=None)
        seconds = time.perf_counter() - started
    [problem] = problems
    assert problem.parameters["rows"] == "3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …"
    assert problem.parameters["repeated"] == "20000"
    assert problems.failing == frozenset(range(2, 20_002))
    assert seconds < 8


def test_a_rule_failing_on_every_row_makes_problems_for_its_first_rows_only(db):
    """The worst 20 MB file: 140,000 rows with a problem in every cell are 6 problems."""
    rows = [
        (f"IND-{n:06d}", f"P{n}", f"Q{n}", f"x{n}", f"f{n}", "n" * 1001 if n % 10 == 0 else "")
        for n in range(140_000)
    ]
    result = import_quarter(db, csv_bytes(rows, header=NL_HEADER, delimiter=";"), "q.csv")
    assert len(result.problems) == 6
    assert result.problem_counts == {
        "unknown_indicator": 140_000,
        "unknown_part": 140_000,
        "period_malformed": 140_000,
        "value_not_a_number": 140_000,
        "flag_unknown": 140_000,
        "note_too_long": 14_000,
    }
    assert result.rows_with_problems == 140_000
    assert imports(db)[-1][-2:] == (140_000, "rejected")


def test_a_duplicate_key_names_its_other_rows_and_no_more():
    tables, _ = read_file(_duplicates(3), "dubbel.csv")
    [read] = tables
    frame, _ = STEPS[read.kind].rows_frame(read.table)
    problems = check_rows(frame, read.table, [unique_key(KEY)], key=KEY, sheet=None)
    assert [(p.row, p.parameters["rows"]) for p in problems] == [
        (2, "3, 4"),
        (3, "2, 4"),
        (4, "2, 3"),
    ]


def test_the_import_log_counts_every_repeated_problem(db):
    import_quarter(db, _duplicates(8000), "dubbel.csv")
    with open_reader(db) as con:
        log = import_log(con, limit=1, journal_of=db)
    assert log["problems"].iloc[0] == 8000


def test_the_import_log_counts_every_row_with_a_problem(db):
    import_quarter(db, _duplicates(8000), "dubbel.csv")
    assert imports(db)[-1][-2:] == (8000, "rejected")


# --- internal errors ------------------------------------------------------------------------


def _boom(*_args, **_kwargs):
    raise ValueError("a bug in a reading step")


def _internal(result) -> str:
    [problem] = result.problems
    assert problem.code == "internal_error"
    return problem.parameters["reference"]


def test_an_error_while_reading_is_a_logged_rejection_with_a_reference(db, monkeypatch, caplog):
    monkeypatch.setattr(data.intake, "read_file", _boom)
    with caplog.at_level(logging.ERROR, logger="data.intake"):
        result = import_quarter(db, csv_bytes(GOOD_ROWS), "q.csv")
    reference = _internal(result)
    assert len(reference) == 6 and int(reference, 16) >= 0
    # Logged in the attempt journal: no import id until the next writer folds it in.
    assert not result.accepted and not result.dry_run
    assert imports(db)[-1][-1] == "rejected" and observations(db) == []
    [record] = caplog.records
    assert reference in record.getMessage() and record.exc_info is not None
    for lang, words in (("nl", "interne fout"), ("en", "internal error")):
        text = problem_text(result.problems[0], lang)
        assert words in text and reference in text


def test_an_error_while_checking_is_a_logged_rejection(db, monkeypatch):
    monkeypatch.setitem(STEPS, FIGURES, replace(STEPS[FIGURES], catalogue=_boom))
    result = preview_file(
        csv_bytes(GOOD_ROWS), file_name="q.csv", db_path=db, actor=Actor.local("t"), clock=CLOCK
    )
    _internal(result)
    assert imports(db)[-1][-1] == "rejected"


def _checks(
    monkeypatch, db: Path, *, publish_between: bool, fail_second: bool = False
) -> list[int]:
    """Count ``_against`` calls; optionally publish a new version right after the first (as if
    another import landed between the check and the lock), and fail the second."""
    calls: list[int] = []
    real = data.intake._against

    def counted(con, prepared, **kwargs):
        calls.append(1)
        if len(calls) == 2 and fail_second:
            raise ValueError("a bug in the check under the lock")
        result = real(con, prepared, **kwargs)
        if len(calls) == 1 and publish_between:
            with writer(db):
                pass
        return result

    monkeypatch.setattr(data.intake, "_against", counted)
    return calls


def test_a_file_is_checked_once_when_nothing_was_published_meanwhile(db, monkeypatch):
    calls = _checks(monkeypatch, db, publish_between=False)
    assert import_quarter(db, csv_bytes(GOOD_ROWS), "q.csv").accepted
    assert len(calls) == 1
    assert len(observations(db)) == len(GOOD_ROWS)


def test_a_file_is_checked_again_under_the_lock_after_another_publication(db, monkeypatch):
    calls = _checks(monkeypatch, db, publish_between=True)
    assert import_quarter(db, csv_bytes(GOOD_ROWS), "q.csv").accepted
    assert len(calls) == 2
    assert len(observations(db)) == len(GOOD_ROWS)


def test_an_error_while_checking_again_under_the_lock_is_a_logged_rejection(db, monkeypatch):
    _checks(monkeypatch, db, publish_between=True, fail_second=True)

    result = import_quarter(db, csv_bytes(GOOD_ROWS), "q.csv")
    _internal(result)
    assert observations(db) == []
    assert imports(db)[-1][-1] == "rejected"


def test_a_dry_run_with_an_internal_error_writes_nothing(db, monkeypatch):
    monkeypatch.setattr(data.intake, "read_file", _boom)
    result = import_quarter(db, csv_bytes(GOOD_ROWS), "q.csv", dry_run=True)
    _internal(result)
    assert imports(db) == []


def test_the_cli_answers_an_internal_error_with_the_reference_and_no_traceback(
    db, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setattr(data.intake, "read_file", _boom)
    path = tmp_path / "q.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    assert cli.main(["import", str(path), "--lang", "nl"]) == cli.EXIT_REJECTED
    err = capsys.readouterr().err
    assert "interne fout bij het lezen van het bestand (referentie " in err
    assert "Traceback" not in err
    assert imports(db)[-1][-1] == "rejected"
