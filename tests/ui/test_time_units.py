"""The pure parts of the vintage, comparison and behind-filter features: how a moment is written
in each language, which quarters a vintage knows, which quarters a quarter may be compared with,
and which series and actions are behind."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from data.queries import Vintage
from ui.behind_filter import actions_behind, series_behind
from ui.series_tables import earlier_quarters, previous_quarter
from ui.state import CURRENT, quarters_known, vintage_values
from ui.vintage import moment_text, option_labeller

MOMENT = datetime(2026, 3, 7, 9, 5, 30)
VINTAGES = (
    Vintage(datetime(2026, 5, 1, 12, 0), ("actions", "duiding"), "2025Q1", "2026Q1"),
    Vintage(MOMENT, ("figures",), "2025Q1", "2025Q4"),
    Vintage(datetime(2025, 1, 1), ("catalogue",), None, None),
)


@pytest.mark.parametrize(
    ("lang", "long", "short"),
    [
        ("nl", "7 maart 2026, 09:05 UTC", "7 mrt 2026 09:05"),
        ("en", "7 March 2026, 09:05 UTC", "7 Mar 2026 09:05"),
    ],
)
def test_a_moment_is_written_in_the_reader_s_language(lang, long, short):
    assert moment_text(MOMENT, lang) == long
    assert moment_text(MOMENT, lang, short=True) == short


def test_the_vintage_options_are_current_then_each_past_moment_named_with_what_it_changed():
    values = vintage_values(VINTAGES)
    assert values == [CURRENT, MOMENT.isoformat(), "2025-01-01T00:00:00"]
    label = option_labeller(VINTAGES, "nl")
    assert label(CURRENT) == "Actueel (1 mei 2026 12:00)"
    assert label(MOMENT.isoformat()) == "7 mrt 2026 09:05 · cijfers"
    assert option_labeller(VINTAGES, "en")(values[2]) == "1 Jan 2025 00:00 · catalogue"


def test_a_vintage_knows_only_the_quarters_with_data_recorded_by_then():
    quarters = ("2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1")
    assert quarters_known(quarters, VINTAGES[1]) == quarters[:4]
    assert quarters_known(quarters, VINTAGES[2]) == ()


def test_a_quarter_is_compared_with_the_one_before_or_else_the_latest_earlier_with_data():
    quarters = ("2024Q4", "2025Q1", "2025Q3", "2025Q4")
    assert earlier_quarters("2025Q4", quarters) == ["2025Q3", "2025Q1", "2024Q4"]
    assert previous_quarter("2025Q4", quarters) == "2025Q3"
    assert previous_quarter("2025Q3", quarters) == "2025Q1"
    assert previous_quarter("2024Q4", quarters) is None


def test_behind_is_a_lagging_status_or_stale():
    series = pd.DataFrame(
        {
            "status": [
                "achieved",
                "on_track",
                "moderate",
                "limited",
                "deterioration",
                "on_track",
                "insufficient_data",
                "no_target",
            ],
            "stale": [False, False, False, False, False, True, False, False],
        }
    )
    assert list(series_behind(series)) == [False, False, True, True, True, True, False, False]
    actions = pd.DataFrame(
        {
            "status": [
                "completed",
                "on_schedule",
                "at_risk",
                "delayed",
                "on_schedule",
                "not_reported",
            ],
            "stale": [False, False, False, False, True, False],
        }
    )
    assert list(actions_behind(actions)) == [False, False, True, True, True, False]
