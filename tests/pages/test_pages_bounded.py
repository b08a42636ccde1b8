"""Pages stay bounded however large the catalogue: on a small synthetic database (the demo plus
300 synthetic indicators over seven quarters, built with ``bench.generate``'s SQL in seconds),
the Action lines page draws one page of charts and says which, the Indicator page offers a
bounded list found by a search, and the Data page builds no template file until one is asked
for."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench import generate
from tests.pages.conftest import APP
from ui import pages
from ui.indicator_search import PICKER_LIMIT
from ui.line_indicators import CHARTS_PER_PAGE
from ui.pager import ROWS_PER_PAGE

SYNTHETIC = 300


@pytest.fixture(scope="module")
def many_indicators_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("many") / "monitor.duckdb"
    scales = {**generate.SCALES, "T": {"synthetic_indicators": SYNTHETIC, "first_period": "2025Q1"}}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generate, "SCALES", scales)
        generate.build(path, "T")
    return path


@pytest.fixture
def many_app_db(many_indicators_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(many_indicators_db))
    return many_indicators_db


def _page(entry: pages.PageEntry, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"lang": "nl", **params})
    at.switch_page(entry.path).run()
    assert not at.exception
    return at


def _pager_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("indicatoren "))


def test_an_action_line_of_many_indicators_draws_one_page_of_charts(many_app_db):
    at = _page(pages.ACTION_LINES, al="AL01")
    # The line's indicator table (before the charts' own tables) still lists every one.
    listed = next(len(d.value) for d in at.dataframe if d.value.columns[0] == "Indicator")
    assert listed > CHARTS_PER_PAGE
    assert len(at.get("plotly_chart")) <= CHARTS_PER_PAGE + 1  # the page's charts + roll-up
    assert _pager_caption(at) == f"indicatoren 1–{CHARTS_PER_PAGE} van {listed}"
    first = [m.value for m in at.markdown if m.value.startswith("**IND-")]
    assert len(first) == CHARTS_PER_PAGE

    at.number_input(key="al_chart_page_AL01").set_value(2).run()
    assert not at.exception
    last = min(listed, 2 * CHARTS_PER_PAGE)
    assert _pager_caption(at) == f"indicatoren {CHARTS_PER_PAGE + 1}–{last} van {listed}"
    second = [m.value for m in at.markdown if m.value.startswith("**IND-")]
    assert len(second) == last - CHARTS_PER_PAGE and not set(first) & set(second)

    # Another action line opens on its first page, and so does the first line again.
    at.selectbox(key="al").set_value("AL02").run()
    assert not at.exception
    assert _pager_caption(at).startswith(f"indicatoren 1–{CHARTS_PER_PAGE} van ")
    at.selectbox(key="al").set_value("AL01").run()
    assert _pager_caption(at) == f"indicatoren 1–{CHARTS_PER_PAGE} van {listed}"


def test_the_indicator_picker_offers_a_bounded_list_and_finds_by_search(many_app_db):
    at = _page(pages.INDICATOR)
    picker = at.selectbox(key="ind")
    assert len(picker.options) <= PICKER_LIMIT + 1
    assert any(f"toont {PICKER_LIMIT} van de " in c.value for c in at.caption)

    at.text_input(key="ind_search").set_value("ind-2250").run()
    assert not at.exception
    options = at.selectbox(key="ind").options
    assert any(option.startswith("IND-2250") for option in options)
    at.selectbox(key="ind").select("IND-2250").run()
    assert not at.exception
    assert at.session_state["ind"] == "IND-2250"
    assert at.header[0].value.startswith("IND-2250 · ")


def test_the_data_page_builds_no_template_file_before_the_download(many_app_db, monkeypatch):
    built = []

    def template_file(*args, **kwargs) -> bytes:
        built.append(args)
        return b""

    monkeypatch.setattr("data.template.template_file", template_file)
    at = _page(pages.DATA, part="NL")
    assert len(at.get("download_button")) == 2
    assert built == []


def test_the_parts_page_shows_every_series_a_page_at_a_time(many_app_db):
    at = _page(pages.PARTS)
    (pager,) = [c.value for c in at.caption if c.value.startswith("reeksen ")]
    total = int(pager.rsplit(" ", 1)[1].replace(".", ""))
    assert (
        total > ROWS_PER_PAGE
        and pager == f"reeksen 1–{ROWS_PER_PAGE} van {pager.rsplit(' ', 1)[1]}"
    )
    assert max(len(d.value) for d in at.dataframe) == ROWS_PER_PAGE  # no table is longer

    at.number_input(key="parts_profile_page").set_value(2).run()
    assert not at.exception
    (pager,) = [c.value for c in at.caption if c.value.startswith("reeksen ")]
    assert pager.startswith(f"reeksen {ROWS_PER_PAGE + 1}–{2 * ROWS_PER_PAGE} van ")
