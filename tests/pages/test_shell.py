"""app.py under AppTest: the menu built from the page registry, the language, the URL's view."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.queries import reference_data
from data.store import open_reader
from tests.data.headline_reference import hand_count
from tests.pages.conftest import APP, ROOT
from ui import pages
from ui.i18n import t


def _run(app_db, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_app_runs_in_both_languages_without_exception(app_db, lang):
    at = _run(app_db, lang=lang)
    assert not at.exception
    assert at.session_state["lang"] == lang
    expected = {"nl": "Overzicht", "en": "Overview"}[lang]
    assert at.title[0].value == expected


@pytest.mark.parametrize("entry", pages.PAGES, ids=lambda entry: entry.url_path)
def test_the_menu_holds_each_registered_page_with_its_title_and_url_and_no_icon(app_db, entry):
    at = _run(app_db, lang="en")
    # What st.navigation registered, in menu order (AppTest keeps it, no public accessor yet).
    registered = list(at._registered_pages.values())
    assert [Path(page["script_path"]) for page in registered] == [
        ROOT / page.path for page in pages.PAGES
    ]
    (page,) = [page for page in registered if Path(page["script_path"]) == ROOT / entry.path]
    assert page["page_name"] == t(entry.title_key, "en")
    assert not page["icon"]  # none: see ui.pages.PageEntry
    # The default page is served at the root; every other at its url_path.
    assert page["url_pathname"] == ("" if entry == pages.PAGES[0] else entry.url_path)


def test_an_invalid_url_value_falls_back_to_the_default(app_db):
    at = _run(app_db, lang="fr", part="ATLANTIS")
    assert not at.exception
    assert at.session_state["lang"] == "nl"
    assert at.session_state["part"] == "KINGDOM"
    assert at.query_params["part"] in ("KINGDOM", ["KINGDOM"])


def test_switching_language_in_the_sidebar_translates_the_page(app_db):
    at = _run(app_db)
    assert at.title[0].value == "Overzicht"
    at.sidebar.selectbox(key="lang").select("en").run()
    assert not at.exception
    assert at.title[0].value == "Overview"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("part", ["KINGDOM", "EUR_NL", "CAR_C", "CAR_NL", "BQ-SA"])
def test_overview_runs_for_each_part_with_real_figures_and_the_demo_notice(demo_app_db, lang, part):
    at = _run(demo_app_db, lang=lang, part=part)
    assert not at.exception
    assert at.session_state["part"] == part
    metrics = {m.label: m.value for m in at.metric}
    indicators_label = {"nl": "Indicatoren", "en": "Indicators"}[lang]
    # The indicators that apply to the part (issue #17): all 33 for the Kingdom, fewer below it.
    with contextlib.closing(open_reader(demo_app_db)) as con:
        latest = reference_data(con).latest_quarter
        applying = hand_count(con, part_id=part, as_of=latest)["indicators"]
    assert metrics[indicators_label] == str(applying)
    assert (metrics[indicators_label] == "33") == (part == "KINGDOM")
    assert any("demo" in w.value.lower() for w in at.warning), "demo data must be labelled"
