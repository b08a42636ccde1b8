"""In a real browser, the Export page's download arrives with the same bytes as the CLI writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, running_streamlit
from tests.export_data import build_export_db

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_download_arrives_with_the_same_bytes_as_the_cli(structure_db, tmp_path, browser_page):
    from playwright.sync_api import expect

    database = build_export_db(structure_db)
    with running_streamlit(database, tmp_path, script=ROOT / "app_pages" / "export.py") as url:
        page = browser_page
        page.goto(f"{url}/?lang=en", wait_until="domcontentloaded")
        page.get_by_text("Excel (NL, semicolon)", exact=True).click()
        button = page.get_by_role("button", name="Download progress_2025Q4_excel-nl.csv")
        expect(button).to_be_visible(timeout=30_000)
        with page.expect_download(timeout=60_000) as download_info:
            button.click()
        download = download_info.value
        assert download.suggested_filename == "progress_2025Q4_excel-nl.csv"
        downloaded = Path(download.path()).read_bytes()

    cli_out = tmp_path / "cli.csv"
    subprocess.run(
        [
            sys.executable,
            "cli.py",
            "export",
            "--quarter=2025Q4",
            "--dialect=excel-nl",
            "--lang=en",
            f"--out={cli_out}",
        ],
        cwd=ROOT,
        env=os.environ | {"MONITOR_DB": str(database)},
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert downloaded.startswith(b"\xef\xbb\xbfquarter;")
    assert downloaded == cli_out.read_bytes()
