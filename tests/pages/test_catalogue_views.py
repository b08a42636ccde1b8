"""The pages on the catalogue as users will have it: empty after ``init``, with a retired
indicator, with a target changed later (its history on the Indicator page, a marker on the
chart), and the Catalogue page's table, filters and targets per part."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.catalogue import catalogue_frames
from data.queries import reference_data
from data.store import open_reader
from tests.conftest import DEMO_CLOCK
from tests.pages.catalogue_db import CatalogueChange, changed_catalogue_db, empty_catalogue_db
from tests.pages.conftest import APP
from ui import pages
from ui.i18n import t
from ui.kingdom import subtree
from ui.state import part_label
from ui.target_history import quarter_of

PAGE_TITLES = {
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


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def _texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in at.get(kind)]


# Each table by a column only it has (st.dataframe's key does not reach AppTest's element).
TABLE_COLUMNS = {
    "indicator_series": "tables.col.target_quarter",
    "indicator_chart": "table.kind",
    "indicator_target_history": "target_history.col.change",
    "indicator_history": "table.import",
    "al_indicators": "tables.col.ratio",
    "catalogue_indicators": "catalogue.col.scope",
    "catalogue_targets": "catalogue.target.baseline_period",
}


def _table(at: AppTest, name: str, lang: str):
    column = t(TABLE_COLUMNS[name], lang)
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def _links(at: AppTest) -> list:
    return [element.proto for element in at.get("page_link")]


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = empty_catalogue_db(tmp_path / "monitor.duckdb", clock=DEMO_CLOCK)
    monkeypatch.setenv("MONITOR_DB", str(path))
    return path


@pytest.fixture
def changed(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CatalogueChange:
    path = tmp_path / "monitor.duckdb"
    change = changed_catalogue_db(demo_db, path)
    monkeypatch.setenv("MONITOR_DB", str(path))
    return change


# --- an empty catalogue -------------------------------------------------------------------------


@pytest.mark.parametrize("page", [entry.path for entry in pages.PAGES])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_says_what_is_missing_on_an_empty_catalogue(empty_db, page, lang):
    at = _open(page, lang=lang)
    with contextlib.closing(open_reader(empty_db)) as con:
        kingdom = part_label(reference_data(con).kingdom_parts, "KINGDOM", lang)
    assert at.title[0].value == t(PAGE_TITLES[page], lang, part=kingdom), "another page ran"
    infos = _texts(at, "info")
    if page == pages.CATALOGUE.path:
        assert t("catalogue.empty", lang) in infos
    elif page == pages.ACTIONS.path:
        # Actions need no indicators: without any report or value there is no quarter yet.
        assert t("actions.no_quarter", lang) in infos
    elif page == pages.ACCESS.path:
        # Roles and the audit trail need no catalogue: no role has been granted yet.
        assert t("access_admin.roles.empty", lang) in infos
    else:
        assert t("catalogue_missing.text", lang) in infos
        targets = [link.page for link in _links(at)]
        assert any(target.endswith(pages.CATALOGUE.url_path) for target in targets)
    tables = [frame for frame in at.dataframe if frame.editing_mode == "read_only"]
    assert all(len(frame.value) for frame in tables), "no empty table, words instead"


def test_the_missing_catalogue_reads_as_the_issue_asks():
    assert t("catalogue_missing.text", "nl") == (
        "Er zijn nog geen indicatoren. Laad een catalogus op de pagina Catalogus."
    )
    assert t("catalogue_missing.text", "en").startswith("There are no indicators yet.")


# --- a retired indicator --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"), [("nl", "Vervallen vanaf 2026Q1"), ("en", "Retired from 2026Q1")]
)
def test_a_retired_indicator_says_so_and_keeps_its_history(changed, lang, words):
    at = _open(pages.INDICATOR.path, lang=lang, ind=changed.retired_id, q="2026Q3")
    assert any(w.startswith(words) for w in _texts(at, "warning"))
    # Shown as of the last quarter it was assessed in, with its chart and every value version.
    assert any("2025Q4" in caption for caption in _texts(at, "caption"))
    assert at.get("plotly_chart"), "the chart of its last assessed quarter"
    assert len(_table(at, "indicator_history", lang)) > 0
    assert len(_table(at, "indicator_target_history", lang)) > 0
    # The picker marks it.
    picker = at.selectbox(key="ind")
    label = next(o for o in picker.options if o.startswith(changed.retired_id))
    assert t("retired.option", lang, quarter=changed.retired_from) in label
    others = [o for o in picker.options if not o.startswith(changed.retired_id)]
    assert not any(t("retired.option", lang, quarter="") in o for o in others)


def test_a_retired_indicator_before_its_retirement_is_assessed_as_usual(changed):
    at = _open(pages.INDICATOR.path, lang="en", ind=changed.retired_id, q="2025Q3")
    assert any(w.startswith("Retired from 2026Q1") for w in _texts(at, "warning"))
    assert not any("last quarter before" in caption for caption in _texts(at, "caption"))
    assert len(_table(at, "indicator_series", "en")) == 1


def test_an_action_line_leaves_a_retired_indicator_out_and_names_it(changed):
    at = _open(pages.ACTION_LINES.path, lang="en", al="AL01", q="2026Q3")
    rows = _table(at, "al_indicators", "en")
    names = list(rows["Indicator"])
    assert "Defence expenditure as share of GDP" not in names and len(names) == 2
    assert any(
        changed.retired_id in c and "retired from 2026Q1" in c for c in _texts(at, "caption")
    )
    before = _table(
        _open(pages.ACTION_LINES.path, lang="en", al="AL01", q="2025Q4"), "al_indicators", "en"
    )
    assert "Defence expenditure as share of GDP" in list(before["Indicator"])


# --- a changed target -----------------------------------------------------------------------------


def _shapes(at: AppTest) -> tuple[list[dict], list[dict]]:
    (chart,) = at.get("plotly_chart")
    layout = json.loads(chart.proto.spec)["layout"]
    return layout.get("shapes", []), layout.get("annotations", [])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_indicator_page_lists_every_target_version_with_who_and_why(changed, lang):
    at = _open(pages.INDICATOR.path, lang=lang, ind=changed.target_id, part="KINGDOM")
    history = _table(at, "indicator_target_history", lang)
    part = t("target_history.col.part", lang)
    kingdom = history.loc[history[part].str.startswith(t("scope.kingdom", lang)[:10])]
    assert len(kingdom) == 2, "the seed version and the change"
    newest = kingdom.iloc[0]
    assert newest[t("target_history.col.change", lang)] == t("target_history.changed", lang)
    assert newest[t("target_history.col.reason", lang)] == changed.reason
    assert newest[t("target_history.col.user", lang)] == changed.user
    assert newest[t("target_history.col.recorded_at", lang)] == "2026-05-10 12:00"
    decimal = "," if lang == "nl" else "."
    assert (
        str(changed.new_target).replace(".", decimal)
        in newest[t("target_history.col.target", lang)]
    )
    assert kingdom.iloc[1][t("target_history.col.change", lang)] == t("target_history.new", lang)
    # Every part below the Kingdom with a row of its own is listed too.
    assert len(history) > 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chart_marks_the_quarter_the_target_changed(changed, lang):
    at = _open(pages.INDICATOR.path, lang=lang, ind=changed.target_id, part="KINGDOM")
    shapes, annotations = _shapes(at)
    quarter = quarter_of(changed.recorded_at)
    marked = [s for s in shapes if s.get("name") == "target_changed"]
    assert [(s["x0"], s["line"]["dash"]) for s in marked] == [(quarter, "dot")]
    (label,) = [a for a in annotations if a.get("name") == "target_changed"]
    assert label["text"] == t("target_change.label", lang)
    assert t("scope.kingdom", lang)[:10] in label["hovertext"]
    table = _table(at, "indicator_chart", lang)
    kind = t("table.kind", lang)
    assert list(
        table.loc[table[kind] == t("chart.kind_target_changed", lang), t("table.period", lang)]
    ) == [quarter]


def test_no_marker_where_the_parts_shown_kept_their_own_target(changed):
    # Caribbean Netherlands and its islands have targets of their own, left unchanged.
    at = _open(pages.INDICATOR.path, lang="en", ind=changed.target_id, part="CAR_NL")
    shapes, _ = _shapes(at)
    assert not [s for s in shapes if s.get("name") == "target_changed"]
    # The Kingdom row (their default, were they without one) is still in the history.
    history = _table(at, "indicator_target_history", "en")
    assert any(p.startswith("Kingdom") for p in history["Part"])


def test_the_dutch_page_shows_the_dutch_unit(changed, demo_db):
    with contextlib.closing(open_reader(demo_db)) as con:
        indicators, _ = catalogue_frames(con)
    units = indicators.set_index("indicator_id").loc[changed.target_id, ["unit_nl", "unit_en"]]
    for lang in ("nl", "en"):
        at = _open(pages.INDICATOR.path, lang=lang, ind=changed.target_id)
        (chart,) = at.get("plotly_chart")
        axis = json.loads(chart.proto.spec)["layout"]["yaxis"]["title"]["text"]
        assert axis == units[f"unit_{lang}"]
        assert any(
            f"**{t('indicator.unit', lang)}:** {units[f'unit_{lang}']}" in m
            for m in _texts(at, "markdown")
        )


# --- the Catalogue page ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_catalogue_page_lists_every_indicator_in_the_language(demo_app_db, lang):
    at = _open(pages.CATALOGUE.path, lang=lang)
    assert at.title[0].value == t("catalogue.title", lang)
    with contextlib.closing(open_reader(demo_app_db)) as con:
        indicators, targets = catalogue_frames(con)
    table = _table(at, "catalogue_indicators", lang)
    assert sorted(table[t("catalogue.col.indicator_id", lang)]) == sorted(
        indicators["indicator_id"]
    )
    names = dict(zip(indicators["indicator_id"], indicators[f"name_{lang}"], strict=True))
    units = dict(zip(indicators["indicator_id"], indicators[f"unit_{lang}"], strict=True))
    for row in table.to_dict("records"):
        indicator_id = row[t("catalogue.col.indicator_id", lang)]
        assert row[t("catalogue.col.name", lang)] == names[indicator_id]
        assert row[t("catalogue.col.unit", lang)] == units[indicator_id]
    # The targets of the chosen indicator, one row per part with a target.
    chosen = at.session_state["ind"]
    shown = _table(at, "catalogue_targets", lang)
    assert len(shown) == int((targets["indicator_id"] == chosen).sum()) > 0


def test_the_catalogue_filters_by_action_line(demo_app_db):
    at = _open(pages.CATALOGUE.path, lang="en")
    at.selectbox(key="catalogue_action_line").select("AL05").run()
    assert not at.exception
    table = _table(at, "catalogue_indicators", "en")
    assert set(table["Action line"]) == {"AL05"} and len(table) == 3
    assert at.session_state["ind"] in set(table["Indicator"])


@pytest.mark.parametrize("part_id", ["AW", "CAR_C", "EUR_NL"])
def test_the_catalogue_filters_by_the_kingdom_part(demo_app_db, part_id):
    at = _open(pages.CATALOGUE.path, lang="en", part=part_id)
    with contextlib.closing(open_reader(demo_app_db)) as con:
        indicators, _ = catalogue_frames(con)
        inside = set(subtree(reference_data(con).kingdom_parts, part_id))
    expected = {
        row["indicator_id"] for row in indicators.to_dict("records") if inside & set(row["scope"])
    }
    table = _table(at, "catalogue_indicators", "en")
    assert set(table["Indicator"]) == expected and 0 < len(expected) < len(indicators)


def test_the_catalogue_marks_a_retired_indicator(changed):
    at = _open(pages.CATALOGUE.path, lang="nl")
    table = _table(at, "catalogue_indicators", "nl").set_index("Indicator")
    assert table.loc[changed.retired_id, "Vervallen vanaf"] == changed.retired_from
    assert (table.drop(index=changed.retired_id)["Vervallen vanaf"] == "").all()
    picker = at.selectbox(key="ind")
    assert any("vervallen vanaf 2026Q1" in o for o in picker.options)
