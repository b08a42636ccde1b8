"""The dashboard in a real Chromium: pick Caribbean Netherlands, open an action line from the
matrix, the chart renders and no error appears. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_ERROR = '[data-testid="stException"]'
_PLOT = ".js-plotly-plot"


def _record(page, path) -> None:
    # Streamlit scrolls inside its own container, so a tall viewport shows the whole page.
    page.set_viewport_size({"width": 1400, "height": 2400})
    _settle(page)
    page.wait_for_timeout(4000)  # tables, charts and links draw after the script has finished
    page.screenshot(path=str(path))


def _settle(page) -> None:
    # Streamlit shows a running indicator while a script runs; wait until the app is idle.
    page.wait_for_selector('[data-testid="stAppViewContainer"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000
    )
    page.wait_for_timeout(500)


def test_caribbean_netherlands_action_line_chart_renders(streamlit_server, browser_page, artifacts):
    page = browser_page
    page.goto(streamlit_server + "/")
    _settle(page)
    page.get_by_role("heading", name="Overzicht").wait_for()

    # Pick Caribbean Netherlands in the sidebar.
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').nth(1).click()
    page.get_by_role("option", name=re.compile("Caribisch Nederland")).click()
    _settle(page)
    page.get_by_text("Status van alle reeksen in Caribisch Nederland").wait_for()
    assert "part=CAR_NL" in page.url

    # Open an action line from the matrix: AL05 for Caribbean Netherlands.
    cell = page.locator('a[href*="al=AL05"][href*="part=CAR_NL"]').first
    cell.click()
    _settle(page)
    page.get_by_role("heading", name=re.compile("AL05")).wait_for()
    page.locator(_PLOT).first.wait_for(state="visible")

    assert page.locator(_PLOT).count() >= 1
    assert page.locator(_ERROR).count() == 0
    assert "al=AL05" in page.url and "part=CAR_NL" in page.url
    _record(page, artifacts / "action_line_caribbean_netherlands.png")


@pytest.mark.parametrize("path", ["/", "/parts", "/indicator?ind=IND-0502", "/method"])
def test_every_page_loads_without_an_error_element(streamlit_server, browser_page, artifacts, path):
    page = browser_page
    page.goto(streamlit_server + path)
    _settle(page)
    page.locator("h1").first.wait_for()
    assert page.locator(_ERROR).count() == 0
    name = path.strip("/").split("?")[0] or "overview"
    _record(page, artifacts / f"page_{name}.png")
