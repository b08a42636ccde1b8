"""Start cases: ``streamlit run app.py`` until /_stcore/health answers, and until the first page
has drawn its first chart in a headless system Chromium (never ``playwright install``).

The floor is the same two moments for a bare page with the Overview's number of charts, started
the same way in the same run. Starting and waiting is ``devtools.server``'s (shared with the
browser tests).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.harness import Row, timing_of
from devtools.server import CHROMIUM, launch_chromium, running_streamlit

__all__ = ["start_rows"]

_TIMEOUT_S = 120.0
# What "the first page is rendered" means: a plotly chart has been drawn.
_RENDERED = ".js-plotly-plot .main-svg"


def _start_once(script: Path, db: Path, *, cwd: Path, browser) -> tuple[float, float]:
    """Milliseconds from launch to healthy, and to the first chart drawn."""
    started = time.perf_counter()
    with running_streamlit(script, db, cwd=cwd, timeout_s=_TIMEOUT_S) as url:
        healthy = time.perf_counter()
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(_RENDERED, timeout=_TIMEOUT_S * 1000)
            rendered = time.perf_counter()
        finally:
            context.close()
    return (healthy - started) * 1000, (rendered - started) * 1000


def start_rows(db: Path, scale: str, *, root: Path, charts: int, repeat: int) -> list[Row]:
    """Rows for the app and its floor; empty (with a printed reason) without Chromium."""
    if not CHROMIUM.exists():
        print(f"start: skipped, no Chromium at {CHROMIUM}")
        return []
    from playwright.sync_api import sync_playwright

    from bench.pages import bare_page_script

    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        work = Path(tmp)
        # A copy, so the server's reader links never touch the benchmark's database.
        database = work / "monitor.duckdb"
        shutil.copyfile(db, database)
        bare = work / "bare.py"
        bare.write_text(bare_page_script(charts), encoding="utf-8")
        samples: dict[str, list[tuple[float, float]]] = {"app": [], "bare": []}
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for _ in range(repeat):
                    # Interleaved, so a busy moment hits both sides.
                    samples["bare"].append(_start_once(bare, database, cwd=root, browser=browser))
                    samples["app"].append(
                        _start_once(root / "app.py", database, cwd=root, browser=browser)
                    )
            finally:
                browser.close()
    rows = []
    for index, moment in enumerate(("until /_stcore/health", "until the first chart is drawn")):
        rows.append(
            Row(
                area="start",
                case=f"streamlit run app.py {moment}",
                scale=scale,
                timing=timing_of([sample[index] for sample in samples["app"]]),
                floor_case=f"bare page, {charts} plotly charts",
                floor=timing_of([sample[index] for sample in samples["bare"]]),
            )
        )
    return rows
