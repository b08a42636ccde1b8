"""What the vintage tests share: a copy of the demo database with one value and one action report
corrected after the demo's own data, so the moment before the correction (the previous vintage)
shows the old value and status, and the current data the new ones.

The corrected series is an Aruba series on track at the latest quarter with a ``reach`` target;
its latest value is moved to the wrong side of its baseline, which makes it ``deterioration``
(checked here with ``data.assessment.assess``, so the tests never assume it). The corrected
action is an Aruba action reported for the latest quarter, its status changed to another one.
Not a test module itself.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from data.action_store import insert_action_reports
from data.actions import action_states
from data.assessment import assess
from data.queries import reference_data
from data.sql import transaction
from data.store import open_reader, writer
from tests.conftest import DEMO_CLOCK
from tests.export_data import record
from tests.pages.conftest import APP

CORRECTED_AT = DEMO_CLOCK + timedelta(hours=1)
PART = "AW"


@dataclass(frozen=True)
class Correction:
    """What was corrected, and what it was and is."""

    path: Path
    quarter: str
    before: datetime  # the vintage just before the correction (the demo's last change)
    indicator_id: str
    old_value: float
    new_value: float
    old_status: str
    new_status: str
    priority_id: str
    old_action_status: str
    new_action_status: str

    @property
    def before_param(self) -> str:
        return self.before.isoformat()


def corrected_demo(demo_db: Path, directory: Path) -> Correction:
    """A copy of ``demo_db`` in ``directory`` with the correction written at ``CORRECTED_AT``."""
    path = directory / "monitor.duckdb"
    shutil.copy(demo_db, path)
    with contextlib.closing(open_reader(path)) as con:
        reference = reference_data(con)
        quarter = reference.latest_quarter
        before = reference.vintages[0].moment
        assessed = assess(con, as_of=quarter)
        states = action_states(con, quarter=quarter)
    series = assessed.loc[
        (assessed["part_id"] == PART)
        & (assessed["status"] == "on_track")
        & (assessed["target_type"] == "reach")
        & (assessed["latest_period"] == quarter)
    ].iloc[0]
    baseline, target = float(series["baseline_value"]), float(series["target_value"])
    new_value = baseline - (target - baseline)
    action = states.loc[(states["part_id"] == PART) & (states["reported_period"] == quarter)].iloc[
        0
    ]
    new_action_status = "delayed" if action["status"] != "delayed" else "on_schedule"
    with writer(path) as con:
        import_id = con.execute("SELECT max(import_id) + 1 FROM imports").fetchall()[0][0]
        row = (series["indicator_id"], PART, quarter, new_value, "none", "correctie")
        record(con, import_id, CORRECTED_AT, [row])
        report = pd.DataFrame(
            {
                "priority_id": [action["priority_id"]],
                "part_id": [PART],
                "period": [quarter],
                "status": [new_action_status],
                "expected_completion": [action["expected_completion"]],
                "responsible": [action["responsible"]],
                "narrative": ["Gecorrigeerd"],
                "narrative_en": [None],
                "milestones": [None],
            }
        )
        with transaction(con) as cur:
            insert_action_reports(cur, report, recorded_at=CORRECTED_AT, import_id=import_id)
    with contextlib.closing(open_reader(path)) as con:
        after = assess(con, as_of=quarter)
    new = after.loc[
        (after["indicator_id"] == series["indicator_id"]) & (after["part_id"] == PART)
    ].iloc[0]
    assert new["status"] != series["status"], "the correction must change the status"
    return Correction(
        path=path,
        quarter=quarter,
        before=before,
        indicator_id=series["indicator_id"],
        old_value=float(series["latest_value"]),
        new_value=float(new["latest_value"]),
        old_status=series["status"],
        new_status=new["status"],
        priority_id=action["priority_id"],
        old_action_status=action["status"],
        new_action_status=new_action_status,
    )


def app_at(page: str, **params: str) -> AppTest:
    """The whole app (navigation, sidebar, banner) on ``page`` with ``params`` in the URL."""
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "app_pages/overview.py":
        at.switch_page(page)
        at.run()
    return at
