"""The distribution chart's x-axis: a bounded number of integer ticks whatever the total
(issue #17: a fixed tick every 5 series made the browser build thousands of tick labels, and
minutes of work, for a distribution of 3 million observations)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ui.charts import distribution_figure

MAX_TICKS = 12


def _counts(total: int) -> pd.DataFrame:
    # two rows, the total split over three statuses
    first = total // 2
    return pd.DataFrame(
        {
            "label": ["O1", "O2"],
            "on_track": [first // 2, (total - first) // 2],
            "moderate": [first - first // 2, 0],
            "limited": [0, (total - first) - (total - first) // 2],
        }
    )


def _tick_count(figure, largest: int) -> int:
    """How many ticks plotly draws from 0 to the largest bar with the figure's x-axis."""
    axis = figure.layout.xaxis
    if axis.tickvals is not None:
        return len(axis.tickvals)
    if axis.dtick is not None:
        return math.floor(largest / float(axis.dtick)) + 1
    assert axis.nticks, "neither a step nor a tick count: plotly's default"
    return axis.nticks


@pytest.mark.parametrize("total", [0, 1, 3, 7, 33, 105, 20_000, 3_000_000])
def test_the_number_of_ticks_stays_bounded(total):
    figure = distribution_figure(_counts(total), row_label="Hoofddoel", lang="nl")
    largest = max(total - total // 2, total // 2)
    assert _tick_count(figure, largest) <= MAX_TICKS


@pytest.mark.parametrize("total", [1, 3, 7, 33, 20_000])
def test_ticks_are_whole_numbers_of_series(total):
    axis = distribution_figure(_counts(total), row_label="Hoofddoel", lang="nl").layout.xaxis
    step = float(axis.dtick)
    assert step >= 1 and step == int(step)
    assert axis.tick0 == 0
    # thousands with the language's separator, never plotly's "20k"
    assert axis.tickformat == ",d"
