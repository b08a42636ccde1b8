"""Streamlit blocks for actions and duiding, shared by the Action lines and Actions pages: the
duiding of an action line, the rule of which actions a part counts, the action distribution,
the action table, each narrative in full, and the earlier quarters of an action line's
priorities.

Free text (narratives, duiding) is written with ``st.text``: never read as Markdown or HTML.
Frames come from ``ui.action_tables`` and ``ui.narrative_tables``; reads that depend on what is
shown are passed in as callables (``ui`` does not read ``data``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import pandas as pd
import streamlit as st

from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import ACTION_STALE_AFTER_QUARTERS
from ui.action_tables import (
    LINE_COLUMNS,
    ActionCounts,
    ActionFilter,
    action_counts,
    action_history_table,
    actions_in_view,
    column_label,
    filter_actions,
)
from ui.action_tables import action_table as action_frame
from ui.action_tables import full_texts as full_text_entries
from ui.format import format_number, format_share
from ui.i18n import t
from ui.kingdom import ancestors
from ui.narrative_tables import duiding_entries, duiding_history
from ui.pages import ACTIONS
from ui.palette import action_status_text
from ui.state import View
from ui.table_format import MAIN_WIDTH

__all__ = [
    "action_distribution",
    "action_history",
    "action_table",
    "actions_rule",
    "duiding_section",
    "full_texts",
    "line_actions",
]

# Pixel widths that keep every column in view at 1366 px (a ~900 px wide main area beside the
# sidebar, ``ui.table_format.MAIN_WIDTH``); the narrative takes what the others leave. Cells
# wrap (a row height above 4rem lets them), and a narrative cut in its cell is in full one
# click away.
_WIDTHS = {
    "priority": 165,
    "letter": 50,
    "part": 100,
    "status": 115,
    "since": 68,
    "expected": 85,
    "responsible": 90,
    "narrative": 200,
    "milestones": 120,
    "reported": 75,
    "period": 65,
    "previous": 130,
    "recorded_at": 95,
}
# A priority column holding only ids (``AL01-A``) needs no more than this.
_ID_WIDTH = 75
_NARRATIVE_MIN = 150
# Headers that say more on hover.
_HELP = ("since", "expected", "reported")
_ROW_HEIGHT = 96
_HEADER_HEIGHT = 38
# Taller tables scroll inside their frame.
_MAX_ROWS_SHOWN = 8


def actions_rule(parts: pd.DataFrame, view: View) -> None:
    """Which actions the view's part counts and which it only sees, in one caption."""
    key = "actions.rule" if len(ancestors(parts, view.part_id)) > 1 else "actions.rule_top"
    st.caption(t(key, view.lang, part=view.part_name, stale_after=ACTION_STALE_AFTER_QUARTERS))


def action_distribution(counts: ActionCounts, *, part_name: str, lang: str) -> None:
    """The part's actions: how many, the share on schedule, how many stale; then one figure per
    status, each with its symbol and label. Never beside the indicator numbers in one figure."""
    if counts.n_actions == 0:
        st.info(t("actions.none_counted", lang, part=part_name))
        return
    first = st.columns(3)
    first[0].metric(t("actions.count.actions", lang), format_number(counts.n_actions, 0, lang))
    first[1].metric(
        t("actions.count.share", lang),
        format_share(counts.share_on_schedule, lang),
        help=t("actions.count.share_help", lang),
    )
    first[2].metric(t("actions.count.stale", lang), format_number(counts.n_stale, 0, lang))
    statuses = ACTION_DISTRIBUTION_STATUSES
    for row in (statuses[:4], statuses[4:]):
        for column, status in zip(st.columns(4), row, strict=False):
            column.metric(
                action_status_text(status, lang), format_number(counts.counts[status], 0, lang)
            )


def _widths(frame: pd.DataFrame, lang: str) -> dict[str, int]:
    """Each known column's width by its label; the narrative gets the room the others leave."""
    names = {column_label(name, lang): name for name in _WIDTHS}
    widths = {label: _WIDTHS[names[label]] for label in frame.columns if label in names}
    priority = column_label("priority", lang)
    if priority in widths and frame[priority].astype(str).str.len().max() <= 10:
        widths[priority] = _ID_WIDTH
    narrative = column_label("narrative", lang)
    if narrative in widths:
        others = sum(width for label, width in widths.items() if label != narrative)
        widths[narrative] = max(_NARRATIVE_MIN, MAIN_WIDTH - others)
    return widths


def _column_config(frame: pd.DataFrame, lang: str) -> dict[str, object]:
    names = {column_label(name, lang): name for name in _WIDTHS}
    return {
        label: st.column_config.TextColumn(
            label,
            width=width,
            help=t(f"actions.column_help.{names[label]}", lang) if names[label] in _HELP else None,
        )
        for label, width in _widths(frame, lang).items()
    }


def action_table(frame: pd.DataFrame, *, lang: str, key: str) -> None:
    """An action table (``ui.action_tables``): fixed widths, wrapped cells, every row in view
    up to ``_MAX_ROWS_SHOWN``."""
    rows = min(len(frame), _MAX_ROWS_SHOWN)
    st.dataframe(
        frame,
        hide_index=True,
        key=key,
        column_config=_column_config(frame, lang),
        row_height=_ROW_HEIGHT,
        height=_HEADER_HEIGHT + rows * _ROW_HEIGHT + 2,
        placeholder="–",
    )


def full_texts(entries: Sequence[tuple[str, str]], *, lang: str) -> None:
    """Every narrative (and its milestones) in full, one click away in an expander."""
    if not entries:
        return
    with st.expander(t("actions.full_texts", lang, n=len(entries))):
        for heading, text in entries:
            st.markdown(f"**{heading}**")
            st.text(text, width="stretch")


def action_history(
    priority_ids: Sequence[str],
    history_of: Callable[[str], pd.DataFrame],
    parts: pd.DataFrame,
    *,
    part_ids: Collection[str],
    quarter: str,
    lang: str,
) -> None:
    """Every report on ``priority_ids`` by ``part_ids`` up to ``quarter``, in one expander
    (``history_of`` reads one priority's reports)."""
    history = pd.concat([history_of(priority_id) for priority_id in priority_ids])
    table = action_history_table(
        history, parts, priority_ids=priority_ids, part_ids=part_ids, quarter=quarter, lang=lang
    )
    label = t("actions.history", lang, quarter=quarter, n=len(table))
    with st.expander(label):
        if table.empty:
            st.caption(t("actions.no_history", lang, quarter=quarter))
        else:
            action_table(table, lang=lang, key="al_history")


def duiding_section(
    narratives: pd.DataFrame,
    history: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    view: View,
    action_line_id: str,
) -> None:
    """The latest duiding of the action line (``data.cache.narratives`` as of ``view.quarter``)
    by the view's part and each unit under it, each with its quarter (and a note when older);
    every one up to the quarter (``narrative_history``) in an expander."""
    lang, quarter = view.lang, _quarter(view)
    entries = duiding_entries(
        narratives,
        parts,
        action_line_id=action_line_id,
        part_id=view.part_id,
        quarter=quarter,
        lang=lang,
    )
    history = duiding_history(history, parts, part_id=view.part_id, quarter=quarter, lang=lang)
    if not entries:
        st.info(t("duiding.none", lang, part=view.part_name, quarter=quarter))
    elif entries[0].part_id != view.part_id:
        st.caption(t("duiding.none_own", lang, part=view.part_name, quarter=quarter))
    for entry in entries:
        with st.container(border=True):
            st.markdown(f"**{entry.part_name}** · {entry.period}")
            if entry.older:
                st.caption(t("duiding.older", lang, period=entry.period, quarter=quarter))
            st.text(entry.text, width="stretch")
    if len(history) > len(entries):
        with st.expander(t("duiding.history", lang, n=len(history))):
            st.dataframe(history, hide_index=True, key="al_duiding_history", row_height=_ROW_HEIGHT)


def line_actions(
    states: pd.DataFrame,
    parts: pd.DataFrame,
    history_of: Callable[[str], pd.DataFrame],
    *,
    view: View,
    action_line_id: str,
) -> None:
    """An action line's actions seen from the view's part (``data.cache.action_states`` as of
    ``view.quarter``, ``ui.action_tables.actions_in_view``): each priority's status per
    reporting part with its details, the narratives in full, every report on the priorities
    (``history_of`` reads one priority's reports), the distribution of the counted ones, and a
    link to the Actions page filtered to this line."""
    lang, part_name = view.lang, view.part_name
    seen = actions_in_view(states, parts, part_id=view.part_id)
    actions = filter_actions(seen, ActionFilter(action_line_ids=(action_line_id,)))
    st.markdown(f"**{t('actions.line', lang, part=part_name)}**")
    actions_rule(parts, view)
    if actions.empty:
        st.info(t("actions.line_none", lang, part=part_name))
    else:
        frame = action_frame(actions, parts, lang=lang, columns=LINE_COLUMNS)
        action_table(frame, lang=lang, key="al_actions")
        full_texts(full_text_entries(actions, parts, lang=lang), lang=lang)
        action_history(
            list(dict.fromkeys(actions["priority_id"])),
            history_of,
            parts,
            part_ids=set(actions["part_id"]),
            quarter=_quarter(view),
            lang=lang,
        )
        st.markdown(f"**{t('actions.line_distribution', lang, part=part_name)}**")
        action_distribution(action_counts(actions), part_name=part_name, lang=lang)
    st.page_link(
        ACTIONS.path,
        label=t("actions.open_all", lang),
        query_params={"a_line": action_line_id, "part": view.part_id, "lang": lang},
    )


def _quarter(view: View) -> str:
    if view.quarter is None:
        raise ValueError("the action views need a quarter")
    return view.quarter
