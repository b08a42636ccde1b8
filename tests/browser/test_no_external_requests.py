"""Nothing leaves the machine: every page, in both languages, for the Kingdom and for an island,
makes the browser ask no host but the dashboard's own.

Every request the page makes goes through a route that records its URL and lets through only
requests to the dashboard's own host (``data:`` and ``blob:`` URLs never leave the browser);
anything else is aborted and fails the test with its URL. That includes the tab's favicon:
Streamlit points it at fonts.gstatic.com for a Material icon, and Chromium's fetch of it passes
the route like any other request. The fast check that no source names a Material icon is
``tests/ui/test_no_material_icons.py``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from ui.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# The Kingdom, and an island (Saba: an entity of Caribbean Netherlands).
PARTS = ("KINGDOM", "BQ-SA")
LOCAL_SCHEMES = ("data", "blob", "about")


def _visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(APP_IDLE)
    page.get_by_test_id("stSidebarNav").wait_for()
    page.locator("h1").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # charts and tables draw (and fetch) after the script is done


@pytest.mark.parametrize("entry", PAGES, ids=[entry.url_path for entry in PAGES])
def test_a_page_requests_nothing_from_another_host(streamlit_server, browser_page, entry):
    own = urlsplit(streamlit_server).netloc
    requested: list[str] = []
    outside: list[str] = []

    def route(route) -> None:
        url = route.request.url
        requested.append(url)
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES or parts.netloc == own:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page = browser_page
    page.context.route("**/*", route)
    for lang in ("nl", "en"):
        for part in PARTS:
            _visit(page, f"{streamlit_server}/{entry.url_path}?lang={lang}&part={part}")
            assert f"part={part}" in page.url, page.url  # the view asked for, not a fallback
    favicon = page.evaluate(
        "() => [...document.querySelectorAll('link[rel~=\"icon\"]')].map(link => link.href)"
    )
    assert requested, "the route saw no request: the check would prove nothing"
    assert outside == []
    assert all(
        urlsplit(href).scheme in LOCAL_SCHEMES or urlsplit(href).netloc == own for href in favicon
    ), favicon
