"""A shared link is often the first request a freshly started server gets. It must open inside the
app's frame (navigation, language, part and quarter controls), not as a bare page script.

Streamlit treats a ``pages/`` folder beside the entry point as legacy file-based navigation until
some session has run ``st.navigation``; the pages therefore live in ``app_pages/``.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import ROOT, running_streamlit

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_deep_link_as_the_first_request_opens_inside_the_app(demo_db, tmp_path, browser_page):
    assert not (ROOT / "pages").exists(), "a pages/ folder turns on Streamlit's legacy navigation"
    database = tmp_path / "monitor.duckdb"
    shutil.copy(demo_db, database)
    with running_streamlit(database, tmp_path) as url:
        page = browser_page
        page.goto(f"{url}/action_lines?lang=nl&part=CAR_NL&al=AL10")
        page.get_by_role(
            "heading", name="AL10 · Beter beschermen van de vitale infrastructuur"
        ).wait_for()
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("Deel van het Koninkrijk").wait_for()
        navigation = page.get_by_test_id("stSidebarNav").inner_text()
        assert "Actielijnen" in navigation and "Methode" in navigation
        assert "action lines" not in navigation, "legacy file-based navigation is showing"
        assert page.get_by_test_id("stException").count() == 0
