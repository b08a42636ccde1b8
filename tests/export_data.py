"""A small database for the export tests: a few observations, chosen to exercise every rule.

Shared by tests/data, tests/cli and tests/pages; not a test module itself.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from data.catalogue import catalogue_frames
from data.catalogue_store import insert_indicator_versions
from data.sql import transaction
from data.store import writer

FIRST_IMPORT = datetime(2026, 1, 15, 9, 0, 0)
# The structure database's catalogue is import 1; the figures come after it.
FIRST_IMPORT_ID = 2
CORRECTION_ID = 3
CORRECTION = datetime(2026, 2, 1, 12, 30, 0, 250000)

# indicator, part, period, value, flag, note
ROWS = [
    ("IND-0101", "KINGDOM", "2024Q4", 1.62, "none", None),
    ("IND-0101", "KINGDOM", "2025Q1", 1.9, "provisional", "first estimate"),
    ("IND-0102", "NL", "2025Q2", 68.0, "none", '=HYPERLINK("http://x")'),
    ("IND-0201", "NL", "2025Q1", 41.5, "none", "+1 vs. Q4"),
    ("IND-0201", "AW", "2025Q1", -0.125, "estimated", "-2 since last year"),
    ("IND-0201", "CW", "2025Q1", 1 / 3, "none", "@SUM(A1)"),
    ("IND-0201", "BQ-SA", "2025Q3", 1e-05, "none", "\tindented; with, separators"),
    ("IND-0201", "BQ-SA", "2025Q4", 12.0, "none", "after the quarter: never exported"),
]


def record(con: duckdb.DuckDBPyConnection, import_id: int, at: datetime, rows: list) -> None:
    """Record ``rows`` as one accepted import made at ``at`` (id 1 is the catalogue's import)."""
    con.execute(
        "INSERT INTO imports (import_id, started_at, finished_at, user_name, file_name, sha256, "
        "rows_accepted, rows_rejected, outcome) "
        "VALUES (?, ?, ?, 'test', 'q.csv', repeat('0', 64), ?, 0, 'accepted')",
        [import_id, at, at, len(rows)],
    )
    first = con.execute("SELECT coalesce(max(observation_id), 0) FROM observations").fetchall()
    first = first[0][0]
    for offset, (indicator, part, period, value, flag, note) in enumerate(rows, 1):
        con.execute(
            "INSERT INTO observations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [first + offset, indicator, part, period, value, flag, note, at, import_id],
        )


def rename_indicator(
    con: duckdb.DuckDBPyConnection, indicator_id: str, name_nl: str, *, at: datetime
) -> None:
    """Record a new version of ``indicator_id`` whose Dutch name is ``name_nl``, made at ``at``."""
    current, _ = catalogue_frames(con)
    row = current[current["indicator_id"] == indicator_id].assign(name_nl=name_nl)
    with transaction(con) as cur:
        insert_indicator_versions(cur, row, recorded_at=at, import_id=1)


def build_export_db(path: Path) -> Path:
    """Add the first import of ``ROWS`` to the published database at ``path``."""
    with writer(path) as con:
        record(con, FIRST_IMPORT_ID, FIRST_IMPORT, ROWS)
    return path
