"""The Data page's status and template tabs under AppTest: figures and actions side by side, and
the template of every kind, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import ROOT
from ui.i18n import t

PAGE = str(ROOT / "app_pages" / "data_intake.py")
COUNTS = ("received", "expected", "received_late")

WORDS = {
    "nl": {
        "actions": " acties",
        "figures": " cijfers",
        "parts": ["Koninkrijk der Nederlanden", "Europees Nederland", "Caribisch Nederland"],
        "kinds": ["Cijfers", "Acties", "Duiding"],
        "rows": "Cijfers: 21, acties: 18, duiding: 18; samen 57 regels verwacht",
    },
    "en": {
        "actions": " actions",
        "figures": " figures",
        "parts": ["Kingdom of the Netherlands", "European Netherlands", "Caribbean Netherlands"],
        "kinds": ["Figures", "Actions", "Narrative"],
        "rows": "Figures: 21, actions: 18, narrative: 18; 57 rows expected",
    },
}


def _page(lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_status_tab_shows_figures_and_actions_per_quarter_for_every_unit(app_db, lang):
    at = _page(lang)
    assert not at.exception
    words = WORDS[lang]
    choice = at.radio(key="intake_status_quarter")
    assert len(choice.options) == 4  # the last four quarters, one at a time
    for quarter in choice.options:
        at.radio(key="intake_status_quarter").set_value(quarter).run()
        grid = at.dataframe[0].value.set_index(t("tables.status.unit", lang))
        # the parts that carry actions come first
        assert list(grid.index[:3]) == words["parts"], quarter
        # The European Netherlands owes actions only: no figures expected, 43 actions.
        europe = grid.loc[words["parts"][1]]
        assert europe[[t(f"tables.status.figures_{c}", lang) for c in COUNTS]].isna().all()
        actions = [europe[t(f"tables.status.actions_{c}", lang)] for c in COUNTS]
        assert actions == [0, 43, 0], quarter


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_template_tab_offers_each_kind_as_csv_and_all_in_the_workbook(app_db, lang):
    at = _page(lang, part="CAR_C")
    assert not at.exception
    kind = at.radio(key="intake_template_kind")
    assert kind.options == WORDS[lang]["kinds"]
    assert WORDS[lang]["rows"] in [caption.value for caption in at.caption]
    for choice in ("actions", "narratives", "figures"):
        at.radio(key="intake_template_kind").set_value(choice).run()
        assert not at.exception
        assert len(at.get("download_button")) == 2


def test_a_unit_that_carries_no_action_gets_a_template_of_figures_only(app_db):
    at = _page("en", part="BQ-SA")  # Saba: its part, the Caribbean Netherlands, carries them
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    assert any(c.startswith("Figures: ") and ", actions: 0, narrative: 0;" in c for c in captions)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_status_and_template_tabs_run_on_the_demo(demo_app_db, lang):
    at = _page(lang)
    assert not at.exception
    assert at.dataframe[0].value.shape[1] == 2 + 2 * len(COUNTS)
    at.radio(key="intake_template_kind").set_value("actions").run()
    assert not at.exception
