"""A roll-up's mean score as a colour (ui.palette): binned onto the statuses' colours, ties to the
lower status, grey when nothing is assessed, and text on every one of those backgrounds that
meets WCAG AA (4.5:1)."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ui.palette as palette
from metrics.constants import ROLLUP_SCORES, STATUSES
from ui.palette import (
    NO_SCORE_COLOUR,
    STATUS_COLOURS,
    contrast_ratio,
    score_colour,
    score_status,
    text_colour,
)

_WORST_FIRST = sorted(ROLLUP_SCORES, key=ROLLUP_SCORES.__getitem__)


def test_the_palette_examples_hold():
    failures, tried = doctest.testmod(palette)
    assert tried and not failures


@pytest.mark.parametrize("status", list(ROLLUP_SCORES))
def test_a_status_own_score_takes_its_colour(status):
    assert score_status(ROLLUP_SCORES[status]) == status
    assert score_colour(ROLLUP_SCORES[status]) == STATUS_COLOURS[status]


@pytest.mark.parametrize(
    ("score", "status"),
    [
        (1.5, "on_track"),  # half-way between achieved and on track: the lower
        (0.5, "moderate"),
        (-0.5, "limited"),
        (-1.5, "deterioration"),
        (1.5000001, "achieved"),
        (0.4999999, "moderate"),
        (2 / 3, "on_track"),  # 1 achieved, 2 moderate
        (1 / 3 * 3 - 0.5, "moderate"),  # 0.5 computed with rounding noise
        (-2.0, "deterioration"),
    ],
)
def test_a_mean_score_takes_the_nearest_status_ties_to_the_lower(score, status):
    assert score_status(score) == status


@pytest.mark.parametrize("score", [None, float("nan")])
def test_nothing_assessed_is_grey_and_no_status(score):
    assert score_status(score) is None
    assert score_colour(score) == NO_SCORE_COLOUR
    assert NO_SCORE_COLOUR not in STATUS_COLOURS.values()


@given(
    st.floats(min_value=-2, max_value=2, allow_nan=False),
    st.floats(min_value=-2, max_value=2, allow_nan=False),
)
def test_a_higher_mean_never_takes_a_worse_colour(low, high):
    low, high = sorted((low, high))
    assert _WORST_FIRST.index(score_status(low)) <= _WORST_FIRST.index(score_status(high))


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#0072B2", "#0072B2") == pytest.approx(1.0)
    # WebAIM's reference: #767676 is the lightest grey with AA contrast on white (4.54:1).
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") < 4.5
    assert contrast_ratio("#FFFFFF", "#767676") == contrast_ratio("#767676", "#FFFFFF")


@pytest.mark.parametrize(
    "background", [*(STATUS_COLOURS[s] for s in STATUSES if s in ROLLUP_SCORES), NO_SCORE_COLOUR]
)
def test_text_on_every_score_background_meets_wcag_aa(background):
    foreground = text_colour(background)
    assert foreground in ("#000000", "#FFFFFF")
    assert contrast_ratio(foreground, background) >= 4.5
    other = "#FFFFFF" if foreground == "#000000" else "#000000"
    assert contrast_ratio(foreground, background) >= contrast_ratio(other, background)
