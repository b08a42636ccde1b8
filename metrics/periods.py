"""Quarters as the methodology counts them (METHOD.md, "Terms").

A period is a quarter written ``YYYYQn``. Its quarter index is ``4*year + (n - 1)``, and the years
between two periods are the index difference divided by four. Pure: imports ``metrics.errors``
only, never reads the clock; "today" is always a parameter.

| function | returns |
|---|---|
| ``parse_period(text)`` | canonical ``YYYYQn`` from ``2025Q3``, ``2025-Q3``, ``2025 q3`` |
| ``quarter_index(period)`` | ``4*year + n - 1`` |
| ``period_from_index(index)`` | the inverse of ``quarter_index`` |
| ``years_between(p0, p1)`` | t(p0 -> p1) in years, as a float |
| ``quarter_end(period)`` | the last day of the quarter |
| ``last_full_quarter(today)`` | the last quarter that ended before ``today`` |
| ``period_range(first, last)`` | every quarter from first to last inclusive |
| ``shift_period(period, quarters)`` | the quarter ``quarters`` later (earlier when negative) |
| ``reports_in(frequency, period)`` | whether that frequency reports for the quarter |

>>> years_between("2023Q1", "2029Q4")
6.75
>>> last_full_quarter(date(2026, 11, 28))
'2026Q3'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from metrics.errors import MetricError

__all__ = [
    "PERIOD_PATTERN",
    "last_full_quarter",
    "parse_period",
    "period_from_index",
    "period_range",
    "quarter_end",
    "quarter_index",
    "reports_in",
    "shift_period",
    "years_between",
]

PERIOD_PATTERN = r"[0-9]{4}Q[1-4]"
_LENIENT = re.compile(r"^\s*([0-9]{4})\s*[-_ ]?\s*[Qq]\s*([1-4])\s*$")


def parse_period(text: str) -> str:
    """Return the canonical form of a quarter, or raise MetricError naming what is wrong."""
    if not isinstance(text, str):
        raise MetricError(f"period must be text like 2025Q3, got {text!r}")
    match = _LENIENT.match(text)
    if match is None:
        raise MetricError(f"period {text!r} is not a quarter like 2025Q3")
    return f"{match.group(1)}Q{match.group(2)}"


def quarter_index(period: str) -> int:
    canonical = parse_period(period)
    return 4 * int(canonical[:4]) + int(canonical[5]) - 1


def period_from_index(index: int) -> str:
    year, quarter = divmod(int(index), 4)
    return f"{year:04d}Q{quarter + 1}"


def years_between(start: str, end: str) -> float:
    return (quarter_index(end) - quarter_index(start)) / 4


def quarter_end(period: str) -> date:
    index = quarter_index(period)
    year, quarter = divmod(index + 1, 4)
    return date(year, 3 * quarter + 1, 1) - timedelta(days=1)


def last_full_quarter(today: date) -> str:
    """The last quarter whose final day lies before ``today``."""
    current = 4 * today.year + (today.month - 1) // 3
    return period_from_index(current - 1)


def period_range(first: str, last: str) -> list[str]:
    return [period_from_index(i) for i in range(quarter_index(first), quarter_index(last) + 1)]


def shift_period(period: str, quarters: int) -> str:
    return period_from_index(quarter_index(period) + quarters)


def reports_in(frequency: str, period: str) -> bool:
    """The reporting calendar: quarterly every quarter; biannual Q2 and Q4; annual Q4 (a figure
    for a year is stored at the quarter it describes); biennial Q4 of odd years (2023, 2025, ...).
    """
    canonical = parse_period(period)
    year, quarter = int(canonical[:4]), int(canonical[5])
    if frequency == "quarterly":
        return True
    if frequency == "biannual":
        return quarter in (2, 4)
    if frequency == "annual":
        return quarter == 4
    if frequency == "biennial":
        return quarter == 4 and year % 2 == 1
    raise MetricError(f"unknown frequency {frequency!r}")
