"""The browser tab names the page, in the reader's language ("Overzicht · Voortgangsmonitor",
"Overview · Progress monitor"): a reader with several tabs open, and a screen reader announcing
the title on navigation, knows which page is which (issue 17)."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ui import pages
from ui.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Pages reached by their URL; every one but the default page has its own path.
_PAGES = (pages.OVERVIEW, pages.ACTION_LINES, pages.INDICATOR, pages.EXPORT, pages.METHOD)


def _expected(entry: pages.PageEntry, lang: str) -> str:
    return t("tab.title", lang, page=t(entry.title_key, lang))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tab_title_names_each_page_in_the_readers_language(
    streamlit_server, browser_page, lang
):
    page = browser_page
    seen = {}
    for entry in _PAGES:
        page.goto(f"{streamlit_server}/{entry.url_path}?lang={lang}")
        expected = _expected(entry, lang)
        # On a timeout, the assertion below says what the tab showed instead.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                "title => document.title === title", arg=expected, timeout=20_000
            )
        seen[entry.url_path] = page.title()
    assert seen == {entry.url_path: _expected(entry, lang) for entry in _PAGES}
    assert (
        seen["overview"]
        == {
            "nl": "Overzicht · Voortgangsmonitor",
            "en": "Overview · Progress monitor",
        }[lang]
    )
