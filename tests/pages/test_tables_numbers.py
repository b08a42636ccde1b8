"""Numbers in the pages' tables are numbers: values, shares, ratios, targets and counts reach
``st.dataframe`` as a numeric dtype, so a click on the header sorts them by value (not as text:
"-20 %, 1 %, 10 %, 111 %, 12 %"). Found by their headers' words, in Dutch."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.api.types import is_numeric_dtype
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from ui import pages


def _page(path: str, part: str = "KINGDOM", lang: str = "nl") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["part"] = part
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def _frame(at: AppTest, *headers: str) -> pd.DataFrame:
    """The one table whose columns include a header starting with each of ``headers``."""
    found = [
        frame.value
        for frame in at.dataframe
        if all(any(str(c).startswith(h) for c in frame.value.columns) for h in headers)
    ]
    assert len(found) == 1, [list(frame.value.columns) for frame in at.dataframe]
    return found[0]


def _column(frame: pd.DataFrame, start: str) -> pd.Series:
    """The column headed ``start``, else the one column whose header starts with it."""
    if start in frame.columns:
        return frame[start]
    (label,) = [c for c in frame.columns if str(c).startswith(start)]
    return frame[label]


def _assert_numeric(frame: pd.DataFrame, *starts: str) -> None:
    for start in starts:
        column = _column(frame, start)
        assert is_numeric_dtype(column.dtype), f"{column.name}: {column.dtype}"
        assert column.notna().any(), column.name


def _sorts_as_numbers(column: pd.Series) -> None:
    values = column.dropna()
    assert list(values.sort_values()) == sorted(float(v) for v in values)


@pytest.mark.usefixtures("demo_app_db")
def test_the_profile_table_of_the_parts_page_holds_numbers():
    at = _page(pages.PARTS.path)
    profile = _frame(at, "Indicator", "Deel", "Trend", "Kenmerken", "Voortgang")
    _assert_numeric(profile, "Voortgang", "Tempo", "Waarde")
    _sorts_as_numbers(_column(profile, "Voortgang"))
    # Progress can be negative (moving away from the target) and above 100 %.
    assert (_column(profile, "Voortgang").dropna() < 0).any()


@pytest.mark.usefixtures("demo_app_db")
def test_the_indicators_of_an_action_line_hold_numbers():
    at = _page(pages.ACTION_LINES.path, part="CAR_NL")
    indicators = _frame(at, "Indicator", "Status", "Trend", "Voortgang")
    _assert_numeric(indicators, "Voortgang", "Tempo", "Waarde")


@pytest.mark.usefixtures("demo_app_db")
def test_the_series_and_history_of_an_indicator_hold_numbers():
    at = _page(pages.INDICATOR.path)
    series = _frame(at, "Deel", "Status", "Trend", "Basis")
    _assert_numeric(series, "Basis", "Doel", "Waarde")
    history = _frame(at, "Deel", "Kwartaal", "Waarde", "Markering", "Import")
    _assert_numeric(history, "Waarde", "Import")


@pytest.mark.usefixtures("demo_app_db")
def test_the_submission_status_holds_counts():
    at = _page(pages.DATA.path)
    status = _frame(at, "Rapporterende eenheid")
    numbers = [c for c in status.columns if str(c).startswith(("Cijfers", "Acties"))]
    assert len(numbers) == 6
    for label in numbers:
        assert str(status[label].dtype) == "Int64", label
    # One row per unit: the quarter is chosen above the table, not spread sideways.
    assert status["Rapporterende eenheid"].is_unique
