"""ui.headline_series: the set of series a part's status cards count, its sentence and its table."""

from __future__ import annotations

import pandas as pd

from data.current_assessment import current_assessment
from data.queries import reference_data
from data.rollup_scope import rollup_scope
from data.seed import SEED_DIR
from metrics.constants import STATUSES
from metrics.rollup import rollup
from ui.headline_series import (
    SERIES_TABLE_COLUMNS,
    applies_text,
    headline_series,
    scope_text,
    series_table,
)
from ui.i18n import t
from ui.palette import status_text
from ui.rollup_tables import headline

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})
CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["IND-0003", "IND-0001", "IND-0002"],  # the catalogue's order, not sorted
        "action_line_id": ["AL01", "AL05", "AL05"],
        "name_nl": ["Defensie-uitgaven", "Slachtofferschap", "Cyberincidenten"],
        "name_en": ["Defence spending", "Victimisation", "Cyber incidents"],
        "unit_nl": ["% van bbp", "% van bevolking", "aantal"],
        "unit_en": ["% of GDP", "% of population", "count"],
        "decimals": [2, 1, 0],
    }
)


def _series(indicator_id: str, part_id: str, status: str, *, derived: bool = False) -> dict:
    return {
        "indicator_id": indicator_id,
        "part_id": part_id,
        "is_derived": derived,
        "status": status,
        "latest_period": "2026Q3",
        "latest_value": 12.345,
        "progress_share": 0.5,
        "ratio": 0.98,
        "target_value": 10.0,
        "slope_per_year": -0.8,
        "projected_meets": True,
        "stale": False,
        "provisional": False,
        "method_fallback": False,
        "series_break": False,
    }


ASSESSMENT = pd.DataFrame(
    [
        _series("IND-0001", "BQ-SA", "insufficient_data"),
        _series("IND-0001", "NL", "on_track"),
        _series("IND-0001", "BQ-BO", "moderate"),
        _series("IND-0001", "CAR_NL", "moderate", derived=True),
        _series("IND-0001", "KINGDOM", "moderate", derived=True),
        _series("IND-0002", "NL", "achieved"),
        _series("IND-0003", "KINGDOM", "limited"),
    ]
)


def _kept(part_id: str) -> list[tuple[str, str]]:
    chosen = headline_series(ASSESSMENT, PARTS, part_id=part_id)
    return list(zip(chosen["indicator_id"], chosen["part_id"], strict=True))


def test_the_set_is_every_reported_series_in_the_subtree_without_derived_totals():
    assert _kept("CAR_NL") == [("IND-0001", "BQ-SA"), ("IND-0001", "BQ-BO")]
    assert _kept("BQ-SA") == [("IND-0001", "BQ-SA")]
    # The Kingdom: every entity's series and the one reported for the Kingdom itself.
    assert _kept("KINGDOM") == [
        ("IND-0001", "BQ-SA"),
        ("IND-0001", "NL"),
        ("IND-0001", "BQ-BO"),
        ("IND-0002", "NL"),
        ("IND-0003", "KINGDOM"),
    ]
    assert _kept("AW") == []


def test_the_table_has_one_row_per_series_with_the_status_the_cards_count():
    chosen = headline_series(ASSESSMENT, PARTS, part_id="KINGDOM")
    table = series_table(chosen, CATALOGUE, PARTS, lang="en")
    assert list(table.columns) == [t(f"tables.col.{name}", "en") for name in SERIES_TABLE_COLUMNS]
    assert len(table) == len(chosen) == 5
    counts = rollup(chosen).iloc[0]
    for status in ("achieved", "on_track", "moderate", "limited", "insufficient_data"):
        shown = int((table[t("tables.col.status", "en")] == status_text(status, "en")).sum())
        assert shown == counts[status], status


def test_the_table_follows_the_catalogue_then_the_hierarchy():
    chosen = headline_series(ASSESSMENT, PARTS, part_id="KINGDOM")
    table = series_table(chosen, CATALOGUE, PARTS, lang="nl")
    rows = list(zip(table["Indicator"].str.slice(0, 4), table["Deel"], strict=True))
    assert rows == [
        ("AL01", "Koninkrijk der Nederlanden"),
        ("AL05", "Nederland (Europees deel)"),
        ("AL05", "Bonaire"),
        ("AL05", "Saba"),
        ("AL05", "Nederland (Europees deel)"),
    ]
    assert table["Waarde"].iloc[1] == 12.3
    assert table["Kwartaal"].iloc[1] == "2026Q3"


def test_the_sentence_names_the_set_by_the_level_of_the_part():
    assert scope_text(PARTS, part_id="CAR_NL", n_series=35, lang="nl") == t(
        "parts_set.part", "nl", part="Caribisch Nederland", n="35"
    )
    assert scope_text(PARTS, part_id="BQ-SA", n_series=11, lang="en").startswith(
        "Every series of Saba: 11."
    )
    assert scope_text(PARTS, part_id="KINGDOM", n_series=1050, lang="nl").startswith(
        "Alle reeksen in het Koninkrijk: 1.050"
    )


def test_what_the_headline_counts_is_worded_for_the_level_of_the_part():
    saba = applies_text(PARTS, part_id="BQ-SA", quarter="2026Q3", lang="nl")
    assert saba == t("headline_scope.entity", "nl", part="Saba", quarter="2026Q3")
    assert "daaronder" not in saba  # an island has nothing below it
    caribbean = applies_text(PARTS, part_id="CAR_NL", quarter="2026Q3", lang="nl")
    assert "Caribisch Nederland of een eiland of land daaronder" in caribbean
    kingdom = applies_text(PARTS, part_id="KINGDOM", quarter="2026Q3", lang="en")
    assert kingdom.startswith("What applies to the Kingdom:") and "2026Q3" in kingdom


def test_for_every_part_the_cards_roll_up_exactly_the_series_the_table_lists(demo_con):
    # The cards come from data.rollup_scope (the part_tree view, in SQL); the table from
    # headline_series (metrics.hierarchy, in pandas). Both must pick the same series.
    reference = reference_data(demo_con)
    assessment = current_assessment(demo_con, as_of=reference.latest_quarter)
    by_line = rollup_scope(demo_con, assessment, by=["action_line_id"])
    for part_id in reference.part_ids:
        chosen = headline_series(assessment, reference.kingdom_parts, part_id=part_id)
        cards = headline(by_line, part_id)
        listed = rollup(chosen).iloc[0] if len(chosen) else None
        assert cards["n_series"] == len(chosen), part_id
        for status in STATUSES:
            assert cards[status] == (int(listed[status]) if listed is not None else 0), part_id
