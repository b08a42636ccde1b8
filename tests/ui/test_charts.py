from __future__ import annotations

import pandas as pd
import pytest

from metrics.constants import STATUSES
from ui.charts import distribution_figure, indicator_figure
from ui.palette import STATUS_COLOURS, STATUS_SYMBOLS, status_text

VALUES = pd.DataFrame(
    {
        "part_id": ["NL", "NL", "NL", "NL", "SX", "SX"],
        "period": ["2023Q1", "2023Q2", "2023Q3", "2023Q4", "2023Q1", "2023Q3"],
        "value": [20.0, 19.8, 19.9, 19.5, 31.0, 30.5],
        "flag": ["none", "none", "none", "provisional", "none", "estimated"],
    }
)
SERIES = pd.DataFrame(
    {
        "part_id": ["NL", "SX"],
        "baseline_period": ["2023Q1", "2023Q1"],
        "baseline_value": [20.0, 31.0],
        "target_period": ["2029Q4", "2029Q4"],
        "target_value": [15.0, 25.0],
        "target_type": ["reach", "maintain_max"],
        "latest_period": ["2023Q4", "2023Q3"],
        "slope_per_year": [-0.6, None],
        "projected_value": [15.9, None],
    }
)


def _traces(figure, kind):
    return [trace for trace in figure.data if trace.meta["kind"] == kind]


def test_indicator_figure_carries_series_path_target_and_projection():
    figure = indicator_figure(
        VALUES,
        SERIES,
        labels={"NL": "Nederland", "SX": "Sint Maarten"},
        unit="% van bevolking",
        decimals=1,
        lang="nl",
    )
    assert [t.meta["part_id"] for t in _traces(figure, "actual")] == ["NL", "SX"]
    assert list(_traces(figure, "actual")[0].y) == [20.0, 19.8, 19.9, 19.5]
    path = _traces(figure, "path")[0]
    assert list(path.x) == ["2023Q1", "2029Q4"] and list(path.y) == [20.0, 15.0]
    assert [t.y[0] for t in _traces(figure, "target")] == [15.0, 25.0]
    projection = _traces(figure, "projection")
    assert len(projection) == 1 and projection[0].line.dash == "dash"
    assert projection[0].x[-1] == "2029Q4" and projection[0].y[-1] == pytest.approx(15.9)
    # starts on the trend line at the latest quarter: 15.9 + 0.6 * 6 years
    assert projection[0].y[0] == pytest.approx(15.9 + 0.6 * 6.0)


def test_maintain_targets_draw_a_flat_level_not_a_path_from_the_baseline():
    figure = indicator_figure(
        VALUES, SERIES, labels={"SX": "Sint Maarten"}, unit="x", decimals=1, lang="en"
    )
    (level,) = _traces(figure, "path")
    assert list(level.y) == [25.0, 25.0]
    assert "level to maintain" in level.name


def test_provisional_points_are_marked_with_an_open_symbol():
    figure = indicator_figure(
        VALUES, SERIES, labels={"NL": "NL", "SX": "SX"}, unit="x", decimals=1, lang="en"
    )
    marked = _traces(figure, "provisional")
    assert [list(t.x) for t in marked] == [["2023Q4"], ["2023Q3"]]
    assert all(t.marker.symbol == "circle-open" for t in marked)


def test_axes_have_titles_with_the_unit_and_dutch_uses_a_decimal_comma():
    figure = indicator_figure(
        VALUES, SERIES, labels={"NL": "NL"}, unit="% van bbp", decimals=1, lang="nl"
    )
    assert figure.layout.yaxis.title.text == "% van bbp"
    assert figure.layout.xaxis.title.text == "Kwartaal"
    assert figure.layout.separators == ",."
    assert "2029Q4" in figure.layout.xaxis.categoryarray
    english = indicator_figure(VALUES, SERIES, labels={"NL": "NL"}, unit="u", decimals=1, lang="en")
    assert english.layout.separators == ".,"


def test_a_part_without_values_or_assessment_draws_nothing_and_does_not_fail():
    figure = indicator_figure(
        VALUES.iloc[0:0],
        SERIES.iloc[0:0],
        labels={"BQ-SA": "Saba"},
        unit="u",
        decimals=0,
        lang="nl",
    )
    assert len(figure.data) == 0


def test_distribution_bars_label_each_segment_with_symbol_and_count():
    counts = pd.DataFrame(
        {"label": ["O1", "O2"], "on_track": [3, 0], "deterioration": [1, 2], "achieved": [0, 0]}
    )
    figure = distribution_figure(counts, row_label="Hoofddoel", lang="nl")
    statuses = [trace.meta["status"] for trace in figure.data]
    assert statuses == ["on_track", "deterioration"]  # empty statuses left out, best first
    on_track = figure.data[0]
    assert list(on_track.text) == ["▲ 3", ""]
    assert on_track.name == "▲ Op koers"
    assert on_track.marker.color == STATUS_COLOURS["on_track"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_status_has_a_distinct_symbol_and_colour(lang):
    assert len(set(STATUS_SYMBOLS.values())) == len(STATUSES)
    assert len(set(STATUS_COLOURS.values())) == len(STATUSES)
    assert status_text("on_track", lang).startswith("▲ ")
    assert status_text(None, lang) == "–"
