"""Action lines: objective -> action line; its duiding, its priorities with their status per
reporting part, then its indicators and their course; everything, or only what is behind."""

from __future__ import annotations

from functools import partial

import streamlit as st

from data import cache
from ui import series_tables
from ui.action_widgets import duiding_section, line_actions
from ui.behind_filter import line_filter
from ui.i18n import t
from ui.kingdom import name_column
from ui.line_indicators import line_indicators
from ui.line_view import line_view
from ui.state import action_line_choice, view_for
from ui.widgets import action_line_picker, catalogue_missing, page_header

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("action_lines.title", "overview.caption", view=current)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
part_name = current.part_name
parts, lines = reference.kingdom_parts, reference.action_lines
catalogue = cache.indicator_catalogue(token, vintage=current.vintage)
with_series = series_tables.action_lines_with_series(catalogue, parts, part_id=part_id)
objective_id, action_line_id = action_line_choice(lines, with_series=with_series)
action_line_picker(reference.objectives, lines, objective_id=objective_id, lang=lang)
line = lines.loc[lines["action_line_id"] == action_line_id].iloc[0]
st.header(f"{action_line_id} · {line[name_column(lang)]}")
if quarter is not None:
    line_shown = line_view(cache, token, quarter, part_id, lang, current.vintage, action_line_id)
    states = cache.action_states(token, quarter, vintage=current.vintage)
    only_behind, states = line_filter(
        line_shown.indicators,
        line_shown.behind,
        states,
        parts,
        view=current,
        action_line_id=action_line_id,
    )

st.subheader(t("duiding.heading", lang, part=part_name))
if quarter is None:
    st.info(t("actions.no_quarter", lang))
else:
    narratives = cache.narratives(token, quarter, vintage=current.vintage)
    history = cache.narrative_history(token, action_line_id, vintage=current.vintage)
    duiding_section(narratives, history, parts, view=current, action_line_id=action_line_id)

st.subheader(t("action_lines.priorities", lang, part=part_name))
priorities = series_tables.priorities_in_view(
    cache.priorities(token), parts, action_line_id=action_line_id, part_id=part_id, lang=lang
)
if priorities.empty:
    st.info(t("action_lines.no_priorities", lang, part=part_name))
else:
    st.dataframe(priorities, hide_index=True, key="al_priorities")
if quarter is not None:
    reports = partial(cache.action_history, token, vintage=current.vintage)
    line_actions(states, parts, reports, view=current, action_line_id=action_line_id)

st.subheader(t("action_lines.indicators", lang, part=part_name))
if catalogue.empty:
    catalogue_missing(lang)
elif quarter is None:
    st.info(t("empty.no_quarter", lang))
else:
    line_indicators(
        line_shown,
        catalogue,
        cache.assessment(token, quarter, vintage=current.vintage),
        cache.rollups(token, quarter, ("action_line_id",), vintage=current.vintage),
        partial(cache.series_values, token, quarter, vintage=current.vintage),
        parts,
        view=current,
        action_line_id=action_line_id,
        only_behind=only_behind,
    )
