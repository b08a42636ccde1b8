"""Numbers and shares written the way each language writes them; a dash for a missing value."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ui.format import format_number, format_share


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234.5, 1, "nl", "1.234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (-0.25, 2, "nl", "-0,25"),
        (19.96, 1, "nl", "20,0"),
        (7, 0, "en", "7"),
        (None, 1, "nl", "–"),
        (math.nan, 1, "en", "–"),
        (pd.NA, 1, "en", "–"),
    ],
)
def test_format_number_uses_the_languages_separators(value, decimals, lang, expected):
    assert format_number(value, decimals, lang) == expected


def test_format_share_writes_a_percentage():
    assert format_share(0.425, "nl", 1) == "42,5 %"
    assert format_share(0.425, "en", 1) == "42.5%"
    assert format_share(None, "nl") == "–"
