"""A small database for the actions and duiding export tests, on top of ``tests.export_data``.

Action reports and duiding texts chosen to exercise every rule: a revision recorded later (so the
vintage matters), a status carried forward until stale, a report after the quarter, a unit that
reports without owing it, text that a spreadsheet would read as a formula, line breaks, quotes
and both separators inside a narrative, and narratives with and without an English version.
Shared by tests/data, tests/cli and tests/pages; not a test module itself.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from data.action_store import (
    ACTION_REPORT_FIELDS,
    NARRATIVE_FIELDS,
    insert_action_reports,
    insert_narratives,
)
from data.sql import transaction
from data.store import writer
from tests.export_data import build_export_db

QUARTER = "2025Q3"
# The observations of tests.export_data are import 2 (2026-01-15 09:00); the actions come after.
ACTIONS_ID = 3
ACTIONS_AT = datetime(2026, 1, 20, 10, 0, 0)
REVISION_ID = 4
REVISION_AT = datetime(2026, 2, 1, 12, 30, 0, 250000)

MULTILINE = 'Eerste regel\nTweede regel; met "aanhalingstekens", en een komma'

# priority, part, period, status, expected completion, responsible, narrative, narrative_en
REPORTS = [
    (
        "AL01-A",
        "KINGDOM",
        "2025Q2",
        "on_schedule",
        "2026Q4",
        "Ministerie van Defensie",
        "Loopt volgens plan.",
        "Running as planned.",
    ),
    ("AL03-J", "AW", "2025Q3", "at_risk", None, "@Justitie Aruba", "=SUM(A1) blijft tekst", None),
    ("AL03-J", "CW", "2025Q1", "delayed", "2026Q2", "OM Curaçao", MULTILINE, "First\nsecond"),
    ("AL03-J", "BQ-BO", "2025Q3", "completed", None, None, None, None),
    ("AL03-A", "EUR_NL", "2025Q4", "completed", None, "JenV", "Na het kwartaal.", None),
]
# The KINGDOM report on AL01-A for 2025Q2, revised after the first export was made.
REVISED_REPORTS = [
    (
        "AL01-A",
        "KINGDOM",
        "2025Q2",
        "delayed",
        "2027Q2",
        "Ministerie van Defensie",
        "Vertraagd door late levering.",
        None,
    ),
]

# action line, part, period, text, text_en
TEXTS = [
    ("AL01", "KINGDOM", "2025Q2", "Partnerschappen liggen op koers.", "Partnerships on course."),
    ("AL03", "AW", "2025Q3", "-5% minder meldingen\nsinds vorig jaar", None),
    ("AL03", "CAR_C", "2025Q4", "Na het kwartaal: nooit in de export van 2025Q3.", None),
]
# A newer duiding of AL01 for the Kingdom, recorded with the revision.
REVISED_TEXTS = [("AL01", "KINGDOM", "2025Q3", "+ Nieuwe duiding na herziening.", None)]


def _milestones(rows: list[tuple]) -> list[tuple]:
    return [(*row, None) for row in rows]


def record_actions(
    con: duckdb.DuckDBPyConnection,
    import_id: int,
    at: datetime,
    reports: list[tuple],
    texts: list[tuple],
) -> None:
    """Record ``reports`` and ``texts`` as one accepted import made at ``at``."""
    with transaction(con) as cur:
        cur.execute(
            "INSERT INTO imports (import_id, started_at, finished_at, user_name, file_name, "
            "sha256, rows_accepted, rows_rejected, outcome) "
            "VALUES (?, ?, ?, 'test', 'acties.xlsx', repeat('0', 64), ?, 0, 'accepted')",
            [import_id, at, at, len(reports) + len(texts)],
        )
        insert_action_reports(
            cur,
            pd.DataFrame(_milestones(reports), columns=list(ACTION_REPORT_FIELDS)),
            recorded_at=at,
            import_id=import_id,
        )
        insert_narratives(
            cur,
            pd.DataFrame(texts, columns=list(NARRATIVE_FIELDS)),
            recorded_at=at,
            import_id=import_id,
        )


def build_action_export_db(path: Path) -> Path:
    """The observations of ``tests.export_data`` and the first import of actions and duiding."""
    build_export_db(path)
    with writer(path) as con:
        record_actions(con, ACTIONS_ID, ACTIONS_AT, REPORTS, TEXTS)
    return path


def revise_actions(path: Path) -> None:
    """A later import: the revised report and the newer duiding, recorded at ``REVISION_AT``."""
    with writer(path) as con:
        record_actions(con, REVISION_ID, REVISION_AT, REVISED_REPORTS, REVISED_TEXTS)
