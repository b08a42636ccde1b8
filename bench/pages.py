"""Page cases: AppTest server time of each page, warm and first run, against its replay floor.

The floor of a page is its replay (``bench.replay``): a bare script that emits the same elements
(charts, tables, metrics, links, text, widgets with the same options, download buttons with their
data) from values recorded beforehand, through an app.py with the same navigation, so what is
left over is the page's own work: reads, derived frames and figures. The rows name that floor
"replay (same elements)". The older floor, a bare page drawing as many small plotly line charts,
stays as a second reference in each row's notes and ``extra``.

"First run" clears every Streamlit cache before the run, as a new server process would start
(the replay's recordings stay loaded: they stand for values computed beforehand); "warm" reruns
the same session with its caches filled. Every run has a time cap (``_CAP_S``): a page that
does not finish within it is reported over the cap, not met, and the run goes on.

| function | what it does |
|---|---|
| ``bare_page_script(charts)`` | the bare-charts floor's script |
| ``page_rows(db, scale, root=, repeat=, cap_s=)`` | the page rows of one scale |
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.harness import Row, Timing, time_call
from bench.replay import load_recordings, write_replay_app
from ui.i18n import t
from ui.pages import PAGES

__all__ = ["bare_page_script", "page_rows"]

# Per run of a page, by scale: at M the Action lines page drew a chart per indicator (minutes).
_CAP_S = {"S": 120.0, "M": 90.0}
REPLAY_FLOOR = "replay (same elements)"


class OverCap(RuntimeError):
    """A run did not finish within its cap."""


def bare_page_script(charts: int) -> str:
    """A page that only draws ``charts`` plotly line charts of 24 points each."""
    return f"""
import plotly.graph_objects as go
import streamlit as st

st.title("bare")
for i in range({charts}):
    figure = go.Figure(go.Scatter(x=list(range(24)), y=[(i + j) % 7 for j in range(24)]))
    st.plotly_chart(figure, key=f"bare_{{i}}")
"""


def _clear() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


def _run(at: AppTest) -> None:
    try:
        at.run()
    except RuntimeError as error:
        if "timed out" in str(error):
            raise OverCap(str(error)) from error
        raise
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].value}")


def _first_run(make: Callable[[], AppTest]) -> Callable[[], None]:
    def run() -> None:
        _clear()
        _run(make())

    return run


def _warm(make: Callable[[], AppTest]) -> Callable[[], None]:
    at = make()
    _run(at)
    return lambda: _run(at)


def _pair(make: Callable[[], AppTest], repeat: int) -> tuple[Timing, Timing]:
    """(warm, first run) of one app, the warm first so its caches are filled by its own run."""
    return (
        time_call(_warm(make), repeat=repeat),
        time_call(_first_run(make), repeat=repeat, warmup=0),
    )


def _maker(app: Path, path: str, cap_s: float) -> Callable[[], AppTest]:
    def make() -> AppTest:
        # Through an app.py, as a browser asks for it: the sidebar and navigation run too.
        return AppTest.from_file(str(app), default_timeout=cap_s).switch_page(path)

    return make


def page_rows(
    db: Path, scale: str, *, root: Path, repeat: int, cap_s: float | None = None
) -> list[Row]:
    """Warm and first-run rows of every page of ``ui.pages.PAGES`` against its replay floor."""
    cap = cap_s if cap_s is not None else _CAP_S.get(scale, 120.0)
    before = os.environ.get("MONITOR_DB")
    os.environ["MONITOR_DB"] = str(db)
    _clear()
    rows: list[Row] = []
    bare: dict[int, tuple[Timing, Timing]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="replay-") as tmp:
            for entry in PAGES:
                rows.extend(_page(entry, db, scale, root, Path(tmp), repeat, cap, bare))
    finally:
        _clear()
        if before is None:
            os.environ.pop("MONITOR_DB", None)
        else:
            os.environ["MONITOR_DB"] = before
    return rows


def _page(
    entry: object,
    db: Path,
    scale: str,
    root: Path,
    tmp: Path,
    repeat: int,
    cap: float,
    bare: dict[int, tuple[Timing, Timing]],
) -> list[Row]:
    name = t(entry.title_key, "en")
    cases = (f"{name}, warm", f"{name}, first run (caches cleared)")
    try:
        # One replay app per page: recording it is also the probe that the page runs at all.
        replay_app = write_replay_app(
            tmp / entry.url_path, db, pages=(entry,), root=root, timeout_s=cap
        )
        real = _pair(_maker(root / "app.py", entry.path, cap), repeat)
    except RuntimeError as error:
        if not isinstance(error, OverCap) and "timed out" not in str(error):
            raise
        _clear()
        return [
            Row(
                area="page",
                case=case,
                scale=scale,
                timing=None,
                floor_case=REPLAY_FLOOR,
                goal="≤ 2× floor",
                goal_ratio=2.0,
                over_cap_s=cap,
                notes=f"did not finish within the cap of {cap:.0f} s",
            )
            for case in cases
        ]
    recording = next(iter(load_recordings(replay_app.parent).values()))
    floor = _pair(_maker(replay_app, entry.path, cap), repeat)
    charts = recording.count("plotly_chart")
    if charts not in bare:

        def make_bare(script: str = bare_page_script(charts)) -> AppTest:
            return AppTest.from_string(script, default_timeout=cap)

        bare[charts] = _pair(make_bare, repeat)
    skipped = recording.unknown
    rows = []
    for case, timing, replay, reference in zip(cases, real, floor, bare[charts], strict=True):
        bare_ratio = timing.median_ms / reference.median_ms if reference.median_ms else 0.0
        rows.append(
            Row(
                area="page",
                case=case,
                scale=scale,
                timing=timing,
                floor_case=REPLAY_FLOOR,
                floor=replay,
                goal="≤ 2× floor",
                goal_ratio=2.0,
                notes=(
                    f"bare-charts floor ({charts} plotly chart{'s' if charts != 1 else ''}): "
                    f"{reference.median_ms:,.0f} ms, {bare_ratio:.1f}×"
                    + (f"; replay skips {', '.join(skipped)}" if skipped else "")
                ),
                extra={"bare_charts_floor_ms": reference.median_ms, "bare_ratio": bare_ratio},
            )
        )
    return rows
