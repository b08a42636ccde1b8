"""The vintage (peildatum): every page that shows a corrected value shows the old value and status
at the vintage before the correction and the new ones now; the vintage lives in the sidebar and
the URL (validated); a banner says so on every page while a past vintage is shown."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from tests.pages.time_db import PART, Correction, app_at, corrected_demo
from ui import pages
from ui.format import format_number
from ui.i18n import t
from ui.palette import action_status_text, status_text
from ui.vintage import moment_text


@pytest.fixture(scope="module")
def correction(tmp_path_factory: pytest.TempPathFactory, demo_db: Path) -> Correction:
    return corrected_demo(demo_db, tmp_path_factory.mktemp("vintage"))


@pytest.fixture
def corrected(correction: Correction, monkeypatch: pytest.MonkeyPatch) -> Correction:
    monkeypatch.setenv("MONITOR_DB", str(correction.path))
    return correction


def _indicator(correction: Correction) -> dict:
    with contextlib.closing(open_reader(correction.path)) as con:
        catalogue = indicator_catalogue(con)
    return catalogue.loc[catalogue["indicator_id"] == correction.indicator_id].iloc[0].to_dict()


def _rows_naming(at: AppTest, text: str) -> list[dict]:
    """Every row of every table on the page with a cell equal to ``text`` (or to ``text`` after
    its action line, "AL02 · ...", as a table over several action lines names an indicator)."""
    return [
        row
        for frame in at.dataframe
        for row in frame.value.to_dict("records")
        if any(str(cell) == text or str(cell).endswith(f" · {text}") for cell in row.values())
    ]


def _banner(at: AppTest, lang: str = "nl") -> list[str]:
    starts = (
        t("vintage.banner", lang, moment="\0").split("\0")[0],
        t("vintage.banner_current_only", lang, moment="\0").split("\0")[0],
    )
    return [w.value for w in at.warning if w.value.startswith(starts)]


def _at(correction: Correction, page: str, *, past: bool, **params: str) -> AppTest:
    if past:
        params["vintage"] = correction.before_param
    at = app_at(page, lang="nl", part=PART, **params)
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


@pytest.mark.parametrize("past", [True, False])
def test_kingdom_parts_lists_the_value_and_status_known_at_the_vintage(corrected, past):
    at = _at(corrected, pages.PARTS.path, past=past)
    name = _indicator(corrected)["name_nl"]
    (row,) = [r for r in _rows_naming(at, name) if r.get(t("table.part", "nl")) == "Aruba"][:1]
    status = corrected.old_status if past else corrected.new_status
    assert row[t("table.status", "nl")] == status_text(status, "nl")


@pytest.mark.parametrize("past", [True, False])
def test_indicator_page_shows_the_latest_value_known_at_the_vintage(corrected, past):
    indicator = _indicator(corrected)
    at = _at(corrected, pages.INDICATOR.path, past=past, ind=corrected.indicator_id)
    value = corrected.old_value if past else corrected.new_value
    other = corrected.new_value if past else corrected.old_value
    shown = format_number(value, int(indicator["decimals"]), "nl")
    hidden = format_number(other, int(indicator["decimals"]), "nl")
    cells = [
        str(cell)
        for frame in at.dataframe
        for row in frame.value.to_dict("records")
        if "Aruba" in {str(c) for c in row.values()}
        for cell in row.values()
    ]
    assert any(cell.startswith(shown) for cell in cells)
    assert not any(cell.startswith(hidden + " ") for cell in cells)


@pytest.mark.parametrize("past", [True, False])
def test_action_lines_shows_the_status_known_at_the_vintage(corrected, past):
    indicator = _indicator(corrected)
    at = _at(corrected, pages.ACTION_LINES.path, past=past, al=indicator["action_line_id"])
    (row,) = _rows_naming(at, indicator["name_nl"])
    status = corrected.old_status if past else corrected.new_status
    assert row[t("table.status", "nl")] == status_text(status, "nl")


def test_overview_counts_the_status_known_at_the_vintage(corrected):
    old, new = status_text(corrected.old_status, "nl"), status_text(corrected.new_status, "nl")
    counts = {}
    for past in (True, False):
        at = _at(corrected, pages.OVERVIEW.path, past=past)
        counts[past] = {m.label: int(m.value) for m in at.metric if m.label in (old, new)}
    # One series moved from its old status to its new one between the two vintages.
    assert counts[True][old] == counts[False][old] + 1
    assert counts[True][new] == counts[False][new] - 1


@pytest.mark.parametrize("past", [True, False])
def test_actions_page_shows_the_action_status_known_at_the_vintage(corrected, past):
    at = _at(corrected, pages.ACTIONS.path, past=past)
    frame = at.dataframe[0].value
    priority = frame[t("actions.column.priority", "nl")].str.startswith(f"{corrected.priority_id} ")
    row = frame.loc[priority & (frame[t("actions.column.part", "nl")] == "Aruba")]
    status = corrected.old_action_status if past else corrected.new_action_status
    assert set(row[t("actions.column.status", "nl")]) == {action_status_text(status, "nl")}


@pytest.mark.parametrize("past", [True, False])
def test_export_defaults_to_the_chosen_vintage(corrected, past):
    at = _at(corrected, pages.EXPORT.path, past=past)
    with contextlib.closing(open_reader(corrected.path)) as con:
        now = reference_data(con).vintages[0].moment
    moment = corrected.before if past else now
    # The page names the vintage of the file, and the preview's rows carry it.
    assert any(moment.isoformat() in caption.value for caption in at.caption)
    preview = at.dataframe[-1].value
    assert set(preview["vintage"]) == {moment.isoformat()}


def test_a_vintage_chosen_in_the_sidebar_goes_into_the_url_and_back(corrected):
    at = _at(corrected, pages.OVERVIEW.path, past=False)
    assert "vintage" not in at.query_params
    at.selectbox(key="vintage").set_value(corrected.before_param).run()
    assert at.query_params["vintage"] == corrected.before_param
    assert _banner(at)
    # The URL opens the same view in a new session.
    again = app_at(pages.OVERVIEW.path, **dict(at.query_params))
    assert again.selectbox(key="vintage").value == corrected.before_param
    assert _banner(again) == _banner(at)


@pytest.mark.parametrize(
    "value", ["2020-01-01T00:00:00", "garbage", "", "current", "2026-11-28T10:00:00"]
)
def test_a_vintage_not_in_the_list_falls_back_to_the_current_data(corrected, value):
    # The last one is the correction's moment: the current data, never listed as a past one.
    at = app_at(pages.PARTS.path, lang="nl", part=PART, vintage=value)
    assert not at.exception
    assert at.selectbox(key="vintage").value == "current"
    assert not _banner(at)
    assert "vintage" not in at.query_params


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda page: page.url_path)
def test_the_banner_shows_on_every_page_only_for_a_past_vintage(corrected, page):
    current = app_at(page.path, lang="nl", part=PART)
    assert not current.exception
    assert not _banner(current)
    past = app_at(page.path, lang="nl", part=PART, vintage=corrected.before_param)
    assert not past.exception
    moment = moment_text(corrected.before, "nl")
    key = (
        "vintage.banner"
        if page not in (pages.DATA, pages.CATALOGUE, pages.ACCESS)
        else ("vintage.banner_current_only")
    )
    assert _banner(past) == [t(key, "nl", moment=moment)]
    assert past.button(key="vintage_back").label == t("vintage.back", "nl")


def test_back_to_current_leaves_the_vintage_and_returns_to_the_latest_quarter(demo_app_db):
    with contextlib.closing(open_reader(demo_app_db)) as con:
        reference = reference_data(con)
    # A moment when the latest quarter was not yet known.
    earlier = next(
        v for v in reference.vintages[1:] if v.latest_quarter != reference.latest_quarter
    )
    at = app_at(pages.OVERVIEW.path, lang="en", vintage=earlier.moment.isoformat())
    assert at.selectbox(key="q").value == earlier.latest_quarter
    assert reference.latest_quarter not in at.selectbox(key="q").options
    assert _banner(at, "en")
    at.button(key="vintage_back").click().run()
    assert not at.exception
    assert not _banner(at, "en")
    assert at.selectbox(key="vintage").value == "current"
    assert at.selectbox(key="q").value == reference.latest_quarter
    assert "vintage" not in at.query_params


def test_the_vintage_list_is_the_latest_moments_the_data_changed(corrected):
    with contextlib.closing(open_reader(corrected.path)) as con:
        vintages = reference_data(con).vintages
        moments = con.execute(
            "SELECT DISTINCT recorded_at FROM ("
            " SELECT recorded_at FROM observations UNION ALL"
            " SELECT recorded_at FROM indicator_versions UNION ALL"
            " SELECT recorded_at FROM target_versions UNION ALL"
            " SELECT recorded_at FROM action_reports UNION ALL"
            " SELECT recorded_at FROM narratives) ORDER BY 1 DESC"
        ).fetchall()
    assert [v.moment for v in vintages] == [m for (m,) in moments][: len(vintages)]
    assert vintages[0].changed == ("actions", "figures")
    assert vintages[1].moment == corrected.before
    at = app_at(pages.OVERVIEW.path, lang="nl")
    options = at.selectbox(key="vintage").options
    # The current data first (with its moment), then every past moment, newest first.
    assert len(options) == len(vintages)
    assert options[0] == t(
        "vintage.current", "nl", moment=moment_text(vintages[0].moment, "nl", short=True)
    )
