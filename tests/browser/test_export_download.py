"""In a real browser, the Export page's download arrives with the same bytes as the CLI writes.

Fixtures live here (tests/browser/conftest.py belongs to the shared browser setup). Uses the
system Chromium only; never downloads a browser.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.export_data import build_export_db

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    required = os.environ.get("MONITOR_REQUIRE_BROWSER") == "1"
    missing = None
    if not CHROMIUM.exists():
        missing = f"no system Chromium at {CHROMIUM} (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed"
    if missing:
        if required:
            pytest.fail(f"MONITOR_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def export_server(structure_db: Path) -> Iterator[tuple[str, Path]]:
    """The Export page served on its own by a real Streamlit process over a small database."""
    _require_browser()
    database = build_export_db(structure_db)
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "pages/export.py",
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--browser.gatherUsageStats=false",
        ],
        cwd=ROOT,
        env=os.environ | {"MONITOR_DB": str(database)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {process.stderr.read().decode()}")
            time.sleep(0.3)
        yield url, database
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_download_arrives_with_the_same_bytes_as_the_cli(export_server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, database = export_server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{url}/?lang=en", wait_until="domcontentloaded")
            page.get_by_text("Excel (NL, semicolon)", exact=True).click()
            button = page.get_by_role("button", name="Download voortgang_2025Q4_excel-nl.csv")
            expect(button).to_be_visible(timeout=30_000)
            with page.expect_download(timeout=60_000) as download_info:
                button.click()
            download = download_info.value
            assert download.suggested_filename == "voortgang_2025Q4_excel-nl.csv"
            downloaded = Path(download.path()).read_bytes()
        finally:
            browser.close()

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
    assert downloaded == cli_out.read_bytes()
