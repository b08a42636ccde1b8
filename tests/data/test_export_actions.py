"""The actions and duiding exports (``--what actions`` / ``narrative``): columns, order, scope,
language, vintage, CSV injection, line breaks, Parquet (data/export.py, data/export_actions.py).

Run against a hand-made database (tests/action_export_data.py) with a report revised later, so
the vintage matters.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data import export as ex
from data.actions import action_states, narratives
from data.dialects import DIALECT_NAMES, UTF8_BOM, neutralise
from data.sql import rows
from data.store import open_reader
from tests.action_export_data import (
    ACTIONS_AT,
    MULTILINE,
    QUARTER,
    build_action_export_db,
    revise_actions,
)
from ui.labels import export_status_labels, untranslated_mark

README = Path(__file__).parents[2] / "README.md"
WHATS = ("actions", "narrative")
COLUMNS = {"actions": ex.ACTION_COLUMNS, "narrative": ex.NARRATIVE_COLUMNS}
FORMATS = [("csv", "standard"), ("csv", "excel-nl"), ("parquet", "standard")]


@pytest.fixture
def action_db(structure_db: Path) -> Path:
    return build_action_export_db(structure_db)


@pytest.fixture
def reader(action_db: Path):
    con = open_reader(action_db)
    yield con
    con.close()


def _request(what: str = "actions", lang: str = "nl", **options) -> ex.ExportRequest:
    """A request as the Export page and the CLI make it: labels and mark in ``lang``."""
    return ex.ExportRequest(
        quarter=options.pop("quarter", QUARTER),
        what=what,
        lang=lang,
        status_labels=export_status_labels(what, lang),
        untranslated=untranslated_mark(lang),
        **options,
    )


def _read(data: bytes, dialect: str = "standard") -> list[dict[str, str]]:
    if dialect == "excel-nl":
        assert data.startswith(UTF8_BOM)
        text, delimiter = data[len(UTF8_BOM) :].decode("utf-8"), ";"
    else:
        assert not data.startswith(UTF8_BOM)
        text, delimiter = data.decode("utf-8"), ","
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def _export_rows(con, what: str = "actions", dialect: str = "standard", **options):
    return _read(ex.export(con, _request(what, dialect=dialect, **options)), dialect)


def _by_key(rows: list[dict[str, str]], *key: str) -> dict[tuple[str, ...], dict[str, str]]:
    return {tuple(row[column] for column in key): row for row in rows}


def _actions(rows: list[dict[str, str]]) -> dict[tuple[str, ...], dict[str, str]]:
    return _by_key(rows, "priority_id", "part_id")


def _duiding(rows: list[dict[str, str]]) -> dict[tuple[str, ...], dict[str, str]]:
    return _by_key(rows, "action_line_id", "part_id")


# --- columns and rows ---------------------------------------------------------------------------


@pytest.mark.parametrize("what", WHATS)
@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_the_header_is_the_documented_column_list(reader, what, dialect):
    data = ex.export(reader, _request(what, dialect=dialect))
    header = _read(data, dialect)[0]
    assert list(header) == list(COLUMNS[what])


def test_the_columns_are_exactly_those_the_issue_asks_for():
    assert ex.ACTION_COLUMNS == (
        "quarter",
        "vintage",
        "objective_id",
        "action_line_id",
        "priority_id",
        "letter",
        "priority_text",
        "part_id",
        "part_name",
        "status",
        "status_label",
        "expected_completion",
        "responsible",
        "narrative",
        "reported_period",
        "recorded_at",
        "stale",
    )
    assert ex.NARRATIVE_COLUMNS == (
        "quarter",
        "vintage",
        "objective_id",
        "action_line_id",
        "action_line_name",
        "part_id",
        "part_name",
        "period",
        "text",
        "recorded_at",
    )


@pytest.mark.parametrize(("what", "heading"), [("actions", "actions"), ("narrative", "duiding")])
def test_the_readme_documents_every_column_in_order(what, heading):
    readme = README.read_text(encoding="utf-8")
    section = readme.split(f"### The {heading} export")[1].split("\n### ")[0]
    table = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    assert [line.split("|")[2].strip().strip("`") for line in table] == list(COLUMNS[what])
    for number, line in enumerate(table, start=1):
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        assert cells[0] == str(number) and cells[2] and cells[3], line


def test_one_row_per_action_of_the_quarter_with_its_state(reader):
    states = action_states(reader, quarter=QUARTER, vintage=ACTIONS_AT)
    exported = _export_rows(reader)
    assert [(row["priority_id"], row["part_id"]) for row in exported] == list(
        zip(states["priority_id"], states["part_id"], strict=True)
    )
    for row, (_, state) in zip(exported, states.iterrows(), strict=True):
        assert row["status"] == state["status"]
        assert row["stale"] == ("true" if state["stale"] else "false")
        assert row["reported_period"] == (state["reported_period"] or "")
        assert row["expected_completion"] == (state["expected_completion"] or "")
        assert (row["quarter"], row["vintage"]) == (QUARTER, "2026-01-20T10:00:00")


def test_the_actions_are_in_strategy_order_then_kingdom_order(reader):
    objective = dict(rows(reader, "SELECT objective_id, sort_order FROM objectives"))
    line = dict(rows(reader, "SELECT action_line_id, sort_order FROM action_lines"))
    part = dict(rows(reader, "SELECT part_id, sort_order FROM kingdom_parts"))
    exported = _export_rows(reader)

    def key(row: dict[str, str]) -> tuple:
        return (
            objective[row["objective_id"]],
            line[row["action_line_id"]],
            row["letter"],
            part[row["part_id"]],
        )

    assert [key(row) for row in exported] == sorted(key(row) for row in exported)
    assert len({(row["priority_id"], row["part_id"]) for row in exported}) == len(exported)
    # Every one of the 84 priorities has at least the action its reporter owes.
    assert len({row["priority_id"] for row in exported}) == 84


def test_the_reported_fields_carry_over_from_the_report_the_status_comes_from(reader):
    actions = _actions(_export_rows(reader))
    defence = actions[("AL01-A", "KINGDOM")]
    assert defence["status"] == "on_schedule"
    assert defence["status_label"] == "Op schema"
    assert defence["expected_completion"] == "2026Q4"
    assert defence["responsible"] == "Ministerie van Defensie"
    assert defence["narrative"] == "Loopt volgens plan."
    assert defence["reported_period"] == "2025Q2"
    assert defence["recorded_at"] == "2026-01-20T10:00:00"
    assert defence["stale"] == "false"
    assert defence["letter"] == "A" and defence["objective_id"] == "O1"
    assert defence["part_name"] == "Koninkrijk der Nederlanden"
    assert defence["priority_text"].startswith("Structureel investeren in de NAVO")

    curacao = actions[("AL03-J", "CW")]
    assert (curacao["status"], curacao["reported_period"], curacao["stale"]) == (
        "delayed",
        "2025Q1",
        "true",
    )
    # An island that does not owe a report, but sent one, is an action from then on.
    assert actions[("AL03-J", "BQ-BO")]["status"] == "completed"
    assert actions[("AL03-J", "BQ-BO")]["narrative"] == ""
    # Owed and never reported.
    never = actions[("AL03-J", "SX")]
    assert (never["status"], never["status_label"], never["stale"]) == (
        "not_reported",
        "Geen rapportage",
        "true",
    )
    assert never["reported_period"] == never["recorded_at"] == never["narrative"] == ""
    # A report for a later quarter does not count yet.
    assert actions[("AL03-A", "EUR_NL")]["status"] == "not_reported"


def test_without_labels_the_label_is_the_status_name(reader):
    data = ex.export(reader, ex.ExportRequest(quarter=QUARTER, what="actions"))
    assert all(row["status_label"] == row["status"] for row in _read(data))


def test_indicator_labels_for_the_actions_export_are_refused(reader):
    request = ex.ExportRequest(
        quarter=QUARTER, what="actions", status_labels=export_status_labels("assessment", "nl")
    )
    with pytest.raises(ValueError, match="no label for"):
        ex.export(reader, request)


def test_the_duiding_is_the_latest_per_action_line_and_part_up_to_the_quarter(reader):
    latest = narratives(reader, quarter=QUARTER, vintage=ACTIONS_AT)
    exported = _export_rows(reader, "narrative")
    assert sorted(_duiding(exported)) == sorted(
        zip(latest["action_line_id"], latest["part_id"], strict=True)
    )
    kingdom = _duiding(exported)[("AL01", "KINGDOM")]
    assert kingdom["period"] == "2025Q2"
    assert kingdom["text"] == "Partnerschappen liggen op koers."
    assert kingdom["action_line_name"].startswith("Investeren in internationale partnerschappen")
    assert (kingdom["objective_id"], kingdom["recorded_at"]) == ("O1", "2026-01-20T10:00:00")
    # The CAR_C duiding is for 2025Q4: not in 2025Q3's file, in 2025Q4's.
    assert ("AL03", "CAR_C") not in _duiding(exported)
    later = _duiding(_export_rows(reader, "narrative", quarter="2025Q4"))
    assert later[("AL03", "CAR_C")]["period"] == "2025Q4"


# --- language ------------------------------------------------------------------------------------


def test_in_english_the_names_labels_and_narratives_follow_the_rule(reader):
    actions = _actions(_export_rows(reader, lang="en"))
    defence = actions[("AL01-A", "KINGDOM")]
    assert defence["narrative"] == "Running as planned."
    assert defence["status_label"] == "On schedule"
    assert defence["part_name"] == "Kingdom of the Netherlands"
    assert defence["priority_text"].startswith("Invest systematically in NATO")
    mark = untranslated_mark("en")
    assert actions[("AL03-J", "AW")]["narrative"] == f"'=SUM(A1) blijft tekst {mark}"
    assert actions[("AL03-J", "CW")]["narrative"] == "First\nsecond"

    duiding = _duiding(_export_rows(reader, "narrative", lang="en"))
    assert duiding[("AL01", "KINGDOM")]["text"] == "Partnerships on course."
    assert duiding[("AL03", "AW")]["text"] == f"'-5% minder meldingen\nsinds vorig jaar {mark}"
    assert duiding[("AL03", "AW")]["action_line_name"].startswith("Increase the resilience")


# --- CSV injection and line breaks ---------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_formula_looking_free_text_is_neutralised_in_both_dialects(reader, dialect):
    aruba = _actions(_export_rows(reader, dialect=dialect))[("AL03-J", "AW")]
    assert aruba["narrative"] == "'=SUM(A1) blijft tekst"
    assert aruba["responsible"] == "'@Justitie Aruba"
    duiding = _duiding(_export_rows(reader, "narrative", dialect=dialect))
    assert duiding[("AL03", "AW")]["text"] == "'-5% minder meldingen\nsinds vorig jaar"


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_a_line_break_quotes_and_separators_in_a_narrative_read_back_exactly(reader, dialect):
    data = ex.export(reader, _request(dialect=dialect))
    assert _actions(_read(data, dialect))[("AL03-J", "CW")]["narrative"] == MULTILINE
    # One record per action: the line break is inside a quoted field, not a new row.
    assert len(_read(data, dialect)) == len(action_states(reader, quarter=QUARTER))


# --- scope ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("what", WHATS)
def test_a_part_brings_the_units_under_it(reader, what):
    everything = _export_rows(reader, what)
    caribbean = _export_rows(reader, what, parts=["CAR_C"])
    under = {"CAR_C", "AW", "CW", "SX"}
    assert caribbean == [row for row in everything if row["part_id"] in under]
    assert caribbean


@pytest.mark.parametrize("what", WHATS)
def test_action_lines_select_their_rows(reader, what):
    everything = _export_rows(reader, what)
    chosen = _export_rows(reader, what, action_lines=["AL03", "AL01"])
    assert chosen == [row for row in everything if row["action_line_id"] in {"AL01", "AL03"}]
    assert {row["action_line_id"] for row in chosen} == {"AL01", "AL03"}


@pytest.mark.parametrize("what", WHATS)
def test_an_empty_selection_is_the_header_only(reader, what):
    data = ex.export(reader, _request(what, parts=["BQ-SE"], action_lines=["AL01"]))
    assert data.decode("utf-8") == ",".join(COLUMNS[what]) + "\n"


def test_unknown_parts_are_refused_for_these_kinds_too(reader):
    with pytest.raises(ex.ExportError, match="unknown part ATLANTIS"):
        ex.export(reader, _request("narrative", parts=["ATLANTIS"]))


# --- vintage -------------------------------------------------------------------------------------


def _all_files(con: duckdb.DuckDBPyConnection, **options) -> dict[tuple[str, ...], bytes]:
    return {
        (what, fmt, dialect, lang): ex.export(
            con, _request(what, lang, fmt=fmt, dialect=dialect, **options)
        )
        for what in WHATS
        for fmt, dialect in FORMATS
        for lang in ("nl", "en")
    }


def test_the_same_vintage_gives_the_same_bytes_also_after_a_later_import(action_db):
    con = open_reader(action_db)
    try:
        first = _all_files(con)
        assert _all_files(con) == first
    finally:
        con.close()

    revise_actions(action_db)
    con = open_reader(action_db)
    try:
        assert _all_files(con, vintage=ACTIONS_AT) == first
        now = _all_files(con)
    finally:
        con.close()
    assert all(now[key] != first[key] for key in first)


def test_a_revised_report_shows_at_the_later_vintage_only(action_db):
    revise_actions(action_db)
    con = open_reader(action_db)
    try:
        before = _actions(_export_rows(con, vintage=ACTIONS_AT))[("AL01-A", "KINGDOM")]
        after = _actions(_export_rows(con))[("AL01-A", "KINGDOM")]
        duiding_before = _duiding(_export_rows(con, "narrative", vintage=ACTIONS_AT))
        duiding_after = _duiding(_export_rows(con, "narrative"))
    finally:
        con.close()
    assert (before["status"], before["expected_completion"], before["vintage"]) == (
        "on_schedule",
        "2026Q4",
        "2026-01-20T10:00:00",
    )
    assert (after["status"], after["status_label"], after["expected_completion"]) == (
        "delayed",
        "Vertraagd",
        "2027Q2",
    )
    assert after["narrative"] == "Vertraagd door late levering."
    assert after["recorded_at"] == after["vintage"] == "2026-02-01T12:30:00.250000"
    assert after["reported_period"] == before["reported_period"] == "2025Q2"

    assert duiding_before[("AL01", "KINGDOM")]["period"] == "2025Q2"
    kingdom = duiding_after[("AL01", "KINGDOM")]
    assert (kingdom["period"], kingdom["text"]) == ("2025Q3", "'+ Nieuwe duiding na herziening.")


def test_a_vintage_before_the_actions_shows_none_reported(reader):
    earlier = datetime(2026, 1, 16)
    exported = _export_rows(reader, vintage=earlier)
    assert {row["status"] for row in exported} == {"not_reported"}
    assert _export_rows(reader, "narrative", vintage=earlier) == []


def test_write_export_counts_the_rows_and_says_the_vintage(reader, tmp_path):
    target = tmp_path / "acties.csv"
    result = ex.write_export(reader, target, _request())
    assert result.vintage == ACTIONS_AT
    assert result.rows == len(_read(target.read_bytes()))
    assert result.rows == len(action_states(reader, quarter=QUARTER))


# --- Parquet and preview -------------------------------------------------------------------------


def _as_csv_text(value: object) -> str:
    """A Parquet cell as the standard CSV writes it."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return neutralise(str(value))


@pytest.mark.parametrize("what", WHATS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_parquet_holds_the_same_rows_typed_and_without_apostrophes(reader, tmp_path, what, lang):
    target = tmp_path / f"{what}.parquet"
    target.write_bytes(ex.export(reader, _request(what, lang, fmt="parquet")))
    check = duckdb.connect()
    try:
        cursor = check.execute(f"SELECT * FROM read_parquet('{target}')")
        names = [column[0] for column in cursor.description]
        parquet_rows = cursor.fetchall()
        types = dict(check.execute(f"SELECT name, type FROM parquet_schema('{target}')").fetchall())
    finally:
        check.close()
    assert names == list(COLUMNS[what])
    csv_rows = _export_rows(reader, what, lang=lang)
    assert [[_as_csv_text(cell) for cell in row] for row in parquet_rows] == [
        list(row.values()) for row in csv_rows
    ]
    assert types["recorded_at"] == "INT64" and types["vintage"] == "INT64"
    if what == "actions":
        assert types["stale"] == "BOOLEAN"
        aruba = next(row for row in parquet_rows if row[4:8:3] == ("AL03-J", "AW"))
        assert aruba[names.index("responsible")] == "@Justitie Aruba"
        assert aruba[names.index("narrative")].startswith("=SUM(A1) blijft tekst")


@pytest.mark.parametrize("what", WHATS)
def test_the_preview_is_the_first_rows_of_the_file(reader, what):
    request = _request(what, dialect="excel-nl")
    shown = ex.preview(reader, request, limit=3)
    assert list(shown.columns) == list(COLUMNS[what])
    file_rows = _read(ex.export(reader, request), "excel-nl")[:3]
    assert shown.fillna("").to_dict("records") == file_rows


def test_file_names_follow_the_kind_and_dialect():
    assert _request(dialect="excel-nl").file_name == "acties_2025Q3_excel-nl.csv"
    assert _request("narrative").file_name == "duiding_2025Q3_standard.csv"
    assert _request("actions", fmt="parquet").file_name == "acties_2025Q3.parquet"
    assert _request("narrative", "en", fmt="parquet").file_name == "narrative_2025Q3.parquet"
