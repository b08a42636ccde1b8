"""The quarterly export: column contract, dialects, CSV injection, vintage, scope (data/export.py).

These tests run the observations export against a small database built here, so they need
neither the demo data nor the engine; the assessment export is tested in test_export_assessment.
"""

from __future__ import annotations

import csv
import io
import math
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import export as ex
from data.access_rules import Actor
from data.dialects import DIALECT_NAMES, UTF8_BOM
from data.schema import ensure_schema
from data.seed import load_seed_catalogue, load_structure
from data.store import open_reader, writer
from tests.conftest import CATALOGUE_AT, scaled_examples
from tests.export_data import (
    CORRECTION,
    CORRECTION_ID,
    FIRST_IMPORT,
    FIRST_IMPORT_ID,
    ROWS,
    build_export_db,
    record,
    rename_indicator,
)


@pytest.fixture
def export_db(structure_db: Path) -> Path:
    return build_export_db(structure_db)


@pytest.fixture
def reader(export_db: Path):
    con = open_reader(export_db)
    yield con
    con.close()


def _observations(con, **options) -> bytes:
    return ex.export(con, ex.ExportRequest(quarter="2025Q3", what="observations", **options))


def _read(data: bytes, dialect: str) -> list[dict[str, str]]:
    if dialect == "excel-nl":
        assert data.startswith(UTF8_BOM)
        text = data[len(UTF8_BOM) :].decode("utf-8")
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    text = data.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=","))


def _number(cell: str, dialect: str) -> float | None:
    if cell == "":
        return None
    return float(cell.replace(",", ".") if dialect == "excel-nl" else cell)


def test_the_header_is_the_documented_column_list(reader):
    for dialect in DIALECT_NAMES:
        rows = _read(_observations(reader, dialect=dialect), dialect)
        assert list(rows[0]) == list(ex.OBSERVATION_COLUMNS)


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_each_dialect_reads_back_with_the_same_numbers_as_the_database(reader, dialect):
    rows = _read(_observations(reader, dialect=dialect), dialect)
    expected = {
        (indicator, part, period): value
        for indicator, part, period, value, _, _ in ROWS
        if period <= "2025Q3"
    }
    read_back = {
        (row["indicator_id"], row["part_id"], row["period"]): _number(row["value"], dialect)
        for row in rows
    }
    # Exactly equal, not approximately: the text is the shortest exact round trip.
    assert read_back == expected


def test_pandas_reads_excel_nl_with_its_dutch_settings(reader):
    data = _observations(reader, dialect="excel-nl")
    frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(frame.columns) == list(ex.OBSERVATION_COLUMNS)
    assert frame["value"].dtype == "float64"
    assert -0.125 in set(frame["value"])


def test_excel_nl_starts_with_a_bom_and_uses_semicolons_and_decimal_commas(reader):
    data = _observations(reader, dialect="excel-nl")
    assert data.startswith(b"\xef\xbb\xbfquarter;vintage;")
    text = data.decode("utf-8-sig")
    assert ";1,62;" in text
    assert ";-0,125;" in text
    assert ";0,3333333333333333;" in text
    assert "1.62" not in text


def test_standard_has_no_bom_commas_and_decimal_points(reader):
    data = _observations(reader, dialect="standard")
    assert data.startswith(b"quarter,vintage,")
    assert b",1.62," in data
    assert b",1e-05," in data


def test_text_starting_with_a_formula_character_is_neutralised_and_numbers_are_not(reader):
    rows = {
        (row["indicator_id"], row["part_id"]): row
        for row in _read(_observations(reader), "standard")
    }
    assert rows[("IND-0102", "NL")]["note"] == '\'=HYPERLINK("http://x")'
    assert rows[("IND-0201", "NL")]["note"] == "'+1 vs. Q4"
    assert rows[("IND-0201", "AW")]["note"] == "'-2 since last year"
    assert rows[("IND-0201", "CW")]["note"] == "'@SUM(A1)"
    assert rows[("IND-0201", "BQ-SA")]["note"] == "'\tindented; with, separators"
    # A negative number stays a number.
    assert rows[("IND-0201", "AW")]["value"] == "-0.125"
    assert rows[("IND-0101", "KINGDOM")]["note"] in {"first estimate", ""}


def test_a_name_starting_with_equals_is_neutralised(export_db):
    with writer(export_db) as con:
        rename_indicator(con, "IND-0102", "=cmd|calc", at=CORRECTION)
    con = open_reader(export_db)
    try:
        rows = _read(_observations(con), "standard")
    finally:
        con.close()
    names = {row["indicator_id"]: row["indicator_name"] for row in rows}
    assert names["IND-0102"] == "'=cmd|calc"


def test_missing_text_is_an_empty_cell_and_timestamps_are_iso(reader):
    rows = _read(_observations(reader), "standard")
    first = rows[0]
    assert (first["indicator_id"], first["period"], first["note"]) == ("IND-0101", "2024Q4", "")
    assert first["recorded_at"] == "2026-01-15T09:00:00"
    assert first["vintage"] == "2026-01-15T09:00:00"
    assert first["import_id"] == str(FIRST_IMPORT_ID)


def test_rows_follow_objective_action_line_indicator_then_the_kingdom_hierarchy(reader):
    rows = _read(_observations(reader), "standard")
    keys = [(row["indicator_id"], row["part_id"], row["period"]) for row in rows]
    assert keys == [
        ("IND-0101", "KINGDOM", "2024Q4"),
        ("IND-0101", "KINGDOM", "2025Q1"),
        ("IND-0102", "NL", "2025Q2"),
        ("IND-0201", "NL", "2025Q1"),
        ("IND-0201", "AW", "2025Q1"),
        ("IND-0201", "CW", "2025Q1"),
        ("IND-0201", "BQ-SA", "2025Q3"),
    ]


def test_the_same_export_twice_gives_identical_bytes(reader):
    for fmt in ex.FORMATS:
        for dialect in DIALECT_NAMES:
            first = _observations(reader, dialect=dialect, fmt=fmt)
            assert _observations(reader, dialect=dialect, fmt=fmt) == first


def test_a_correction_leaves_the_old_vintage_byte_for_byte_and_changes_only_its_rows(export_db):
    con = open_reader(export_db)
    try:
        before = _observations(con, dialect="excel-nl")
        before_parquet = _observations(con, fmt="parquet")
    finally:
        con.close()

    with writer(export_db) as con:
        record(
            con, CORRECTION_ID, CORRECTION, [("IND-0201", "AW", "2025Q1", -0.5, "none", "revised")]
        )

    con = open_reader(export_db)
    try:
        at_old_vintage = _observations(con, dialect="excel-nl", vintage=FIRST_IMPORT)
        parquet_at_old_vintage = _observations(con, fmt="parquet", vintage=FIRST_IMPORT)
        after = _observations(con, dialect="excel-nl")
    finally:
        con.close()

    assert at_old_vintage == before
    assert parquet_at_old_vintage == before_parquet

    old_rows, new_rows = _read(before, "excel-nl"), _read(after, "excel-nl")
    # The default vintage moves to the correction, in every row; apart from that only the
    # corrected row differs.
    assert {row["vintage"] for row in new_rows} == {"2026-02-01T12:30:00.250000"}
    assert len(old_rows) == len(new_rows)
    changed = [
        (old, new)
        for old, new in zip(old_rows, new_rows, strict=True)
        if {k: v for k, v in old.items() if k != "vintage"}
        != {k: v for k, v in new.items() if k != "vintage"}
    ]
    assert len(changed) == 1
    old, new = changed[0]
    assert (new["indicator_id"], new["part_id"], new["period"]) == ("IND-0201", "AW", "2025Q1")
    assert (old["value"], new["value"]) == ("-0,125", "-0,5")
    assert (new["note"], new["recorded_at"], new["import_id"]) == (
        "revised",
        "2026-02-01T12:30:00.250000",
        str(CORRECTION_ID),
    )


def _scope(con, **options) -> list[tuple[str, str]]:
    rows = _read(_observations(con, **options), "standard")
    return sorted({(row["indicator_id"], row["part_id"]) for row in rows})


def test_a_part_brings_its_entities_and_itself(reader):
    assert _scope(reader, parts=["CAR_C"]) == [("IND-0201", "AW"), ("IND-0201", "CW")]
    assert _scope(reader, parts=["EUR_NL"]) == [("IND-0102", "NL"), ("IND-0201", "NL")]
    assert _scope(reader, parts=["KINGDOM"]) == _scope(reader)


def test_an_entity_brings_only_itself(reader):
    assert _scope(reader, parts=["AW"]) == [("IND-0201", "AW")]
    assert _scope(reader, parts=["AW", "NL"]) == [
        ("IND-0102", "NL"),
        ("IND-0201", "AW"),
        ("IND-0201", "NL"),
    ]


def test_action_lines_filter_and_combine_with_parts(reader):
    assert _scope(reader, action_lines=["AL02"]) == [
        ("IND-0201", "AW"),
        ("IND-0201", "BQ-SA"),
        ("IND-0201", "CW"),
        ("IND-0201", "NL"),
    ]
    assert _scope(reader, action_lines=["AL01"], parts=["CAR_NL"]) == []


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_an_empty_scope_gives_the_header_only(reader, dialect):
    data = _observations(reader, parts=["BQ-SE"], dialect=dialect)
    bom = UTF8_BOM if dialect == "excel-nl" else b""
    delimiter = "," if dialect == "standard" else ";"
    assert data == bom + (delimiter.join(ex.OBSERVATION_COLUMNS) + "\n").encode()


def test_a_quarter_before_all_data_gives_the_header_only(reader):
    data = ex.export(reader, ex.ExportRequest(quarter="2020Q1", what="observations"))
    assert data == (",".join(ex.OBSERVATION_COLUMNS) + "\n").encode()


def test_a_database_without_observations_exports_the_header_with_no_vintage(structure_db):
    con = open_reader(structure_db)
    try:
        data = ex.export(con, ex.ExportRequest(quarter="2025Q3", what="observations"))
    finally:
        con.close()
    assert data == (",".join(ex.OBSERVATION_COLUMNS) + "\n").encode()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"quarter": "2025Q5"}, "quarter: period '2025Q5' is not a quarter like 2025Q3"),
        ({"parts": ["ATLANTIS"]}, "unknown part ATLANTIS; known parts: KINGDOM, EUR_NL"),
        ({"action_lines": ["AL99"]}, "unknown action line AL99; known action lines: AL01"),
        ({"dialect": "excel"}, "dialect 'excel' is not one of standard, excel-nl"),
        ({"lang": "fr"}, "language 'fr' is not one of nl, en"),
        ({"what": "everything"}, "what 'everything' is not one of assessment, observations"),
        ({"fmt": "xlsx"}, "format 'xlsx' is not one of csv, parquet"),
    ],
)
def test_bad_arguments_raise_an_export_error_naming_them(reader, options, message):
    arguments = {"quarter": "2025Q3", "what": "observations"} | options
    with pytest.raises(ex.ExportError) as raised:
        ex.export(reader, ex.ExportRequest(**arguments))
    assert message in str(raised.value)


def test_a_request_is_checked_and_normalised_when_made_without_a_database():
    request = ex.ExportRequest(quarter="2025-q3", parts=["AW", "NL"], action_lines={"AL02"})
    assert (request.quarter, request.parts, request.action_lines) == (
        "2025Q3",
        ("AW", "NL"),
        ("AL02",),
    )
    assert (request.what, request.fmt, request.dialect, request.lang) == (
        "assessment",
        "csv",
        "standard",
        "nl",
    )
    with pytest.raises(ex.ExportError, match="format 'xlsx' is not one of csv, parquet"):
        ex.ExportRequest(quarter="2025Q3", fmt="xlsx")


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-01-15T09:00:00", datetime(2026, 1, 15, 9)),
        ("2026-01-15", datetime(2026, 1, 15)),
        ("2026-01-15 10:00:00+01:00", datetime(2026, 1, 15, 9)),
        ("2026-02-01T12:30:00.250000", CORRECTION),
    ],
)
def test_parse_vintage_reads_iso_8601_as_naive_utc(text, moment):
    assert ex.parse_vintage(text) == moment


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "", "15-01-2026"])
def test_parse_vintage_refuses_what_is_not_iso_8601(text):
    with pytest.raises(ex.ExportError, match="is not an ISO-8601 moment"):
        ex.parse_vintage(text)


def test_the_vintage_column_reproduces_the_file_when_passed_back(export_db):
    with writer(export_db) as con:
        record(con, CORRECTION_ID, CORRECTION, [("IND-0201", "AW", "2025Q1", -0.5, "none", None)])
    con = open_reader(export_db)
    try:
        data = _observations(con)
        vintage = _read(data, "standard")[0]["vintage"]
        assert _observations(con, vintage=ex.parse_vintage(vintage)) == data
    finally:
        con.close()


def test_parquet_keeps_types_and_the_same_rows(reader, tmp_path):
    target = tmp_path / "obs.parquet"
    target.write_bytes(_observations(reader, fmt="parquet"))
    frame = pd.read_parquet(target)
    assert list(frame.columns) == list(ex.OBSERVATION_COLUMNS)
    assert frame["value"].tolist() == [row[3] for row in ROWS if row[2] <= "2025Q3"]
    assert frame["import_id"].tolist() == [FIRST_IMPORT_ID] * 7
    # Parquet is not a spreadsheet: no apostrophes.
    assert '=HYPERLINK("http://x")' in set(frame["note"])
    assert str(frame["recorded_at"].dtype).startswith("datetime64")


def test_write_export_replaces_the_target_atomically_and_leaves_nothing_on_failure(
    reader, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "export.csv"
    target.write_bytes(b"previous")
    with pytest.raises(ex.ExportError):
        ex.write_export(
            reader,
            target,
            ex.ExportRequest(quarter="2025Q3", parts=["ATLANTIS"], what="observations"),
        )

    def half_written(con, request, temporary: Path) -> int:
        temporary.write_bytes(b"quarter,vint")
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(ex, "_copy", half_written)
        with pytest.raises(OSError, match="disk full"):
            ex.write_export(reader, target, ex.ExportRequest(quarter="2025Q3", what="observations"))
    assert target.read_bytes() == b"previous"
    assert [path.name for path in out.iterdir()] == ["export.csv"]

    result = ex.write_export(
        reader, target, ex.ExportRequest(quarter="2025Q3", what="observations")
    )
    assert result.rows == 7
    assert result.vintage == FIRST_IMPORT
    assert target.read_bytes() == _observations(reader)
    assert [path.name for path in out.iterdir()] == ["export.csv"]


def test_preview_shows_the_first_rows_as_the_file_has_them(reader):
    frame = ex.preview(
        reader, ex.ExportRequest(quarter="2025Q3", what="observations", dialect="excel-nl"), limit=3
    )
    assert list(frame.columns) == list(ex.OBSERVATION_COLUMNS)
    assert len(frame) == 3
    assert frame["value"].tolist() == ["1,62", "1,9", "68,0"]


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"quarter": "2025Q3", "dialect": "excel-nl"}, "voortgang_2025Q3_excel-nl.csv"),
        ({"quarter": "2025-q3"}, "voortgang_2025Q3_standard.csv"),
        ({"quarter": "2025Q3", "what": "observations"}, "waarnemingen_2025Q3_standard.csv"),
        ({"quarter": "2025Q3", "fmt": "parquet"}, "voortgang_2025Q3.parquet"),
    ],
)
def test_file_names(options, name):
    assert ex.ExportRequest(**options).file_name == name


@pytest.fixture(scope="module")
def number_con():
    """One structure database for every example of the round trip (each cleans up after itself)."""
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    load_structure(con)
    load_seed_catalogue(con, at=CATALOGUE_AT)
    yield con
    con.close()


@settings(
    max_examples=scaled_examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    value=st.floats(allow_nan=False, allow_infinity=False),
    dialect=st.sampled_from(DIALECT_NAMES),
)
def test_every_finite_number_reads_back_exactly_in_both_dialects(number_con, value, dialect):
    con = number_con
    try:
        record(
            con, FIRST_IMPORT_ID, FIRST_IMPORT, [("IND-0201", "NL", "2025Q1", value, "none", None)]
        )
        rows = _read(
            ex.export(
                con, ex.ExportRequest(quarter="2025Q1", what="observations", dialect=dialect)
            ),
            dialect,
        )
    finally:
        con.execute("DELETE FROM observations")
        con.execute("DELETE FROM imports WHERE import_id = ?", [FIRST_IMPORT_ID])
    cell = rows[0]["value"]
    assert " " not in cell and "'" not in cell
    assert ("." not in cell) if dialect == "excel-nl" else ("," not in cell)
    read_back = _number(cell, dialect)
    assert read_back == value and math.copysign(1, read_back) == math.copysign(1, value)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_character_at_the_start_of_a_name_is_neutralised(export_db, start):
    with writer(export_db) as con:
        con.execute("UPDATE kingdom_parts SET name_nl = ? WHERE part_id = 'AW'", [f"{start}Aruba"])
    con = open_reader(export_db)
    try:
        rows = _read(_observations(con, parts=["AW"]), "standard")
    finally:
        con.close()
    assert rows[0]["part_name"] == f"'{start}Aruba"


@pytest.mark.parametrize("text", ["Aruba", "1 vs Q4", "", " =spaced", "'quoted", "Ωmega", "[x]"])
def test_text_that_does_not_start_with_a_formula_character_is_left_alone(export_db, text):
    with writer(export_db) as con:
        con.execute("UPDATE observations SET note = ? WHERE part_id = 'AW'", [text])
    con = open_reader(export_db)
    try:
        rows = _read(_observations(con, parts=["AW"]), "standard")
    finally:
        con.close()
    assert rows[0]["note"] == text


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_the_intake_reads_an_observations_export_back_as_unchanged(demo_db, tmp_path, dialect):
    from data.intake import import_file

    path = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, path)
    con = open_reader(path)
    try:
        data = ex.export(
            con, ex.ExportRequest(quarter="2026Q3", what="observations", dialect=dialect)
        )
    finally:
        con.close()
    result = import_file(
        data, db_path=path, actor=Actor.local("test"), clock=datetime(2026, 11, 29), dry_run=True
    )
    assert result.accepted, result.problems
    assert result.counts["new"] == result.counts["changed"] == 0
    assert result.counts["unchanged"] == len(data.splitlines()) - 1
