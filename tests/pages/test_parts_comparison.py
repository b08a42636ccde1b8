"""The Kingdom parts page's comparison: it opens on an action line with series for the chosen
part, so its chart has bars; an action line without any series in the compared parts says so in
words instead of drawing an empty chart."""

from __future__ import annotations

import contextlib
import json

import pytest
from streamlit.testing.v1 import AppTest

from data.current_assessment import current_assessment
from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from tests.pages.conftest import APP
from ui import pages
from ui.i18n import t
from ui.kingdom import subtree


@pytest.fixture
def reported(demo_db):
    """Which action lines have reported series in which parts: (action_line_id, part_id) pairs,
    and the parts frame."""
    with contextlib.closing(open_reader(demo_db)) as con:
        reference = reference_data(con)
        assessment = current_assessment(con, as_of=reference.latest_quarter)
        catalogue = indicator_catalogue(con)
    series = assessment.loc[~assessment["is_derived"].astype(bool)].merge(
        catalogue[["indicator_id", "action_line_id"]], on="indicator_id"
    )
    pairs = set(zip(series["action_line_id"], series["part_id"], strict=True))
    return pairs, reference.kingdom_parts, list(reference.action_lines["action_line_id"])


def _open_parts(part: str, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": lang, "part": part})
    at.run()
    at.switch_page(pages.PARTS.path).run()
    assert not at.exception
    return at


def _comparison_charts(at: AppTest) -> list[dict]:
    # A keyed chart's element id ends with its key (``chart_with_table`` adds ``_chart``).
    return [
        json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
        if chart.proto.id.endswith("parts_spread_chart")
    ]


def _comparison_tables(at: AppTest, parts, compared: list[str]) -> list:
    """Tables with a column per compared part (the comparison's table, or the chart's)."""
    names = {_name(parts, p) for p in compared}
    return [frame.value for frame in at.dataframe if names <= set(frame.value.columns)]


@pytest.mark.parametrize("part", ["CAR_NL", "BQ-SA", "CAR_C", "AW"])
def test_the_comparison_opens_on_an_action_line_with_series_for_the_part(
    demo_app_db, reported, part
):
    pairs, parts, _ = reported
    at = _open_parts(part)
    action_line_id = at.selectbox(key="parts_action_line").value
    inside = subtree(parts, part)
    assert any((action_line_id, p) in pairs for p in inside), action_line_id
    (figure,) = _comparison_charts(at)
    (table,) = _comparison_tables(at, parts, [part])
    # Every indicator listed has a series in at least one compared part; "–" marks the others.
    cells = table.drop(columns=table.columns[0])
    assert len(table) and (cells != "–").any(axis=1).all()
    bars = [x for trace in figure["data"] for x in trace["x"]]
    assert sum(bars) > 0
    bars_of_part = [
        x
        for trace in figure["data"]
        for y, x in zip(trace["y"], trace["x"], strict=True)
        if y == parts.loc[parts["part_id"] == part, "name_nl"].iloc[0]
    ]
    assert sum(bars_of_part) > 0, "the chosen part itself has bars"


@pytest.mark.parametrize("part", ["CAR_NL", "BQ-SA"])
def test_an_action_line_without_series_says_so_in_words_and_draws_no_chart(
    demo_app_db, reported, part
):
    pairs, parts, action_lines = reported
    compared = subtree(parts, "CAR_NL")  # Saba is compared with its siblings in CAR_NL
    empty = [a for a in action_lines if not any((a, p) in pairs for p in compared)]
    assert empty, "the demo data has an action line without series in the Caribbean Netherlands"
    at = _open_parts(part)
    picker = at.selectbox(key="parts_action_line")
    marked = f"({t('parts_compare.option_no_series', 'nl', part=_name(parts, part))})"
    assert picker.options[action_lines.index(empty[0])].endswith(marked)
    picker.select(empty[0]).run()
    assert not at.exception
    names = ", ".join(_name(parts, p) for p in compared)
    message = t("parts_compare.no_series", "nl", action_line=empty[0], parts=names)
    assert message in [info.value for info in at.info]
    assert not _comparison_charts(at)
    assert not _comparison_tables(at, parts, compared)


def _name(parts, part_id: str) -> str:
    return parts.loc[parts["part_id"] == part_id, "name_nl"].iloc[0]
