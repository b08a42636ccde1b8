"""The set of series a part's headline counts, named in a sentence and listed one row each; and
the sentence saying what the Overview's headline figures count for a part.

The status cards (``ui.rollup_tables.headline`` over ``data.rollup_scope`` roll-ups) count every
series reported for a part or for a part or entity below it, derived part series left out, so
no value is counted twice. The Kingdom parts page lists exactly those series under the cards and
says in a sentence which set it is. Pure pandas; no streamlit, no SQL.

| function | returns |
|---|---|
| ``headline_series(assessment, parts, *, part_id)`` | the rows of the assessment the cards count |
| ``scope_text(parts, *, part_id, n_series, lang)`` | the sentence naming that set and its size |
| ``ordered_series(series, catalogue, parts)`` | the set in the table's order (to cut a page) |
| ``series_table(series, catalogue, parts, *, lang)`` | one labelled row per series of the set |
| ``applies_text(parts, *, part_id, quarter, lang)`` | what the headline figures count for a part |
"""

from __future__ import annotations

import pandas as pd

from ui.format import format_number
from ui.i18n import t
from ui.kingdom import name_column, part_labels, subtree
from ui.series_tables import series_cells
from ui.table_layout import numbers

__all__ = [
    "SERIES_TABLE_COLUMNS",
    "applies_text",
    "headline_series",
    "ordered_series",
    "scope_text",
    "series_table",
]

# The series table's columns (catalog keys under ``tables.col.``), in order; laid out by
# ``ui.series_tables.series_layout``. The indicator's name starts with its action line.
SERIES_TABLE_COLUMNS: tuple[str, ...] = (
    "indicator",
    "part",
    "status",
    "value",
    "unit",
    "quarter",
    "progress",
    "ratio",
    "trend",
    "flags",
)
_NUMERIC = ("value", "progress", "ratio")


def headline_series(assessment: pd.DataFrame, parts: pd.DataFrame, *, part_id: str) -> pd.DataFrame:
    """The series the headline counts for ``part_id``: every series reported for the part or for
    a part or entity below it, derived part series left out (the set ``data.rollup_scope`` rolls
    up). Rows of ``assessment``, in its order."""
    inside = subtree(parts, part_id)
    keep = assessment["part_id"].isin(inside) & ~assessment["is_derived"].astype(bool)
    return assessment.loc[keep]


def scope_text(parts: pd.DataFrame, *, part_id: str, n_series: int, lang: str) -> str:
    """The sentence naming the set: the Kingdom, a part with the islands or countries below it,
    or one island or country; and how many series that is."""
    level = parts.loc[parts["part_id"] == part_id, "level"].iloc[0]
    name = part_labels(parts, [part_id], lang)[part_id]
    return t(f"parts_set.{level}", lang, part=name, n=format_number(n_series, 0, lang))


def applies_text(parts: pd.DataFrame, *, part_id: str, quarter: str, lang: str) -> str:
    """What the headline figures (``data.queries.headline_counts``) count for ``part_id``, in
    words fitting its level: the Kingdom, a part with what is below it, or one island or country."""
    level = parts.loc[parts["part_id"] == part_id, "level"].iloc[0]
    name = part_labels(parts, [part_id], lang)[part_id]
    return t(f"headline_scope.{level}", lang, part=name, quarter=quarter)


def ordered_series(
    series: pd.DataFrame, catalogue: pd.DataFrame, parts: pd.DataFrame
) -> pd.DataFrame:
    """The rows of ``series`` in ``series_table``'s order: the catalogue's (action line,
    indicator), then the hierarchy's (a part before the entities below it). A page of a long
    set (``ui.pager``) is cut from this order, so the pages follow one another."""
    indicator_order = pd.Series(range(len(catalogue)), index=catalogue["indicator_id"])
    part_order = pd.Series(range(len(parts)), index=parts["part_id"])
    keys = pd.DataFrame(
        {
            "indicator": series["indicator_id"].map(indicator_order).to_numpy(),
            "part": series["part_id"].map(part_order).to_numpy(),
        }
    )
    return series.iloc[keys.sort_values(["indicator", "part"], kind="stable").index]


def series_table(
    series: pd.DataFrame, catalogue: pd.DataFrame, parts: pd.DataFrame, *, lang: str
) -> pd.DataFrame:
    """One row per series of ``series`` (``headline_series``): action line and indicator, where
    it is reported, status, latest value (a ``Float64`` number) with its unit and quarter,
    progress (percentage points), pace ratio, trend, flags. In the catalogue's order (action
    line, indicator), then the hierarchy's (a part before the entities below it)."""
    ordered = ordered_series(series, catalogue, parts)
    listed = catalogue.loc[catalogue["indicator_id"].isin(set(ordered["indicator_id"]))]
    indicators = {row["indicator_id"]: row for row in listed.to_dict("records")}
    names = part_labels(parts, list(parts["part_id"]), lang)
    records = []
    for row in ordered.to_dict("records"):
        indicator = indicators[row["indicator_id"]]
        cells = series_cells(row, decimals=int(indicator["decimals"]), lang=lang)
        records.append(
            {
                **cells,
                "indicator": f"{indicator['action_line_id']} · {indicator[name_column(lang)]}",
                "part": names[row["part_id"]],
                "unit": str(indicator[f"unit_{lang}"]),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(SERIES_TABLE_COLUMNS))
    for name in _NUMERIC:
        frame[name] = numbers(frame[name]).array
    return frame.rename(columns={n: t(f"tables.col.{n}", lang) for n in SERIES_TABLE_COLUMNS})
