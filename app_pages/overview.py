"""Overview: where the strategy stands for the chosen part and quarter (as known at the chosen
vintage): the series (indicators) and, beside them and never merged with them, the actions; what
changed since a quarter the reader chooses."""

from __future__ import annotations

from functools import partial

import streamlit as st

from data import cache
from ui.changes_view import changes_view
from ui.compare import changes_section
from ui.headline_series import applies_text
from ui.i18n import t
from ui.kingdom_tiles import kingdom_at_a_glance
from ui.overview_view import overview_view
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
parts = reference.kingdom_parts
shown = overview_view(cache, token, quarter, part_id, lang, vintage)
headline_metrics(
    cache.headline_counts(token, quarter, part_id, vintage=vintage),
    lang,
    caption=applies_text(parts, part_id=part_id, quarter=quarter, lang=lang),
)
st.header(
    t("overview.status_heading", lang, part=current.part_name),
    help=t("overview.status_help", lang),
)
status_counts(shown.headline, lang)
action_summary(shown.actions, parts, view=current)
kingdom_at_a_glance(shown.by_objective, parts, view=current)
st.header(t("overview.objective_heading", lang))
distributions(
    shown.series_distribution,
    shown.action_distribution,
    key_label=t("table.objective", lang),
    key="overview_objectives",
    part_name=current.part_name,
    quarter=quarter,
    lang=lang,
)
st.header(t("overview.matrix_heading", lang), help=t("overview.matrix_help", lang))
matrix(shown.matrix_rows, shown.matrix_labels, lang=lang, quarter=quarter)
with st.expander(t("chart.tab_table", lang)):
    st.dataframe(shown.matrix_table, hide_index=True, key="overview_matrix")

changes_section(
    partial(changes_view, cache, token, quarter, part_id=part_id, lang=lang, vintage=vintage),
    parts,
    view_quarters(reference, current),
    view=current,
    key="overview",
)
