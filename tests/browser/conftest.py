"""Browser fixtures: a real ``streamlit run app.py`` and a Playwright page in the system Chromium.

``streamlit_server`` starts the app on a free 127.0.0.1 port against a demo database in a temp
directory and yields its base URL; ``browser_page`` is a fresh page in a headless Chromium.
Starting and waiting for a server, and launching Chromium, are ``devtools.server``'s (shared
with ``bench/start.py``). Without /usr/bin/chromium the browser tests skip with a stated reason,
unless MONITOR_REQUIRE_BROWSER=1 (CI), when they fail instead. Never runs ``playwright install``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools import server
from devtools.server import CHROMIUM, launch_chromium

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
_STARTUP_TIMEOUT_S = 180.0
_SERVERS = itertools.count()


def require_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"no Chromium at {CHROMIUM}: install Debian's chromium package to run browser tests"
    if os.environ.get("MONITOR_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (MONITOR_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A demo database for the browser session: the shared ``demo_db`` when it exists."""
    try:
        return request.getfixturevalue("demo_db")
    except pytest.FixtureLookupError:
        from datetime import datetime

        from data.init import initialize

        path = tmp_path_factory.mktemp("browser") / "monitor.duckdb"
        initialize(path, demo=True, clock=datetime(2026, 11, 28, 9, 0, 0))
        return path


@contextlib.contextmanager
def running_streamlit(
    database: Path, workdir: Path, *, script: Path = ROOT / "app.py"
) -> Iterator[str]:
    """``streamlit run <script>`` (default app.py) on a free port against ``database``; its URL.

    A page script run on its own needs the project root on the path, hence PYTHONPATH. The
    server's output goes to ``workdir/streamlit-<n>.log``, shown when it fails to start.
    """
    log = workdir / f"streamlit-{next(_SERVERS)}.log"
    with server.running_streamlit(
        script, database, cwd=ROOT, timeout_s=_STARTUP_TIMEOUT_S, log=log, pythonpath=ROOT
    ) as url:
        yield url


@pytest.fixture(scope="session")
def streamlit_server(browser_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free port against a copy of the demo database; its URL."""
    require_browser()
    workdir = tmp_path_factory.mktemp("server")
    database = workdir / "monitor.duckdb"
    shutil.copy(browser_db, database)
    with running_streamlit(database, workdir) as url:
        yield url


@pytest.fixture(scope="session")
def _browser() -> Iterator[object]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def open_page(
    browser, *, width: int = 1400, height: int = 1000, locale: str = "nl-NL"
) -> Iterator[object]:
    """A page of its own (a fresh context: no cookies, storage or cache shared) ``width`` ×
    ``height`` px in a browser set to ``locale``; closed on leaving."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale=locale, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(120_000)  # generous: two servers and a browser may share two cores
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def browser_page(_browser) -> Iterator[object]:
    """A fresh page (1400×1000) in the session's Chromium; closed after the test."""
    with open_page(_browser) as page:
        yield page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (gitignored): screenshots for the record."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
