"""The Indicator page's two histories: every version of the targets that bear on a part, and of
every value inside it, each with when, which import and (for signed-in readers) who.

| function | draws |
|---|---|
| ``render_histories(targets, values, parts, *, part_id, ...)`` | both; a sentence when empty |

Imports ``ui.series_tables``, ``ui.target_history``, ``ui.i18n``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import series_tables
from ui.i18n import t
from ui.target_history import history_table

__all__ = ["render_histories"]


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
        st.dataframe(target_rows, hide_index=True, key="indicator_target_history")

    st.subheader(t("indicator.history_heading", lang), help=t("indicator.history_help", lang))
    history = series_tables.history_table(values, parts, **shown)
    if history.empty:
        st.info(t("indicator_empty.no_history", lang, part=part_name))
    else:
        st.dataframe(history, hide_index=True, key="indicator_history")
