"""Table layouts (ui/table_format.py and the layouts of each table): the columns a table shows
fit beside the sidebar at 1366 px, numbers are configured as numbers in the reader's notation,
and the catalogue's preview names what it changes."""

from __future__ import annotations

import pandas as pd
import pytest

from data.catalogue_changes import CatalogueChange, FieldChange
from ui.catalogue_preview import changes_table
from ui.headline_series import SERIES_TABLE_COLUMNS
from ui.i18n import t
from ui.intake import problems_layout, problems_table
from ui.intake_preview import UploadNames
from ui.series_tables import (
    INDICATOR_ROW_COLUMNS,
    SERIES_ROW_COLUMNS,
    comparison_layout,
    history_layout,
    series_layout,
)
from ui.table_format import MAIN_WIDTH, Column, column_config, counts, fits, numbers, shares

# The columns each series table shows (``tables.col.`` keys), and its width overrides.
SERIES_TABLES = {
    "parts profile": (SERIES_TABLE_COLUMNS, {}),
    "action line indicators": (INDICATOR_ROW_COLUMNS, {}),
    "indicator series": (SERIES_ROW_COLUMNS, {"part": 130, "trend": 145}),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("table", list(SERIES_TABLES))
def test_every_series_table_fits_beside_the_sidebar(table, lang):
    names, widths = SERIES_TABLES[table]
    layout = series_layout(lang, 1, **widths)
    shown = [layout[t(f"tables.col.{name}", lang)] for name in names]
    assert fits(shown), sum(column.width for column in shown)
    # The columns that explain a status are among them, each with its help on the header.
    for name in ("status", "trend", "flags"):
        assert name in names
    assert layout[t("tables.col.trend", lang)].help


def test_the_history_and_comparison_tables_fit():
    assert fits(history_layout("nl", 2).values())
    table = pd.DataFrame(columns=["Indicator", *(f"Deel {n}" for n in range(6))])
    layout = comparison_layout(table)
    assert fits(layout.values())
    assert list(layout) == list(table.columns)


def test_a_problems_message_takes_the_width_the_other_columns_leave():
    from data.intake_read import Problem

    problems = (Problem("unknown_part", row=3, column="part_id", letter="B"),)
    table = problems_table(problems, "nl")
    layout = problems_layout(table, "nl")
    assert sum(column.width for column in layout.values()) == MAIN_WIDTH
    assert layout[t("intake.problems.problem", "nl")].width >= 600


def test_numbers_shares_and_counts_are_numeric_columns_with_missing_values_as_na():
    assert numbers([1.234, None, float("nan")], 1).tolist() == [1.2, pd.NA, pd.NA]
    assert str(numbers([1.0]).dtype) == "Float64"
    # -20 %, 1 %, 10 %, 111 %, 12 % sort as numbers.
    share = shares([0.12, -0.2, 1.11, 0.01, 0.1])
    assert share.sort_values().tolist() == [-20, 1, 10, 12, 111]
    assert str(counts([3, None]).dtype) == "Int64"


@pytest.mark.parametrize(("lang", "percent"), [("nl", "%.0f %%"), ("en", "%.0f%%")])
def test_numbers_are_written_in_the_readers_notation(lang, percent):
    frame = pd.DataFrame({"a": [1.5], "b": [42.0], "c": [3], "d": ["x"]})
    layout = {
        "a": Column(60, "number", 1),
        "b": Column(60, "share"),
        "c": Column(60, "count"),
        "d": Column(100),
    }
    config = column_config(frame, layout, lang)
    assert config["a"]["type_config"]["format"] == "localized"
    assert config["a"]["type_config"]["step"] == pytest.approx(0.1)
    assert config["b"]["type_config"]["format"] == percent
    assert config["c"]["type_config"]["step"] == 1
    assert config["d"]["type_config"]["type"] == "text"
    assert all(config[label]["width"] == 60 for label in "abc")


def test_the_catalogue_preview_names_the_indicator_and_the_part():
    catalogue = pd.DataFrame(
        {
            "indicator_id": ["IND-0101"],
            "name_nl": ["Defensie-uitgaven als percentage van het bbp"],
            "name_en": ["Defence spending as a share of GDP"],
        }
    )
    parts = pd.DataFrame({"part_id": ["AW"], "name_nl": ["Aruba"], "name_en": ["Aruba"]})
    change = CatalogueChange(
        what="target",
        indicator_id="IND-0101",
        part_id="AW",
        kind="changed",
        fields=(FieldChange("target_value", 2.0, 3.5),),
        reason="NAVO-norm",
    )
    table = changes_table([change], "nl", UploadNames(parts, catalogue))
    row = table.iloc[0]
    assert row[t("catalogue.preview.indicator", "nl")] == (
        "IND-0101 · Defensie-uitgaven als percentage van het bbp"
    )
    assert row[t("catalogue.preview.part", "nl")] == "Aruba"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_charts_table_sorts_its_values_as_numbers_and_fits(lang):
    from ui.rollup_tables import distribution_layout, distribution_table
    from ui.series_tables import chart_table, chart_table_layout

    values = pd.DataFrame(
        {
            "part_id": ["SA"] * 3,
            "period": ["2024-Q1", "2024-Q2", "2024-Q3"],
            "value": [111.0, -20.0, 12.0],
            "flag": ["none"] * 3,
        }
    )
    series = pd.DataFrame({"part_id": ["SA"]})
    table = chart_table(values, series, {"SA": "Saba"}, decimals=1, lang=lang)
    value = t("table.value", lang)
    # Numbers, so that a click on the header puts -20 before 12 before 111 (as text: "111" first).
    assert list(table[value].sort_values()) == [-20.0, 12.0, 111.0]
    layout = chart_table_layout(lang, 1)
    assert list(layout) == list(table.columns)
    assert fits(layout.values())
    assert column_config(table, layout, lang)[value]["type_config"]["format"] == "localized"

    from metrics.constants import STATUSES

    rows = pd.DataFrame(
        {"label": ["O1"], "n_series": [len(STATUSES)], "share_on_track": [0.5]}
        | {status: [1] for status in STATUSES}
    )
    key = t("table.objective", lang)
    spread = distribution_table(rows, key_label=key, lang=lang)
    layout = distribution_layout(key, lang)
    assert list(layout) == list(spread.columns)
    assert fits(layout.values())
