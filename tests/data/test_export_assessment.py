"""The assessment export on the demo data: the engine's figures, exactly, in both dialects."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from data import export as ex
from data.assessment import assess
from data.catalogue_store import insert_indicator_versions
from data.current_assessment import refresh_current_assessment
from data.dialects import DIALECT_NAMES, UTF8_BOM
from data.observations import last_change_at
from data.sql import cursor
from data.store import open_reader, writer
from metrics.constants import DERIVED_DECIMALS, FLAG_NAMES, METHOD_VERSION, STATUSES
from metrics.rounding import round_half_away
from tests.data.series_db import SeriesDB
from tests.export_data import build_export_db, record
from ui.i18n import t

QUARTER = "2026Q3"
NUMBER_COLUMNS = {
    "latest_value": "latest_value",
    "baseline_value": "baseline_value",
    "target_value": "target_value",
    "expected_value": "expected_value",
    "progress_share": "progress_share",
    "time_share": "time_share",
    "ratio": "ratio",
    "slope_per_year": "slope_per_year",
    "projected_value": "projected_value",
}


def _labels(lang: str) -> dict[str, str]:
    return {status: t(f"status.{status}", lang) for status in STATUSES}


def _export(con, lang: str = "nl", **options) -> bytes:
    return ex.export(
        con, ex.ExportRequest(quarter=QUARTER, lang=lang, status_labels=_labels(lang), **options)
    )


def _read(data: bytes, dialect: str) -> list[dict[str, str]]:
    if dialect == "excel-nl":
        assert data.startswith(UTF8_BOM)
        return list(
            csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
        )
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=","))


def _number(cell: str, dialect: str) -> float | None:
    if cell == "":
        return None
    return float(cell.replace(",", ".") if dialect == "excel-nl" else cell)


def _engine_number(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _engine_moment(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).isoformat()


def _engine_boolean(value) -> str:
    return "" if pd.isna(value) else ("true" if value else "false")


@pytest.fixture(scope="module")
def engine(demo_db: Path) -> pd.DataFrame:
    con = open_reader(demo_db)
    try:
        return assess(con, as_of=QUARTER)
    finally:
        con.close()


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_each_dialect_reads_back_with_the_engines_numbers(demo_con, engine, dialect):
    rows = _read(_export(demo_con, dialect=dialect), dialect)
    assert list(rows[0]) == list(ex.ASSESSMENT_COLUMNS)
    assert len(rows) == len(engine)
    expected = engine.set_index(["indicator_id", "part_id"])
    for row in rows:
        series = expected.loc[(row["indicator_id"], row["part_id"])]
        for column, engine_column in NUMBER_COLUMNS.items():
            # Exactly equal: the text is the shortest exact round trip of the engine's double.
            assert _number(row[column], dialect) == _engine_number(series[engine_column]), column
        assert row["status"] == series["status"]
        assert row["stale"] == _engine_boolean(series["stale"])
        assert row["projected_meets"] == _engine_boolean(series["projected_meets"])
        assert row["flag"] == (series["latest_flag"] if pd.notna(series["latest_flag"]) else "")
        assert row["quarter"] == QUARTER
        assert row["method_version"] == METHOD_VERSION == "2"
        assert row["method"] == series["method"]
        used = series["method_used"]
        assert row["method_used"] == (used if pd.notna(used) else "")
        assert row["flags"] == ";".join(name for name in FLAG_NAMES if series[name])
        assert row["target_changed_at"] == _engine_moment(series["target_changed_at"])


def test_pandas_reads_excel_nl_with_dutch_settings_into_the_engines_numbers(demo_con, engine):
    frame = pd.read_csv(
        io.BytesIO(_export(demo_con, dialect="excel-nl")),
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
        keep_default_na=False,
        na_values=[""],
    )
    merged = frame.merge(engine, on=["indicator_id", "part_id"], suffixes=("", "_engine"))
    assert len(merged) == len(engine)
    for column in ("ratio", "progress_share", "latest_value", "projected_value"):
        pd.testing.assert_series_equal(
            merged[column], merged[f"{column}_engine"].astype("float64"), check_names=False
        )


def test_excel_nl_has_a_bom_semicolons_and_decimal_commas(demo_con):
    data = _export(demo_con, dialect="excel-nl")
    assert data.startswith(b"\xef\xbb\xbfquarter;vintage;method_version;")
    first = data.decode("utf-8-sig").splitlines()[1].split(";")
    cells = dict(zip(ex.ASSESSMENT_COLUMNS, first, strict=True))
    assert "," in cells["time_share"] and "." not in cells["time_share"]


def test_a_negative_ratio_stays_a_number(demo_con, engine):
    assert (engine["ratio"] < 0).any(), "the demo has a series moving away"
    rows = _read(_export(demo_con), "standard")
    negative = [row["ratio"] for row in rows if row["ratio"].startswith("-")]
    assert negative and all(float(cell) < 0 for cell in negative)
    assert not any(row["ratio"].startswith("'") for row in rows)


def test_rows_follow_objective_action_line_indicator_then_the_kingdom_hierarchy(demo_con):
    rows = _read(_export(demo_con), "standard")
    cur = demo_con.cursor()
    try:
        part_order = dict(cur.execute("SELECT part_id, sort_order FROM kingdom_parts").fetchall())
        line_order = dict(
            cur.execute("SELECT action_line_id, sort_order FROM action_lines").fetchall()
        )
        objective_order = dict(
            cur.execute("SELECT objective_id, sort_order FROM objectives").fetchall()
        )
    finally:
        cur.close()
    keys = [
        (
            objective_order[row["objective_id"]],
            line_order[row["action_line_id"]],
            row["indicator_id"],
            part_order[row["part_id"]],
        )
        for row in rows
    ]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("lang", "name", "part", "label"),
    [
        (
            "nl",
            "Defensie-uitgaven als percentage van het bbp",
            "Koninkrijk der Nederlanden",
            "Matig, versnelling nodig",
        ),
        (
            "en",
            "Defence expenditure as share of GDP",
            "Kingdom of the Netherlands",
            "Moderate, acceleration needed",
        ),
    ],
)
def test_names_and_labels_in_the_chosen_language(demo_con, lang, name, part, label):
    rows = _read(_export(demo_con, lang=lang), "standard")
    labels = _labels(lang)
    assert all(row["status_label"] == labels[row["status"]] for row in rows)
    first = rows[0]
    assert (first["indicator_id"], first["part_id"]) == ("IND-0101", "KINGDOM")
    assert (first["indicator_name"], first["part_name"]) == (name, part)
    assert (first["status"], first["status_label"]) == ("moderate", label)


def test_without_labels_the_label_is_the_status_name(demo_con):
    rows = _read(ex.export(demo_con, ex.ExportRequest(quarter=QUARTER)), "standard")
    assert all(row["status_label"] == row["status"] for row in rows)


def test_labels_missing_a_status_are_refused(demo_con):
    with pytest.raises(ValueError, match="status_labels has no label for"):
        ex.export(
            demo_con, ex.ExportRequest(quarter=QUARTER, status_labels={"achieved": "Bereikt"})
        )


def test_the_same_export_twice_gives_identical_bytes(demo_con):
    for fmt in ex.FORMATS:
        for dialect in DIALECT_NAMES:
            assert _export(demo_con, dialect=dialect, fmt=fmt) == _export(
                demo_con, dialect=dialect, fmt=fmt
            )


def test_parquet_has_the_engines_values_and_types(demo_con, engine, tmp_path):
    target = tmp_path / "a.parquet"
    target.write_bytes(_export(demo_con, fmt="parquet"))
    frame = pd.read_parquet(target)
    assert list(frame.columns) == list(ex.ASSESSMENT_COLUMNS)
    merged = frame.merge(engine, on=["indicator_id", "part_id"], suffixes=("", "_engine"))
    assert len(merged) == len(engine)
    pd.testing.assert_series_equal(
        merged["ratio"], merged["ratio_engine"].astype("float64"), check_names=False
    )
    assert frame["stale"].dtype == bool


def _scope(con, **options) -> set[str]:
    return {row["part_id"] for row in _read(_export(con, **options), "standard")}


def test_a_part_brings_itself_and_its_entities(demo_con):
    assert _scope(demo_con, parts=["CAR_NL"]) <= {"CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA"}
    assert {"BQ-BO", "BQ-SE", "BQ-SA"} <= _scope(demo_con, parts=["CAR_NL"])
    assert _scope(demo_con, parts=["BQ-SA"]) == {"BQ-SA"}
    assert _scope(demo_con, parts=["KINGDOM"]) == _scope(demo_con)


def test_action_lines_filter_the_assessment(demo_con):
    rows = _read(_export(demo_con, action_lines=["AL05", "AL01"]), "standard")
    assert {row["action_line_id"] for row in rows} == {"AL01", "AL05"}


def test_an_empty_scope_gives_the_header_only(demo_con):
    # No indicator of action line 1 is reported for Saba.
    data = _export(demo_con, parts=["BQ-SA"], action_lines=["AL01"], dialect="excel-nl")
    assert data == UTF8_BOM + (";".join(ex.ASSESSMENT_COLUMNS) + "\n").encode()


def test_a_name_beginning_with_equals_is_neutralised(structure_db):
    path = build_export_db(structure_db)
    with writer(path) as con:
        # A new version of the indicator with a name a spreadsheet would evaluate.
        renamed = con.execute(
            "SELECT * EXCLUDE (import_id, recorded_at) FROM indicators "
            "WHERE indicator_id = 'IND-0101'"
        ).df()
        renamed["name_nl"] = "=1+1"
        import_id = con.execute("SELECT max(import_id) FROM imports").fetchall()[0][0]
        with cursor(con) as cur:
            insert_indicator_versions(
                cur, renamed, recorded_at=datetime(2026, 1, 16), import_id=import_id
            )
    con = open_reader(path)
    try:
        rows = _read(ex.export(con, ex.ExportRequest(quarter="2025Q3")), "standard")
    finally:
        con.close()
    names = {row["indicator_id"]: row["indicator_name"] for row in rows}
    assert names["IND-0101"] == "'=1+1"


def test_a_correction_leaves_the_old_vintage_and_changes_exactly_the_corrected_rows(
    demo_db, tmp_path
):
    path = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_db, path)
    con = open_reader(path)
    try:
        before = _export(con, dialect="excel-nl")
        first_vintage = last_change_at(con)
        latest = con.execute(
            """
            SELECT period, value FROM observations
            WHERE indicator_id = 'IND-0101' AND part_id = 'KINGDOM' AND period <= ?
            ORDER BY period DESC, recorded_at DESC LIMIT 1
            """,
            [QUARTER],
        ).fetchall()[0]
        next_import = con.execute("SELECT max(import_id) + 1 FROM imports").fetchall()[0][0]
    finally:
        con.close()

    # IND-0101 is reported for the Kingdom only and derives nothing: one series changes.
    corrected_at = first_vintage + timedelta(days=3)
    with writer(path) as con:
        record(
            con,
            next_import,
            corrected_at,
            [("IND-0101", "KINGDOM", latest[0], latest[1] + 0.25, "none", "corrected")],
        )

    con = open_reader(path)
    try:
        at_old_vintage = _export(con, dialect="excel-nl", vintage=first_vintage)
        after = _export(con, dialect="excel-nl")
    finally:
        con.close()

    assert at_old_vintage == before
    old_rows, new_rows = _read(before, "excel-nl"), _read(after, "excel-nl")
    assert {row["vintage"] for row in new_rows} == {corrected_at.isoformat()}
    changed = [
        new["indicator_id"] + "/" + new["part_id"]
        for old, new in zip(old_rows, new_rows, strict=True)
        if {k: v for k, v in old.items() if k != "vintage"}
        != {k: v for k, v in new.items() if k != "vintage"}
    ]
    assert changed == ["IND-0101/KINGDOM"]
    row = next(row for row in new_rows if row["indicator_id"] == "IND-0101")
    assert _number(row["latest_value"], "excel-nl") == latest[1] + 0.25


def _stored_quarters_of(con) -> list[str]:
    return [
        row[0] for row in con.execute("SELECT DISTINCT as_of FROM current_assessment").fetchall()
    ]


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_the_stored_table_and_the_computed_frame_give_identical_bytes(
    demo_con, monkeypatch, dialect
):
    import data.current_assessment

    quarters = _stored_quarters_of(demo_con)
    assert QUARTER in quarters
    cases = [
        {"quarter": quarter, "lang": lang, "status_labels": labels}
        for quarter in quarters
        for lang in ex.LANGUAGES
        for labels in (_labels(lang), None)
    ] + [
        {"quarter": QUARTER, "lang": "nl", "parts": ["CAR_NL"]},
        {"quarter": QUARTER, "lang": "en", "action_lines": ["AL01"]},
    ]
    for case in cases:
        assert data.current_assessment.is_stored(demo_con, as_of=case["quarter"])
    stored = [ex.export(demo_con, ex.ExportRequest(dialect=dialect, **case)) for case in cases]
    stored_preview = ex.preview(
        demo_con, ex.ExportRequest(quarter=QUARTER, dialect=dialect), limit=50
    )

    # The computed path: as when the table does not hold the quarter or no longer matches.
    monkeypatch.setattr(data.current_assessment, "is_stored", lambda *args, **kwargs: False)
    computed = [ex.export(demo_con, ex.ExportRequest(dialect=dialect, **case)) for case in cases]
    computed_preview = ex.preview(
        demo_con, ex.ExportRequest(quarter=QUARTER, dialect=dialect), limit=50
    )

    for case, stored_bytes, computed_bytes in zip(cases, stored, computed, strict=True):
        assert stored_bytes.count(b"\n") > 1, case
        assert stored_bytes == computed_bytes, case
    pd.testing.assert_frame_equal(stored_preview, computed_preview)


# --- v2 columns, on a small database of their own ---------------------------------------------

V2_COLUMNS = ("method_used", "flags", "target_changed_at")
TARGET_CHANGED = datetime(2026, 2, 1, 8, 30, 0)


@pytest.fixture
def v2_db() -> Iterator[SeriesDB]:
    """Case A (figures off the six-decimal grid) and Example G (a reversed target, changed once,
    its latest value provisional and stale), recorded as a ministry would."""
    with SeriesDB.fresh() as db:
        db.indicator("IND-9001", direction="down", method="cagr")
        db.target("IND-9001", "NL", target_value=15.0)
        db.series("IND-9001", "NL", "2023Q1", CASE_A_VALUES)
        db.indicator("IND-9002", direction="up")
        db.target("IND-9002", "NL", target_value=40.0)
        db.target("IND-9002", "NL", target_value=50.0, recorded_at=TARGET_CHANGED, reason="r")
        db.series("IND-9002", "NL", "2023Q1", [60.0, 55.0], flags={"2023Q2": "provisional"})
        yield db


CASE_A_VALUES = [20.0, 19.8, 19.9, 19.5, 19.4, 19.0, 19.1, 18.8, 18.9, 18.6]


def _v2_rows(con, dialect: str = "standard", fmt: str = "csv") -> dict[str, dict[str, str]]:
    request = ex.ExportRequest(quarter="2025Q2", dialect=dialect, fmt=fmt)
    return {row["indicator_id"]: row for row in _read(ex.export(con, request), dialect)}


def test_the_three_v2_columns_follow_the_thirty_existing_ones():
    assert len(ex.ASSESSMENT_COLUMNS) == 33
    assert ex.ASSESSMENT_COLUMNS[:30][-1] == "projected_meets"
    assert ex.ASSESSMENT_COLUMNS[30:] == V2_COLUMNS


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_derived_figures_are_written_rounded_and_recorded_values_as_recorded(v2_db, dialect):
    case_a = _v2_rows(v2_db.con, dialect)["IND-9001"]
    comma = dialect == "excel-nl"

    def cell(text: str) -> str:
        return text.replace(".", ",") if comma else text

    assert case_a["time_share"] == cell("0.333333")
    # Case E: the cagr ratio, computed here from METHOD.md's formula, rounded (0.7607 to 4).
    observed, required = (18.6 / 20) ** (1 / 2.25) - 1, (15 / 20) ** (1 / 6.75) - 1
    ratio = round_half_away(-observed / abs(required), DERIVED_DECIMALS)
    assert case_a["ratio"] == cell(repr(ratio)) and round(ratio, 4) == 0.7607
    assert case_a["latest_value"] == cell("18.6") and case_a["target_value"] == cell("15.0")
    assert case_a["method"] == "cagr" and case_a["method_used"] == "cagr"
    assert case_a["expected_value"] == cell("18.333333")
    assert case_a["flags"] == ""


@pytest.mark.parametrize("dialect", DIALECT_NAMES)
def test_flags_and_target_changed_at_are_written_in_every_dialect(v2_db, dialect):
    reversed_target = _v2_rows(v2_db.con, dialect)["IND-9002"]
    assert reversed_target["status"] == "achieved"
    assert reversed_target["flags"] == "stale;provisional;target_reversed"
    assert reversed_target["target_changed_at"] == "2026-02-01T08:30:00"
    assert reversed_target["method"] == "linear" and reversed_target["method_used"] == ""
    assert reversed_target["ratio"] == "" and reversed_target["expected_value"] == ""
    data = ex.export(v2_db.con, ex.ExportRequest(quarter="2025Q2", dialect=dialect))
    if dialect == "excel-nl":  # the list holds the separator: the cell is quoted
        assert b'"stale;provisional;target_reversed"' in data


def test_parquet_types_the_v2_columns(v2_db, tmp_path):
    target = tmp_path / "v2.parquet"
    target.write_bytes(ex.export(v2_db.con, ex.ExportRequest(quarter="2025Q2", fmt="parquet")))
    frame = pd.read_parquet(target).set_index("indicator_id")
    assert frame.loc["IND-9002", "flags"] == "stale;provisional;target_reversed"
    assert frame.loc["IND-9002", "target_changed_at"] == pd.Timestamp(TARGET_CHANGED)
    assert pd.isna(frame.loc["IND-9001", "target_changed_at"])
    assert frame.loc["IND-9001", "time_share"] == 0.333333
    assert frame.loc["IND-9001", "method_used"] == "cagr"


def test_stored_and_computed_v2_columns_give_identical_bytes(v2_db, monkeypatch):
    import data.current_assessment

    assert refresh_current_assessment(v2_db.con)
    assert data.current_assessment.is_stored(v2_db.con, as_of="2025Q2")
    stored = [
        ex.export(v2_db.con, ex.ExportRequest(quarter="2025Q2", dialect=d, fmt=f))
        for d in DIALECT_NAMES
        for f in ex.FORMATS
    ]
    monkeypatch.setattr(data.current_assessment, "is_stored", lambda *args, **kwargs: False)
    computed = [
        ex.export(v2_db.con, ex.ExportRequest(quarter="2025Q2", dialect=d, fmt=f))
        for d in DIALECT_NAMES
        for f in ex.FORMATS
    ]
    assert stored == computed
    assert b"target_reversed" in stored[0]


def test_the_readme_documents_every_assessment_column_in_order():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The assessment export")[1].split("\n### ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    documented = [line.split("|")[2].strip().strip("`") for line in rows]
    assert documented == list(ex.ASSESSMENT_COLUMNS)
    for number, line in enumerate(rows, start=1):
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        assert cells[0] == str(number) and cells[2] and cells[3], line
