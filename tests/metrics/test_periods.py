"""Quarter arithmetic (metrics.periods): parsing, indices, ranges and the reporting calendar."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.errors import MetricError
from metrics.periods import (
    last_full_quarter,
    parse_period,
    period_from_index,
    period_range,
    quarter_end,
    quarter_index,
    reports_in,
    shift_period,
    years_between,
)


@pytest.mark.parametrize("text", ["2025Q3", "2025-Q3", "2025 Q3", "2025q3", " 2025 - q3 "])
def test_the_ways_people_write_a_quarter_all_parse(text):
    assert parse_period(text) == "2025Q3"


@pytest.mark.parametrize("text", ["2025Q5", "2025Q0", "25Q3", "2025-3", "Q3 2025", "", "2025Q3x"])
def test_malformed_quarters_are_refused_with_the_text_named(text):
    with pytest.raises(MetricError, match="quarter"):
        parse_period(text)


def test_years_between_counts_quarters_over_four():
    assert years_between("2023Q1", "2029Q4") == 6.75
    assert years_between("2023Q4", "2026Q3") == 2.75
    assert years_between("2025Q2", "2023Q1") == -2.25


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 28), "2026Q3"),
        (date(2026, 10, 1), "2026Q3"),
        (date(2026, 9, 30), "2026Q2"),
        (date(2026, 1, 1), "2025Q4"),
    ],
)
def test_last_full_quarter_is_the_last_one_that_ended_before_today(today, expected):
    assert last_full_quarter(today) == expected


def test_quarter_end_is_the_last_day_of_the_quarter():
    assert quarter_end("2025Q1") == date(2025, 3, 31)
    assert quarter_end("2024Q4") == date(2024, 12, 31)


def test_period_range_and_shift_agree():
    quarters = period_range("2023Q3", "2024Q2")
    assert quarters == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]
    assert [shift_period("2023Q3", n) for n in range(4)] == quarters
    assert shift_period("2024Q1", -1) == "2023Q4"


@given(st.integers(min_value=4 * 1900, max_value=4 * 2200))
def test_quarter_index_round_trips(index):
    assert quarter_index(period_from_index(index)) == index


def test_reporting_calendar_per_frequency():
    quarters = period_range("2023Q1", "2026Q4")

    def reporting(frequency: str) -> list[str]:
        return [q for q in quarters if reports_in(frequency, q)]

    assert reporting("quarterly") == quarters
    assert reporting("biannual") == [q for q in quarters if q[-1] in "24"]
    assert reporting("annual") == ["2023Q4", "2024Q4", "2025Q4", "2026Q4"]
    assert reporting("biennial") == ["2023Q4", "2025Q4"]
    with pytest.raises(MetricError, match="frequency"):
        reports_in("monthly", "2025Q1")
