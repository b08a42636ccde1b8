"""A page's frame as a report ``Table``: every cell already text, in the reader's language.

The ui builders (``ui.series_tables``, ``ui.rollup_tables``, ``ui.action_tables``, ...) return
frames with translated headers and mostly formatted cells, for ``st.dataframe``; a document needs
every cell as final text. ``frame_table`` turns one into the other: a missing cell becomes the
tables' dash, a count is written with the language's separators, a moment as ``YYYY-MM-DD HH:MM``.
Pure; imports ``ui`` only.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from numbers import Integral, Real

import pandas as pd
from pandas.api.types import is_numeric_dtype

from report.model import Table
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import name_column, part_labels
from ui.texts import present

__all__ = ["MISSING", "cell_text", "frame_table", "moment_text", "series_labels"]

MISSING = "–"


def moment_text(moment: datetime | date) -> str:
    """A moment as the report writes it (naive UTC, as stored): ``2026-11-20 09:04``."""
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def cell_text(value: object, lang: str) -> str:
    """One cell as text: a dash when missing, a count or number with the language's
    separators (a non-whole number with two decimals), a moment as ``moment_text``."""
    if not present(value):
        return MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Integral):
        return format_number(int(value), 0, lang)
    if isinstance(value, Real):
        number = float(value)
        return format_number(number, 0 if number.is_integer() else 2, lang)
    if isinstance(value, datetime | date | pd.Timestamp):
        return moment_text(value)
    text = str(value)
    return text if text.strip() else MISSING


def frame_table(
    frame: pd.DataFrame,
    *,
    lang: str,
    caption: str = "",
    numeric: Collection[str] = (),
) -> Table:
    """``frame`` as a ``Table``: its columns as headers, each cell by ``cell_text``; the columns
    with numbers (a numeric dtype, or named in ``numeric``) right-aligned."""
    columns = tuple(str(column) for column in frame.columns)
    rows = tuple(
        tuple(cell_text(value, lang) for value in record)
        for record in frame.itertuples(index=False, name=None)
    )
    aligned = tuple(
        str(column) in numeric or (is_numeric_dtype(frame[column]) and frame[column].dtype != bool)
        for column in frame.columns
    )
    return Table(columns=columns, rows=rows, caption=caption, numeric=aligned)


def series_labels(
    rows: pd.DataFrame, catalogue: pd.DataFrame, parts: pd.DataFrame, *, lang: str
) -> dict[str, list[str]]:
    """The first two columns of a list of series (``rows`` with ``indicator_id`` and
    ``part_id``): the indicator as ``IND-0101 · name`` and the part's name, in ``lang``."""
    names = dict(zip(catalogue["indicator_id"], catalogue[name_column(lang)], strict=True))
    part_names = part_labels(parts, list(parts["part_id"]), lang)
    return {
        t("table.indicator", lang): [f"{i} · {names[i]}" for i in rows["indicator_id"]],
        t("table.part", lang): [part_names[p] for p in rows["part_id"]],
    }
