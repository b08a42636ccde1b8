"""Action lines: objective -> action line; its duiding, its priorities with their status per
reporting part, then its indicators and their course."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from data import cache
from data.action_periods import latest_action_quarter
from ui import series_tables
from ui.action_widgets import duiding_section, line_actions
from ui.i18n import t
from ui.kingdom import name_column
from ui.line_indicators import line_indicators
from ui.state import action_line_choice, view_for
from ui.widgets import action_line_picker, catalogue_missing, page_header

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("action_lines.title", "overview.caption", view=current)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
part_name = current.part_name
parts, lines = reference.kingdom_parts, reference.action_lines
catalogue = cache.indicator_catalogue(token)
with_series = series_tables.action_lines_with_series(catalogue, parts, part_id=part_id)
objective_id, action_line_id = action_line_choice(lines, with_series=with_series)
action_line_picker(reference.objectives, lines, objective_id=objective_id, lang=lang)
line = lines.loc[lines["action_line_id"] == action_line_id].iloc[0]
st.header(f"{action_line_id} · {line[name_column(lang)]}")
# Actions and duiding need no observations (an empty catalogue): then their own latest quarter.
as_of = quarter or latest_action_quarter(cache.connection(token))
if quarter is None and as_of is not None:
    st.caption(t("actions.as_of", lang, quarter=as_of))
actions_view = replace(current, quarter=as_of)

st.subheader(t("duiding.heading", lang, part=part_name))
if as_of is None:
    st.info(t("actions.no_quarter", lang))
else:
    narratives = cache.narratives(token, as_of)
    history = cache.narrative_history(token, action_line_id)
    duiding_section(narratives, history, parts, view=actions_view, action_line_id=action_line_id)

st.subheader(t("action_lines.priorities", lang, part=part_name))
priorities = series_tables.priorities_in_view(
    cache.priorities(token), parts, action_line_id=action_line_id, part_id=part_id, lang=lang
)
if priorities.empty:
    st.info(t("action_lines.no_priorities", lang, part=part_name))
else:
    st.dataframe(priorities, hide_index=True, key="al_priorities")
if as_of is not None:
    states = cache.action_states(token, as_of)
    reports = partial(cache.action_history, token)
    line_actions(states, parts, reports, view=actions_view, action_line_id=action_line_id)

st.subheader(t("action_lines.indicators", lang, part=part_name))
if catalogue.empty:
    catalogue_missing(lang)
elif quarter is None:
    st.info(t("empty.no_quarter", lang))
else:
    line_indicators(
        catalogue,
        cache.assessment(token, quarter),
        cache.rollups(token, quarter, ("action_line_id",)),
        partial(cache.series_values, token, quarter),
        parts,
        view=current,
        action_line_id=action_line_id,
    )
