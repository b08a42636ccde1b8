"""The report's charts as PNG images, drawn by plotly's own export (kaleido) in the system Chromium.

| name | what |
|---|---|
| ``find_chromium()`` | ``MONITOR_CHROMIUM``, else /usr/bin/chromium, else ``chromium`` on PATH |
| ``chart_images(charts, browser=...)`` | one PNG per chart (``None`` where it could not be drawn) |
| ``WIDTH``, ``HEIGHT``, ``SCALE``, ``TEMPLATE`` | the fixed size and look of every image |

One browser start draws the whole batch: starting Chromium takes 2-4 s, each figure 0.25-0.4 s
after that (1 figure 2.3 s, 30 figures 7.6 s). Every figure gets the same width, scale and plotly
template whatever the pages set as plotly's default; Chromium writes no time or text chunks in a
PNG, so the same figure gives the same bytes. Never raises for a chart: a figure that fails gives
``None``, a browser that does not start (or dies) gives ``None`` for all (the rest), and the
renderers show the chart's table instead. Every wait is bounded. MathJax is off, so kaleido's
page loads nothing from the network (plotly.js comes from the plotly package).

Imports nothing of ours but the model.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

import kaleido
import plotly.graph_objects as go

from report.model import Chart

__all__ = ["HEIGHT", "SCALE", "TEMPLATE", "WIDTH", "chart_images", "find_chromium"]

WIDTH: Final = 900  # CSS px: the screen's column; print scales it to the A4 text width
HEIGHT: Final = 420  # for a figure that sets no height of its own
SCALE: Final = 2  # sharp in print
TEMPLATE: Final = "plotly_white"
_DEBIAN_CHROMIUM: Final = Path("/usr/bin/chromium")
_START_TIMEOUT_S: Final = 60.0
_FIGURE_TIMEOUT_S: Final = 30.0
_CLOSE_TIMEOUT_S: Final = 5.0
_logger = logging.getLogger(__name__)


def find_chromium() -> Path | None:
    """The Chromium to draw and print with, or ``None`` when there is none."""
    configured = os.environ.get("MONITOR_CHROMIUM")
    candidates = [Path(configured)] if configured else []
    candidates.append(_DEBIAN_CHROMIUM)
    on_path = shutil.which("chromium")
    if on_path:
        candidates.append(Path(on_path))
    return next((path for path in candidates if _is_executable(path)), None)


def chart_images(charts: Sequence[Chart], *, browser: Path) -> tuple[bytes | None, ...]:
    """Each chart's figure as PNG bytes, in order; ``None`` for one that could not be drawn."""
    if not charts:
        return ()
    specs = [_spec(chart.figure) for chart in charts]
    # kaleido is asyncio; a fresh loop in a worker thread works whether or not the caller
    # (a Streamlit script thread, the CLI, a test) already runs one.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-images") as pool:
        return pool.submit(asyncio.run, _draw(specs, browser)).result()


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _spec(figure: go.Figure) -> dict | None:
    """The figure as plotly's JSON with the fixed template and width (a copy: the caller's
    figure is left as it is), or ``None`` when it is no valid figure."""
    try:
        fixed = go.Figure(figure)
        fixed.update_layout(
            template=TEMPLATE,
            width=WIDTH,
            height=fixed.layout.height or HEIGHT,
            paper_bgcolor="#FFFFFF",
        )
        return fixed.to_dict()
    except Exception as error:  # one bad chart must not stop the report
        _logger.info("chart skipped: not a plotly figure (%s)", error)
        return None


async def _draw(specs: Sequence[dict | None], browser: Path) -> tuple[bytes | None, ...]:
    try:
        drawer = kaleido.Kaleido(
            path=browser, n=1, timeout=_FIGURE_TIMEOUT_S, mathjax=False, enable_extensions=False
        )
    except Exception as error:  # no browser: every chart gives way to its table
        _logger.info("charts not drawn: %s", error)
        return tuple(None for _ in specs)
    try:
        await asyncio.wait_for(drawer.open(), _START_TIMEOUT_S)
    except Exception as error:  # a browser that does not start is no browser
        _logger.info("charts not drawn: Chromium did not start (%s)", error)
        await _shut(drawer)
        return tuple(None for _ in specs)
    try:
        return await _draw_each(drawer, specs)
    finally:
        await _shut(drawer)


async def _draw_each(drawer: kaleido.Kaleido, specs: Sequence[dict | None]) -> tuple:
    """Each figure in turn. Once the browser has gone, or a figure ran out of time (kaleido may
    not get its tab back then, and the next figure would wait for it for ever), the rest are
    not tried."""
    drawn: list[bytes | None] = []
    stuck = False
    for spec in specs:
        if spec is None or stuck or drawer.subprocess.poll() is not None:
            drawn.append(None)
            continue
        try:
            drawn.append(await asyncio.wait_for(_png(drawer, spec), _FIGURE_TIMEOUT_S + 15))
        except TimeoutError as error:
            _logger.info("chart not drawn, and no more tried: %s", error)
            drawn.append(None)
            stuck = True
        except Exception as error:  # this chart gives way to its table
            _logger.info("chart not drawn: %s", error)
            drawn.append(None)
    return tuple(drawn)


async def _shut(drawer: kaleido.Kaleido) -> None:
    """Close the browser; one that does not answer (its close would wait for ever) is killed
    with its process group (choreographer starts it in a session of its own)."""
    with contextlib.suppress(Exception):
        await asyncio.wait_for(drawer.close(), _CLOSE_TIMEOUT_S)
    process = getattr(drawer, "subprocess", None)
    if process is not None and process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


async def _png(drawer: kaleido.Kaleido, spec: dict) -> bytes:
    layout = spec["layout"]
    options = {"format": "png", "width": layout["width"], "height": layout["height"]}
    return await drawer.calc_fig(spec, opts={**options, "scale": SCALE})
