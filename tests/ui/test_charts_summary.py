"""Every chart in words (``ui.chart_summary``): the sentences a screen-reader user or a hurried
reader gets above each chart, in Dutch and English."""

from __future__ import annotations

import pandas as pd
import pytest

from ui.chart_summary import comparison_summary, distribution_summary, indicator_summary


def _values(rows):
    return pd.DataFrame(rows, columns=["part_id", "period", "value", "flag"])


def _series(rows):
    columns = ["part_id", "target_type", "target_value", "target_period", "status"]
    return pd.DataFrame(rows, columns=columns)


ARUBA_VALUES = _values(
    [
        ("AW", "2023Q1", 12.0, "none"),
        ("AW", "2024Q4", 15.0, "none"),
        ("AW", "2026Q3", 18.0, "none"),
    ]
)
ARUBA_SERIES = _series([("AW", "reach", 25.0, "2029Q4", "moderate")])


def test_an_indicator_reads_from_first_to_latest_value_with_target_and_status():
    text = indicator_summary(
        ARUBA_VALUES, ARUBA_SERIES, {"AW": "Aruba"}, unit="%", decimals=0, lang="nl"
    )
    assert text == (
        "Aruba: van 12 % (2023Q1) naar 18 % (2026Q3); doel 2029: 25 %; "
        "status: matig, versnelling nodig."
    )


def test_in_english_quarters_and_numbers_are_written_the_english_way():
    values = ARUBA_VALUES.assign(value=[1200.5, 1500.0, 1800.25])
    text = indicator_summary(values, ARUBA_SERIES, {"AW": "Aruba"}, unit="%", decimals=1, lang="en")
    assert text.startswith("Aruba: from 1,200.5 % (2023Q1) to 1,800.2 % (2026Q3); ")
    assert "target 2029: 25.0 %" in text and text.endswith("status: moderate, acceleration needed.")


def test_dutch_numbers_use_the_decimal_comma_and_a_thousands_point():
    values = ARUBA_VALUES.assign(value=[1200.5, 1500.0, 1800.25])
    text = indicator_summary(values, ARUBA_SERIES, {"AW": "Aruba"}, unit="%", decimals=1, lang="nl")
    assert "van 1.200,5 % (2023Q1) naar 1.800,2 % (2026Q3)" in text


def test_a_long_unit_is_named_once_not_after_every_number():
    text = indicator_summary(
        ARUBA_VALUES,
        ARUBA_SERIES,
        {"AW": "Aruba"},
        unit="per 1.000 inwoners",
        decimals=0,
        lang="nl",
    )
    assert text.startswith("Aruba, per 1.000 inwoners: van 12 (2023Q1) naar 18 (2026Q3)")
    assert text.count("per 1.000 inwoners") == 1


def test_the_parts_below_are_grouped_by_status_with_their_latest_value():
    values = pd.concat(
        [
            ARUBA_VALUES.assign(part_id="CAR_C"),
            _values(
                [
                    ("AW", "2026Q3", 18.0, "none"),
                    ("CW", "2026Q3", 20.0, "provisional"),
                    ("SX", "2026Q2", 7.0, "none"),
                ]
            ),
        ]
    )
    series = _series(
        [
            ("CAR_C", "reach", 25.0, "2029Q4", "on_track"),
            ("AW", "reach", 25.0, "2029Q4", "moderate"),
            ("CW", "reach", 25.0, "2029Q4", "on_track"),
            ("SX", "reach", 25.0, "2029Q4", "moderate"),
        ]
    )
    labels = {"CAR_C": "Caribische landen", "AW": "Aruba", "CW": "Curaçao", "SX": "Sint Maarten"}
    text = indicator_summary(values, series, labels, unit="%", decimals=0, lang="nl")
    assert text == (
        "Caribische landen: van 12 % (2023Q1) naar 18 % (2026Q3); doel 2029: 25 %; "
        "status: op koers. "
        "Daaronder met status op koers: Curaçao 20 % (voorlopig). "
        "Daaronder met status matig, versnelling nodig: Aruba 18 %; Sint Maarten 7 % (2026Q2)."
    )


@pytest.mark.parametrize(
    ("target_type", "expected"),
    [
        ("maintain_min", "doel: ten minste 25 % tot 2029"),
        ("maintain_max", "doel: ten hoogste 25 % tot 2029"),
        ("none", "geen doel"),
    ],
)
def test_each_kind_of_target_is_said_in_words(target_type, expected):
    series = ARUBA_SERIES.assign(target_type=target_type)
    text = indicator_summary(ARUBA_VALUES, series, {"AW": "Aruba"}, unit="%", decimals=0, lang="nl")
    assert expected in text


def test_a_target_before_a_years_last_quarter_names_the_quarter():
    series = ARUBA_SERIES.assign(target_period="2027Q2")
    text = indicator_summary(ARUBA_VALUES, series, {"AW": "Aruba"}, unit="%", decimals=0, lang="nl")
    assert "doel 2027Q2: 25 %" in text


def test_a_part_drawn_without_values_says_so_and_one_value_is_no_course():
    values = ARUBA_VALUES.iloc[-1:]
    text = indicator_summary(
        values,
        _series([("AW", "reach", 25.0, "2029Q4", None), ("BQ-SA", "reach", 5.0, "2029Q4", None)]),
        {"AW": "Aruba", "BQ-SA": "Saba"},
        unit="%",
        decimals=0,
        lang="nl",
    )
    assert text == (
        "Aruba: 18 % (2026Q3); doel 2029: 25 %. Daaronder zonder beoordeling: Saba nog geen waarden."
    )


COUNTS = pd.DataFrame(
    {
        "label": ["O1 · Veilig", "O2 · Weerbaar", "O3 · Paraat"],
        "achieved": [2, 5, 3],
        "on_track": [2, 10, 1],
        "moderate": [4, 11, 0],
        "limited": [0, 0, 0],
        "deterioration": [1, 8, 0],
        "insufficient_data": [0, 1, 0],
        "no_target": [0, 0, 0],
    }
)


def test_a_distribution_reads_as_counts_per_status_and_the_row_most_behind():
    assert distribution_summary(COUNTS, lang="nl") == (
        "48 reeksen: 10 bereikt; 13 op koers; 15 matig, versnelling nodig; 9 verslechtering; "
        "1 onvoldoende gegevens. "
        "Meeste achterstand: O2 · Weerbaar (19 van 35 reeksen matig, beperkt of verslechterd)."
    )
    assert distribution_summary(COUNTS, lang="en").startswith(
        "48 series: 10 achieved; 13 on track; 15 moderate, acceleration needed; "
    )


def test_a_distribution_with_nothing_behind_or_nothing_at_all():
    ahead = COUNTS.assign(moderate=0, deterioration=0)
    assert "achterstand" not in distribution_summary(ahead, lang="nl")
    empty = COUNTS.assign(**{c: 0 for c in COUNTS.columns if c != "label"})
    assert distribution_summary(empty, lang="nl") == "Geen reeksen om te tellen."
    one = COUNTS.iloc[2:].assign(achieved=1, on_track=0)
    assert distribution_summary(one, lang="nl") == "1 reeks: 1 bereikt."


def test_large_counts_get_thousands_separators():
    big = COUNTS.assign(achieved=[20_000, 0, 0])
    assert distribution_summary(big, lang="nl").startswith("20.038 reeksen: 20.000 bereikt;")


def test_a_comparison_of_overlapping_parts_counts_each_row_and_never_adds_them_up():
    spread = pd.DataFrame(
        {
            "label": ["Caribische landen", "Aruba", "Curaçao", "Sint Maarten"],
            "on_track": [1, 0, 1, 0],
            "limited": [2, 1, 0, 0],
            "no_target": [0, 0, 0, 0],
        }
    )
    assert comparison_summary(spread, lang="nl") == (
        "Caribische landen: 3 reeksen (1 op koers; 2 beperkt). Aruba: 1 reeks (1 beperkt). "
        "Curaçao: 1 reeks (1 op koers). Sint Maarten: geen reeksen."
    )
