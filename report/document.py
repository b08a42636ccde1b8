"""The report's one entry point: a request in, the document's bytes and name out.

| name | what |
|---|---|
| ``FORMATS`` | ``docx``, ``html``, ``pdf`` |
| ``ReportRequest(quarter, part_id, lang, vintage, format)`` | what to make (CLI and page alike) |
| ``ReportFile(data, file_name, mime)`` | what was made |
| ``write_report(con, request, *, browser=...)`` | build the content, draw the charts, render |

Charts are drawn by plotly's own export (kaleido) with the system Chromium (``browser``, by
default ``report.images.find_chromium()``). Without it the .docx and .html still build, with each
chart's table in its place and a note saying so; a .pdf needs it and raises
``ReportError("no_chromium")``. The same database, request and vintage give the same bytes for
.docx and .html. Raises ``ReportError`` for what the user asked wrong (unknown quarter or part).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Final

import duckdb

from report.content import build_report
from report.docx import render_docx
from report.errors import ReportError
from report.html import render_html
from report.images import chart_images, find_chromium
from report.model import Chart
from report.pdf import html_to_pdf
from ui.i18n import t

__all__ = ["FORMATS", "ReportError", "ReportFile", "ReportRequest", "write_report"]

FORMATS: Final = ("docx", "html", "pdf")
_MIME: Final = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "pdf": "application/pdf",
}
_FIND: Final = object()


@dataclass(frozen=True)
class ReportRequest:
    quarter: str
    part_id: str = "KINGDOM"
    lang: str = "nl"
    vintage: datetime | None = None
    format: str = "docx"


@dataclass(frozen=True)
class ReportFile:
    data: bytes
    file_name: str
    mime: str


def write_report(
    con: duckdb.DuckDBPyConnection,
    request: ReportRequest,
    *,
    browser: Path | object | None = _FIND,
) -> ReportFile:
    """The document ``request`` asks for, from the database ``con``."""
    if request.format not in FORMATS:
        raise ReportError("unknown_format", format=request.format, formats=", ".join(FORMATS))
    chromium = find_chromium() if browser is _FIND else browser
    if request.format == "pdf" and chromium is None:
        raise ReportError("no_chromium")
    report = build_report(
        con,
        quarter=request.quarter,
        part_id=request.part_id,
        lang=request.lang,
        vintage=request.vintage,
    )
    charts = [block for block in report.blocks if isinstance(block, Chart)]
    images = chart_images(charts, browser=chromium) if chromium is not None else ()
    if charts and (chromium is None or not any(images)):
        report = replace(report, charts_note=t("report.no_charts", report.lang))
        images = tuple(None for _ in charts)
    elif missing := sum(image is None for image in images):
        # One figure the export could not draw: its table stands in, and the reader is told.
        report = replace(report, charts_note=t("report.some_charts", report.lang, count=missing))
    if request.format == "docx":
        data = render_docx(report, images)
    else:
        data = render_html(report, images)
        if request.format == "pdf":
            data = html_to_pdf(data, browser=chromium)
    return ReportFile(data, f"{report.file_stem}.{request.format}", _MIME[request.format])
