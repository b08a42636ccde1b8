"""A hand-made ``Report`` with every kind of block, and chart images, for the renderers' tests.

| name | what |
|---|---|
| ``sample_report(lang=..., charts_note=...)`` | a cover with the demo notice; headings at levels 1-3; body, note and quote paragraphs; a 40-row table; two charts; a page break |
| ``CREATED`` | the moment the sample says it was made (its vintage) |
| ``tiny_png(width, height)`` | a valid RGB PNG built with zlib and struct (no browser) |
| ``chart_png(figure)`` | the figure as a PNG by plotly's own export when Chromium is installed, else ``tiny_png`` |

The texts are final (Dutch or English), as ``report.content`` makes them, with characters a
renderer must escape or encode (``<``, ``&``, ``ë``, ``€``).
"""

from __future__ import annotations

import struct
import zlib
from datetime import datetime

import plotly.graph_objects as go

from devtools.server import CHROMIUM
from report.model import NOTE, QUOTE, Chart, Cover, Heading, PageBreak, Paragraph, Report, Table

__all__ = ["CREATED", "chart_png", "sample_report", "tiny_png"]

CREATED = datetime(2026, 10, 15, 9, 30, 0)
TABLE_ROWS = 40

_TEXTS = {
    "nl": {
        "title": "Voortgangsrapportage Veiligheidsstrategie Koninkrijk",
        "subtitle": "Derde kwartaal 2026",
        "lines": (
            "Kwartaal: 2026K3",
            "Deel: Koninkrijk",
            "Stand van de gegevens: 15-10-2026 09:30",
            "Methode: versie 2",
        ),
        "notice": "Demonstratiegegevens: deze cijfers zijn verzonnen.",
        "summary": "Samenvatting",
        "intro": "Van de 40 indicatoren liggen er 28 op koers & 4 lopen achter (< 50% van het pad).",
        "line": "Actielijn 1: Weerbaarheid tegen ondermijning",
        "narrative": "De regio's Caribisch Nederland en Aruba melden voortgang; één project ligt stil.",
        "indicators": "Indicatoren",
        "columns": ("Indicator", "Laatste waarde", "Streefwaarde", "Status"),
        "indicator": "Indicator {n}: budget in €",
        "status": "Op koers",
        "caption": "Tabel 1. Indicatoren van actielijn 1",
        "chart": "Figuur {n}. Indicator {n}: realisatie, pad en doel",
        "alt": "Lijngrafiek van indicator {n}: de realisatie stijgt van 10 naar {top}, het doel is 60.",
        "series": ("Kwartaal", "Realisatie", "Pad"),
        "note": "Bron: ministeries; voorlopige waarden zijn gemarkeerd.",
        "part": "Bonaire",
        "footer": "Voortgangsrapportage 2026K3 · Koninkrijk",
    },
    "en": {
        "title": "Progress report, Security Strategy for the Kingdom",
        "subtitle": "Third quarter 2026",
        "lines": (
            "Quarter: 2026Q3",
            "Part: Kingdom",
            "Data as of: 2026-10-15 09:30",
            "Method: version 2",
        ),
        "notice": "Demo data: these figures are made up.",
        "summary": "Summary",
        "intro": "Of 40 indicators, 28 are on track & 4 lag (< 50% of the path).",
        "line": "Action line 1: Resilience against subversion",
        "narrative": "The Caribbean Netherlands and Aruba report progress; one project has stalled.",
        "indicators": "Indicators",
        "columns": ("Indicator", "Latest value", "Target", "Status"),
        "indicator": "Indicator {n}: budget in €",
        "status": "On track",
        "caption": "Table 1. Indicators of action line 1",
        "chart": "Figure {n}. Indicator {n}: actual, path and target",
        "alt": "Line chart of indicator {n}: the actual rises from 10 to {top}, the target is 60.",
        "series": ("Quarter", "Actual", "Path"),
        "note": "Source: ministries; provisional values are marked.",
        "part": "Bonaire",
        "footer": "Progress report 2026Q3 · Kingdom",
    },
}


def _chart(texts: dict, n: int, top: int) -> Chart:
    quarters = ("2026Q1", "2026Q2", "2026Q3")
    actual = (10, (10 + top) // 2, top)
    path = (10, 20, 30)
    figure = go.Figure(
        [
            go.Scatter(x=quarters, y=actual, name=texts["series"][1]),
            go.Scatter(x=quarters, y=path, name=texts["series"][2], line={"dash": "dot"}),
        ]
    )
    table = Table(
        columns=texts["series"],
        rows=tuple(zip(quarters, map(str, actual), map(str, path), strict=True)),
        caption=texts["chart"].format(n=n),
        numeric=(False, True, True),
    )
    return Chart(
        figure=figure,
        alt=texts["alt"].format(n=n, top=top),
        caption=texts["chart"].format(n=n),
        table=table,
    )


def sample_report(*, lang: str = "nl", charts_note: str = "") -> Report:
    """The sample in ``lang``: 1 table of ``TABLE_ROWS`` rows, then 2 charts (give the second no
    image to see its table), the second after a page break, under a level-3 heading."""
    texts = _TEXTS[lang]
    decimal = "," if lang == "nl" else "."
    table = Table(
        columns=texts["columns"],
        rows=tuple(
            (
                texts["indicator"].format(n=n),
                f"{n * 1.5:.1f}".replace(".", decimal),
                str(n * 2),
                texts["status"],
            )
            for n in range(1, TABLE_ROWS + 1)
        ),
        caption=texts["caption"],
        numeric=(False, True, True, False),
    )
    blocks = (
        Heading(texts["summary"], 1),
        Paragraph(texts["intro"]),
        Heading(texts["line"], 2),
        Paragraph(texts["narrative"], QUOTE),
        Heading(texts["indicators"], 3),
        table,
        _chart(texts, 1, 40),
        Paragraph(texts["note"], NOTE),
        PageBreak(),
        Heading(texts["part"], 2),
        _chart(texts, 2, 25),
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


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    """A valid ``width`` × ``height`` 8-bit RGB PNG (a blue-to-white gradient), no library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixels = b"".join(
        b"\x00" + b"".join(bytes((x * 255 // max(width - 1, 1), 128, 255)) for x in range(width))
        for _ in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def chart_png(figure: go.Figure) -> bytes:
    """``figure`` drawn by plotly's export (kaleido, the system Chromium) where Chromium is
    installed, small and fast; otherwise ``tiny_png`` (the renderers only place the bytes)."""
    if not CHROMIUM.exists():
        return tiny_png(64, 40)
    return figure.to_image(format="png", width=320, height=200)
