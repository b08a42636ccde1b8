"""Source, owner and reference figure on the Indicator page and the Method page's sources table
are in the reader's language (issue 17): in Dutch "NAVO-gegevens over defensie-uitgaven", in
English "Ministry of Defence", never the other language's."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import ROOT
from ui.i18n import t

INDICATOR = str(ROOT / "app_pages" / "indicator.py")
METHOD = str(ROOT / "app_pages" / "method.py")

_SHOWN = {
    "nl": ("NAVO-gegevens over defensie-uitgaven", "Ministerie van Defensie", "circa 2,0% gepland"),
    "en": ("NATO defence expenditure data", "Ministry of Defence", "about 2.0% planned"),
}


def _run(page: str, lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(page, default_timeout=60)
    at.query_params["lang"] = lang
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def _markdown(at: AppTest) -> str:
    return "\n".join(block.value for block in at.markdown)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_indicator_facts_are_in_the_readers_language(demo_app_db, lang):
    at = _run(INDICATOR, lang, ind="IND-0101", part="KINGDOM")
    assert not at.exception
    shown = _markdown(at)
    source, owner, reference = _SHOWN[lang]
    assert f"**{t('indicator.source', lang)}:** {source}" in shown
    assert f"**{t('indicator.owner', lang)}:** {owner}" in shown
    assert f"**{t('indicator.reference', lang)}:** {reference}" in shown
    other = "en" if lang == "nl" else "nl"
    for text in _SHOWN[other]:
        assert text not in shown


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_method_pages_sources_are_in_the_readers_language(demo_app_db, lang):
    at = _run(METHOD, lang)
    assert not at.exception
    tables = [frame.value for frame in at.dataframe]
    sources = next(f for f in tables if t("method_table.source", lang) in f.columns)
    listed = set(sources[t("method_table.source", lang)])
    owners = ", ".join(sources[t("method_table.owner", lang)])
    source, owner, _ = _SHOWN[lang]
    assert source in listed
    assert owner in owners
    other_source, other_owner, _ = _SHOWN["en" if lang == "nl" else "nl"]
    assert other_source not in listed
    assert other_owner not in owners
