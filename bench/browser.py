"""Browser cases: every page's time to ready in a real browser at M against the same page at S.

One ``streamlit run app.py`` per scale (headless, 127.0.0.1, a free port) on a link to (or a copy
of) that scale's benchmark database; the system Chromium (Playwright, never ``playwright
install``) opens each page of ``ui.pages.PAGES`` and waits until it is *ready*: the app has drawn
the page's first heading, the script is not running (``data-test-script-state`` on the app: the
state Streamlit's running indicator shows), no status widget or loading skeleton is shown, and
every plotly chart on it has its svg. One warm-up visit per page and scale, then the median of
``repeat`` visits, the two scales interleaved page by page so a busy moment hits both.
A visit is capped (``VISIT_TIMEOUT_S``): a page that is not ready by then is a failed row (its
notes say so), never a hang.

| name | what |
|---|---|
| ``browser_rows(dbs, root=, repeat=)`` | one row per page: M's time to ready, floor S's |
| ``python -m bench.browser [--repeat N]`` | the same, printed as a table |
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.harness import Row, Timing, timing_of
from devtools.server import CHROMIUM, launch_chromium, running_streamlit
from ui.i18n import t
from ui.pages import PAGES

__all__ = ["VISIT_TIMEOUT_S", "browser_rows", "main"]

VISIT_TIMEOUT_S = 120.0
_STARTUP_TIMEOUT_S = 180.0
# How long the ready state must hold: a rerun Streamlit starts after the first paint (a widget
# settling, a fragment) would otherwise end the measurement early.
_SETTLE_MS = 600
_READY = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('h1')) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (main.querySelector('[data-testid="stSkeleton"]')) return false;
  for (const plot of main.querySelectorAll('.js-plotly-plot')) {
    if (!plot.querySelector('svg.main-svg')) return false;
  }
  return true;
}"""


class NotReady(RuntimeError):
    """A page was not ready within the visit's cap."""


@contextlib.contextmanager
def _published(db: Path, work: Path) -> Iterator[Path]:
    """``db`` under ``work``: a hard link (read-only use; the readers' own links land in
    ``work``, never beside the benchmark's file), or a copy where links are not possible."""
    target = work / "monitor.duckdb"
    try:
        os.link(db, target)
    except OSError:
        shutil.copyfile(db, target)
    yield target


def _visit(context, url: str) -> float:
    """Milliseconds from navigation to ready (the ready state then holding ``_SETTLE_MS``)."""
    page = context.new_page()
    try:
        started = time.perf_counter()
        deadline = started + VISIT_TIMEOUT_S
        page.goto(url, wait_until="commit", timeout=VISIT_TIMEOUT_S * 1000)
        while True:
            left_ms = (deadline - time.perf_counter()) * 1000
            if left_ms <= 0:
                raise NotReady(f"not ready after {VISIT_TIMEOUT_S:g} s")
            try:
                page.wait_for_function(_READY, timeout=left_ms, polling=50)
            except Exception as error:  # Playwright's TimeoutError
                raise NotReady(f"not ready after {VISIT_TIMEOUT_S:g} s") from error
            ready = time.perf_counter()
            page.wait_for_timeout(_SETTLE_MS)
            if page.evaluate(_READY):
                return (ready - started) * 1000
    finally:
        page.close()


def _measure(browser, url: str, repeat: int) -> tuple[Timing | None, str]:
    """The page's median time to ready after one warm-up visit; None and why when it failed."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        _visit(context, url)
        return timing_of([_visit(context, url) for _ in range(repeat)]), ""
    except NotReady as error:
        return None, str(error)
    finally:
        context.close()


def browser_rows(dbs: dict[str, Path], *, root: Path, repeat: int = 3) -> list[Row]:
    """One row per page: its time to ready at M, the floor the same page at S (same run).

    ``dbs`` maps a scale ("S", "M") to its benchmark database; empty (with a printed reason)
    without Chromium.
    """
    if not CHROMIUM.exists():
        print(f"browser: skipped, no Chromium at {CHROMIUM}")
        return []
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, tuple[Timing | None, str]]] = {scale: {} for scale in dbs}
    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-browser-")))
        urls = {}
        for scale, db in dbs.items():
            (work / scale).mkdir()
            database = stack.enter_context(_published(db, work / scale))
            log = work / scale / "streamlit.log"
            urls[scale] = stack.enter_context(
                running_streamlit(
                    root / "app.py", database, cwd=root, timeout_s=_STARTUP_TIMEOUT_S, log=log
                )
            )
        playwright = stack.enter_context(sync_playwright())
        browser = launch_chromium(playwright)
        stack.callback(browser.close)
        for entry in PAGES:
            for scale, url in urls.items():
                results[scale][entry.url_path] = _measure(
                    browser, f"{url}/{entry.url_path}?lang=nl", repeat
                )
    rows = []
    for entry in PAGES:
        name = t(entry.title_key, "en")
        s_timing, s_note = results.get("S", {}).get(entry.url_path, (None, "no S database"))
        m_timing, m_note = results.get("M", {}).get(entry.url_path, (None, "no M database"))
        notes = "; ".join(
            f"{scale}: {note}" for scale, note in (("M", m_note), ("S", s_note)) if note
        )
        rows.append(
            Row(
                area="browser",
                case=f"{name}, time to ready",
                scale="M",
                timing=m_timing,
                floor_case="the same page at S",
                floor=s_timing,
                goal="≤ 2× the page at S",
                goal_ratio=2.0,
                notes=notes,
            )
        )
    return rows


def _table(rows: list[Row]) -> str:
    lines = [f"{'page':<34} {'M ms':>9} {'S ms':>9} {'ratio':>7}  met  notes"]
    for row in rows:
        m = f"{row.timing.median_ms:,.0f}" if row.timing else "failed"
        s = f"{row.floor.median_ms:,.0f}" if row.floor else "failed"
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
        met = {True: "yes", False: "NO", None: "  -"}[row.meets_goal]
        lines.append(f"{row.case:<34} {m:>9} {s:>9} {ratio:>7}  {met:<3}  {row.notes}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__)
    parser.add_argument("--s-db", type=Path, default=Path("/tmp/bench_S.duckdb"))
    parser.add_argument("--m-db", type=Path, default=Path("/tmp/bench_M.duckdb"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    rows = browser_rows({"S": args.s_db, "M": args.m_db}, root=root, repeat=args.repeat)
    print(_table(rows))
    return 0 if all(row.meets_goal for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
