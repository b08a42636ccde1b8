"""One writer, many readers, end to end: two dashboard processes serve one database while the CLI
imports into it (and exports from it) in a third; no lock error reaches anyone, and both
dashboards show the new figure on their next load."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, running_streamlit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Sint Maarten has not delivered the latest demo quarter (data/demo.py MISSING_LATEST_ENTITY), so
# this row is a new value: the Overview's count of values up to the quarter goes up by one.
NEW_ROW = "indicator_id,part_id,period,value,flag,note\nIND-0502,SX,2026Q3,41.5,provisional,\n"
QUARTER = "2026Q3"


def _values_shown(page, url: str) -> str:
    page.goto(f"{url}/?lang=nl&part=KINGDOM&q={QUARTER}")
    metric = page.get_by_test_id("stMetric").filter(has_text="Waarden t/m kwartaal")
    metric.wait_for()
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
        timeout=120,
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
