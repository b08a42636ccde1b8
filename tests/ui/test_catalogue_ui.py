"""The catalogue's pure ui pieces: retired indicators in words and as of a quarter, the history
of targets as a table, the quarters a chart marks as "target changed", and the marker itself."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from ui.catalogue_tables import (
    assessed_quarter,
    catalogue_table,
    in_force,
    option_label,
    option_labels,
    retired_by,
    retired_text,
    targets_table,
)
from ui.charts import TARGET_CHANGED, indicator_figure
from ui.i18n import t
from ui.target_history import change_quarters, history_table, quarter_of

PARTS = pd.DataFrame(
    {
        "part_id": ["KINGDOM", "EUR_NL", "NL", "CAR_C", "AW"],
        "parent_id": [None, "KINGDOM", "EUR_NL", "KINGDOM", "CAR_C"],
        "level": ["kingdom", "part", "entity", "part", "entity"],
        "name_nl": ["Koninkrijk", "Europees Nederland", "Nederland", "Caribische landen", "Aruba"],
        "name_en": [
            "Kingdom",
            "European Netherlands",
            "Netherlands",
            "Caribbean countries",
            "Aruba",
        ],
    }
)


def _catalogue(**retired: str) -> pd.DataFrame:
    ids = ["IND-1", "IND-2", "IND-3"]
    return pd.DataFrame(
        {
            "indicator_id": ids,
            "action_line_id": ["AL01", "AL01", "AL02"],
            "name_nl": ["Een", "Twee", "Drie"],
            "name_en": ["One", "Two", "Three"],
            "unit_nl": ["% van bbp", "aantal", "per 1.000 inwoners"],
            "unit_en": ["% of GDP", "count", "per 1,000 inhabitants"],
            "direction": ["up", "down", "up"],
            "target_type": ["reach", "maintain_max", "none"],
            "scope": ["KINGDOM", "NL;AW", "AW"],
            "retired_from": [retired.get(i.replace("-", "_")) for i in ids],
        }
    )


def _version(part_id: str, at: datetime, target: float | None, **extra: object) -> dict:
    return {
        "part_id": part_id,
        "baseline_period": "2023Q1",
        "baseline_value": 10.0,
        "target_period": "2029Q4",
        "target_value": target,
        "removed": extra.get("removed", False),
        "reason": extra.get("reason"),
        "recorded_at": at,
        "import_id": 1,
        "user_name": extra.get("user", "demo"),
        "file_name": "catalogus.xlsx",
    }


HISTORY = pd.DataFrame(
    [
        _version("KINGDOM", datetime(2026, 5, 10), 20.0, reason="review", user="editor"),
        _version("KINGDOM", datetime(2023, 1, 1), 25.0),
        _version("NL", datetime(2026, 11, 2), None, removed=True, reason="dropped"),
        _version("NL", datetime(2025, 2, 1), 30.0, reason="sharper"),
        _version("NL", datetime(2023, 1, 1), 28.0),
        _version("AW", datetime(2023, 1, 1), 40.0),
    ]
)


@pytest.mark.parametrize(
    ("moment", "quarter"),
    [
        (date(2026, 1, 1), "2026Q1"),
        (datetime(2026, 5, 10, 12), "2026Q2"),
        (date(2025, 12, 31), "2025Q4"),
    ],
)
def test_a_moment_falls_in_its_quarter(moment, quarter):
    assert quarter_of(moment) == quarter


def test_a_retired_indicator_is_out_of_force_from_its_quarter_on():
    catalogue = _catalogue(IND_2="2026Q1")
    assert list(in_force(catalogue, "2025Q4")["indicator_id"]) == ["IND-1", "IND-2", "IND-3"]
    assert list(in_force(catalogue, "2026Q1")["indicator_id"]) == ["IND-1", "IND-3"]
    assert list(retired_by(catalogue, "2026Q3")["indicator_id"]) == ["IND-2"]
    assert retired_by(catalogue, "2025Q4").empty


def test_a_retired_indicator_is_shown_as_of_the_quarter_before_it_retired():
    retired = {"indicator_id": "IND-2", "retired_from": "2026Q1"}
    assert assessed_quarter(retired, "2026Q3") == "2025Q4"
    assert assessed_quarter(retired, "2026Q1") == "2025Q4"
    assert assessed_quarter(retired, "2025Q2") == "2025Q2"
    assert assessed_quarter({"retired_from": None}, "2026Q3") == "2026Q3"


@pytest.mark.parametrize(
    ("lang", "text", "option"),
    [
        ("nl", "Vervallen vanaf 2026Q1", "IND-2 · Twee (vervallen vanaf 2026Q1)"),
        ("en", "Retired from 2026Q1", "IND-2 · Two (retired from 2026Q1)"),
    ],
)
def test_a_retired_indicator_is_named_so(lang, text, option):
    rows = _catalogue(IND_2="2026Q1").to_dict("records")
    assert retired_text(rows[1], lang) == text
    assert option_label(rows[1], lang) == option
    assert retired_text(rows[0], lang) == ""
    assert option_label(rows[0], lang) == f"IND-1 · {rows[0][f'name_{lang}']}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_option_label_at_once_is_each_ones_label_in_order(lang):
    catalogue = _catalogue(IND_2="2026Q1", IND_3="2027Q1")
    labels = option_labels(catalogue, lang)
    rows = catalogue.to_dict("records")
    assert list(labels) == [row["indicator_id"] for row in rows]
    assert list(labels.values()) == [option_label(row, lang) for row in rows]
    assert "2026Q1" in labels["IND-2"] and "2026Q1" not in labels["IND-1"]
    without = option_labels(catalogue.drop(columns="retired_from"), lang)
    assert without["IND-2"] == f"IND-2 · {rows[1][f'name_{lang}']}"


def test_the_catalogue_table_reads_in_the_language():
    table = catalogue_table(_catalogue(IND_3="2027Q1"), PARTS, lang="nl")
    assert list(table.columns) == [
        t(f"catalogue.col.{c}", "nl")
        for c in (
            "indicator_id",
            "name",
            "action_line",
            "unit",
            "direction",
            "target_type",
            "scope",
            "retired",
        )
    ]
    first, second, third = table.to_dict("records")
    assert first["Eenheid"] == "% van bbp" and third["Eenheid"] == "per 1.000 inwoners"
    assert second["Richting"] == "lager is beter"
    assert second["Gerapporteerd voor"] == "Nederland, Aruba"  # the hierarchy's order
    assert first["Gerapporteerd voor"] == "Koninkrijk"
    assert third["Vervallen vanaf"] == "2027Q1" and first["Vervallen vanaf"] == ""


def test_the_targets_table_marks_the_kingdom_row_as_the_default():
    targets = pd.DataFrame(
        {
            "indicator_id": ["IND-1", "IND-1", "IND-2"],
            "part_id": ["AW", "KINGDOM", "NL"],
            "baseline_period": ["2023Q1", "2023Q1", "2023Q1"],
            "baseline_value": [1.5, 2.25, 3.0],
            "target_period": ["2029Q4", "2029Q4", "2029Q4"],
            "target_value": [2.0, 3.5, 4.0],
            "reason": [None, "review", None],
        }
    )
    table = targets_table(targets, PARTS, indicator_id="IND-1", decimals=2, lang="nl")
    assert list(table["Deel"]) == [f"Koninkrijk ({t('catalogue.kingdom_default', 'nl')})", "Aruba"]
    assert list(table["Basiswaarde"]) == ["2,25", "1,50"]
    assert list(table["Reden"]) == ["review", ""]


def test_the_history_names_each_version_new_changed_or_removed():
    table = history_table(HISTORY, PARTS, part_id="EUR_NL", decimals=1, lang="en")
    # European Netherlands: the Kingdom's default above it, the Netherlands below; not Aruba.
    assert [p.split(" (")[0] for p in table["Part"]] == ["Kingdom"] * 2 + ["Netherlands"] * 3
    assert list(table["Change"]) == ["changed", "new", "removed", "changed", "new"]
    assert list(table["Target (quarter)"]) == [
        "20.0 (2029Q4)",
        "25.0 (2029Q4)",
        "–",
        "30.0 (2029Q4)",
        "28.0 (2029Q4)",
    ]
    assert list(table["Reason"])[:3] == ["review", "", "dropped"]
    assert table["By"].iloc[0] == "editor"
    assert table["Recorded at"].iloc[0] == "2026-05-10 00:00"


def test_a_target_set_again_after_its_removal_is_new():
    history = pd.DataFrame(
        [
            _version("AW", datetime(2026, 1, 1), 41.0, reason="back"),
            _version("AW", datetime(2025, 1, 1), None, removed=True, reason="gone"),
            _version("AW", datetime(2023, 1, 1), 40.0),
        ]
    )
    table = history_table(history, PARTS, part_id="AW", decimals=0, lang="nl")
    assert list(table["Wijziging"]) == ["nieuw", "verwijderd", "nieuw"]


def test_the_chart_marks_the_changes_of_the_rows_that_govern_the_parts_shown():
    # NL has rows of its own (changed 2025Q1, removed 2026Q4); EUR_NL has none, so it follows
    # the Kingdom row (changed 2026Q2); AW's own row never changed.
    assert change_quarters(HISTORY, ["KINGDOM", "EUR_NL", "NL"]) == {
        "2025Q1": ["NL"],
        "2026Q2": ["KINGDOM", "EUR_NL"],
        "2026Q4": ["NL"],
    }
    assert change_quarters(HISTORY, ["AW"]) == {}
    assert change_quarters(HISTORY.iloc[0:0], ["KINGDOM"]) == {}


def test_the_marker_is_a_dotted_line_with_a_label_at_each_quarter():
    values = pd.DataFrame(
        {"part_id": ["NL"], "period": ["2024Q1"], "value": [1.0], "flag": ["none"]}
    )
    figure = indicator_figure(
        values,
        pd.DataFrame(),
        labels={"NL": "Nederland"},
        unit="aantal",
        decimals=0,
        lang="nl",
        target_changes={"2026Q2": "Nederland"},
    )
    (line,) = [s for s in figure.layout.shapes if s.name == TARGET_CHANGED]
    assert (line.x0, line.x1, line.line.dash, line.yref) == ("2026Q2", "2026Q2", "dot", "paper")
    (label,) = [a for a in figure.layout.annotations if a.name == TARGET_CHANGED]
    assert label.text == "doel gewijzigd" and "Nederland" in label.hovertext
    assert "2026Q2" in figure.layout.xaxis.categoryarray
    plain = indicator_figure(
        values, pd.DataFrame(), labels={"NL": "Nederland"}, unit="aantal", decimals=0, lang="nl"
    )
    assert not plain.layout.shapes
