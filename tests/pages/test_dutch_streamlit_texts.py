"""Where Streamlit shows a text of its own and has a setting for it, the text is ours, in the
reader's language (issue 17): an empty multiselect says what to choose, not "Choose options"."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from ui import pages


@pytest.mark.parametrize(
    ("lang", "placeholder"),
    [("nl", "Kies een of meer delen"), ("en", "Choose one or more parts")],
)
def test_the_coordinators_empty_parts_say_what_to_choose(app_db, lang, placeholder):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(pages.ACCESS.path).run()
    at.selectbox(key="access_grant_role").select("coordinator").run()
    assert not at.exception
    parts = at.multiselect(key="access_grant_parts")
    assert parts.value == []
    assert parts.proto.placeholder == placeholder


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_multiselect_on_the_pages_has_a_placeholder_of_ours(demo_app_db, lang):
    seen = 0
    for entry in (pages.EXPORT, pages.ACTIONS, pages.ACCESS):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page(entry.path).run()
        if entry is pages.ACCESS:
            at.selectbox(key="access_grant_role").select("coordinator").run()
        assert not at.exception
        for box in at.multiselect:
            seen += 1
            assert box.proto.placeholder.strip(), f"{entry.path}: {box.label} has Streamlit's"
    assert seen >= 4
