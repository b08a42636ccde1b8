"""A table's layout without streamlit: how wide its columns are and how its numbers are held,
so that the frames the pages and the report share (``ui.series_tables``, ``ui.rollup_tables``,
``ui.headline_series``) can say it; ``ui.table_format`` hands it to ``st.dataframe``.

| name | what |
|---|---|
| ``MAIN_WIDTH`` | the width, in pixels, a table gets at 1366 px with the sidebar open |
| ``Column`` | one column's width, kind, decimals and header help |
| ``fits(columns)`` | whether the widths together fit in ``MAIN_WIDTH`` |
| ``shared_widths(labels, first)`` | a first column ``first`` px wide, the rest sharing the width |
| ``numbers(values, decimals=None)`` | values as a ``Float64`` column, rounded, missing as NA |
| ``shares(values)`` | shares (0.42) as percentage points (42.0), ``Float64`` |
| ``counts(values)`` | whole numbers as ``Int64``, missing as NA |
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from ui.texts import present

__all__ = [
    "MAIN_WIDTH",
    "WRAP_ROW_HEIGHT",
    "Column",
    "Kind",
    "counts",
    "fits",
    "numbers",
    "shared_widths",
    "shares",
]

# The main area beside the open sidebar at a 1366 px wide window (measured: 904 px).
MAIN_WIDTH: Final = 900
# Rows this tall give a wrapped text four lines.
WRAP_ROW_HEIGHT: Final = 84

Kind = Literal["text", "number", "share", "count"]


@dataclass(frozen=True)
class Column:
    """One column: its ``width`` in pixels, its ``kind`` and, for a number, its ``decimals``
    (None: as many as the value has, up to three); ``help`` is the header's tooltip."""

    width: int
    kind: Kind = "text"
    decimals: int | None = None
    help: str | None = None


def fits(columns: Iterable[Column]) -> bool:
    """Whether columns this wide fit beside the sidebar at 1366 px (no sideways scrolling)."""
    return sum(column.width for column in columns) <= MAIN_WIDTH


def shared_widths(labels: Sequence[str], first: int) -> dict[str, Column]:
    """A table whose first column (a name) is ``first`` pixels wide and whose other columns (one
    per part, group or status) share the rest of ``MAIN_WIDTH`` equally, their cells wrapping;
    each header's full text is its help, in case it is cut."""
    head, *others = labels
    share = (MAIN_WIDTH - first) // max(1, len(others))
    return {
        head: Column(first),
        **{label: Column(share, help=str(label)) for label in others},
    }


def numbers(values: Iterable[object], decimals: int | None = None) -> pd.Series:
    """``values`` as a numeric column (``Float64``), each rounded to ``decimals`` (None: as
    they are); a missing value is NA."""
    cleaned = [
        (round(float(v), decimals) if decimals is not None else float(v)) if present(v) else None
        for v in values
    ]
    return pd.Series(cleaned, dtype="Float64")


def shares(values: Iterable[object]) -> pd.Series:
    """Shares (0.42) as percentage points (42.0, ``Float64``), rounded to whole points."""
    return pd.Series(
        [round(float(v) * 100, 0) if present(v) else None for v in values], dtype="Float64"
    )


def counts(values: Iterable[object]) -> pd.Series:
    """Whole numbers as an ``Int64`` column; a missing value is NA."""
    return pd.Series([int(v) if present(v) else None for v in values], dtype="Int64")
