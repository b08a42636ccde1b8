"""A pager for long lists: a page shows a bounded number of rows or charts, whatever the data's
size, and says which ones it shows ("indicatoren 1–12 van 670").

| name | what |
|---|---|
| ``ROWS_PER_PAGE`` | a table's page |
| ``page_bounds(total, size, number)`` | the slice ``[start, stop)`` of page ``number`` (1-based) |
| ``paged(frame, key=, lang=, size=, noun=)`` | the page the reader chose of ``frame``; the pager
  (a page number and a caption) only when there is more than one page |
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from ui.format import format_number
from ui.i18n import t

__all__ = ["ROWS_PER_PAGE", "page_bounds", "paged"]

# A table's page: the demo's whole profile (105 series) on one page, and a websocket message of
# tens of kB rather than megabytes (a table of every series at M has tens of thousands of rows).
ROWS_PER_PAGE = 250


def page_bounds(total: int, size: int, number: int) -> tuple[int, int]:
    """The rows ``[start, stop)`` of page ``number`` (1-based, clamped to the pages there are)
    when ``total`` rows are shown ``size`` at a time."""
    if size < 1:
        raise ValueError("a page holds at least one row")
    pages = max(1, math.ceil(total / size))
    start = (min(max(1, number), pages) - 1) * size
    return start, min(total, start + size)


def paged(frame: pd.DataFrame, *, key: str, lang: str, size: int, noun: str) -> pd.DataFrame:
    """The rows of ``frame`` on the page the reader chose (widget ``key``); all of them when
    they fit on one page. ``noun`` names what is counted in the caption (``pager.of.<noun>``)."""
    total = len(frame)
    if total <= size:
        return frame
    pages = math.ceil(total / size)
    number = st.number_input(
        t("pager.page", lang, pages=format_number(pages, 0, lang)),
        min_value=1,
        max_value=pages,
        value=1,
        step=1,
        key=key,
    )
    start, stop = page_bounds(total, size, int(number))
    first, last, count = (format_number(n, 0, lang) for n in (start + 1, stop, total))
    st.caption(t(f"pager.of.{noun}", lang, first=first, last=last, total=count))
    return frame.iloc[start:stop]
