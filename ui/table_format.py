"""How a table is laid out in ``st.dataframe``: column widths that fit beside the sidebar at
1366 px, numbers that stay numbers (so a click on the header sorts them as numbers) shown in
the reader's notation, long texts wrapped in their cell.

A table's frame holds numbers as numbers (``Float64``/``Int64``, missing as NA, shown as "–");
the columns' ``Column`` settings say how wide each is and how it is written:

- ``number``: ``format="localized"``: the browser writes the number in its own language's
  notation (a Dutch browser ``1.234,5``), with the column's decimals;
- ``share``: a percentage held in points (42.0), written ``42 %`` in Dutch and ``42%`` in
  English, as ``ui.format.format_share`` writes it elsewhere;
- ``count``: a whole number;
- ``text``: wraps inside its width when the rows are tall enough (``WRAP_ROW_HEIGHT``).

| name | what |
|---|---|
| ``MAIN_WIDTH`` | the width, in pixels, a table gets at 1366 px with the sidebar open |
| ``Column`` | one column's width, kind, decimals and header help |
| ``fits(columns)`` | whether the widths together fit in ``MAIN_WIDTH`` |
| ``shared_widths(labels, first)`` | a first column ``first`` px wide, the rest sharing the width |
| ``column_config(frame, columns, lang)`` | ``st.dataframe``'s ``column_config`` for the frame |
| ``show_table(frame, columns, *, key, lang, ...)`` | the frame in ``st.dataframe``, laid out |
| ``numbers(values, decimals=None)`` | values as a ``Float64`` column, rounded, missing as NA |
| ``shares(values)`` | shares (0.42) as percentage points (42.0), ``Float64`` |
| ``counts(values)`` | whole numbers as ``Int64``, missing as NA |
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd
import streamlit as st

from ui.texts import present

__all__ = [
    "MAIN_WIDTH",
    "WRAP_ROW_HEIGHT",
    "Column",
    "column_config",
    "counts",
    "fits",
    "numbers",
    "shared_widths",
    "shares",
    "show_table",
]

# The main area beside the open sidebar at a 1366 px wide window (measured: 904 px).
MAIN_WIDTH: Final = 900
# Rows this tall give a wrapped text four lines.
WRAP_ROW_HEIGHT: Final = 84
_HEADER_HEIGHT: Final = 38
_MISSING: Final = "–"
_SHARE_FORMAT: Final = {"nl": "%.0f %%", "en": "%.0f%%"}

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


def _config(label: str, column: Column, lang: str) -> object:
    common = {"width": column.width, "help": column.help}
    if column.kind == "text":
        return st.column_config.TextColumn(label, **common)
    if column.kind == "share":
        return st.column_config.NumberColumn(
            label, format=_SHARE_FORMAT.get(lang, "%.0f%%"), **common
        )
    decimals = 0 if column.kind == "count" else column.decimals
    step = None if decimals is None else 10.0**-decimals
    return st.column_config.NumberColumn(label, format="localized", step=step, **common)


def column_config(
    frame: pd.DataFrame, columns: Mapping[str, Column], lang: str
) -> dict[str, object]:
    """The ``column_config`` of ``st.dataframe`` for the frame's columns named in ``columns``."""
    return {
        label: _config(label, column, lang)
        for label, column in columns.items()
        if label in frame.columns
    }


def show_table(
    frame: pd.DataFrame,
    columns: Mapping[str, Column],
    *,
    key: str,
    lang: str,
    wrap: bool = False,
    full_height: bool = False,
    max_rows: int | None = None,
) -> None:
    """``frame`` without its index, laid out by ``columns`` (a column not named there keeps
    Streamlit's default). ``wrap``: rows tall enough for three lines of text; ``full_height``:
    every row shows (no inner scrolling, so the page prints whole); ``max_rows``: at most that
    many rows show, the rest scroll inside the frame."""
    row_height = WRAP_ROW_HEIGHT if wrap else None
    height: int | str = "auto"
    if full_height:
        height = "content"
    elif max_rows is not None and wrap:
        height = _HEADER_HEIGHT + min(len(frame), max_rows) * WRAP_ROW_HEIGHT + 2
    st.dataframe(
        frame,
        hide_index=True,
        key=key,
        column_config=column_config(frame, columns, lang),
        row_height=row_height,
        height=height,
        placeholder=_MISSING,
    )


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
