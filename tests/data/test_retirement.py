"""Retiring an indicator from a quarter on, as users meet it: the import refuses its values from
that quarter on (but takes corrections of its history), the submission status stops expecting
it, and the template leaves it out. Retirement is recorded as a new indicator version, as the
catalogue import records it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from data.access_rules import Actor
from data.catalogue import catalogue_frames
from data.catalogue_columns import WORKBOOK_TARGET_COLUMNS
from data.catalogue_intake import import_catalogue_frames
from data.catalogue_store import insert_catalogue_import, insert_indicator_versions
from data.intake import import_file
from data.store import open_reader, writer
from data.submission_status import submission_status
from data.template import template_bytes, template_rows
from tests.data.series_db import SeriesDB
from tests.intake_files import CLOCK, csv_bytes, current_values, observations
from ui.intake_text import problem_text

# IND-0502 is quarterly for all seven entities (valid 0..1000); retired from 2026Q1 on.
RETIRED = "IND-0502"
RETIRED_FROM = "2026Q1"
RETIRED_AT = datetime(2026, 2, 1, 9, 0, 0)
HINTS = {
    "indicator_name": "naam indicator (info)",
    "part_name": "naam deel (info)",
    "unit": "eenheid (info)",
    "previous_period": "vorige periode (info)",
    "previous_value": "vorige waarde (info)",
}


def retire(db: Path, indicator_id: str, quarter: str, *, at: datetime) -> None:
    """Record a new version of ``indicator_id`` that is the current one with ``retired_from``."""
    with writer(db) as con:
        cur = con.cursor()
        current = cur.execute(
            "SELECT * EXCLUDE (import_id, recorded_at) FROM indicators WHERE indicator_id = ?",
            [indicator_id],
        ).df()
        assert len(current) == 1, indicator_id
        current["retired_from"] = quarter
        current["reason"] = "no longer measured"
        import_id = insert_catalogue_import(
            cur,
            actor=Actor.local("catalogue editor"),
            file_name="catalogus.xlsx",
            sha256="1" * 64,
            at=at,
            rows=1,
        )
        insert_indicator_versions(cur, current, recorded_at=at, import_id=import_id)
        cur.close()


@pytest.fixture
def retired_db(structure_db: Path) -> Path:
    retire(structure_db, RETIRED, RETIRED_FROM, at=RETIRED_AT)
    return structure_db


def _import(db: Path, rows: list[tuple[str, ...]], *, clock: datetime = CLOCK, **kwargs):
    return import_file(
        csv_bytes(rows),
        file_name="kwartaal.csv",
        db_path=db,
        actor=Actor.local("cw"),
        clock=clock,
        **kwargs,
    )


# --- observation intake --------------------------------------------------------------------------


def test_values_of_a_retired_indicator_from_its_quarter_on_are_refused_by_row_and_column(
    retired_db,
):
    before = observations(retired_db)
    result = _import(
        retired_db,
        [
            ("IND-0301", "NL", "2026Q1", "41", "", ""),  # row 2: another indicator, fine
            (RETIRED, "CW", "2026Q1", "12", "", ""),  # row 3: the retirement quarter itself
            (RETIRED, "AW", "2026Q3", "9", "", ""),  # row 4: later
            (RETIRED, "CW", "2025Q4", "11", "", ""),  # row 5: before: a correction, fine
        ],
    )
    assert not result.accepted
    assert [(p.code, p.row, p.column, p.letter) for p in result.problems] == [
        ("indicator_retired", 3, "indicator_id", "A"),
        ("indicator_retired", 4, "indicator_id", "A"),
    ]
    assert problem_text(result.problems[0], "nl") == (
        "Rij 3, kolom indicator_id (A): IND-0502 is vervallen vanaf 2026Q1; waarden vanaf dat "
        "kwartaal worden niet meer aangenomen (deze regel: 2026Q1). Waarden voor eerdere "
        "kwartalen kunnen nog wel worden gecorrigeerd."
    )
    assert problem_text(result.problems[1], "en").startswith(
        "Row 4, column indicator_id (A): IND-0502 is retired from 2026Q1; values from that "
        "quarter on are no longer accepted (this row: 2026Q3)."
    )
    assert observations(retired_db) == before  # a rejected file writes nothing


def test_corrections_of_a_retired_indicators_history_are_still_accepted(retired_db):
    result = _import(
        retired_db,
        [(RETIRED, "CW", "2025Q4", "11,5", "", ""), (RETIRED, "NL", "2024Q2", "300", "", "")],
    )
    assert result.accepted, result.problems
    values = current_values(retired_db)
    assert values[(RETIRED, "CW", "2025Q4")] == (11.5, "none", None)
    assert values[(RETIRED, "NL", "2024Q2")] == (300.0, "none", None)


def test_a_retired_row_is_named_once_not_also_out_of_scope_or_out_of_range(retired_db):
    # KINGDOM is outside IND-0502's scope and 5000 above its range: the row does not belong in
    # the file at all, which is the one thing said about it.
    result = _import(retired_db, [(RETIRED, "KINGDOM", "2026Q2", "5000", "", "")])
    assert [(p.code, p.row) for p in result.problems] == [("indicator_retired", 2)]


def test_a_retirement_made_through_the_catalogue_intake_is_enforced_by_the_figures_intake(
    structure_db,
):
    # The catalogue editor retires IND-0502 from 2026Q1 on, the way the Catalogue page and the
    # workbook import do (only that indicator's row; its values so far end in 2025Q4).
    assert _import(structure_db, [(RETIRED, "CW", "2025Q4", "10", "", "")]).accepted
    with open_reader(structure_db) as con:
        indicators, _ = catalogue_frames(con)
    row = indicators.loc[indicators["indicator_id"] == RETIRED].copy()
    row["retired_from"] = RETIRED_FROM
    retired = import_catalogue_frames(
        row,
        pd.DataFrame(columns=list(WORKBOOK_TARGET_COLUMNS)),
        db_path=structure_db,
        actor=Actor.local("catalogue editor"),
        clock=RETIRED_AT.replace(month=3),
    )
    assert retired.accepted, retired.problems
    refused = _import(structure_db, [(RETIRED, "CW", RETIRED_FROM, "12", "", "")])
    assert [(p.code, p.row) for p in refused.problems] == [("indicator_retired", 2)]
    assert _import(structure_db, [(RETIRED, "CW", "2025Q4", "11", "", "")]).accepted


def test_a_future_period_of_a_retired_indicator_is_refused_as_future_only(retired_db):
    result = _import(retired_db, [(RETIRED, "CW", "2027Q2", "1", "", "")])
    assert [(p.code, p.column) for p in result.problems] == [("period_in_future", "period")]


def test_the_retirement_counts_from_when_it_was_recorded_not_before(structure_db):
    # The same file is accepted before the retirement is on record and refused after it.
    rows = [(RETIRED, "CW", "2026Q1", "12", "", "")]
    assert _import(structure_db, rows, dry_run=True).accepted
    retire(structure_db, RETIRED, RETIRED_FROM, at=RETIRED_AT)
    assert [p.code for p in _import(structure_db, rows, dry_run=True).problems] == [
        "indicator_retired"
    ]


# --- submission status -------------------------------------------------------------------------


def _grid(db: Path, quarters: list[str], *, part_id: str = "KINGDOM") -> dict:
    with open_reader(db) as con:
        status = submission_status(con, clock=CLOCK, part_id=part_id, quarters=quarters)
    return {(row.part_id, row.period): row for row in status.itertuples()}


def test_the_status_grid_expects_a_retired_indicator_before_its_quarter_and_not_from_it(
    structure_db,
):
    quarters = ["2025Q4", RETIRED_FROM, "2026Q2"]
    before = _grid(structure_db, quarters)
    retire(structure_db, RETIRED, RETIRED_FROM, at=RETIRED_AT)
    after = _grid(structure_db, quarters)
    assert after.keys() == before.keys()
    entities = {"NL", "AW", "CW", "SX", "BQ-BO", "BQ-SE", "BQ-SA"}
    for (unit, period), cell in after.items():
        dropped = 1 if unit in entities and period != "2025Q4" else 0
        assert cell.expected == before[(unit, period)].expected - dropped, (unit, period)


def test_values_received_for_a_retired_indicator_no_longer_count_from_its_quarter(structure_db):
    # Curaçao delivered IND-0502 only, for 2025Q4 and 2026Q1, on time; a month later it was
    # retired from 2026Q1 on.
    result = _import(
        structure_db,
        [(RETIRED, "CW", "2025Q4", "10", "", ""), (RETIRED, "CW", "2026Q1", "12", "", "")],
        clock=datetime(2026, 4, 10),
    )
    assert result.accepted, result.problems
    before = _grid(structure_db, ["2025Q4", RETIRED_FROM], part_id="CW")
    retire(structure_db, RETIRED, RETIRED_FROM, at=datetime(2026, 5, 10))
    after = _grid(structure_db, ["2025Q4", RETIRED_FROM], part_id="CW")
    assert after[("CW", "2025Q4")].received == before[("CW", "2025Q4")].received == 1
    assert before[("CW", RETIRED_FROM)].received == 1
    assert after[("CW", RETIRED_FROM)].received == 0
    assert after[("CW", RETIRED_FROM)].expected == before[("CW", RETIRED_FROM)].expected - 1


def test_a_unit_whose_only_indicator_is_retired_leaves_the_grid_from_that_quarter(tmp_path):
    # Sint Maarten reports one indicator, retired from 2026Q1; the Netherlands another one.
    db = SeriesDB.fresh()
    db.indicator("IND-0901", scope=("NL", "SX"))
    db.indicator("IND-0902", scope=("NL",))
    db.indicator("IND-0901", scope=("NL", "SX"), retired_from="2026Q1", recorded_at=RETIRED_AT)
    with_history = submission_status(
        db.con, clock=CLOCK, part_id="KINGDOM", quarters=["2025Q4", "2026Q1"]
    )
    from_retirement = submission_status(
        db.con, clock=CLOCK, part_id="KINGDOM", quarters=["2026Q1", "2026Q2"]
    )
    db.con.close()
    cells = {(r.part_id, r.period): (r.expected, r.status) for r in with_history.itertuples()}
    assert cells == {
        ("NL", "2025Q4"): (2, "late"),
        ("NL", "2026Q1"): (1, "late"),
        ("SX", "2025Q4"): (1, "late"),
        ("SX", "2026Q1"): (0, "not_expected"),
    }
    assert sorted(set(from_retirement["part_id"])) == ["NL"]


# --- the template --------------------------------------------------------------------------------


def test_the_template_leaves_a_retired_indicator_out_from_its_quarter_on(retired_db):
    with open_reader(retired_db) as con:
        before = template_rows(con, part_id="CAR_C", quarter="2025Q4", lang="nl")
        at = template_rows(con, part_id="CAR_C", quarter=RETIRED_FROM, lang="nl")
        later = template_rows(con, part_id="CAR_C", quarter="2026Q3", lang="en")
    assert set(before.loc[before["indicator_id"] == RETIRED, "part_id"]) == {"AW", "CW", "SX"}
    assert RETIRED not in set(at["indicator_id"])
    assert RETIRED not in set(later["indicator_id"])
    assert len(at) > 0  # the other indicators are still asked for


def test_a_filled_template_of_the_retirement_quarter_imports_cleanly(retired_db):
    with open_reader(retired_db) as con:
        rows = template_rows(con, part_id="KINGDOM", quarter=RETIRED_FROM, lang="en")
    data = template_bytes(rows, lang="en", file_format="csv", hint_headers=HINTS)
    lines = data.decode("utf-8").splitlines()
    filled = [line.split(",") for line in lines[1:]]
    # Each expected value filled in with 1 (valid for every indicator's range, 0..1 included).
    rows_in = [(cells[0], cells[1], cells[2], "1", "", "") for cells in filled]
    result = _import(retired_db, rows_in)
    assert result.accepted, result.problems
    assert len(result.changes) == len(rows)


def test_the_template_and_status_of_an_empty_catalogue_are_empty_not_an_error(tmp_path):
    # What `init` without a catalogue gives: the structure, no indicators yet.
    db = SeriesDB.fresh()
    rows = template_rows(db.con, part_id="KINGDOM", quarter="2026Q1", lang="nl")
    status = submission_status(db.con, clock=CLOCK, part_id="KINGDOM")
    db.con.close()
    assert rows.empty
    assert "indicator_id" in rows.columns
    assert status.empty
