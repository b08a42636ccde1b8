"""Page cases: AppTest server time of each page, warm and first run, against a bare page.

The floor of a page is a bare script that draws the same number of plotly charts (counted on the
page's own run), each a small line figure, so what is left over is the page's own work: reads,
frames, widgets and tables. "First run" clears every Streamlit cache before the run, as a new
server process would start; "warm" reruns the same session with its caches filled.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.harness import Row, time_call
from ui.i18n import t
from ui.pages import PAGES

__all__ = ["bare_page_script", "page_rows"]

# Every page of the registry (ui.pages), named by its English menu title, run through app.py
# (see ``make`` in page_rows).

_TIMEOUT_S = 120


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


def _first_run(make: callable) -> callable:
    def run() -> None:
        _clear()
        at = make()
        at.run()
        if at.exception:
            raise RuntimeError(f"page raised: {at.exception}")

    return run


def _warm(make: callable) -> callable:
    at = make()
    at.run()
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception}")
    return lambda: at.run()


def page_rows(db: Path, scale: str, *, root: Path, repeat: int) -> list[Row]:
    os.environ["MONITOR_DB"] = str(db)
    _clear()
    rows: list[Row] = []
    floors: dict[int, tuple] = {}
    for entry in PAGES:
        name, path = t(entry.title_key, "en"), entry.path

        def make(path: str = path) -> AppTest:
            # Through app.py, as a browser asks for it: the sidebar and navigation run too,
            # and page links resolve (a page's matrix links need st.navigation's pages).
            at = AppTest.from_file(str(root / "app.py"), default_timeout=_TIMEOUT_S)
            return at.switch_page(path)

        probe = make()
        probe.run()
        if probe.exception:
            raise RuntimeError(f"{name} raised under AppTest: {probe.exception}")
        charts = len(probe.get("plotly_chart"))
        if charts not in floors:
            script = bare_page_script(charts)

            def bare(script: str = script) -> AppTest:
                return AppTest.from_string(script, default_timeout=_TIMEOUT_S)

            floors[charts] = (
                time_call(_warm(bare), repeat=repeat),
                time_call(_first_run(bare), repeat=repeat, warmup=0),
            )
        warm_floor, first_floor = floors[charts]
        floor_case = f"bare page, {charts} plotly chart{'s' if charts != 1 else ''}"
        warm_goal = "≤ 2× floor, ≤ 200 ms" if scale == "S" else "≤ 2× floor"
        rows.append(
            Row(
                area="page",
                case=f"{name}, warm",
                scale=scale,
                timing=time_call(_warm(make), repeat=repeat),
                floor_case=floor_case,
                floor=warm_floor,
                goal=warm_goal,
                goal_ratio=2.0,
                goal_ms=200.0 if scale == "S" else None,
            )
        )
        rows.append(
            Row(
                area="page",
                case=f"{name}, first run (caches cleared)",
                scale=scale,
                timing=time_call(_first_run(make), repeat=repeat, warmup=0),
                floor_case=floor_case,
                floor=first_floor,
                goal="≤ 2× floor",
                goal_ratio=2.0,
            )
        )
    _clear()
    return rows
