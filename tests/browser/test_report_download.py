"""In a real browser, the Report page builds a report on a click and the download arrives as a
Word document that python-docx opens, with the report's headings."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from data.store import open_reader
from report.content import build_report
from report.model import Heading
from tests.browser.conftest import ROOT, running_streamlit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUARTER = "2026Q3"  # the demo's last quarter: the page's default
PART = "BQ-SA"  # Saba: a part with few series, so few charts to draw


def test_a_report_downloaded_from_the_page_opens_with_its_headings(
    browser_db, tmp_path, browser_page
):
    import docx
    from playwright.sync_api import expect

    database = tmp_path / "monitor.duckdb"
    shutil.copy(browser_db, database)
    with running_streamlit(database, tmp_path, script=ROOT / "app_pages" / "reporting.py") as url:
        page = browser_page
        page.goto(f"{url}/?lang=en&part={PART}", wait_until="domcontentloaded")
        page.get_by_role("button", name="Make report").click()
        # Drawing the charts takes a while, more so with two servers on two cores.
        download_button = page.get_by_role("button", name="Download ")
        expect(download_button).to_be_visible(timeout=300_000)
        with page.expect_download(timeout=60_000) as download_info:
            download_button.click()
        download = download_info.value
        data = Path(download.path()).read_bytes()

    with contextlib.closing(open_reader(database)) as con:
        report = build_report(con, quarter=QUARTER, part_id=PART, lang="en")
    assert download.suggested_filename == f"{report.file_stem}.docx"
    document = docx.Document(io.BytesIO(data))
    shown = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    expected = [block.text for block in report.blocks if isinstance(block, Heading)]
    assert expected, "the report has headings"
    # Every heading of the report, in order (the renderer may add its own, like a contents).
    remaining = iter(shown)
    assert all(heading in remaining for heading in expected), (expected, shown)
