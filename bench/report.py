"""Report case: the Kingdom report as .docx at scale S, against exporting the same rows as CSV
plus drawing the same charts, in the same run.

The floor is what a user does by hand today (the assessment export of the quarter, and every
chart of the report drawn by ``report.images.chart_images``), so the ratio is the price of the
document itself: its content queries, its tables and its rendering. Only at S: at M the report
draws a chart per synthetic indicator (thousands), a measure of the synthetic catalogue.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from bench.engine import AS_OF
from bench.harness import Row, time_call
from data.export import ExportRequest, write_export
from data.store import open_reader
from report.content import build_report
from report.document import ReportRequest, write_report
from report.images import chart_images, find_chromium
from report.model import Chart

__all__ = ["report_rows"]

# Drawing every chart takes seconds; a few runs give a stable median without making the quick
# run (S) slow.
_MAX_RUNS = 3


def report_rows(db: Path, scale: str, *, repeat: int) -> list[Row]:
    runs = min(repeat, _MAX_RUNS)
    browser = find_chromium()
    request = ReportRequest(quarter=AS_OF, part_id="KINGDOM", lang="nl", format="docx")
    with (
        contextlib.closing(open_reader(db)) as con,
        tempfile.TemporaryDirectory(prefix="bench-report-") as tmp,
    ):
        content = build_report(con, quarter=AS_OF, part_id="KINGDOM", lang="nl")
        charts = [block for block in content.blocks if isinstance(block, Chart)]
        target = Path(tmp) / "voortgang.csv"

        def by_hand() -> None:
            write_export(con, target, ExportRequest(quarter=AS_OF, what="assessment"))
            if browser is not None:
                chart_images(charts, browser=browser)

        floor = time_call(by_hand, repeat=runs)
        timing = time_call(lambda: write_report(con, request, browser=browser), repeat=runs)
    drawn = f"{len(charts)} charts drawn" if browser is not None else "no Chromium: no charts"
    return [
        Row(
            area="report",
            case="Kingdom report, docx",
            scale=scale,
            timing=timing,
            floor_case="assessment CSV + the same charts",
            floor=floor,
            notes=f"{drawn}; {runs} runs a side",
        )
    ]
