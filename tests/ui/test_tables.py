from __future__ import annotations

import pandas as pd
import pytest

from data.seed import SEED_DIR
from ui.tables import (
    applicable_indicators,
    distribution_text,
    indicator_rows,
    priorities_in_view,
    series_rows,
    shown_parts,
    status_changes,
    subtree,
)

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})
CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["IND-0001", "IND-0002", "IND-0003"],
        "action_line_id": ["AL05", "AL05", "AL01"],
        "name_nl": ["Slachtofferschap", "Cyberincidenten", "Defensie-uitgaven"],
        "name_en": ["Victimisation", "Cyber incidents", "Defence spending"],
        "unit": ["% of population", "count", "% of GDP"],
        "decimals": [1, 0, 2],
        "scope": ["NL;BQ-BO;BQ-SE;BQ-SA", "NL", "KINGDOM"],
    }
)


def _series(indicator_id, part_id, status, *, derived=False, **extra):
    row = {
        "indicator_id": indicator_id,
        "part_id": part_id,
        "is_derived": derived,
        "latest_period": "2026Q3",
        "latest_value": 12.345,
        "baseline_period": "2023Q1",
        "baseline_value": 15.0,
        "target_period": "2029Q4",
        "target_value": 10.0,
        "target_type": "reach",
        "expected_value": 12.0,
        "progress_share": 0.531,
        "ratio": 0.98,
        "status": status,
        "required_pace_per_year": -0.7,
        "stale": False,
        "provisional": False,
        "method_fallback": False,
        "series_break": False,
        "slope_per_year": -0.8,
        "projected_meets": True,
        "trend_class": None,
    }
    row.update(extra)
    return row


ASSESSMENT = pd.DataFrame(
    [
        _series("IND-0001", "NL", "on_track"),
        _series("IND-0001", "BQ-BO", "moderate"),
        _series("IND-0001", "BQ-SE", "deterioration", provisional=True),
        _series("IND-0001", "BQ-SA", "insufficient_data"),
        _series("IND-0001", "CAR_NL", "moderate", derived=True),
        _series("IND-0002", "NL", "achieved"),
        _series("IND-0003", "KINGDOM", "limited"),
    ]
)


def test_subtree_and_shown_parts_follow_the_hierarchy():
    assert subtree(PARTS, "CAR_NL") == ["CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA"]
    assert subtree(PARTS, "BQ-SA") == ["BQ-SA"]
    assert len(subtree(PARTS, "KINGDOM")) == 11
    assert shown_parts(PARTS, "KINGDOM") == ["KINGDOM", "EUR_NL", "CAR_C", "CAR_NL"]
    assert shown_parts(PARTS, "CAR_C") == ["CAR_C", "AW", "CW", "SX"]


def test_priorities_are_filtered_to_the_part_and_marked_english_in_dutch():
    priorities = pd.DataFrame(
        {
            "action_line_id": ["AL05"] * 4,
            "letter": ["A", "B", "C", "D"],
            "scope": ["kingdom", "eur_nl", "caribbean", "caribbean_countries"],
            "summary_en": ["all", "europe", "caribbean", "countries"],
            "summary_nl": [None, None, "Caribisch", None],
        }
    )
    saba = priorities_in_view(priorities, PARTS, action_line_id="AL05", part_id="BQ-SA", lang="nl")
    assert list(saba["Prioriteit"]) == ["A", "C"]
    assert list(saba["Omschrijving"]) == ["all (EN)", "Caribisch"]
    kingdom = priorities_in_view(
        priorities, PARTS, action_line_id="AL05", part_id="KINGDOM", lang="en"
    )
    assert list(kingdom["Priority"]) == ["A", "B", "C", "D"]
    assert kingdom["Summary"].iloc[0] == "all"


def test_applicable_indicators_are_those_reported_inside_the_part():
    ids = lambda part: list(applicable_indicators(CATALOGUE, PARTS, part_id=part)["indicator_id"])  # noqa: E731
    assert ids("KINGDOM") == ["IND-0001", "IND-0002", "IND-0003"]
    assert ids("CAR_NL") == ["IND-0001"]
    assert ids("AW") == []


def test_indicator_rows_show_the_parts_own_series_and_the_spread_below():
    rows = indicator_rows(
        CATALOGUE, ASSESSMENT, PARTS, part_id="CAR_NL", lang="nl", action_line_id="AL05"
    )
    assert list(rows["indicator_id"]) == ["IND-0001"]
    row = rows.iloc[0]
    assert row["Status"] == "◆ Matig, versnelling nodig"
    assert row["Laatste waarde (kwartaal)"] == "12,3 (2026Q3)"
    assert row["Voortgang naar doel"] == "53 %"
    assert row["Statussen eronder"] == "◆ 1 · ✖ 1 · ? 1"
    saba = indicator_rows(CATALOGUE, ASSESSMENT, PARTS, part_id="BQ-SE", lang="en")
    assert saba.iloc[0]["Flags"] == "provisional"
    assert saba.iloc[0]["Status"] == "✖ Deterioration"


def test_choosing_a_part_changes_the_rows():
    kingdom = indicator_rows(CATALOGUE, ASSESSMENT, PARTS, part_id="KINGDOM", lang="en")
    europe = indicator_rows(CATALOGUE, ASSESSMENT, PARTS, part_id="NL", lang="en")
    assert len(kingdom) == 3 and len(europe) == 2


def test_series_rows_list_every_series_inside_the_part():
    rows = series_rows(
        ASSESSMENT, PARTS, indicator_id="IND-0001", part_id="CAR_NL", decimals=1, lang="nl"
    )
    assert list(rows["Deel"]) == ["Caribisch Nederland", "Bonaire", "Sint Eustatius", "Saba"]
    assert rows.iloc[0]["Herkomst"] == "afgeleid uit eilanden/landen"
    assert rows.iloc[0]["Doel"] == "10,0 (2029Q4)"


def test_status_changes_lists_only_changed_series_worst_first():
    previous = ASSESSMENT.assign(
        status=[
            "on_track",
            "on_track",
            "on_track",
            "insufficient_data",
            "moderate",
            "achieved",
            "limited",
        ]
    )
    changes = status_changes(ASSESSMENT, previous, CATALOGUE, PARTS, part_id="KINGDOM", lang="en")
    assert list(changes["Part"]) == ["Sint Eustatius", "Bonaire"]
    assert list(changes["Change"]) == ["↓ worse", "↓ worse"]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [([], ""), (["limited", "achieved", "achieved"], "✔ 2 · ▼ 1")],
)
def test_distribution_text_counts_best_first(statuses, expected):
    assert distribution_text(statuses) == expected
