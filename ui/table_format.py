"""How a table is shown in ``st.dataframe``: column widths that fit beside the sidebar at
1366 px, numbers that stay numbers (so a click on the header sorts them as numbers) written in
the page's language, long texts wrapped in their cell. The layout itself (``Column``, widths,
``numbers``/``shares``/``counts``) is ``ui.table_layout``'s, without streamlit, and is named
here too.

A table's frame holds numbers as numbers (``Float64``/``Int64``, missing as NA, shown as "–");
the columns' ``Column`` settings say how wide each is and how it is written:

- ``number``: ``format="localized"``: the number in the page's language (``1.234,5`` on a
  Dutch page: ``ui.style.page_language`` gives the browser's number format that language),
  with the column's decimals;
- ``share``: a percentage held in points (42.0), written ``42 %`` in Dutch and ``42%`` in
  English, as ``ui.format.format_share`` writes it elsewhere;
- ``count``: a whole number;
- ``text``: wraps inside its width when the rows are tall enough (``WRAP_ROW_HEIGHT``).

| name | what |
|---|---|
| ``column_config(frame, columns, lang)`` | ``st.dataframe``'s ``column_config`` for the frame |
| ``show_table(frame, columns, *, key, lang, ...)`` | the frame in ``st.dataframe``, laid out |
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import pandas as pd
import streamlit as st

# The layout itself lives without streamlit (the report shares the frames); named here too, so
# that a page needs one import.
from ui.table_layout import (
    MAIN_WIDTH,
    WRAP_ROW_HEIGHT,
    Column,
    counts,
    fits,
    numbers,
    shared_widths,
    shares,
)

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

_HEADER_HEIGHT: Final = 38
_MISSING: Final = "–"
_SHARE_FORMAT: Final = {"nl": "%.0f %%", "en": "%.0f%%"}


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
