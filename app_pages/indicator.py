"""Indicator: one indicator's definition, every series with baseline and target, its revisions."""

from __future__ import annotations

import streamlit as st

from data import cache
from ui import series_tables
from ui.i18n import t
from ui.kingdom import name_column
from ui.state import PARAM_INDICATOR, choice, view_for
from ui.widgets import indicator_facts, indicator_panel, page_header

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("indicator.title", "overview.caption", view=current)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
parts = reference.kingdom_parts
catalogue = cache.indicator_catalogue(token)
names = dict(zip(catalogue["indicator_id"], catalogue[name_column(lang)], strict=True))
opening = series_tables.first_applicable_indicator(catalogue, parts, part_id=part_id)
indicator_id = choice(PARAM_INDICATOR, list(names), opening)
st.selectbox(
    t("indicator.choose", lang), list(names), key="ind", format_func=lambda i: f"{i} · {names[i]}"
)
indicator = series_tables.catalogue_rows(catalogue, [indicator_id])[0]
st.header(f"{indicator_id} · {names[indicator_id]}")
indicator_facts(indicator, reference.action_lines, lang=lang)

if quarter is None:
    st.info(t("empty.no_quarter", lang))
    st.stop()
assessment = cache.assessment(token, quarter)
indicator_panel(
    indicator,
    cache.series_values(token, quarter, indicator_id),
    assessment,
    parts,
    part_id=part_id,
    quarter=quarter,
    lang=lang,
    key="indicator",
)

decimals = int(indicator["decimals"])
st.subheader(t("indicator.series_heading", lang))
series = series_tables.series_rows(
    assessment, parts, indicator_id=indicator_id, part_id=part_id, decimals=decimals, lang=lang
)
if series.empty:
    st.info(t("empty.no_series", lang, part=current.part_name))
else:
    st.dataframe(series, hide_index=True, key="indicator_series")

st.subheader(t("indicator.history_heading", lang), help=t("indicator.history_help", lang))
history = series_tables.history_table(
    cache.value_history(token, indicator_id), parts, part_id=part_id, decimals=decimals, lang=lang
)
if history.empty:
    st.info(t("indicator_empty.no_history", lang, part=current.part_name))
else:
    st.dataframe(history, hide_index=True, key="indicator_history")
