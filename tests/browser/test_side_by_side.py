"""One writer, many readers, end to end: two dashboard processes serve one database while the CLI
imports into it (and exports from it) in a third; no lock error reaches anyone, and both
dashboards show the new figure on their next load.

Two servers, a browser and the CLI share two cores in CI, so nothing here waits a fixed time: each
step waits for its readiness signal (the server's ``/_stcore/health``, in ``running_streamlit``;
the metric on the page; the app's script run finished), each load within ``READY_S``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, running_streamlit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Sint Maarten has not delivered the latest demo quarter (data/demo.py MISSING_LATEST_ENTITY), so
# this row is a new value: the Overview's count of values up to the quarter goes up by one.
NEW_ROW = "indicator_id,part_id,period,value,flag,note\nIND-0502,SX,2026Q3,41.5,provisional,\n"
QUARTER = "2026Q3"
METRIC_LABEL = "Waarden t/m kwartaal"
# A bound for one page load (or one CLI run) that no healthy run comes near, however loaded the
# machine: a few seconds idle, well under a minute on two busy cores.
READY_S = 180.0
# Streamlit marks its root element with the script's state; "notRunning" once a run has finished.
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _values_shown(page, url: str) -> str:
    """The Overview's count of values up to QUARTER, read once the page's script run has finished."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    deadline = time.monotonic() + READY_S

    def remaining_ms() -> float:
        return max(1.0, (deadline - time.monotonic()) * 1000)

    metric = page.get_by_test_id("stMetric").filter(has_text=METRIC_LABEL)
    try:
        page.goto(f"{url}/?lang=nl&part=KINGDOM&q={QUARTER}", timeout=remaining_ms())
        metric.wait_for(timeout=remaining_ms())
        page.locator(APP_IDLE).wait_for(timeout=remaining_ms())
    except PlaywrightTimeoutError as error:
        pytest.fail(
            f"{url}: the Overview did not show {METRIC_LABEL!r} and finish its run within"
            f" {READY_S:.0f} s ({error})"
        )
    assert page.get_by_test_id("stException").count() == 0
    text = page.get_by_test_id("stMain").inner_text()
    for word in ("IOException", "lock", "Conflicting"):
        assert word not in text, f"{word!r} reached the user"
    return metric.get_by_test_id("stMetricValue").inner_text()


def _cli(database: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "cli.py", *args],
        cwd=ROOT,
        env={**os.environ, "MONITOR_DB": str(database)},
        capture_output=True,
        timeout=READY_S,
    )


def test_two_dashboards_keep_serving_while_the_cli_imports_and_exports(
    demo_db, tmp_path, browser_page
):
    database = tmp_path / "monitor.duckdb"
    shutil.copy(demo_db, database)
    upload = tmp_path / "sx_2026Q3.csv"
    upload.write_text(NEW_ROW, encoding="utf-8")

    with (
        running_streamlit(database, tmp_path) as first,
        running_streamlit(database, tmp_path) as second,
    ):
        before = _values_shown(browser_page, first)
        assert _values_shown(browser_page, second) == before

        imported = _cli(database, "import", str(upload), "--lang", "en")
        assert imported.returncode == 0, imported.stderr.decode()

        exported = _cli(
            database, "export", "--quarter", QUARTER, "--part", "SX", "--what", "observations"
        )
        assert exported.returncode == 0, exported.stderr.decode()
        assert b"IND-0502,SX,2026Q3,41.5" in exported.stdout

        after_first = _values_shown(browser_page, first)
        after_second = _values_shown(browser_page, second)
    assert int(after_first.replace(".", "")) == int(before.replace(".", "")) + 1
    assert after_second == after_first
