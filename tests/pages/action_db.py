"""A hand-made database for the action pages' tests: the strategy's structure, then a few action
reports and duidingen written the way every writer writes them (``data.action_store``, under one
import), so each page's statuses can be checked against facts the test states itself.

As of ``QUARTER`` (2025Q4) the reports below mean, per action (priority x reporting part):

| action | status as of 2025Q4 |
|---|---|
| AL10-A · EUR_NL | delayed since 2025Q4 (on schedule in 2025Q3), narrative nl + en, a milestone |
| AL10-B · EUR_NL | completed |
| AL10-C · EUR_NL | discontinued (2025Q1; final, never stale) |
| AL10-E · CAR_NL | at risk, reported 2025Q2: stale |
| AL10-E · BQ-SA | on schedule (Saba reports on a Caribbean Netherlands priority itself) |
| AL01-A · KINGDOM | on schedule, narrative in Dutch only |
| AL01-H · AW | at risk (Aruba reports on a Kingdom-wide priority) |
| AL08-H · AW | delayed, reported 2025Q3 |
| AL08-H · CW | on schedule |
| every other owed action | not reported |
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Final

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.action_store import (
    ACTION_REPORT_FIELDS,
    NARRATIVE_FIELDS,
    insert_action_reports,
    insert_narratives,
)
from data.init import initialize
from data.seed import load_seed_catalogue
from data.store import writer
from tests.pages.conftest import APP

__all__ = ["QUARTER", "RECORDED", "action_db", "actions_app", "actions_db", "open_page"]

QUARTER: Final = "2025Q4"
RECORDED: Final = datetime(2026, 1, 20, 9, 0)
_CLOCK: Final = datetime(2026, 2, 1, 9, 0)

_REPORTS: Final = (
    (
        "AL10-A",
        "EUR_NL",
        "2025Q3",
        "on_schedule",
        "2027Q4",
        "Ministerie van JenV",
        "Wetsvoorstel zorgplicht in consultatie.",
        None,
        None,
    ),
    (
        "AL10-A",
        "EUR_NL",
        "2025Q4",
        "delayed",
        "2028Q2",
        "Ministerie van JenV",
        "De consultatie leverde veel reacties op; de planning schuift een half jaar.",
        "The consultation drew many responses; the schedule slips by half a year.",
        [{"quarter": "2026Q2", "text": "Wetsvoorstel naar de Raad van State"}],
    ),
    ("AL10-B", "EUR_NL", "2025Q4", "completed", "2025Q4", "Ministerie van EZK", None, None, None),
    ("AL10-C", "EUR_NL", "2025Q1", "discontinued", None, "Ministerie van EZK", None, None, None),
    (
        "AL10-E",
        "CAR_NL",
        "2025Q2",
        "at_risk",
        None,
        "Rijksdienst Caribisch Nederland",
        "Capaciteit op de eilanden is beperkt.",
        None,
        None,
    ),
    (
        "AL10-E",
        "BQ-SA",
        "2025Q4",
        "on_schedule",
        "2026Q4",
        "Openbaar lichaam Saba",
        None,
        None,
        None,
    ),
    (
        "AL01-A",
        "KINGDOM",
        "2025Q4",
        "on_schedule",
        "2029Q4",
        "Ministerie van Defensie",
        "NAVO-capaciteitsdoelen zijn verwerkt in de planning.",
        None,
        None,
    ),
    ("AL01-H", "AW", "2025Q4", "at_risk", None, "Gobierno di Aruba", None, None, None),
    ("AL08-H", "AW", "2025Q3", "delayed", "2026Q4", "Gobierno di Aruba", None, None, None),
    ("AL08-H", "CW", "2025Q4", "on_schedule", "2026Q2", "Regering van Curaçao", None, None, None),
)
_DUIDING: Final = (
    ("AL10", "KINGDOM", "2025Q1", "Koninkrijk: de eerste duiding van deze actielijn.", None),
    ("AL10", "KINGDOM", "2025Q3", "Koninkrijk: de zorgplicht krijgt vorm.", None),
    (
        "AL10",
        "EUR_NL",
        "2025Q4",
        "Europees Nederland: de zorgplicht loopt vertraging op.",
        "European Netherlands: the duty of care is running late.",
    ),
    ("AL10", "BQ-SA", "2025Q4", "Saba: de voorbereiding ligt op schema.", None),
)


def action_db(path: Path, *, with_catalogue: bool = True) -> Path:
    """A published database at ``path`` with the structure, the seed catalogue (unless
    ``with_catalogue`` is false: an empty catalogue, as ``init`` leaves it), no observations,
    and the reports and duidingen above, recorded at ``RECORDED`` under one import."""
    initialize(path, demo=False, clock=_CLOCK)
    with writer(path) as con:
        if with_catalogue:
            load_seed_catalogue(con, at=datetime(2020, 1, 1))
        con.execute(
            "INSERT INTO imports BY NAME SELECT 1 + coalesce(max(import_id), 0) AS import_id, "
            "$at AS started_at, $at AS finished_at, 'test' AS user_name, "
            "'acties.xlsx' AS file_name, $sha AS sha256, $n AS rows_accepted, "
            "0 AS rows_rejected, 'accepted' AS outcome FROM imports",
            {"at": RECORDED, "sha": "a" * 64, "n": len(_REPORTS) + len(_DUIDING)},
        )
        import_id = int(con.execute("SELECT max(import_id) FROM imports").fetchall()[0][0])
        reports = pd.DataFrame(list(_REPORTS), columns=list(ACTION_REPORT_FIELDS))
        insert_action_reports(con, reports, recorded_at=RECORDED, import_id=import_id)
        texts = pd.DataFrame(list(_DUIDING), columns=list(NARRATIVE_FIELDS))
        insert_narratives(con, texts, recorded_at=RECORDED, import_id=import_id)
    return path


# Fixtures for the modules that test against this database: a module binds them to its own
# names (``actions_db = action_db_module.actions_db``) so pytest finds them there.


@pytest.fixture(scope="module")
def actions_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database above, built once per test module."""
    return action_db(tmp_path_factory.mktemp("actions") / "monitor.duckdb")


@pytest.fixture
def actions_app(actions_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The database above behind MONITOR_DB."""
    monkeypatch.setenv("MONITOR_DB", str(actions_db))
    yield actions_db


def open_page(page: str, **params: str) -> AppTest:
    """The app at ``page`` with ``params`` in the URL, as a fresh browser session opens it;
    fails on any exception."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at
