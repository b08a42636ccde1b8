"""A hand-made ``Report`` for the HTML, PDF and image tests, and PNGs to go with it.

| name | what |
|---|---|
| ``html_report(lang=..., charts_note=...)`` | a cover with a demo notice; headings at levels 1-3; body, note and quote paragraphs; two tables (one of ten columns, one long enough to run over a page); three charts; a page break before the last section |
| ``html_images(report, missing=...)`` | one small PNG per chart, ``None`` for the positions in ``missing`` (by default the second chart) |
| ``png(width, height, colour)`` | a real PNG made with Pillow (no browser) |
| ``indicator_figure(n)`` | a small plotly line chart |
| ``require_chromium()`` | the Chromium to use, or skip (fail in CI) without one |

Texts are final (as ``report.content`` makes them) and carry what a renderer must escape: a
``<script>`` element, ``&``, quotes, ``ë`` and ``€``.
"""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

import plotly.graph_objects as go
import pytest
from PIL import Image

from report.images import find_chromium
from report.model import (
    NOTE,
    QUOTE,
    Block,
    Chart,
    Cover,
    Heading,
    PageBreak,
    Paragraph,
    Report,
    Table,
)

__all__ = [
    "CREATED",
    "LONG_ROWS",
    "html_images",
    "html_report",
    "indicator_figure",
    "png",
    "require_chromium",
]

CREATED = datetime(2026, 10, 15, 9, 30, 0)
LONG_ROWS = 60
SCRIPT = '<script>alert("x")</script>'

_TEXTS = {
    "nl": {
        "title": "Voortgangsrapportage Veiligheidsstrategie",
        "subtitle": "Koninkrijk · 2026Q3",
        "lines": ("Kwartaal: 2026Q3", "Deel: Koninkrijk", "Peilmoment: 15-10-2026 09:30"),
        "notice": "Demonstratiegegevens: deze cijfers zijn verzonnen.",
        "summary": "Samenvatting",
        "intro": f'Van de 12 reeksen liggen er 8 op koers & 2 lopen "achter". {SCRIPT}',
        "status": (
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
        "objectives": (
            "O1 · Een veilig Koninkrijk in een multipolaire wereld",
            "O2 · Een weerbare democratische rechtsorde",
        ),
        "status_caption": "Statusverdeling per doelstelling",
        "line": "Actielijn 1: Weerbaarheid <tegen> ondermijning",
        "narrative": "Curaçao en Aruba melden voortgang.\nEén project ligt stil.",
        "indicators": "Indicatoren van actielijn 1",
        "columns": ("Indicator", "Laatste waarde", "Doel", "Status"),
        "indicator": "Indicator {n}: budget in €",
        "on_track": "▲ Op koers",
        "caption": "Indicatoren van actielijn 1 (2026Q3)",
        "chart": "Indicator {n}: realisatie, pad en doel",
        "alt": "Lijngrafiek van indicator {n}: de realisatie stijgt van 10 naar {top}.",
        "series": ("Kwartaal", "Realisatie", "Pad"),
        "note": "Bron: ministeries; voorlopige waarden zijn gemarkeerd.",
        "part": "Bonaire",
        "footer": "Voortgangsrapportage 2026Q3 · Koninkrijk",
    },
    "en": {
        "title": "Progress report, Security Strategy",
        "subtitle": "Kingdom · 2026Q3",
        "lines": ("Quarter: 2026Q3", "Part: Kingdom", "Data as of: 2026-10-15 09:30"),
        "notice": "Demo data: these figures are made up.",
        "summary": "Summary",
        "intro": f'Of 12 series, 8 are on track & 2 are "behind". {SCRIPT}',
        "status": (
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
        "objectives": (
            "O1 · A safe Kingdom in a multipolar world",
            "O2 · A resilient democratic legal order",
        ),
        "status_caption": "Status per objective",
        "line": "Action line 1: Resilience <against> subversion",
        "narrative": "Curaçao and Aruba report progress.\nOne project has stalled.",
        "indicators": "Indicators of action line 1",
        "columns": ("Indicator", "Latest value", "Target", "Status"),
        "indicator": "Indicator {n}: budget in €",
        "on_track": "▲ On track",
        "caption": "Indicators of action line 1 (2026Q3)",
        "chart": "Indicator {n}: actual, path and target",
        "alt": "Line chart of indicator {n}: the actual rises from 10 to {top}.",
        "series": ("Quarter", "Actual", "Path"),
        "note": "Source: ministries; provisional values are marked.",
        "part": "Bonaire",
        "footer": "Progress report 2026Q3 · Kingdom",
    },
}
_QUARTERS = ("2026Q1", "2026Q2", "2026Q3")


def indicator_figure(n: int, top: int = 40) -> go.Figure:
    """A line chart of indicator ``n``: the actual rising from 10 to ``top``, and a dotted path."""
    return go.Figure(
        [
            go.Scatter(x=_QUARTERS, y=(10, (10 + top) // 2, top), name=f"Indicator {n}"),
            go.Scatter(x=_QUARTERS, y=(10, 20, 30), name="Path", line={"dash": "dot"}),
        ]
    )


def _chart(texts: dict, n: int, top: int) -> Chart:
    actual = (10, (10 + top) // 2, top)
    table = Table(
        columns=texts["series"],
        rows=tuple(zip(_QUARTERS, map(str, actual), ("10", "20", "30"), strict=True)),
        caption="",
        numeric=(False, True, True),
    )
    return Chart(
        figure=indicator_figure(n, top),
        alt=texts["alt"].format(n=n, top=top),
        caption=texts["chart"].format(n=n),
        table=table,
    )


def html_report(*, lang: str = "nl", charts_note: str = "") -> Report:
    """The sample in ``lang``. Its second chart's table has no caption of its own (the chart's
    caption stands in for it when the chart is shown as a table)."""
    texts = _TEXTS[lang]
    status = Table(
        columns=texts["status"],
        rows=(
            (texts["objectives"][0], "2", "2", "4", "4", "4", "0", "0", "16", "25 %"),
            (texts["objectives"][1], "5", "10", "11", "8", "8", "1", "2", "45", "36 %"),
        ),
        caption=texts["status_caption"],
        numeric=(False, *([True] * 9)),
    )
    long_table = Table(
        columns=texts["columns"],
        rows=tuple(
            (texts["indicator"].format(n=n), f"{n * 1.5:.1f}", str(n * 2), texts["on_track"])
            for n in range(1, LONG_ROWS + 1)
        ),
        caption=texts["caption"],
        numeric=(False, True, True, False),
    )
    blocks: tuple[Block, ...] = (
        Heading(texts["summary"], 1),
        Paragraph(texts["intro"]),
        status,
        Heading(texts["line"], 2),
        Paragraph(texts["narrative"], QUOTE),
        Heading(texts["indicators"], 3),
        long_table,
        _chart(texts, 1, 40),
        _chart(texts, 2, 25),
        Paragraph(texts["note"], NOTE),
        PageBreak(),
        Heading(texts["part"], 2),
        _chart(texts, 3, 55),
    )
    return Report(
        lang=lang,
        created=CREATED,
        file_stem=f"report-2026Q3-KINGDOM-{lang}",
        cover=Cover(texts["title"], texts["subtitle"], texts["lines"], texts["notice"]),
        blocks=blocks,
        footer=texts["footer"],
        charts_note=charts_note,
    )


def png(width: int = 90, height: int = 42, colour: tuple[int, int, int] = (21, 66, 115)) -> bytes:
    """A ``width`` × ``height`` PNG of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def html_images(report: Report, *, missing: tuple[int, ...] = (1,)) -> tuple[bytes | None, ...]:
    """One PNG per chart of ``report`` (each its own colour), ``None`` at the ``missing`` ones."""
    charts = [block for block in report.blocks if isinstance(block, Chart)]
    return tuple(
        None if position in missing else png(180, 84, (position * 60, 90, 160))
        for position in range(len(charts))
    )


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
