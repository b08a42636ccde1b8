"""The Indicator page's two histories: every version of the targets that bear on a part, and of
every value inside it, each with when, which import and (for signed-in readers) who.

| function | draws |
|---|---|
| ``render_histories(targets, values, parts, *, part_id, ...)`` | both; a sentence when empty |

Imports ``ui.series_tables``, ``ui.target_history``, ``ui.table_format``, ``ui.i18n``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import series_tables
from ui.i18n import t
from ui.table_format import Column, show_table
from ui.target_history import history_table

__all__ = ["render_histories"]

# The target history's column widths: together they fit beside the sidebar at 1366 px.
_TARGET_WIDTHS = {
    "part": 140,
    "recorded_at": 90,
    "change": 70,
    "baseline": 110,
    "target": 110,
    "reason": 150,
    "user": 100,
    "file": 110,
}


def _target_layout(lang: str) -> dict[str, Column]:
    return {t(f"target_history.col.{name}", lang): Column(w) for name, w in _TARGET_WIDTHS.items()}


def render_histories(
    targets: pd.DataFrame,
    values: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    part_name: str,
    decimals: int,
    lang: str,
    with_users: bool,
) -> None:
    """``with_users`` False (a reader nobody signed in): no one's e-mail is shown."""
    shown = {"part_id": part_id, "decimals": decimals, "lang": lang, "with_users": with_users}
    st.subheader(t("target_history.heading", lang), help=t("target_history.help", lang))
    target_rows = history_table(targets, parts, **shown)
    if target_rows.empty:
        st.info(t("target_history.empty", lang, part=part_name))
    else:
        show_table(
            target_rows,
            _target_layout(lang),
            key="indicator_target_history",
            lang=lang,
            wrap=True,
        )

    st.subheader(t("indicator.history_heading", lang), help=t("indicator.history_help", lang))
    history = series_tables.history_table(values, parts, **shown)
    if history.empty:
        st.info(t("indicator_empty.no_history", lang, part=part_name))
    else:
        show_table(
            history,
            series_tables.history_layout(lang, decimals),
            key="indicator_history",
            lang=lang,
            wrap=True,
        )
