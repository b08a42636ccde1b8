"""Overview: where the strategy stands for the chosen part and quarter (as known at the chosen
vintage): the series (indicators) and, beside them and never merged with them, the actions; what
changed since a quarter the reader chooses."""

from __future__ import annotations

from functools import partial

import streamlit as st

from data import cache
from ui import rollup_tables
from ui.action_rollups import action_distribution_rows, action_rollups
from ui.action_tables import actions_in_view
from ui.compare import changes_section
from ui.headline_series import applies_text
from ui.i18n import t
from ui.kingdom import part_labels, shown_parts
from ui.kingdom_tiles import kingdom_at_a_glance
from ui.state import view_for, view_quarters
from ui.widgets import (
    action_summary,
    catalogue_missing,
    distributions,
    headline_metrics,
    matrix,
    page_header,
    status_counts,
)

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("overview.title", "overview.caption", view=current)
lang, part_id, quarter, vintage = current.lang, current.part_id, current.quarter, current.vintage
if cache.indicator_catalogue(token, vintage=vintage).empty:
    catalogue_missing(lang)
    st.stop()
if quarter is None:
    st.info(t("overview.no_data", lang))
    st.stop()

parts, states = reference.kingdom_parts, cache.action_states(token, quarter, vintage=vintage)
headline_metrics(
    cache.headline_counts(token, quarter, part_id, vintage=vintage),
    lang,
    caption=applies_text(parts, part_id=part_id, quarter=quarter, lang=lang),
)
by_objective = cache.rollups(token, quarter, ("objective_id",), vintage=vintage)
st.header(
    t("overview.status_heading", lang, part=current.part_name),
    help=t("overview.status_help", lang),
)
status_counts(rollup_tables.headline(by_objective, part_id), lang)
actions = actions_in_view(states, parts, part_id=part_id)
action_summary(actions, parts, view=current)
kingdom_at_a_glance(by_objective, parts, view=current)

st.header(t("overview.objective_heading", lang))
names = {"key": "objective_id", "part_id": part_id, "lang": lang}
distributions(
    rollup_tables.distribution_rows(by_objective, reference.objectives, **names),
    action_distribution_rows(
        action_rollups(states, parts, by=("objective_id",)), reference.objectives, **names
    ),
    key_label=t("table.objective", lang),
    key="overview_objectives",
    part_name=current.part_name,
    quarter=quarter,
    lang=lang,
)

st.header(t("overview.matrix_heading", lang), help=t("overview.matrix_help", lang))
matrix_parts = shown_parts(parts, part_id)
labels = part_labels(parts, matrix_parts, lang)
rows = rollup_tables.matrix_rows(
    cache.rollups(token, quarter, ("action_line_id",), vintage=vintage),
    reference.action_lines,
    parts,
    part_ids=matrix_parts,
    lang=lang,
    action_rollups=action_rollups(states, parts, by=("action_line_id",)),
)
matrix(rows, labels, lang=lang, quarter=quarter)
with st.expander(t("chart.tab_table", lang)):
    st.dataframe(
        rollup_tables.matrix_table(rows, labels, lang), hide_index=True, key="overview_matrix"
    )

# What changed between the quarter and an earlier one the reader chooses (the previous by default).
changes_section(
    partial(cache.assessment, token, vintage=vintage),
    partial(cache.action_states, token, vintage=vintage),
    cache.indicator_catalogue(token, vintage=vintage),
    parts,
    view_quarters(reference, current),
    view=current,
    key="overview",
)
