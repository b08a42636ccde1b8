"""The filter for what is behind, on the Action lines and Kingdom parts pages: everything, or only
the series and actions that are behind, with how many are shown of how many.

Behind, for a series: status ``moderate``, ``limited`` or ``deterioration`` (METHOD.md: progress,
but too slow; too little; moving away), or the ``stale`` flag (no value within the indicator's
reporting interval plus one quarter). For an action: ``delayed`` or ``at_risk``, or ``stale`` (a
status carried too long, or never reported: ``data.actions``), as the parts page's list of actions
needing attention counts them. On the Action lines page an indicator row is behind when the
series it shows for the part is (``ui.series_tables.focus_series``), or, when it shows none, when
a series inside the part is. The choice is kept in the URL as ``show`` (``all`` | ``behind``).

| function | returns / draws |
|---|---|
| ``series_behind(series)`` | a boolean mask: which assessment rows are behind |
| ``actions_behind(actions)`` | a boolean mask: which action rows are behind |
| ``behind_choice(lang)`` | draws the control; True when only what is behind is shown |
| ``parts_series(series, *, view)`` | the control, the count, and the series rows to list |
| ``line_filter(indicators, behind, states, parts, *, view, ...)`` | the same on a line |
| ``indicators_behind(indicators, assessment, parts, *, part_id)`` | a line's indicators behind |
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui import series_tables
from ui.action_rollups import URGENT_STATUSES
from ui.action_tables import ActionFilter, actions_in_view, filter_actions
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import subtree
from ui.state import View, choice

__all__ = [
    "BEHIND_STATUSES",
    "PARAM_SHOW",
    "ShownSeries",
    "actions_behind",
    "behind_choice",
    "indicators_behind",
    "line_filter",
    "parts_series",
    "series_behind",
]

PARAM_SHOW = "show"
ALL, BEHIND = "all", "behind"
# The series statuses that are behind (metrics.constants.PACE_STATUSES but on_track).
BEHIND_STATUSES: tuple[str, ...] = ("moderate", "limited", "deterioration")


def series_behind(series: pd.DataFrame) -> pd.Series:
    """Which rows of ``series`` (assessment rows) are behind: a lagging status, or stale."""
    return series["status"].isin(BEHIND_STATUSES) | series["stale"].astype(bool)


def actions_behind(actions: pd.DataFrame) -> pd.Series:
    """Which rows of ``actions`` (action state rows) are behind: delayed, at risk, or stale."""
    return actions["status"].isin(URGENT_STATUSES) | actions["stale"].astype(bool)


def behind_choice(lang: str) -> bool:
    """The control (everything / only what is behind), kept in the URL; True for the latter."""
    choice(PARAM_SHOW, (ALL, BEHIND), ALL)
    chosen = st.radio(
        t("behind.label", lang),
        (ALL, BEHIND),
        key=PARAM_SHOW,
        format_func=lambda option: t("behind.only" if option == BEHIND else "behind.all", lang),
        horizontal=True,
        help=t("behind.help", lang),
    )
    return chosen == BEHIND


@dataclass(frozen=True)
class ShownSeries:
    """The series rows to list, and what to say when there are none."""

    rows: pd.DataFrame
    empty: str


def parts_series(series: pd.DataFrame, *, view: View) -> ShownSeries:
    """The control and how many of ``series`` (the part's ``headline_series``) are shown; the
    rows to list (those behind, when asked)."""
    lang = view.lang
    only = behind_choice(lang)
    rows = series.loc[series_behind(series)] if only else series
    shown, total = (format_number(n, 0, lang) for n in (len(rows), len(series)))
    st.caption(t("behind.series_shown", lang, shown=shown, total=total))
    key = "behind.none_series" if only else "empty.no_series"
    return ShownSeries(rows=rows, empty=t(key, lang, part=view.part_name))


def line_filter(
    indicators: Sequence[str],
    behind: Sequence[str],
    states: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    view: View,
    action_line_id: str,
) -> tuple[bool, pd.DataFrame]:
    """The control and how many of the action line's indicator rows (``indicators``, of which
    ``behind`` are behind: ``ui.line_view``) and actions (as the page lists them for the view's
    part) are shown; whether only what is behind is shown, and the action states to show (kept
    to those behind when it is)."""
    lang, part_id = view.lang, view.part_id
    only = behind_choice(lang)
    line = ActionFilter(action_line_ids=(action_line_id,))
    seen = filter_actions(actions_in_view(states, parts, part_id=part_id), line)
    n_seen_behind = int(actions_behind(seen).sum())
    counts = {
        "indicators": len(behind) if only else len(indicators),
        "n_indicators": len(indicators),
        "actions": n_seen_behind if only else len(seen),
        "n_actions": len(seen),
    }
    st.caption(
        t("behind.line_shown", lang, **{k: format_number(n, 0, lang) for k, n in counts.items()})
    )
    return only, states.loc[actions_behind(states)] if only else states


def indicators_behind(
    indicators: pd.DataFrame, assessment: pd.DataFrame, parts: pd.DataFrame, *, part_id: str
) -> list[str]:
    """The ids of ``indicators`` (catalogue rows) whose row is behind for ``part_id``: the
    series the row shows (``ui.series_tables.focus_series``) is, or, when it shows none, a
    series inside the part is."""
    inside = subtree(parts, part_id)
    relevant = assessment.loc[
        assessment["indicator_id"].isin(indicators["indicator_id"])
        & assessment["part_id"].isin(inside)
    ]
    relevant = relevant.assign(behind=series_behind(relevant))
    by_indicator: dict[str, list[dict]] = {}
    for record in relevant.to_dict("records"):
        by_indicator.setdefault(record["indicator_id"], []).append(record)
    lagging = []
    for indicator_id in indicators["indicator_id"]:
        focus, below = series_tables.focus_series(by_indicator.get(indicator_id, []), part_id)
        shown = [focus] if focus is not None else below
        if any(record["behind"] for record in shown):
            lagging.append(indicator_id)
    return lagging
