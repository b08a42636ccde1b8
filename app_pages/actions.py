"""Actions: every lettered priority per reporting part, what needs attention first, filterable;
the part's action distribution; what changed since the previous quarter."""

from __future__ import annotations

import streamlit as st

from data import cache
from metrics.periods import shift_period
from ui import action_tables
from ui.action_filters import action_filters
from ui.action_widgets import action_distribution, action_table, actions_rule, full_texts
from ui.i18n import t
from ui.pages import EXPORT
from ui.state import view_for
from ui.widgets import page_header

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
lang, part_id, part_name = current.lang, current.part_id, current.part_name
quarter = current.quarter
page_header("actions.title", "actions.caption", view=current, quarter=quarter or "–")
if quarter is None:
    st.info(t("actions.no_quarter", lang))
    st.stop()
parts = reference.kingdom_parts
states = cache.action_states(token, quarter, vintage=current.vintage)
actions = action_tables.actions_in_view(states, parts, part_id=part_id)

st.header(t("actions.distribution", lang, part=part_name))
actions_rule(parts, current)
action_distribution(action_tables.action_counts(actions), part_name=part_name, lang=lang)
st.caption(t("actions.distribution_note", lang))

st.header(t("actions.list", lang))
options = action_tables.filter_options(actions, parts, reference.action_lines, lang=lang)
shown = action_tables.sort_actions(
    action_tables.filter_actions(actions, action_filters(options, lang=lang))
)
st.caption(t("actions.shown", lang, shown=len(shown), total=len(actions)))
if shown.empty:
    st.info(t("actions.none_shown", lang))
else:
    action_table(action_tables.action_table(shown, parts, lang=lang), lang=lang, key="actions")
    full_texts(action_tables.full_texts(shown, parts, lang=lang), lang=lang)
st.page_link(
    EXPORT.path,
    label=t("actions.export_link", lang),
    query_params={"lang": lang, "part": part_id},
)

previous = shift_period(quarter, -1)
st.header(t("actions.changes", lang, previous=previous))
changes = action_tables.status_changes(actions, parts, lang=lang)
if changes.empty:
    st.info(t("actions.no_changes", lang, previous=previous))
else:
    action_table(changes, lang=lang, key="actions_changes")
