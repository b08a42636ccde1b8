"""Submission status per unit and quarter (data/submission_status.py), and templates that
round-trip through the import (data/template.py)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from data.access_rules import Actor
from data.intake import import_file
from data.store import open_reader
from data.submission_status import (
    due_date,
    recent_quarters,
    reporting_units,
    submission_status,
)
from data.template import (
    TEMPLATE_FLAGS,
    quarter_template,
    template_bytes,
    template_rows,
    template_workbook,
)
from metrics.hierarchy import subtree
from metrics.periods import reports_in
from tests.intake_files import CLOCK, csv_bytes, current_values

HINTS = {
    "indicator_name": "naam indicator (info)",
    "part_name": "naam deel (info)",
    "unit": "eenheid (info)",
    "previous_period": "vorige periode (info)",
    "previous_value": "vorige waarde (info)",
}
# The .xlsx names every kind's hint columns.
ALL_HINTS = {
    **HINTS,
    "priority_text": "prioriteit (info)",
    "last_status": "status vorig kwartaal (info)",
    "last_report_period": "gerapporteerd voor (info)",
    "last_expected_completion": "verwachte afronding (info)",
    "action_line_name": "naam actielijn (info)",
    "last_narrative_period": "periode laatste duiding (info)",
    "last_narrative": "laatste duiding (info)",
}


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("quarterly", ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"]),
        ("biannual", ["2025Q2", "2025Q4", "2026Q2"]),
        ("annual", ["2025Q4"]),
        ("biennial", ["2025Q4"]),
    ],
)
def test_a_quarter_expects_what_the_frequency_says(frequency, expected):
    quarters = ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    assert [q for q in quarters if reports_in(frequency, q)] == expected
    assert not reports_in("biennial", "2026Q4")


def test_figures_are_due_45_days_after_the_quarter_and_the_window_is_four_full_quarters():
    assert due_date("2026Q3") == date(2026, 11, 14)
    assert recent_quarters(date(2026, 11, 28)) == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]


def test_reporting_units_of_a_part_are_its_entities_that_report(structure_con):
    assert reporting_units(structure_con, "CAR_C") == ["AW", "CW", "SX"]
    assert reporting_units(structure_con, "BQ-SA") == ["BQ-SA"]
    assert reporting_units(structure_con, "KINGDOM")[0] == "KINGDOM"


def test_reporting_units_are_the_subtree_that_reports_in_the_hierarchys_order(structure_con):
    parts = structure_con.execute(
        "SELECT part_id, parent_id FROM kingdom_parts ORDER BY sort_order"
    ).fetchall()
    parents = dict(parts)
    scope = structure_con.execute("SELECT part_id FROM indicator_scope").fetchall()
    scoped = {part_id for (part_id,) in scope}
    for part_id in parents:
        expected = [unit for unit in subtree(parents, part_id) if unit in scoped]
        assert reporting_units(structure_con, part_id) == expected
    assert reporting_units(structure_con, "ATLANTIS") == []


def _deliver(db, unit: str, period: str, when: datetime, *, leave_out: int = 0) -> None:
    con = open_reader(db)
    rows = template_rows(con, part_id=unit, quarter=period, lang="en")
    con.close()
    rows = rows.iloc[: len(rows) - leave_out]
    filled = [(r.indicator_id, r.part_id, r.period, "1", "", "") for r in rows.itertuples()]
    result = import_file(
        csv_bytes(filled), file_name="d.csv", db_path=db, actor=Actor.local("t"), clock=when
    )
    assert result.accepted, result.problems


def test_status_is_received_late_partial_missing_or_not_expected(structure_db):
    # AW: 2026Q2 on time, 2026Q1 after its due date, 2026Q3 partly (not yet due at the clock).
    _deliver(structure_db, "AW", "2026Q2", datetime(2026, 8, 1))
    _deliver(structure_db, "AW", "2026Q1", datetime(2026, 6, 30))
    _deliver(structure_db, "AW", "2026Q3", datetime(2026, 10, 20), leave_out=1)
    clock = datetime(2026, 11, 1)  # before 2026Q3's due date (14 November)
    con = open_reader(structure_db)
    status = submission_status(
        con, clock=clock, part_id="CAR_C", quarters=["2026Q1", "2026Q2", "2026Q3"]
    )
    later = submission_status(con, clock=datetime(2026, 11, 20), part_id="AW", quarters=["2026Q3"])
    con.close()
    by_key = {(r.part_id, r.period): r for r in status.itertuples()}
    assert by_key[("AW", "2026Q2")].status == "received"
    assert (by_key[("AW", "2026Q1")].status, by_key[("AW", "2026Q1")].received_late) == (
        "late",
        by_key[("AW", "2026Q1")].expected,
    )
    aw3 = by_key[("AW", "2026Q3")]
    assert (aw3.status, aw3.received, aw3.expected) == ("partial", aw3.expected - 1, aw3.expected)
    assert by_key[("CW", "2026Q3")].status == "missing"
    assert by_key[("CW", "2026Q1")].status == "late"  # due date passed, nothing in
    assert later.loc[0, "status"] == "late"  # still incomplete after the due date


def test_each_cell_expects_the_indicators_whose_frequency_falls_in_that_quarter(structure_con):
    status = submission_status(structure_con, clock=CLOCK, part_id="KINGDOM")
    frequencies = dict(
        structure_con.execute("SELECT indicator_id, frequency FROM indicators").fetchall()
    )
    scope = structure_con.execute("SELECT indicator_id, part_id FROM indicator_scope").fetchall()
    for row in status.itertuples():
        expected = sum(
            1 for i, p in scope if p == row.part_id and reports_in(frequencies[i], row.period)
        )
        assert row.expected == expected
        assert (row.status == "not_expected") == (expected == 0)


def test_the_demo_shows_late_and_missing_deliveries(demo_con):
    from tests.conftest import DEMO_CLOCK

    status = submission_status(demo_con, clock=DEMO_CLOCK, part_id="KINGDOM")
    by_key = {(r.part_id, r.period): r.status for r in status.itertuples()}
    # Sint Maarten's latest quarter is still missing after its due date: late.
    assert by_key[("SX", "2026Q3")] == "late"
    assert "received" in by_key.values()
    assert set(by_key.values()) <= {"received", "late", "partial", "missing", "not_expected"}


def test_template_rows_are_the_expected_rows_with_the_previous_value(structure_db):
    _deliver(structure_db, "CW", "2026Q2", datetime(2026, 8, 1))
    con = open_reader(structure_db)
    rows = template_rows(con, part_id="CAR_C", quarter="2026Q3", lang="nl")
    annual = template_rows(con, part_id="CAR_C", quarter="2026Q4", lang="nl")
    con.close()
    assert set(rows["part_id"]) == {"AW", "CW", "SX"}
    assert len(annual) > len(rows)  # Q4 adds the annual and biannual indicators
    assert not rows.duplicated(["indicator_id", "part_id"]).any()
    cw = rows[rows["part_id"] == "CW"]
    assert set(cw["previous_period"]) == {"2026Q2"}
    assert set(cw["previous_value"]) == {1.0}
    assert set(rows.loc[rows["part_id"] == "AW", "previous_period"]) == {""}


@pytest.mark.parametrize(
    ("lang", "file_format", "dialect"),
    [
        ("nl", "csv", "excel-nl"),
        ("en", "csv", "standard"),
        ("nl", "xlsx", "standard"),
        ("en", "xlsx", "standard"),
    ],
)
def test_a_filled_template_round_trips_through_the_import(structure_db, lang, file_format, dialect):
    con = open_reader(structure_db)
    template = quarter_template(con, part_id="CAR_NL", quarter="2026Q3", lang=lang)
    con.close()
    rows = template.figures
    if file_format == "xlsx":  # every kind's sheet; only the figures are filled in
        data = template_workbook(template, lang=lang, hint_headers=ALL_HINTS)
    else:
        data = template_bytes(rows, lang=lang, dialect=dialect, hint_headers=HINTS)
    filled = _fill(data, file_format, dialect)
    result = import_file(
        filled,
        file_name=f"t.{file_format}",
        db_path=structure_db,
        actor=Actor.local("t"),
        clock=CLOCK,
    )
    assert result.accepted, result.problems
    assert result.counts["new"] == len(rows)
    values = current_values(structure_db)
    for index, row in enumerate(rows.itertuples()):
        assert values[(row.indicator_id, row.part_id, "2026Q3")][0] == 0.5 + index


def _fill(data: bytes, file_format: str, dialect: str) -> bytes:
    """Type a value into every row's value cell, as a coordinator would (0.5, 1.5, ...)."""
    if file_format == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        sheet = workbook["data"]
        for index, row in enumerate(sheet.iter_rows(min_row=2)):
            row[3].value = 0.5 + index
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    excel_nl = dialect == "excel-nl"
    text = data.decode("utf-8-sig")
    delimiter = ";" if excel_nl else ","
    table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    for index, row in enumerate(table[1:]):
        row[3] = f"{0.5 + index}".replace(".", ",") if excel_nl else f"{0.5 + index}"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(table)
    return out.getvalue().encode("cp1252" if excel_nl else "utf-8")


def test_excel_nl_template_is_semicolon_decimal_comma_with_bom(structure_db):
    import_file(
        csv_bytes([("IND-0502", "CW", "2026Q2", "12.25", "", "")]),
        file_name="x.csv",
        db_path=structure_db,
        actor=Actor.local("t"),
        clock=CLOCK,
    )
    con = open_reader(structure_db)
    rows = template_rows(con, part_id="CW", quarter="2026Q3", lang="nl")
    con.close()
    data = template_bytes(
        rows, lang="nl", file_format="csv", dialect="excel-nl", hint_headers=HINTS
    )
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("indicator;deel;periode;waarde;vlag;toelichting;")
    row = next(line for line in lines if line.startswith("IND-0502;CW;"))
    assert row.endswith(";2026Q2;12,25")


def test_a_hint_header_that_reads_as_a_data_column_is_refused(structure_con):
    rows = template_rows(structure_con, part_id="NL", quarter="2026Q3", lang="en")
    with pytest.raises(ValueError, match="data column"):
        template_bytes(rows, lang="en", file_format="csv", hint_headers={**HINTS, "unit": "Value"})


def test_status_only_counts_what_was_recorded_by_the_clock(structure_db):
    _deliver(structure_db, "AW", "2026Q2", datetime(2026, 8, 1))
    con = open_reader(structure_db)
    before = submission_status(con, clock=datetime(2026, 7, 31), part_id="AW", quarters=["2026Q2"])
    after = submission_status(
        con, clock=datetime(2026, 8, 1) + timedelta(days=1), part_id="AW", quarters=["2026Q2"]
    )
    con.close()
    assert (before.loc[0, "received"], before.loc[0, "status"]) == (0, "missing")
    assert after.loc[0, "status"] == "received"


def test_template_flags_are_the_first_word_of_each_flag_in_each_language():
    assert TEMPLATE_FLAGS == {
        "nl": ("voorlopig", "geschat", "breuk"),
        "en": ("provisional", "estimated", "break"),
    }


@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
def test_template_lines_end_with_lf_in_both_dialects_like_the_export(structure_con, dialect):
    rows = template_rows(structure_con, part_id="CAR_C", quarter="2026Q3", lang="nl")
    data = template_bytes(rows, lang="nl", file_format="csv", dialect=dialect, hint_headers=HINTS)
    assert b"\r" not in data
    assert data.endswith(b"\n")
    assert data.count(b"\n") == len(rows) + 1


def test_the_hint_is_the_newest_version_of_the_latest_earlier_period(structure_db):
    def deliver(period: str, value: str, when: datetime) -> None:
        rows = [("IND-0502", "CW", period, value, "", "")]
        result = import_file(
            csv_bytes(rows),
            file_name="c.csv",
            db_path=structure_db,
            actor=Actor.local("t"),
            clock=when,
        )
        assert result.accepted, result.problems

    deliver("2026Q1", "3", datetime(2026, 5, 1))
    deliver("2026Q2", "12.25", datetime(2026, 8, 1))
    deliver("2026Q2", "13.5", datetime(2026, 9, 1))  # a correction of 2026Q2
    deliver("2026Q3", "99", datetime(2026, 10, 1))  # the quarter itself is never its own hint
    con = open_reader(structure_db)
    rows = template_rows(con, part_id="CW", quarter="2026Q3", lang="en")
    con.close()
    hint = rows[rows["indicator_id"] == "IND-0502"].iloc[0]
    assert (hint["previous_period"], hint["previous_value"]) == ("2026Q2", 13.5)
