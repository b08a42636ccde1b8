"""Comparing two quarters on the Overview and the Kingdom parts page: the previous quarter by
default, any earlier quarter with data on request (in the URL as ``cmp``), the heading naming both,
and the changes counted against the chosen quarter, checked against the engine's own rows."""

from __future__ import annotations

import contextlib

import pytest
from streamlit.testing.v1 import AppTest

from data.actions import action_states
from data.assessment import assess
from data.queries import reference_data
from data.store import open_reader
from metrics.constants import NOT_REPORTED
from metrics.periods import shift_period
from tests.pages.time_db import app_at
from ui import pages
from ui.compare import compared_actions
from ui.i18n import t

# The parts of the Kingdom under each part the tests look at (the Kingdom: every one), and the
# parts above it, whose actions it sees when their scope covers it.
INSIDE = {"AW": {"AW"}, "KINGDOM": None}
ABOVE = {"AW": {"CAR_C", "KINGDOM"}, "KINGDOM": set()}


@pytest.fixture
def demo(demo_app_db):
    with contextlib.closing(open_reader(demo_app_db)) as con:
        return demo_app_db, reference_data(con)


def _headings(at: AppTest) -> list[str]:
    return [element.value for element in at.header]


def _table_with(at: AppTest, column: str):
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def _expected_series_changes(db, quarter: str, other: str, part_id: str) -> int:
    """The reported series inside the part whose status differs between the two quarters."""
    with contextlib.closing(open_reader(db)) as con:
        now, then = assess(con, as_of=quarter), assess(con, as_of=other)
    before = {
        (row["indicator_id"], row["part_id"]): row["status"]
        for row in then.to_dict("records")
        if not row["is_derived"]
    }
    inside = INSIDE[part_id]
    return sum(
        1
        for row in now.to_dict("records")
        if not row["is_derived"]
        and (inside is None or row["part_id"] in inside)
        and before.get((row["indicator_id"], row["part_id"]), "insufficient_data") != row["status"]
    )


def _expected_action_changes(db, quarter: str, other: str, part_id: str) -> int:
    with contextlib.closing(open_reader(db)) as con:
        now, then = action_states(con, quarter=quarter), action_states(con, quarter=other)
    before = dict(
        zip(zip(then["priority_id"], then["part_id"], strict=True), then["status"], strict=True)
    )
    inside, above = INSIDE[part_id], ABOVE[part_id]
    return sum(
        1
        for row in now.to_dict("records")
        if (
            inside is None
            or row["part_id"] in inside
            or (row["part_id"] in above and part_id in list(row["covers"]))
        )
        and before.get((row["priority_id"], row["part_id"]), NOT_REPORTED) != row["status"]
    )


@pytest.mark.parametrize("page", [pages.OVERVIEW, pages.PARTS], ids=lambda p: p.url_path)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compared_with_the_previous_quarter_by_default(demo, page, lang):
    _, reference = demo
    quarter = reference.latest_quarter
    previous = shift_period(quarter, -1)
    at = app_at(page.path, lang=lang)
    assert not at.exception
    assert t("compare.heading", lang, quarter=quarter, other=previous) in _headings(at)
    chooser = at.selectbox(key="cmp")
    assert chooser.value == previous
    # Every earlier quarter with data, newest first.
    assert chooser.options == [q for q in reversed(reference.quarters) if q < quarter]


@pytest.mark.parametrize(
    ("page", "part_id"),
    [(pages.OVERVIEW, "KINGDOM"), (pages.PARTS, "AW")],
    ids=["overview", "parts"],
)
def test_an_earlier_quarter_chosen_in_the_url_is_compared_and_named(demo, page, part_id):
    db, reference = demo
    quarter = reference.latest_quarter
    other = shift_period(quarter, -6)
    at = app_at(page.path, lang="nl", part=part_id, cmp=other)
    assert not at.exception
    assert t("compare.heading", "nl", quarter=quarter, other=other) in _headings(at)
    label = t("compare.status_in", "nl", quarter=other)
    series = _table_with(at, t("table.change", "nl"))
    assert label in series.columns
    assert len(series) == _expected_series_changes(db, quarter, other, part_id)
    actions = [frame.value for frame in at.dataframe if label in frame.value.columns][1:]
    expected = _expected_action_changes(db, quarter, other, part_id)
    assert sum(len(frame) for frame in actions) == expected
    if not expected:
        assert t("compare.no_actions", "nl", quarter=quarter, other=other) in [
            info.value for info in at.info
        ]
    assert at.query_params["cmp"] == other


@pytest.mark.parametrize("value", ["2099Q1", "garbage", ""])
def test_a_comparison_quarter_that_is_not_earlier_falls_back_to_the_previous(demo, value):
    _, reference = demo
    quarter = reference.latest_quarter
    at = app_at(pages.OVERVIEW.path, lang="en", cmp=value)
    assert not at.exception
    assert at.selectbox(key="cmp").value == shift_period(quarter, -1)


def test_choosing_in_the_page_compares_with_that_quarter(demo):
    _, reference = demo
    quarter = reference.latest_quarter
    other = shift_period(quarter, -4)
    at = app_at(pages.OVERVIEW.path, lang="en")
    at.selectbox(key="cmp").set_value(other).run()
    assert t("compare.heading", "en", quarter=quarter, other=other) in _headings(at)
    assert at.query_params["cmp"] == other


def test_a_default_comparison_follows_the_quarter_and_a_chosen_one_stays(demo):
    _, reference = demo
    quarter = reference.latest_quarter
    earlier = shift_period(quarter, -2)
    at = app_at(pages.OVERVIEW.path, lang="en")
    at.selectbox(key="q").set_value(earlier).run()
    assert at.selectbox(key="cmp").value == shift_period(earlier, -1)
    chosen = shift_period(earlier, -3)
    at.selectbox(key="cmp").set_value(chosen).run()
    at.selectbox(key="q").set_value(quarter).run()
    assert at.selectbox(key="cmp").value == chosen


def test_actions_compared_with_the_previous_quarter_are_the_engine_s_previous_status(demo_con):
    # ui.compare's comparison with any quarter, for the quarter before, is data.actions' own.
    quarter = reference_data(demo_con).latest_quarter
    now = action_states(demo_con, quarter=quarter)
    then = action_states(demo_con, quarter=shift_period(quarter, -1))
    compared = compared_actions(now, then)
    assert list(compared["previous_status"]) == list(now["previous_status"])


def test_the_first_quarter_with_data_has_nothing_to_compare_with(demo):
    _, reference = demo
    first = reference.quarters[0]
    at = app_at(pages.PARTS.path, lang="nl", part="AW", q=first)
    assert not at.exception
    assert t("compare.heading_none", "nl", quarter=first) in _headings(at)
    assert t("compare.none", "nl") in [info.value for info in at.info]
    assert not [box for box in at.selectbox if box.key == "cmp"]
