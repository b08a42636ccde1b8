"""Every dashboard page under AppTest on the demo data: smoke per language and part, then
behaviour (a part changes the rows, the chart carries its four kinds, a URL reproduces a view,
a matrix cell's link lands on its action line and part)."""

from __future__ import annotations

import contextlib
import json

import pytest
from streamlit.testing.v1 import AppTest

from data.queries import reference_data
from data.store import open_reader
from tests.glance_links import html_links
from tests.pages.conftest import APP, ROOT
from ui import pages
from ui.i18n import t
from ui.state import part_label

PAGES = tuple(entry.path for entry in pages.PAGES)
PARTS = ("KINGDOM", "EUR_NL", "CAR_C", "CAR_NL", "BQ-SA")


def _open(page: str | None = None, **params: str) -> AppTest:
    """The app at ``page`` with ``params`` in the URL, as a fresh browser session would open it."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


# The catalog key of each page's title: the smoke test checks the page asked for really ran.
TITLE_KEYS = {
    pages.OVERVIEW.path: "overview.title",
    pages.ACTION_LINES.path: "action_lines.title",
    pages.ACTIONS.path: "actions.title",
    pages.PARTS.path: "parts.profile",
    pages.INDICATOR.path: "indicator.title",
    pages.DATA.path: "intake.title",
    pages.EXPORT.path: "export.title",
    pages.REPORT.path: "report_page.title",
    pages.METHOD.path: "method.title",
    pages.CATALOGUE.path: "catalogue.title",
    pages.ACCESS.path: "access_admin.title",
}


def _title_of(page: str, lang: str, part_name: str) -> str:
    return t(TITLE_KEYS[page], lang, part=part_name)


def test_the_registry_names_every_page_file_once_with_a_title_in_both_languages():
    assert set(TITLE_KEYS) == set(PAGES), "a page without a title key to check it ran"
    files = (ROOT / "app_pages").glob("*.py")
    assert sorted(PAGES) == sorted(f"app_pages/{file.name}" for file in files)
    assert len({entry.url_path for entry in pages.PAGES}) == len(pages.PAGES)
    for entry in pages.PAGES:
        assert (ROOT / entry.path).stem == entry.url_path  # what AppTest's switch_page finds
        assert t(entry.title_key, "nl") and t(entry.title_key, "en")


def _indicator_table(at: AppTest):
    """The indicators table (the one with a pace-ratio column)."""
    return next(
        frame.value for frame in at.dataframe if {"Tempo", "Pace"} & set(frame.value.columns)
    )


def _param(at: AppTest, name: str) -> str:
    # AppTest runs a switched-to page without app.py's sidebar, so read the view from the URL,
    # which every run mirrors it into.
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("part", [*PARTS])
def test_every_page_runs_for_each_part_and_language(demo_app_db, page, lang, part):
    at = _open(page, lang=lang, part=part)
    assert not at.exception, at.exception[0].value if at.exception else ""
    with contextlib.closing(open_reader(demo_app_db)) as con:
        part_name = part_label(reference_data(con).kingdom_parts, part, lang)
    assert at.title[0].value == _title_of(page, lang, part_name), "another page ran"
    assert _param(at, "part") == part and _param(at, "lang") == lang
    assert any("demo" in w.value.lower() for w in at.warning), "demo data must be labelled"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_a_database_without_observations(app_db, page):
    at = _open(page, lang="en")
    assert not at.exception


def test_choosing_a_part_in_the_sidebar_changes_the_matrix(demo_app_db):
    at = _open(lang="en")
    assert {link["params"]["part"] for link in _matrix_links(at)} == {
        "KINGDOM",
        "EUR_NL",
        "CAR_C",
        "CAR_NL",
    }
    at.sidebar.selectbox(key="part").select("CAR_C").run()
    assert not at.exception
    assert {link["params"]["part"] for link in _matrix_links(at)} == {"CAR_C", "AW", "CW", "SX"}


def test_choosing_a_part_changes_the_rows_shown(demo_app_db):
    kingdom = _indicator_table(_open(pages.ACTION_LINES.path, al="AL05", part="KINGDOM"))
    at = _open(pages.ACTION_LINES.path, al="AL05", part="EUR_NL")
    assert not at.exception
    europe = _indicator_table(at)
    assert list(kingdom.columns) == list(europe.columns)
    assert not kingdom.equals(europe)
    # the charts follow: European Netherlands and its entity, not the Caribbean islands
    names = {trace["name"] for chart in _charts(at) for trace in chart["data"]}
    assert "Saba" not in names and "Bonaire" not in names


def test_an_indicator_chart_carries_series_path_target_and_projection(demo_app_db):
    at = _open(pages.INDICATOR.path, ind="IND-0502", part="CAR_NL", lang="en")
    assert not at.exception
    (figure,) = _charts(at)
    kinds = {trace["meta"]["kind"] for trace in figure["data"]}
    assert {"actual", "path", "target", "projection"} <= kinds
    actual_parts = {t["meta"]["part_id"] for t in figure["data"] if t["meta"]["kind"] == "actual"}
    assert actual_parts <= {"CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA"} and "BQ-SA" in actual_parts
    assert figure["layout"]["yaxis"]["title"]["text"] == "per 1,000 inhabitants"


def test_a_url_reproduces_the_same_view(demo_app_db):
    params = {"lang": "en", "part": "CAR_C", "q": "2025Q4", "al": "AL10"}
    first = _open(pages.ACTION_LINES.path, **params)
    second = _open(pages.ACTION_LINES.path, **params)
    for at in (first, second):
        assert not at.exception
        assert at.session_state["al"] == "AL10" and at.session_state["obj"] == "O3"
        assert _param(at, "q") == "2025Q4" and _param(at, "part") == "CAR_C"
    assert _indicator_table(first).equals(_indicator_table(second))
    assert [c["data"] for c in _charts(first)] == [c["data"] for c in _charts(second)]
    assert first.header[0].value.startswith("AL10")


def _matrix_links(at: AppTest) -> list[dict]:
    return [
        {"label": link.own_text, "params": link.params}
        for link in html_links(at, page=pages.ACTION_LINES.url_path)
    ]


def test_a_matrix_cell_link_lands_on_its_action_line_and_part(demo_app_db):
    at = _open(lang="nl", part="CAR_NL")
    links = _matrix_links(at)
    # action lines x (Caribbean Netherlands and its three islands) x (series line, actions line)
    assert len(links) == 12 * 4 * 2
    target = next(
        link
        for link in links
        if link["params"].get("al") == "AL05" and link["params"].get("part") == "BQ-SA"
    )
    assert target["params"]["lang"] == "nl" and "q" in target["params"]
    # Follow it in the same session: the session had another part chosen.
    at.switch_page(pages.ACTION_LINES.path)
    at.query_params.update(target["params"])
    at.run()
    assert not at.exception
    assert _param(at, "part") == "BQ-SA"
    assert at.session_state["al"] == "AL05" and at.session_state["obj"] == "O2"
    assert at.header[0].value.startswith("AL05")


def _priorities_table(at: AppTest):
    """The priorities table (the one with a summary column)."""
    return next(
        frame.value
        for frame in at.dataframe
        if {"Omschrijving", "Summary"} & set(frame.value.columns)
    )


def test_priorities_are_shown_in_dutch_without_an_english_marker(demo_app_db):
    at = _open(pages.ACTION_LINES.path, lang="nl", part="KINGDOM", al="AL10")
    assert not at.exception
    summaries = list(_priorities_table(at)["Omschrijving"])
    assert len(summaries) == 7  # AL10 A-G; the Kingdom view shows every priority
    assert not any("(EN)" in summary for summary in summaries)
    assert (
        "Wettelijke zorgplicht voor vitale aanbieders; meer instrumenten en toezicht" in summaries
    )
