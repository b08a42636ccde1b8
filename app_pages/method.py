"""Method: how progress is assessed, in plain words, with the thresholds; the action rules beside
them; and the data sources."""

from __future__ import annotations

import streamlit as st

from data import cache
from metrics.constants import METHOD_VERSION
from ui.i18n import t
from ui.method import (
    action_rules,
    action_status_table,
    method_sections,
    sources_table,
    thresholds_table,
)
from ui.state import view_for
from ui.widgets import catalogue_missing, page_header

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("method.title", "method.version", view=current, version=METHOD_VERSION)
lang = current.lang

sections = method_sections(lang)
st.markdown(sections[0])
st.markdown(sections[1])

st.header(t("method.thresholds_heading", lang))
st.dataframe(thresholds_table(lang), hide_index=True, width="stretch", key="method_thresholds")

for section in sections[2:]:
    st.markdown(section)

st.header(t("method_actions.heading", lang))
st.markdown(action_rules(lang))
st.dataframe(
    action_status_table(lang), hide_index=True, width="stretch", key="method_action_statuses"
)

st.header(t("method.sources_heading", lang))
catalogue = cache.indicator_catalogue(token, vintage=current.vintage)
if catalogue.empty:
    catalogue_missing(lang)
else:
    st.dataframe(
        sources_table(catalogue, lang), hide_index=True, width="stretch", key="method_sources"
    )
