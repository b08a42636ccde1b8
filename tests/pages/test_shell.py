from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import ROOT

APP = str(ROOT / "app.py")


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


def test_an_invalid_url_value_falls_back_to_the_default(app_db):
    at = _run(app_db, lang="fr", part="ATLANTIS")
    assert not at.exception
    assert at.session_state["lang"] == "nl"
    assert at.session_state["part"] == "KINGDOM"
    assert at.query_params["part"] == ["KINGDOM"] or at.query_params["part"] == "KINGDOM"


def test_switching_language_in_the_sidebar_translates_the_page(app_db):
    at = _run(app_db)
    assert at.title[0].value == "Overzicht"
    at.sidebar.selectbox(key="lang").select("en").run()
    assert not at.exception
    assert at.title[0].value == "Overview"
