"""Overview: where the strategy stands for the chosen part and quarter."""

from __future__ import annotations

import streamlit as st

from data import cache
from ui import rollup_tables, series_tables
from ui.charts import distribution_figure
from ui.headline_series import applies_text
from ui.i18n import t
from ui.kingdom import part_labels, shown_parts
from ui.state import view_for
from ui.widgets import (
    catalogue_missing,
    chart_with_table,
    headline_metrics,
    matrix,
    page_header,
    status_counts,
)

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("overview.title", "overview.caption", view=current)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
if cache.indicator_catalogue(token).empty:
    catalogue_missing(lang)
    st.stop()
if quarter is None:
    st.info(t("overview.no_data", lang))
    st.stop()

headline_metrics(
    cache.headline_counts(token, quarter, part_id),
    lang,
    caption=applies_text(reference.kingdom_parts, part_id=part_id, quarter=quarter, lang=lang),
)
by_objective = cache.rollups(token, quarter, ("objective_id",))
st.subheader(
    t("overview.status_heading", lang, part=current.part_name),
    help=t("overview.status_help", lang),
)
status_counts(rollup_tables.headline(by_objective, part_id), lang)

st.subheader(t("overview.objective_heading", lang))
objectives = rollup_tables.distribution_rows(
    by_objective, reference.objectives, key="objective_id", part_id=part_id, lang=lang
)
chart_with_table(
    distribution_figure(objectives, row_label=t("table.objective", lang), lang=lang),
    rollup_tables.distribution_table(objectives, key_label=t("table.objective", lang), lang=lang),
    key="overview_objectives",
    lang=lang,
)

st.subheader(t("overview.matrix_heading", lang), help=t("overview.matrix_help", lang))
parts = reference.kingdom_parts
matrix_parts = shown_parts(parts, part_id)
labels = part_labels(parts, matrix_parts, lang)
rows = rollup_tables.matrix_rows(
    cache.rollups(token, quarter, ("action_line_id",)),
    reference.action_lines,
    parts,
    part_ids=matrix_parts,
    lang=lang,
)
matrix(rows, labels, lang=lang, quarter=quarter)
with st.expander(t("chart.tab_table", lang)):
    st.dataframe(
        rollup_tables.matrix_table(rows, labels, lang), hide_index=True, key="overview_matrix"
    )

previous = series_tables.previous_quarter(quarter, reference.quarters)
if previous is None:
    st.subheader(t("overview.changes_heading", lang, previous="–"))
    st.info(t("empty.no_previous", lang))
    st.stop()
st.subheader(t("overview.changes_heading", lang, previous=previous))
changes = series_tables.status_changes(
    cache.assessment(token, quarter),
    cache.assessment(token, previous),
    cache.indicator_catalogue(token),
    parts,
    part_id=part_id,
    lang=lang,
)
if changes.empty:
    st.info(t("empty.no_changes", lang, part=current.part_name, previous=previous))
else:
    st.dataframe(changes, hide_index=True, key="overview_changes")
