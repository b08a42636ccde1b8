"""Rounding of reported figures (METHOD.md v2 item 4): half away from zero, on the decimal form."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.constants import DERIVED_DECIMALS, THRESHOLD_DECIMALS
from metrics.rounding import round_half_away
from tests.conftest import scaled_examples


def decimal_rounding(value: float, decimals: int) -> float:
    """The rule written with ``decimal``: the shortest text of the double, rounded half up
    (``ROUND_HALF_UP`` rounds ties away from zero)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)) + 0.0


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (0.0000005, 0.000001),
        (-0.0000005, -0.000001),
        (2.0000004999, 2.0),
        (2.0000005, 2.000001),
        (-2.0000005, -2.000001),
        (0.0000004999999, 0.0),
        (18.333333333333332, 18.333333),
        (1.0000025, 1.000003),  # its double is a hair below the tie: still rounds up
        (123456.1234565, 123456.123457),
        (1 / 3, 0.333333),
        (2 / 3, 0.666667),
    ],
)
def test_six_decimals_round_ties_away_from_zero(value, rounded):
    assert round_half_away(value, DERIVED_DECIMALS) == rounded


def test_a_negative_value_that_rounds_to_zero_is_plain_zero():
    result = round_half_away(-0.0000004, DERIVED_DECIMALS)
    assert result == 0.0 and math.copysign(1.0, result) == 1.0
    assert repr(round_half_away(-0.0, DERIVED_DECIMALS)) == "0.0"


def test_missing_and_infinite_values_are_kept_and_arrays_keep_their_shape():
    result = round_half_away(np.array([[np.nan, np.inf], [-np.inf, 0.1234565]]), 6)
    assert result.shape == (2, 2)
    assert math.isnan(result[0, 0]) and result[0, 1] == np.inf and result[1, 0] == -np.inf
    assert result[1, 1] == 0.123457


def test_numbers_too_large_for_the_decimals_are_kept():
    assert round_half_away(1e300, DERIVED_DECIMALS) == 1e300
    assert round_half_away(-4.5e15, 0) == -4.5e15


def test_decimals_outside_what_a_double_holds_are_refused():
    with pytest.raises(ValueError, match="decimals"):
        round_half_away(1.0, 16)


decimals_st = st.sampled_from([0, 2, DERIVED_DECIMALS, THRESHOLD_DECIMALS])
# Values on and near the ties of the grid, and anything else a double can be.
ties_st = st.builds(
    lambda k, decimals, sign: sign * (k + 0.5) / 10**decimals,
    st.integers(0, 10**8),
    decimals_st,
    st.sampled_from([1, -1]),
)
values_st = st.one_of(ties_st, st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False))


@settings(max_examples=scaled_examples(500), deadline=None)
@given(value=values_st, decimals=decimals_st)
def test_rounding_is_the_decimal_rule_half_away_from_zero(value, decimals):
    assert round_half_away(value, decimals) == decimal_rounding(value, decimals)


@settings(max_examples=scaled_examples(500), deadline=None)
@given(value=values_st, decimals=decimals_st)
def test_rounding_is_idempotent_and_symmetric(value, decimals):
    once = round_half_away(value, decimals)
    assert round_half_away(once, decimals) == once
    assert round_half_away(-value, decimals) == -once
    # At most ``decimals`` decimals in the shortest text of the result.
    text = repr(once)
    assert "e" in text or len(text.split(".")[1]) <= max(decimals, 1)


@settings(max_examples=scaled_examples(200), deadline=None)
@given(values=st.lists(values_st, min_size=1, max_size=20), decimals=decimals_st)
def test_an_array_is_rounded_as_each_of_its_values(values, decimals):
    expected = [round_half_away(v, decimals) for v in values]
    assert round_half_away(np.array(values), decimals).tolist() == expected
