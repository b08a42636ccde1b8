"""The page's language (ui.style.page_language): ``<html lang>`` says the reader's language (a
screen reader reads a Dutch page as Dutch, WCAG 3.1.1), and the tables' numbers are written in
the page's language, not the browser's: ``st.dataframe`` formats a ``localized`` number with
``Intl.NumberFormat(navigator.languages)``, so a Dutch page in an English browser showed
``1.92`` under a summary saying ``1,92``. Checked in a browser set to the other language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

# The page's script has run (Streamlit's own index.html says lang="en" before it).
_SET = "() => document.documentElement.dataset.pageLanguage === '{lang}'"
_LANG = "() => document.documentElement.lang"
# What the dataframe's "localized" format does with a value (Streamlit's formatNumber).
_FORMATTED = """() => new Intl.NumberFormat(navigator.languages,
  {minimumFractionDigits: 2, maximumFractionDigits: 2}).format(1234.5)"""


@pytest.mark.parametrize(
    ("lang", "browser_locale", "written"),
    [("nl", "en-US", "1.234,50"), ("en", "nl-NL", "1,234.50")],
)
def test_the_page_speaks_its_language_whatever_the_browsers(
    streamlit_server, _browser, lang, browser_locale, written
):
    with open_page(_browser, width=1366, height=900, locale=browser_locale) as page:
        page.goto(f"{streamlit_server}/indicator?lang={lang}&part=KINGDOM")
        page.wait_for_function(_SET.format(lang=lang))
        assert page.evaluate(_LANG) == lang
        assert page.evaluate(_FORMATTED) == written
        # The same browser on the page in the other language writes the other way.
        other = "en" if lang == "nl" else "nl"
        page.goto(f"{streamlit_server}/indicator?lang={other}&part=KINGDOM")
        page.wait_for_function(_SET.format(lang=other))
        assert page.evaluate(_FORMATTED) != written
