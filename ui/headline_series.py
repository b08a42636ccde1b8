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
| ``series_table(series, catalogue, parts, *, lang)`` | one labelled row per series of the set |
| ``applies_text(parts, *, part_id, quarter, lang)`` | what the headline figures count for a part |
"""

from __future__ import annotations

import pandas as pd

from ui.format import format_number, format_share
from ui.i18n import t
from ui.kingdom import name_column, part_labels, subtree
from ui.palette import status_text
from ui.texts import flags_text, latest_text, trend_text

__all__ = [
    "SERIES_TABLE_COLUMNS",
    "applies_text",
    "headline_series",
    "scope_text",
    "series_table",
]

# The series table's columns (catalog keys under ``table.``), in order.
SERIES_TABLE_COLUMNS: tuple[str, ...] = (
    "action_line",
    "indicator",
    "part",
    "status",
    "latest",
    "unit",
    "progress",
    "ratio",
    "trend",
    "flags",
)


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


def series_table(
    series: pd.DataFrame, catalogue: pd.DataFrame, parts: pd.DataFrame, *, lang: str
) -> pd.DataFrame:
    """One row per series of ``series`` (``headline_series``): action line, indicator, where it
    is reported, status, latest value, progress, pace ratio, trend, flags. In the catalogue's
    order (action line, indicator), then the hierarchy's (a part before the entities below it)."""
    indicators = {row["indicator_id"]: row for row in catalogue.to_dict("records")}
    indicator_order = {i: n for n, i in enumerate(catalogue["indicator_id"])}
    part_order = {p: n for n, p in enumerate(parts["part_id"])}
    names = part_labels(parts, list(parts["part_id"]), lang)
    ordered = sorted(
        series.to_dict("records"),
        key=lambda r: (indicator_order[r["indicator_id"]], part_order[r["part_id"]]),
    )
    records = []
    for row in ordered:
        indicator = indicators[row["indicator_id"]]
        decimals = int(indicator["decimals"])
        cells = (
            indicator["action_line_id"],
            indicator[name_column(lang)],
            names[row["part_id"]],
            status_text(row["status"], lang),
            latest_text(row, decimals, lang),
            str(indicator[f"unit_{lang}"]),
            format_share(row.get("progress_share"), lang),
            format_number(row.get("ratio"), 2, lang),
            trend_text(row, decimals=decimals, lang=lang),
            flags_text(row, lang),
        )
        records.append(cells)
    columns = [t(f"table.{name}", lang) for name in SERIES_TABLE_COLUMNS]
    return pd.DataFrame.from_records(records, columns=columns)
