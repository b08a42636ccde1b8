"""The frames pages show (ui.kingdom, ui.texts, ui.rollup_tables, ui.series_tables) on the
seed's Kingdom hierarchy and hand-made assessments."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data.seed import SEED_DIR
from metrics.constants import STATUSES
from metrics.errors import MetricError
from metrics.rollup import rollup
from tests.scope_facts import covers
from ui.kingdom import ancestors, comparison_parts, shown_parts, subtree
from ui.rollup_tables import distribution_rows, headline, matrix_rows, part_distribution_rows
from ui.series_tables import (
    applicable_indicators,
    indicator_rows,
    priorities_in_view,
    series_rows,
    status_changes,
)
from ui.texts import distribution_text

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})
CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["IND-0001", "IND-0002", "IND-0003"],
        "action_line_id": ["AL05", "AL05", "AL01"],
        "name_nl": ["Slachtofferschap", "Cyberincidenten", "Defensie-uitgaven"],
        "name_en": ["Victimisation", "Cyber incidents", "Defence spending"],
        "unit_nl": ["% van bevolking", "aantal", "% van bbp"],
        "unit_en": ["% of population", "count", "% of GDP"],
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
            "covers": [
                covers(scope) for scope in ("kingdom", "eur_nl", "caribbean", "caribbean_countries")
            ],
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
    assert (row["Waarde"], row["Kwartaal"]) == (12.3, "2026Q3")
    assert row["Voortgang"] == 53
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
    assert list(rows["Deel"]) == [
        "Caribisch Nederland (afgeleid)",
        "Bonaire",
        "Sint Eustatius",
        "Saba",
    ]
    assert (rows.iloc[0]["Doel"], rows.iloc[0]["Doel in"]) == (10.0, "2029Q4")


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


def test_ancestors_run_from_the_part_up_to_the_kingdom():
    assert ancestors(PARTS, "BQ-SA") == ["BQ-SA", "CAR_NL", "KINGDOM"]
    assert ancestors(PARTS, "KINGDOM") == ["KINGDOM"]


def test_comparison_parts_are_the_subtree_or_an_entity_with_its_siblings():
    assert comparison_parts(PARTS, "CAR_C") == ["CAR_C", "AW", "CW", "SX"]
    assert comparison_parts(PARTS, "CW") == ["CAR_C", "AW", "CW", "SX"]
    assert comparison_parts(PARTS, "KINGDOM") == list(PARTS["part_id"])


def test_an_unknown_part_is_refused_not_treated_as_a_leaf():
    with pytest.raises(MetricError, match="ATLANTIS"):
        subtree(PARTS, "ATLANTIS")


# Roll-ups keyed as data.cache.rollups gives them: scope_part_id, then the grouping.
SERIES = pd.DataFrame(
    {
        "scope_part_id": ["CAR_NL"] * 5 + ["BQ-SA"] * 2,
        "objective_id": ["O1", "O1", "O2", "O2", "O2", "O2", "O2"],
        "action_line_id": ["AL01", "AL01", "AL05", "AL05", "AL06", "AL05", "AL05"],
        "status": [
            "achieved",
            "limited",
            "on_track",
            "no_target",
            "insufficient_data",
            "on_track",
            "no_target",
        ],
    }
)
BY_OBJECTIVE = rollup(SERIES, by=["scope_part_id", "objective_id"])
BY_LINE = rollup(SERIES, by=["scope_part_id", "action_line_id"])


def test_headline_totals_a_parts_rollup_rows_with_the_share_from_the_counts():
    totals = headline(BY_OBJECTIVE, "CAR_NL")
    assert totals == {
        "achieved": 1,
        "on_track": 1,
        "moderate": 0,
        "limited": 1,
        "deterioration": 0,
        "insufficient_data": 1,
        "no_target": 1,
        "n_series": 5,
        "n_assessed": 3,
        "share_on_track": 2 / 3,
    }
    assert list(totals) == [*STATUSES, "n_series", "n_assessed", "share_on_track"]
    assert all(isinstance(totals[name], int) for name in (*STATUSES, "n_series", "n_assessed"))
    assert headline(BY_LINE, "CAR_NL") == totals  # the grouping does not change the whole


def test_headline_of_a_part_without_series_is_zeros_and_no_share():
    totals = headline(BY_OBJECTIVE, "AW")
    assert totals["n_series"] == 0 and totals["n_assessed"] == 0
    assert totals["share_on_track"] is None


def test_distribution_rows_keep_every_group_and_fill_zeros():
    names = pd.DataFrame(
        {"objective_id": ["O1", "O2", "O3"], "name_en": ["Resilience", "Crime", "Cyber"]}
    )
    rows = distribution_rows(BY_OBJECTIVE, names, key="objective_id", part_id="BQ-SA", lang="en")
    assert list(rows["label"]) == ["O1 · Resilience", "O2 · Crime", "O3 · Cyber"]
    assert list(rows["n_series"]) == [0, 2, 0]
    assert rows["on_track"].dtype == "int64"
    assert rows["share_on_track"].iloc[1] == 1.0 and math.isnan(rows["share_on_track"].iloc[0])


def test_part_distribution_rows_label_parts_and_give_zeros_to_parts_without_series():
    rows = part_distribution_rows(
        BY_LINE, PARTS, action_line_id="AL05", part_ids=["CAR_NL", "BQ-BO", "BQ-SA"], lang="nl"
    )
    assert list(rows["label"]) == ["Caribisch Nederland", "Bonaire", "Saba"]
    assert list(rows["n_series"]) == [2, 0, 2]
    assert list(rows["on_track"]) == [1, 0, 1]


def test_matrix_cells_show_counts_and_share_or_an_empty_mark():
    lines = pd.DataFrame({"action_line_id": ["AL05", "AL07"], "name_en": ["Crime", "Borders"]})
    (al05, al07) = matrix_rows(BY_LINE, lines, PARTS, part_ids=["CAR_NL", "BQ-BO"], lang="en")
    assert al05.label == "AL05 · Crime"
    assert al05.cells[0].n_series == 2 and al05.cells[0].text.endswith("(100%)")
    assert al05.cells[1].n_series == 0 and al07.cells[0].n_series == 0
