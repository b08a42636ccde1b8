"""The quarters a user can choose (``data.queries.reference_data``): every quarter from the first
to the latest with a value, an action report or a duiding, so actions show without indicators."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from data.action_store import insert_action_reports, insert_narratives
from data.queries import reference_data
from data.seed import load_structure

RECORDED = datetime(2026, 1, 20, 9, 0)


def _import(con) -> int:
    con.execute(
        "INSERT INTO imports BY NAME SELECT 1 AS import_id, $at AS started_at, "
        "$at AS finished_at, 'test' AS user_name, 'acties.csv' AS file_name, "
        "$sha AS sha256, 1 AS rows_accepted, 0 AS rows_rejected, 'accepted' AS outcome",
        {"at": RECORDED, "sha": "b" * 64},
    )
    return 1


def test_without_values_reports_or_duiding_there_is_no_quarter(con):
    load_structure(con)
    reference = reference_data(con)
    assert reference.quarters == () and reference.latest_quarter is None


def test_action_reports_and_duiding_make_quarters_without_any_value(con):
    load_structure(con)
    import_id = _import(con)
    report = {
        "priority_id": "AL10-A",
        "part_id": "EUR_NL",
        "status": "on_schedule",
        "expected_completion": None,
        "responsible": None,
        "narrative": None,
        "narrative_en": None,
        "milestones": None,
    }
    reports = pd.DataFrame([{**report, "period": "2025Q2"}, {**report, "period": "2025Q3"}])
    insert_action_reports(con, reports, recorded_at=RECORDED, import_id=import_id)
    assert reference_data(con).quarters == ("2025Q2", "2025Q3")
    duiding = pd.DataFrame(
        [
            {
                "action_line_id": "AL10",
                "part_id": "EUR_NL",
                "period": "2026Q1",
                "text": "Tekst.",
                "text_en": None,
            }
        ]
    )
    insert_narratives(con, duiding, recorded_at=RECORDED, import_id=import_id)
    reference = reference_data(con)
    assert reference.quarters == ("2025Q2", "2025Q3", "2025Q4", "2026Q1")
    assert reference.latest_quarter == "2026Q1"
