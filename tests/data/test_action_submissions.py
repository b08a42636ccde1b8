"""What each unit owes in actions per quarter and whether it came in, beside its figures
(data/submission_status.py: ``action_submission_status``, ``unit_submission_status``)."""

from __future__ import annotations

from datetime import datetime

from data.access_rules import Actor
from data.intake import import_file
from data.store import open_reader, writer
from data.submission_status import (
    UNIT_STATUS_COLUMNS,
    action_submission_status,
    submission_status,
    unit_submission_status,
)
from data.template import template_rows
from tests.action_reports import report_actions
from tests.intake_files import csv_bytes

# Before 2026Q3's due date (14 November), after 2026Q2's (14 August).
CLOCK = datetime(2026, 11, 1)
QUARTERS = ["2026Q2", "2026Q3"]
# Aruba's six actions (five Caribbean priorities and the one of the Caribbean countries).
ARUBA = ("AL03-J", "AL05-C", "AL07-H", "AL08-H", "AL09-G", "AL11-B")


def _cells(status) -> dict[tuple[str, str], object]:
    return {(row.part_id, row.period): row for row in status.itertuples()}


def test_parts_that_owe_actions_but_no_figures_are_in_the_status(structure_con):
    status = _cells(unit_submission_status(structure_con, clock=CLOCK, quarters=QUARTERS))
    for part_id, owed in (("KINGDOM", 33), ("EUR_NL", 43), ("CAR_NL", 7), ("AW", 6)):
        assert status[(part_id, "2026Q3")].actions_expected == owed
    for part_id in ("EUR_NL", "CAR_NL"):
        cell = status[(part_id, "2026Q3")]
        assert (cell.figures_expected, cell.figures_status) == (0, "not_expected")
        assert cell.status == cell.actions_status == "missing"
    # The islands of the Caribbean Netherlands owe figures, no actions (their part carries them).
    saba = status[("BQ-SA", "2026Q3")]
    assert (saba.actions_expected, saba.actions_status) == (0, "not_expected")
    assert saba.figures_expected > 0
    units = list(dict.fromkeys(unit for unit, _ in status))
    assert units == [
        "KINGDOM",
        "EUR_NL",
        "CAR_NL",
        "NL",
        "AW",
        "CW",
        "SX",
        "BQ-BO",
        "BQ-SE",
        "BQ-SA",
    ]


def test_actions_received_late_partial_and_missing_are_counted_per_unit(structure_con):
    report_actions(
        structure_con,
        # Aruba: every action on time for 2026Q2, one of them completed then.
        [(p, "AW", "2026Q2", "completed" if p == "AL08-H" else "on_schedule") for p in ARUBA],
        at=datetime(2026, 8, 1),
    )
    # Curaçao: three on time, one after the due date.
    report_actions(
        structure_con, [(p, "CW", "2026Q2", "delayed") for p in ARUBA[:3]], at=datetime(2026, 8, 10)
    )
    report_actions(structure_con, [(ARUBA[3], "CW", "2026Q2", "at_risk")], at=datetime(2026, 9, 1))
    # Aruba's 2026Q3, partly in; one more report recorded after the clock does not count yet.
    report_actions(
        structure_con,
        [(p, "AW", "2026Q3", "delayed") for p in ARUBA[:2]],
        at=datetime(2026, 10, 20),
    )
    report_actions(structure_con, [(ARUBA[2], "AW", "2026Q3", "delayed")], at=datetime(2026, 11, 5))
    status = _cells(
        action_submission_status(structure_con, clock=CLOCK, part_id="CAR_C", quarters=QUARTERS)
    )
    counts = {
        key: (cell.expected, cell.received, cell.received_late, cell.status)
        for key, cell in status.items()
    }
    assert counts == {
        ("AW", "2026Q2"): (6, 6, 0, "received"),
        # Completed in 2026Q2: owes nothing from 2026Q3 on.
        ("AW", "2026Q3"): (5, 2, 0, "partial"),
        ("CW", "2026Q2"): (6, 4, 1, "late"),
        ("CW", "2026Q3"): (6, 0, 0, "missing"),
        ("SX", "2026Q2"): (6, 0, 0, "late"),
        ("SX", "2026Q3"): (6, 0, 0, "missing"),
    }
    later = action_submission_status(
        structure_con, clock=datetime(2026, 11, 6), part_id="AW", quarters=["2026Q3"]
    )
    assert later.loc[0, ["expected", "received"]].tolist() == [5, 3]


def test_discontinued_actions_owe_nothing_and_reports_nobody_owes_do_not_count(structure_con):
    report_actions(
        structure_con, [("AL03-J", "AW", "2026Q1", "discontinued")], at=datetime(2026, 4, 1)
    )
    # Bonaire may report on a Caribbean priority, but owes none: its report counts nowhere.
    report_actions(
        structure_con, [("AL03-J", "BQ-BO", "2026Q2", "at_risk")], at=datetime(2026, 7, 1)
    )
    status = action_submission_status(
        structure_con, clock=CLOCK, part_id="KINGDOM", quarters=QUARTERS
    )
    cells = _cells(status)
    assert cells[("AW", "2026Q2")].expected == 5
    assert "BQ-BO" not in set(status["part_id"])
    assert cells[("CAR_NL", "2026Q2")].received == 0


def test_the_units_status_is_over_figures_and_actions_together(structure_db):
    def deliver_figures(unit: str, period: str, when: datetime) -> None:
        with open_reader(structure_db) as con:
            rows = template_rows(con, part_id=unit, quarter=period, lang="en")
        filled = [(r.indicator_id, r.part_id, r.period, "1", "", "") for r in rows.itertuples()]
        result = import_file(
            csv_bytes(filled),
            file_name="d.csv",
            db_path=structure_db,
            actor=Actor.local("t"),
            clock=when,
        )
        assert result.accepted, result.problems

    # In the order it happened: every write is recorded after the one before it.
    deliver_figures("AW", "2026Q2", datetime(2026, 8, 1))
    deliver_figures("CW", "2026Q2", datetime(2026, 8, 1, 12))
    with writer(structure_db) as con:
        report_actions(
            con, [(p, "AW", "2026Q2", "on_schedule") for p in ARUBA], at=datetime(2026, 8, 2)
        )
    deliver_figures("AW", "2026Q3", datetime(2026, 10, 1))
    with writer(structure_db) as con:
        report_actions(con, [("AL03-J", "AW", "2026Q3", "on_schedule")], at=datetime(2026, 10, 2))
    with open_reader(structure_db) as con:
        both = unit_submission_status(con, clock=CLOCK, part_id="CAR_C", quarters=QUARTERS)
        figures = submission_status(con, clock=CLOCK, part_id="CAR_C", quarters=QUARTERS)
    assert list(both.columns) == list(UNIT_STATUS_COLUMNS)
    cells = _cells(both)
    summary = {
        key: (cell.figures_status, cell.actions_status, cell.status) for key, cell in cells.items()
    }
    assert summary == {
        ("AW", "2026Q2"): ("received", "received", "received"),
        ("AW", "2026Q3"): ("received", "partial", "partial"),
        # Curaçao's figures are in, its actions are not, and the due date has passed.
        ("CW", "2026Q2"): ("received", "late", "late"),
        ("CW", "2026Q3"): ("missing", "missing", "missing"),
        ("SX", "2026Q2"): ("late", "late", "late"),
        ("SX", "2026Q3"): ("missing", "missing", "missing"),
    }
    # The figures' side is submission_status itself, count for count.
    for row in figures.itertuples():
        cell = cells[(row.part_id, row.period)]
        assert (cell.figures_expected, cell.figures_received, cell.figures_received_late) == (
            row.expected,
            row.received,
            row.received_late,
        )
    assert (cells[("AW", "2026Q3")].actions_expected, cells[("AW", "2026Q3")].actions_received) == (
        6,
        1,
    )
