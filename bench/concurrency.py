"""Concurrency cases: one dashboard process under 1 to 32 simultaneous sessions, against a floor
app under the same load in the same run; 16 real browsers at once; the process's peak memory.

A session (``bench.sessions``) opens the Overview for a Kingdom part, then Kingdom parts; the
sessions of one load each take a different part (cycling ``PARTS``). Each load runs ``rounds``
waves of that many simultaneous sessions on the dashboard and on the floor, interleaved, after one
warm-up session per part on each. Per load three figures: the server-side p95 of a page run (from
the rerun request to ``script_finished``), the throughput (as milliseconds of wall time per
session: "≤ 2× the floor's" is "throughput ≥ half the floor's"; sessions/s in ``extra``) and the
errors (``extra``, notes; the goal is none).

The floor is an app directory (``app.py`` with the same url paths) given by ``floor_app``, a
function that writes it into a directory for the chart counts the dashboard's pages drew; by
default ``bare_floor_app``: two bare pages with those numbers of plotly charts
(``bench.pages.bare_page_script``). The replay floor plugs in the same way:
``floor_app=replay_floor_app(db, root=root), floor_name="replay (same elements)"``.

| name | what |
|---|---|
| ``concurrency_rows(db, scale, ...)`` | per load p95 and throughput rows; memory at ``memory_at`` |
| ``browser_rows(db, scale, ...)`` | ``browsers`` Chromium pages at once: time to ready, errors |
| ``bare_floor_app(directory, charts)`` | default floor: bare pages, same paths and chart counts |
| ``replay_floor_app(db, root=)`` | the replay floor (``bench.replay``) as a ``floor_app`` |
| ``measure(url, sessions, rounds)`` | one load on one server: ``Load`` (p95, sessions/s, errors) |
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.harness import Row, Timing
from bench.sessions import SESSION_PAGES, SessionResult, in_own_loop, run_sessions
from devtools.server import CHROMIUM, CHROMIUM_ARGS, running_streamlit

__all__ = [
    "PARTS",
    "Load",
    "bare_floor_app",
    "browser_rows",
    "concurrency_rows",
    "measure",
    "replay_floor_app",
]

PARTS = ("KINGDOM", "AW", "CW", "SX", "NL", "CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA")
LOADS = (1, 4, 8, 16, 32)
_START_S = 300.0  # a first start at M reads a large file
_RUN_TIMEOUT_S = 300.0
_MEMORY_GOAL_MB = 1536.0
_READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
_CHART = ".js-plotly-plot .main-svg"

# The floor app: ``floor_app(directory, charts)`` writes an app into ``directory`` whose pages
# have the url paths of SESSION_PAGES and ``charts[path]`` charts each; returns its script.
FloorApp = Callable[[Path, Mapping[str, int]], Path]


@dataclass(frozen=True)
class Load:
    sessions: int
    p95_ms: float
    median_ms: float
    per_session_ms: float  # wall time / sessions
    errors: tuple[str, ...]
    runs: int

    @property
    def sessions_per_s(self) -> float:
        return 1000 / self.per_session_ms


def bare_floor_app(directory: Path, charts: Mapping[str, int]) -> Path:
    """Two bare pages (``bench.pages.bare_page_script``) under the dashboard's url paths."""
    from bench.pages import bare_page_script

    pages = []
    for number, path in enumerate(SESSION_PAGES):
        script = directory / f"page_{number}.py"
        script.write_text(bare_page_script(charts.get(path, 0)), encoding="utf-8")
        url_path = path or "overview"
        pages.append(f"st.Page({script.name!r}, url_path={url_path!r}, default={not path})")
    app = directory / "floor_app.py"
    app.write_text(
        f"import streamlit as st\n\nst.navigation([{', '.join(pages)}]).run()\n", encoding="utf-8"
    )
    return app


def replay_floor_app(db: Path, *, root: Path) -> FloorApp:
    """The replay floor (``bench.replay``): the Overview and Kingdom parts recorded on ``db`` for
    every part of ``PARTS``, replayed under the real url paths (chart counts are not needed)."""

    def write(directory: Path, charts: Mapping[str, int]) -> Path:
        from bench.replay import write_replay_app
        from ui.pages import OVERVIEW
        from ui.pages import PARTS as PARTS_PAGE

        return write_replay_app(directory, db, parts=PARTS, pages=(OVERVIEW, PARTS_PAGE), root=root)

    return write


def _p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _errors(results: Sequence[SessionResult]) -> list[str]:
    return [f"{result.part}: {error}" for result in results for error in result.errors]


def measure(url: str, sessions: int, *, rounds: int) -> Load:
    """``rounds`` waves of ``sessions`` simultaneous sessions (parts cycled) on ``url``."""
    run_ms: list[float] = []
    errors: list[str] = []
    wall = 0.0
    for wave in range(rounds):
        parts = [PARTS[(wave * sessions + i) % len(PARTS)] for i in range(sessions)]
        results, seconds = run_sessions(url, parts, timeout_s=_RUN_TIMEOUT_S)
        wall += seconds
        run_ms += [run.ms for result in results for run in result.runs if run.error is None]
        errors += _errors(results)
    return Load(
        sessions=sessions,
        p95_ms=_p95(run_ms) if run_ms else math.inf,
        median_ms=statistics.median(run_ms) if run_ms else math.inf,
        per_session_ms=wall * 1000 / (sessions * rounds),
        errors=tuple(errors),
        runs=len(run_ms),
    )


def _chart_counts(url: str) -> dict[str, int]:
    """The charts each session page draws on the dashboard (for the first part); warms it up."""
    results, _ = run_sessions(url, [PARTS[0]], timeout_s=_RUN_TIMEOUT_S)
    if errors := _errors(results):
        raise RuntimeError(f"the dashboard failed a session: {errors}")
    return {run.page: run.charts for run in results[0].runs}


def _server_pid(url: str) -> int:
    """The pid of the ``streamlit run`` serving ``url`` (a child of this process)."""
    port = url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            args = (proc / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" in args and f"--server.port={port}".encode() in args:
                return int(proc.name)
    raise RuntimeError(f"no streamlit process serving {url}")


def _peak_rss_mb(pid: int) -> float:
    """VmHWM (the peak resident set so far) of ``pid`` in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def _timing(ms: float, runs: int) -> Timing:
    return Timing(median_ms=ms, min_ms=ms, max_ms=ms, runs=runs)


@contextlib.contextmanager
def _servers(db: Path, root: Path, floor_app: FloorApp) -> Iterator[tuple[str, str, Path]]:
    """The dashboard and its floor, each on a free port; their URLs and the work directory."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-concurrency-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        work = Path(tmp)
        # A copy: the servers' reader links never touch the benchmark's database.
        database = work / "monitor.duckdb"
        shutil.copyfile(db, database)
        app = stack.enter_context(
            running_streamlit(
                root / "app.py", database, cwd=root, timeout_s=_START_S, log=work / "app.log"
            )
        )
        floor_dir = work / "floor"
        floor_dir.mkdir()
        script = floor_app(floor_dir, _chart_counts(app))
        floor = stack.enter_context(
            running_streamlit(
                script,
                None,
                cwd=floor_dir,
                timeout_s=_START_S,
                log=work / "floor.log",
                pythonpath=root,
            )
        )
        yield app, floor, work


def concurrency_rows(
    db: Path,
    scale: str,
    *,
    root: Path,
    loads: Sequence[int] = LOADS,
    rounds: int = 2,
    memory_at: int | None = 16,
    floor_app: FloorApp = bare_floor_app,
    floor_name: str = "bare pages, same charts",
) -> list[Row]:
    """Per load: a p95 row and a throughput row, dashboard against floor; and, when
    ``memory_at`` is one of ``loads``, the dashboard process's peak memory once that load ran."""
    rows: list[Row] = []
    with _servers(db, root, floor_app) as (app, floor, _work):
        pid = _server_pid(app)
        # One warm-up session per part on each, so that first runs are not what is measured.
        for url in (floor, app):
            run_sessions(url, list(PARTS), timeout_s=_RUN_TIMEOUT_S)
        for sessions in loads:
            floor_load = measure(floor, sessions, rounds=rounds)
            app_load = measure(app, sessions, rounds=rounds)
            rows += _load_rows(scale, app_load, floor_load, floor_name)
            if sessions == memory_at:
                rows.append(
                    Row(
                        area="concurrency",
                        case=f"dashboard process, peak RSS once {sessions} sessions ran",
                        scale=scale,
                        timing=None,
                        peak_mb=_peak_rss_mb(pid),
                        goal="≤ 1.5 GB",
                        goal_mb=_MEMORY_GOAL_MB,
                        notes="VmHWM of the streamlit process, after loads "
                        + ", ".join(str(n) for n in loads if n <= sessions),
                    )
                )
    return rows


def _load_rows(scale: str, app: Load, floor: Load, floor_name: str) -> list[Row]:
    n = app.sessions
    errors = len(app.errors) + len(floor.errors)
    notes = f"{len(app.errors)} errors (floor {len(floor.errors)})"
    if app.errors or floor.errors:
        notes += ": " + "; ".join((app.errors + floor.errors)[:3])
    extra = {
        "errors": float(len(app.errors)),
        "floor_errors": float(len(floor.errors)),
        "sessions_per_s": app.sessions_per_s,
        "floor_sessions_per_s": floor.sessions_per_s,
        "median_ms": app.median_ms,
        "floor_median_ms": floor.median_ms,
    }
    return [
        Row(
            area="concurrency",
            case=f"{n} simultaneous sessions, server-side p95 of a page run",
            scale=scale,
            timing=_timing(app.p95_ms, app.runs),
            floor_case=f"{floor_name}, p95",
            floor=_timing(floor.p95_ms, floor.runs),
            goal="≤ 2× floor p95, 0 errors",
            goal_ratio=2.0,
            notes=notes,
            extra=extra,
        ),
        Row(
            area="concurrency",
            case=f"{n} simultaneous sessions, ms of wall time per session "
            f"({app.sessions_per_s:.2f} sessions/s)",
            scale=scale,
            timing=_timing(app.per_session_ms, n),
            floor_case=f"{floor_name} ({floor.sessions_per_s:.2f} sessions/s)",
            floor=_timing(floor.per_session_ms, n),
            goal="≤ 2× floor (throughput ≥ half the floor's)",
            goal_ratio=2.0,
            notes=notes if errors else "",
            extra=extra,
        ),
    ]


async def _browser_session(browser, url: str, part: str, expect: Mapping[str, int]) -> tuple:
    """One browser page: the Overview then Kingdom parts; (ms to ready of each, errors)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    times: list[float] = []
    page = await context.new_page()
    page.set_default_timeout(_RUN_TIMEOUT_S * 1000)
    page.on("pageerror", lambda error: errors.append(f"{part}: page error {error}"))
    try:
        for path in SESSION_PAGES:
            started = time.perf_counter()
            await page.goto(f"{url}/{path}?part={part}")
            await page.wait_for_selector(_READY, state="attached")
            if expect.get(path):
                # Attached, not visible: a chart in a closed expander or tab is drawn all the same.
                await page.wait_for_selector(_CHART, state="attached")
            times.append((time.perf_counter() - started) * 1000)
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"{part}: exception on {path or 'overview'}")
    except Exception as failure:  # a timeout or a crashed page is this session's error
        errors.append(f"{part}: {failure!r}"[:300])
    finally:
        await context.close()
    return times, errors


def _browsers_at_once(url: str, n: int, expect: Mapping[str, int]) -> tuple[list[float], list[str]]:
    from playwright.async_api import async_playwright

    async def main() -> list[tuple]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
            )
            try:
                return await asyncio.gather(
                    *(
                        _browser_session(browser, url, PARTS[i % len(PARTS)], expect)
                        for i in range(n)
                    )
                )
            finally:
                await browser.close()

    results = in_own_loop(main())
    return [ms for times, _ in results for ms in times], [e for _, errs in results for e in errs]


def browser_rows(
    db: Path,
    scale: str,
    *,
    root: Path,
    browsers: int = 16,
    floor_app: FloorApp = bare_floor_app,
    floor_name: str = "bare pages, same charts",
) -> list[Row]:
    """``browsers`` Chromium pages at once, each a session (Overview, then Kingdom parts) for a
    different part: the p95 of a page's time to ready (navigation until the script has stopped
    and a chart is drawn), against the floor; errors in notes. Empty without Chromium."""
    if not CHROMIUM.exists():
        print(f"concurrency: browsers skipped, no Chromium at {CHROMIUM}")
        return []
    with _servers(db, root, floor_app) as (app, floor, _work):
        expect = _chart_counts(app)
        _browsers_at_once(floor, len(PARTS), expect)  # warm-up, as for the websocket loads
        _browsers_at_once(app, len(PARTS), expect)
        floor_ms, floor_errors = _browsers_at_once(floor, browsers, expect)
        app_ms, app_errors = _browsers_at_once(app, browsers, expect)
    notes = f"{len(app_errors)} errors (floor {len(floor_errors)})"
    if app_errors or floor_errors:
        notes += ": " + "; ".join((app_errors + floor_errors)[:3])
    return [
        Row(
            area="concurrency",
            case=f"{browsers} browsers at once, p95 time to ready of a page",
            scale=scale,
            timing=_timing(_p95(app_ms) if app_ms else math.inf, len(app_ms)),
            floor_case=f"{floor_name}, p95",
            floor=_timing(_p95(floor_ms) if floor_ms else math.inf, len(floor_ms)),
            goal="0 errors",
            notes=notes,
            extra={"errors": float(len(app_errors)), "floor_errors": float(len(floor_errors))},
        )
    ]


if __name__ == "__main__":
    import argparse

    from bench.harness import write_results

    parser = argparse.ArgumentParser(
        description="Concurrency rows on their own (make bench runs them too)."
    )
    parser.add_argument("db", type=Path)
    parser.add_argument("scale")
    parser.add_argument("--loads", default=",".join(map(str, LOADS)))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--browsers", type=int, default=0, help="also the browser run with this many"
    )
    parser.add_argument("--floor", choices=("bare", "replay"), default="bare")
    parser.add_argument("--out", type=Path, default=Path("bench/results/concurrency"))
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    loads = [int(n) for n in args.loads.split(",") if n]
    floor = {}
    if args.floor == "replay":
        floor = {
            "floor_app": replay_floor_app(args.db, root=root),
            "floor_name": "replay (same elements)",
        }
    found = []
    if loads:
        found += concurrency_rows(
            args.db, args.scale, root=root, loads=loads, rounds=args.rounds, **floor
        )
    if args.browsers:
        found += browser_rows(args.db, args.scale, root=root, browsers=args.browsers, **floor)
    print(write_results(found, args.out, header={"scale": args.scale})[0].read_text())
