"""Intake: every bad file is refused whole with its problem named; good files land as intended."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from data.access_rules import Actor
from data.import_log import import_log
from data.intake import MAX_FILE_BYTES, import_file, preview_file
from data.intake_rules import FLAG_OF_WORD, parse_number
from data.observations import observations_at_vintage
from data.store import data_version, open_reader
from metrics.constants import FLAG_WORDS
from tests.intake_files import (
    CLOCK,
    GOOD_ROWS,
    NL_HEADER,
    csv_bytes,
    current_values,
    imports,
    observations,
    structure_file,
    xlsx_bytes,
)


@pytest.fixture(scope="module")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Built once per module: a structure-only database, and the same holding the good rows."""
    directory = tmp_path_factory.mktemp("intake")
    structure = structure_file(directory / "structure.duckdb")
    base = directory / "base.duckdb"
    shutil.copyfile(structure, base)
    result = import_file(
        csv_bytes(GOOD_ROWS),
        file_name="base.csv",
        db_path=base,
        actor=Actor.local("t"),
        clock=CLOCK,
    )
    assert result.accepted, result.problems
    return {"structure": structure, "base": base}


@pytest.fixture
def structure_db(_templates: dict[str, Path], tmp_path: Path) -> Path:
    """This test's own copy of a structure-only database (a copy costs far less than a build)."""
    return Path(shutil.copyfile(_templates["structure"], tmp_path / "monitor.duckdb"))


@pytest.fixture
def db(_templates: dict[str, Path], tmp_path: Path) -> Path:
    """This test's own structure-only database that already holds the good rows (import 1)."""
    return Path(shutil.copyfile(_templates["base"], tmp_path / "monitor.duckdb"))


def _import(db: Path, data: bytes, name: str = "q.csv", *, clock: datetime = CLOCK, **kwargs):
    return import_file(
        data, file_name=name, db_path=db, actor=Actor.local("tester"), clock=clock, **kwargs
    )


def _assert_good_rows_stored(db: Path) -> None:
    values = current_values(db)
    assert values[("IND-0301", "NL", "2025Q3")] == (41.5, "none", None)
    assert values[("IND-0502", "CW", "2025Q3")] == (
        12.25,
        "provisional",
        "Curaçao: eerste schatting",
    )
    assert values[("IND-0103", "KINGDOM", "2025Q3")] == (80.0, "none", None)


# --- the corpus: one file per problem ---------------------------------------------------------

# A valid row to surround each bad one, so that the problem found is the bad row's and only it.
OK = ("IND-0301", "NL", "2025Q2", "40", "", "")

# name -> (rows after the header, expected (code, row, column header as in the file))
ROW_CORPUS: dict[str, tuple[list[tuple[str, ...]], tuple[str, int, str]]] = {
    "unknown_indicator": (
        [OK, ("IND-9999", "NL", "2025Q3", "1", "", "")],
        ("unknown_indicator", 3, "indicator_id"),
    ),
    "unknown_part": (
        [OK, ("IND-0301", "ATLANTIS", "2025Q3", "1", "", "")],
        ("unknown_part", 3, "part_id"),
    ),
    "not_applicable": (
        # IND-0103 (readiness goals) is reported for the Kingdom only.
        [OK, ("IND-0103", "NL", "2025Q3", "50", "", "")],
        ("not_applicable", 3, "part_id"),
    ),
    "period_malformed": (
        [OK, ("IND-0301", "NL", "Q3 2025", "1", "", "")],
        ("period_malformed", 3, "period"),
    ),
    "period_quarter_five": (
        [OK, ("IND-0301", "NL", "2025Q5", "1", "", "")],
        ("period_malformed", 3, "period"),
    ),
    "period_in_future": (
        [OK, ("IND-0301", "NL", "2027Q1", "1", "", "")],
        ("period_in_future", 3, "period"),
    ),
    "period_too_early": (
        [OK, ("IND-0301", "NL", "2014Q4", "1", "", "")],
        ("period_too_early", 3, "period"),
    ),
    "value_not_a_number": (
        [OK, ("IND-0301", "NL", "2025Q3", "veertig", "", "")],
        ("value_not_a_number", 3, "value"),
    ),
    "value_thousands_separator": (
        [OK, ("IND-0502", "NL", "2025Q3", "1.234,5", "", "")],
        ("value_not_a_number", 3, "value"),
    ),
    "value_percent_sign": (
        # A percent sign is read for an indicator measured in percent; IND-0403 is a count.
        [OK, ("IND-0403", "NL", "2025Q3", "45%", "", "")],
        ("value_percent_sign", 3, "value"),
    ),
    "value_ambiguous": (
        # 1 or 1000: no other value of the file says which mark is its decimal mark.
        [OK, ("IND-0403", "NL", "2025Q3", "1,000", "", "")],
        ("value_ambiguous", 3, "value"),
    ),
    "value_nan": (
        [OK, ("IND-0301", "NL", "2025Q3", "NaN", "", "")],
        ("value_not_finite", 3, "value"),
    ),
    "value_infinite": (
        [OK, ("IND-0301", "NL", "2025Q3", "-inf", "", "")],
        ("value_not_finite", 3, "value"),
    ),
    "value_overflows": (
        [OK, ("IND-0301", "NL", "2025Q3", "1e999", "", "")],
        ("value_not_finite", 3, "value"),
    ),
    "value_empty_with_note": (
        [OK, ("IND-0301", "NL", "2025Q3", "", "", "volgt later")],
        ("required_empty", 3, "value"),
    ),
    "percentage_above_100": (
        [OK, ("IND-0301", "NL", "2025Q3", "100.5", "", "")],
        ("value_out_of_range", 3, "value"),
    ),
    "negative_count": (
        # IND-0403 has no maximum but cannot be negative.
        [OK, ("IND-0403", "NL", "2025Q3", "-1", "", "")],
        ("value_out_of_range", 3, "value"),
    ),
    "unknown_flag": (
        [OK, ("IND-0301", "NL", "2025Q3", "1", "misschien", "")],
        ("flag_unknown", 3, "flag"),
    ),
    "note_too_long": (
        [OK, ("IND-0301", "NL", "2025Q3", "1", "", "x" * 1001)],
        ("note_too_long", 3, "note"),
    ),
    "indicator_empty": (
        [OK, ("", "NL", "2025Q3", "1", "", "")],
        ("required_empty", 3, "indicator_id"),
    ),
}


@pytest.mark.parametrize("case", sorted(ROW_CORPUS))
def test_a_file_with_one_bad_row_is_rejected_naming_it_and_writes_nothing(db, case):
    rows, (code, row, column) = ROW_CORPUS[case]
    before, log_before = observations(db), imports(db)
    result = _import(db, csv_bytes(rows), name=f"{case}.csv")
    assert result.outcome == "rejected"
    assert [(p.code, p.row, p.column) for p in result.problems] == [(code, row, column)]
    assert observations(db) == before
    log = imports(db)
    assert log[:-1] == log_before
    assert log[-1][2:] == (f"{case}.csv", result.sha256, 0, 1, "rejected")


def test_duplicate_keys_name_both_rows_even_when_written_differently(db):
    rows = [
        OK,
        ("IND-0301", "NL", "2025Q3", "1", "", ""),
        ("ind-0301", "nl", "2025-q3", "2", "", ""),
    ]
    before = observations(db)
    result = _import(db, csv_bytes(rows))
    assert [(p.code, p.row, p.letter) for p in result.problems] == [
        ("duplicate_key", 3, "A, B, C"),
        ("duplicate_key", 4, "A, B, C"),
    ]
    assert result.problems[0].parameters["rows"] == "4"
    assert observations(db) == before


FILE_CORPUS: dict[str, tuple[bytes, str, tuple[str, int | None, str | None]]] = {
    "empty_file": (b"", "empty.csv", ("empty_file", None, None)),
    "only_blank_lines": (b"\r\n\r\n  \r\n", "blank.csv", ("empty_file", None, None)),
    "header_only": (csv_bytes([]), "header.csv", ("no_rows", 1, None)),
    "missing_value_column": (
        b"indicator_id,part_id,period\nIND-0301,NL,2025Q3\n",
        "novalue.csv",
        ("missing_column", 1, "value"),
    ),
    "duplicate_column": (
        b"indicator_id,part_id,period,value,waarde\nIND-0301,NL,2025Q3,1,2\n",
        "twice.csv",
        ("duplicate_column", 1, "waarde"),
    ),
    "encoding": (
        # 0x81 is neither UTF-8 nor Windows-1252.
        b"indicator_id,part_id,period,value\nIND-0301,NL,2025Q3,1\x81\n",
        "bytes.csv",
        ("encoding", None, None),
    ),
    "binary": (b"\x00\x01\x02indicator_id", "binary.csv", ("not_text", None, None)),
    "broken_xlsx": (b"PK\x03\x04 not really a zip", "broken.xlsx", ("xlsx_unreadable", None, None)),
    "old_xls": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        "old.xls",
        ("xls_not_supported", None, None),
    ),
}


@pytest.mark.parametrize("case", sorted(FILE_CORPUS))
def test_a_file_that_cannot_be_read_is_rejected_naming_why_and_writes_nothing(db, case):
    data, name, expected = FILE_CORPUS[case]
    before = observations(db)
    result = _import(db, data, name=name)
    assert result.outcome == "rejected"
    assert [(p.code, p.row, p.column) for p in result.problems] == [expected]
    assert observations(db) == before
    assert imports(db)[-1][-1] == "rejected"


def test_a_file_over_20_mb_is_rejected_unread_and_logged_with_its_checksum(db, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.write(csv_bytes([OK]))
        handle.write(b"x" * MAX_FILE_BYTES)
    before = observations(db)
    result = import_file(path, db_path=db, actor=Actor.local("t"), clock=CLOCK)
    assert [p.code for p in result.problems] == ["file_too_large"]
    assert result.problems[0].parameters["limit_mb"] == "20"
    assert observations(db) == before
    import hashlib

    assert imports(db)[-1][2:4] == ("huge.csv", hashlib.sha256(path.read_bytes()).hexdigest())


def test_every_problem_in_a_file_is_reported_not_only_the_first(db):
    rows = [
        ("IND-9999", "NL", "2025Q3", "1", "", ""),
        OK,
        ("IND-0301", "NL", "2031Q1", "x", "hmm", ""),
        ("IND-0301", "XX", "2025Q1", "200", "", ""),
    ]
    result = _import(db, csv_bytes(rows, header=NL_HEADER, delimiter=";"))
    assert [(p.row, p.column, p.code) for p in result.problems] == [
        (2, "indicator", "unknown_indicator"),
        (4, "periode", "period_in_future"),
        (4, "waarde", "value_not_a_number"),
        (4, "vlag", "flag_unknown"),
        (5, "deel", "unknown_part"),
        # The range depends on the indicator only, so it is checked even though the part is not.
        (5, "waarde", "value_out_of_range"),
    ]


def test_rows_are_counted_as_a_spreadsheet_shows_them(db):
    # A blank line and a note spanning two lines still count as one spreadsheet row each.
    data = (
        b"indicator_id,part_id,period,value,note\r\n"
        b'IND-0301,NL,2025Q2,40,"two\r\nlines"\r\n'
        b"\r\n"
        b"IND-0301,NL,2025Q3,abc,\r\n"
    )
    result = _import(db, data)
    assert [(p.code, p.row, p.letter) for p in result.problems] == [("value_not_a_number", 4, "D")]


# --- good files -------------------------------------------------------------------------------

GOOD_FILES = {
    "standard_utf8": csv_bytes(GOOD_ROWS),
    "standard_utf8_bom_lf": csv_bytes(GOOD_ROWS, bom=True, newline="\n"),
    "excel_nl_utf8_bom": csv_bytes(
        GOOD_ROWS, header=NL_HEADER, delimiter=";", decimal_comma=True, bom=True
    ),
    "excel_nl_windows_1252": csv_bytes(
        GOOD_ROWS, header=NL_HEADER, delimiter=";", decimal_comma=True, encoding="cp1252"
    ),
    "comma_with_quoted_decimal_comma": csv_bytes(GOOD_ROWS, decimal_comma=True),
    "tab_utf16_unicode_text": csv_bytes(GOOD_ROWS, delimiter="\t", encoding="utf-16"),
}


@pytest.mark.parametrize("dialect", sorted(GOOD_FILES))
def test_a_good_csv_in_each_dialect_and_encoding_is_accepted_as_intended(structure_db, dialect):
    result = _import(structure_db, GOOD_FILES[dialect])
    assert result.accepted, result.problems
    assert result.counts == {"new": 3, "changed": 0, "unchanged": 0}
    _assert_good_rows_stored(structure_db)


def test_decimal_comma_is_read_as_a_decimal_mark():
    assert parse_number("12,5") == (12.5, None)
    assert parse_number(" -0,25 ") == (-0.25, None)
    assert parse_number("12.5") == (12.5, None)
    assert parse_number("1e3") == (1000.0, None)
    assert parse_number("1.234,5") == (None, "value_not_a_number")
    assert parse_number("nan") == (None, "value_not_finite")


def test_dutch_headers_periods_flags_and_ids_are_read_in_any_spelling(structure_db):
    data = (
        " Indicator ;DEEL;Periode;Waarde;Vlag;Toelichting\r\n"
        "ind-0301;nl;2025 q3;12,5;Voorlopig;\r\n"
        "IND-0301;NL;2025-Q2;13;geschat;\r\n"
        "IND-0301;NL;2025Q1;14;BREUK;\r\n"
        "IND-0301;NL;2024Q4;15;leeg;\r\n"
    ).encode("cp1252")
    result = _import(structure_db, data)
    assert result.accepted, result.problems
    values = current_values(structure_db)
    assert values[("IND-0301", "NL", "2025Q3")] == (12.5, "provisional", None)
    assert values[("IND-0301", "NL", "2025Q2")] == (13.0, "estimated", None)
    assert values[("IND-0301", "NL", "2025Q1")] == (14.0, "break", None)
    assert values[("IND-0301", "NL", "2024Q4")] == (15.0, "none", None)


# The flag words a file could use before the vocabulary moved to metrics.constants: still read so.
FLAG_WORDS_BEFORE = {
    "": "none",
    "none": "none",
    "geen": "none",
    "leeg": "none",
    "provisional": "provisional",
    "voorlopig": "provisional",
    "estimated": "estimated",
    "geschat": "estimated",
    "break": "break",
    "breuk": "break",
    "reeksbreuk": "break",
}


def test_every_flag_word_of_the_vocabulary_is_read_as_its_flag_and_none_was_lost():
    vocabulary = {
        word: flag
        for flag, languages in FLAG_WORDS.items()
        for words in languages.values()
        for word in words
    }
    assert {"": "none", **vocabulary} == FLAG_OF_WORD
    assert FLAG_WORDS_BEFORE.items() <= FLAG_OF_WORD.items()


def test_each_flag_word_in_any_case_lands_as_its_stored_flag(db):
    words = sorted(FLAG_WORDS_BEFORE)
    rows = [
        ("IND-0301", "NL", f"{2016 + i // 4}Q{i % 4 + 1}", "1", word.upper(), "")
        for i, word in enumerate(words)
    ]
    result = _import(db, csv_bytes(rows), dry_run=True)
    assert result.accepted, result.problems
    assert [change.flag for change in result.changes] == [FLAG_WORDS_BEFORE[w] for w in words]


def test_the_running_quarter_may_be_reported_but_not_the_next(structure_db):
    ok = _import(structure_db, csv_bytes([("IND-0301", "NL", "2026Q4", "1", "provisional", "")]))
    assert ok.accepted
    late = _import(structure_db, csv_bytes([("IND-0301", "NL", "2027Q1", "1", "", "")]))
    assert [(p.code, p.parameters["latest"]) for p in late.problems] == [
        ("period_in_future", "2026Q4")
    ]


@pytest.mark.parametrize("layout", ["first_sheet", "sheet_named_data"])
def test_a_good_xlsx_is_accepted_with_numbers_and_text_cells(structure_db, layout):
    rows = [
        ("IND-0301", "NL", "2025Q3", 41.5, None, None),
        ("IND-0502", "CW", "2025Q3", "12,25", "voorlopig", "Curaçao: eerste schatting"),
        ("IND-0103", "KINGDOM", "2025Q3", 80, None, None),
    ]
    before = ("Toelichting", "Lijsten") if layout == "sheet_named_data" else ()
    data = xlsx_bytes(rows, header=NL_HEADER, before=before)
    result = _import(structure_db, data, name="kwartaal.xlsx")
    assert result.accepted, result.problems
    _assert_good_rows_stored(structure_db)


def test_xlsx_problems_are_reported_by_spreadsheet_row_and_column(structure_db):
    rows = [("IND-0301", "NL", "2025Q3", 41.5), None, ("IND-0301", "NL", "2025Q2", 140)]
    data = xlsx_bytes(
        [r or () for r in rows], header=("indicator_id", "part_id", "period", "value")
    )
    result = _import(structure_db, data, name="x.xlsx")
    assert [(p.code, p.row, p.letter, p.value) for p in result.problems] == [
        ("value_out_of_range", 4, "D", "140")
    ]


def test_unfilled_rows_are_skipped_and_other_columns_ignored(structure_db):
    data = csv_bytes(
        [
            ("IND-0301", "NL", "2025Q3", "", "", "", "hint"),
            ("IND-0301", "NL", "2025Q2", "7", "", "", ""),
        ],
        header=(*NL_HEADER, "vorige waarde (info)"),
    )
    result = _import(structure_db, data)
    assert result.accepted, result.problems
    assert (result.rows_read, result.rows_skipped, result.counts["new"]) == (2, 1, 1)
    assert set(current_values(structure_db)) == {("IND-0301", "NL", "2025Q2")}


def test_an_accepted_import_is_logged_with_counts_and_checksum(structure_db):
    data = csv_bytes(GOOD_ROWS)
    result = _import(structure_db, data, name="C:\\Users\\me\\q3.csv")
    import hashlib

    assert imports(structure_db) == [
        (result.import_id, "tester", "q3.csv", hashlib.sha256(data).hexdigest(), 3, 0, "accepted")
    ]
    log = import_log(open_reader(structure_db))
    assert log.loc[0, ["new", "changed", "unchanged", "problems"]].tolist() == [3, 0, 0, 0]


# --- dry run and revisions --------------------------------------------------------------------


def test_a_dry_run_reports_new_changed_and_unchanged_and_writes_nothing(db):
    rows = [GOOD_ROWS[0], ("IND-0502", "CW", "2025Q3", "13", "", ""), OK]
    version = data_version(db)
    result = _import(db, csv_bytes(rows), dry_run=True)
    assert result.accepted and result.dry_run and result.import_id is None
    assert [(c.kind, c.old_value, c.value) for c in result.changes] == [
        ("unchanged", 41.5, 41.5),
        ("changed", 12.25, 13.0),
        ("new", None, 40.0),
    ]
    changed = result.of_kind("changed")[0]
    assert (changed.old_flag, changed.flag, changed.old_note, changed.note) == (
        "provisional",
        "none",
        "Curaçao: eerste schatting",
        None,
    )
    assert data_version(db) == version


def test_a_rejected_dry_run_writes_nothing_but_the_upload_preview_logs_it(db):
    bad = csv_bytes([("IND-9999", "NL", "2025Q3", "1", "", "")])
    version, log = data_version(db), imports(db)
    assert not _import(db, bad, dry_run=True).accepted
    assert data_version(db) == version
    previewed = preview_file(
        bad, file_name="bad.csv", db_path=db, actor=Actor.local("web"), clock=CLOCK
    )
    assert previewed.import_id is None and not previewed.dry_run  # in the attempt journal
    assert data_version(db) == version
    assert imports(db) == [*log, (None, "web", "bad.csv", previewed.sha256, 0, 1, "rejected")]


def test_reimporting_the_same_file_is_a_no_op(db):
    before = observations(db)
    result = _import(db, csv_bytes(GOOD_ROWS))
    assert result.accepted
    assert result.counts == {"new": 0, "changed": 0, "unchanged": 3}
    assert result.recorded_at is None
    assert observations(db) == before


def test_a_changed_value_adds_one_version_and_the_earlier_vintage_keeps_the_old(db):
    before = observations(db)
    later = CLOCK + timedelta(hours=1)
    rows = [("IND-0301", "NL", "2025Q3", "42", "", ""), *GOOD_ROWS[1:]]
    result = _import(db, csv_bytes(rows), name="fix.csv", clock=later)
    assert result.counts == {"new": 0, "changed": 1, "unchanged": 2}
    after = observations(db)
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    assert after[-1][1:9] == (
        "IND-0301",
        "NL",
        "2025Q3",
        42.0,
        "none",
        None,
        later,
        result.import_id,
    )
    con = open_reader(db)
    old = observations_at_vintage(con, vintage=later - timedelta(seconds=1))
    new = observations_at_vintage(con, vintage=later)
    con.close()
    key = (old["indicator_id"] == "IND-0301") & (old["part_id"] == "NL")
    assert old.loc[key, "value"].tolist() == [41.5]
    key = (new["indicator_id"] == "IND-0301") & (new["part_id"] == "NL")
    assert new.loc[key, "value"].tolist() == [42.0]


def test_a_flag_or_note_change_alone_is_a_new_version(db):
    rows = [("IND-0301", "NL", "2025Q3", "41.5", "estimated", ""), *GOOD_ROWS[1:]]
    result = _import(db, csv_bytes(rows))
    assert result.counts == {"new": 0, "changed": 1, "unchanged": 2}
    assert current_values(db)[("IND-0301", "NL", "2025Q3")] == (41.5, "estimated", None)


def test_two_imports_in_the_same_second_get_strictly_later_versions(db):
    for value in ("50", "51", "52"):
        result = _import(db, csv_bytes([("IND-0301", "NL", "2025Q3", value, "", "")]))
        assert result.accepted
    con = open_reader(db)
    stamps = [
        row[0]
        for row in con.execute(
            "SELECT recorded_at FROM observations WHERE indicator_id = 'IND-0301' AND part_id = 'NL'"
            " AND period = '2025Q3' ORDER BY observation_id"
        ).fetchall()
    ]
    con.close()
    assert len(stamps) == 4
    assert stamps == sorted(set(stamps))
    assert current_values(db)[("IND-0301", "NL", "2025Q3")][0] == 52.0


def test_a_clock_behind_the_data_still_gives_a_later_version(db):
    earlier = CLOCK - timedelta(days=3)
    result = _import(db, csv_bytes([("IND-0301", "NL", "2025Q3", "60", "", "")]), clock=earlier)
    assert result.recorded_at == CLOCK + timedelta(microseconds=1)
    assert current_values(db)[("IND-0301", "NL", "2025Q3")][0] == 60.0


def test_an_import_into_the_demo_data_revises_it_and_keeps_the_demo_history(demo_db, tmp_path):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    before = observations(db)
    value = current_values(db)[("IND-0301", "NL", "2025Q3")][0]
    rows = [("IND-0301", "NL", "2025Q3", str(value + 1), "", "")]
    result = _import(db, csv_bytes(rows))
    assert result.counts["changed"] == 1
    assert observations(db)[: len(before)] == before
    assert current_values(db)[("IND-0301", "NL", "2025Q3")][0] == value + 1


def test_a_missing_file_raises_oserror_for_the_caller(structure_db, tmp_path):
    with pytest.raises(OSError):
        import_file(
            tmp_path / "nope.csv", db_path=structure_db, actor=Actor.local("t"), clock=CLOCK
        )
