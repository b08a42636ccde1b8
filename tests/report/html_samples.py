"""The renderers' sample report (``tests.report.report_samples``) with what the HTML and PDF tests
need besides, PNGs for it, and the Chromium to test with.

| name | what |
|---|---|
| ``html_report(lang=..., charts_note=...)`` | ``sample_report`` plus a paragraph with a ``<script>`` element and a table of ten columns after the introduction; the second chart's table without a caption of its own |
| ``html_images(report, missing=...)`` | one small PNG per chart, ``None`` at the ``missing`` positions (by default the second chart) |
| ``indicator_figure(n)`` | a small plotly line chart, different for each ``n`` |
| ``require_chromium()`` | the Chromium to use, or skip (fail in CI) without one |
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import plotly.graph_objects as go
import pytest

from report.images import find_chromium
from report.model import Chart, Paragraph, Report, Table
from tests.report.report_samples import sample_report, tiny_png

__all__ = ["SCRIPT", "html_images", "html_report", "indicator_figure", "require_chromium"]

SCRIPT = '<script>alert("x")</script>'

_WIDE = {
    "nl": {
        "script": f"Geen opmaak maar tekst: {SCRIPT}",
        "caption": "Statusverdeling per hoofddoel",
        "columns": (
            "Hoofddoel",
            "✔ Bereikt",
            "▲ Op koers",
            "◆ Matig, versnelling nodig",
            "▼ Beperkt",
            "✖ Verslechtering",
            "? Onvoldoende gegevens",
            "– Geen doel",
            "Reeksen",
            "Aandeel op koers",
        ),
        "rows": (
            "O1 · Een veilig Koninkrijk in een multipolaire wereld",
            "O2 · Een weerbare democratische rechtsorde",
        ),
    },
    "en": {
        "script": f"No markup but text: {SCRIPT}",
        "caption": "Status per objective",
        "columns": (
            "Objective",
            "✔ Achieved",
            "▲ On track",
            "◆ Moderate, acceleration needed",
            "▼ Limited",
            "✖ Deterioration",
            "? Insufficient data",
            "– No target",
            "Series",
            "Share on track",
        ),
        "rows": (
            "O1 · A safe Kingdom in a multipolar world",
            "O2 · A resilient democratic legal order",
        ),
    },
}
_COUNTS = (
    ("2", "2", "4", "4", "4", "0", "0", "16", "25 %"),
    ("5", "10", "11", "8", "8", "1", "2", "45", "36 %"),
)


def html_report(*, lang: str = "nl", charts_note: str = "") -> Report:
    """The sample in ``lang``, with the ``<script>`` paragraph and the wide table third and
    fourth (after the first heading and the introduction)."""
    base = sample_report(lang=lang, charts_note=charts_note)
    texts = _WIDE[lang]
    wide = Table(
        columns=texts["columns"],
        rows=tuple((name, *counts) for name, counts in zip(texts["rows"], _COUNTS, strict=True)),
        caption=texts["caption"],
        numeric=(False, *([True] * len(_COUNTS[0]))),
    )
    blocks = [*base.blocks[:2], Paragraph(texts["script"]), wide, *base.blocks[2:]]
    charts = [position for position, block in enumerate(blocks) if isinstance(block, Chart)]
    second = blocks[charts[1]]
    blocks[charts[1]] = replace(second, table=replace(second.table, caption=""))
    return replace(base, blocks=tuple(blocks))


def html_images(report: Report, *, missing: tuple[int, ...] = (1,)) -> tuple[bytes | None, ...]:
    """One PNG per chart of ``report`` (180 × 84 pixels), ``None`` at the ``missing`` ones."""
    charts = [block for block in report.blocks if isinstance(block, Chart)]
    return tuple(None if n in missing else tiny_png(180, 84) for n in range(len(charts)))


def indicator_figure(n: int) -> go.Figure:
    """Indicator ``n``'s line over three quarters, rising to ``n``."""
    return go.Figure(go.Scatter(x=("2026Q1", "2026Q2", "2026Q3"), y=(1, n / 2, n), name=str(n)))


def require_chromium() -> Path:
    """The Chromium ``report.images.find_chromium`` finds; without one the test skips with the
    reason, or fails when MONITOR_REQUIRE_BROWSER=1 (CI), as the browser tests do."""
    browser = find_chromium()
    if browser is not None:
        return browser
    reason = (
        "no Chromium (MONITOR_CHROMIUM, /usr/bin/chromium or on PATH): apt-get install chromium"
    )
    if os.environ.get("MONITOR_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (MONITOR_REQUIRE_BROWSER=1)")
    pytest.skip(reason)
