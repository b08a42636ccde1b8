"""Catalogue (Beheer): the indicators and their baselines and targets per part, filtered by action
line and by the sidebar's Kingdom part."""

from __future__ import annotations

import streamlit as st

from data import cache
from ui.catalogue_tables import catalogue_table, option_label, targets_table
from ui.i18n import t
from ui.kingdom import name_column
from ui.pages import INDICATOR
from ui.series_tables import applicable_indicators
from ui.state import PARAM_INDICATOR, choice, view_for
from ui.widgets import page_header

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("catalogue.title", "catalogue.caption", view=current)
lang, part_id = current.lang, current.part_id
parts, lines = reference.kingdom_parts, reference.action_lines
catalogue = cache.indicator_catalogue(token)

if catalogue.empty:
    st.info(t("catalogue.empty", lang), icon=":material/info:")
    st.stop()
line_names = dict(zip(lines["action_line_id"], lines[name_column(lang)], strict=True))
action_line_id = st.selectbox(
    t("catalogue.filter_action_line", lang),
    [None, *line_names],
    format_func=lambda a: (
        t("catalogue.all_action_lines", lang) if a is None else f"{a} · {line_names[a]}"
    ),
    key="catalogue_action_line",
)
shown = applicable_indicators(catalogue, parts, part_id=part_id, action_line_id=action_line_id)
st.caption(t("catalogue.count", lang, shown=len(shown), total=len(catalogue)))
if shown.empty:
    st.info(t("catalogue.none_match", lang, part=current.part_name))
    st.stop()
st.dataframe(catalogue_table(shown, parts, lang=lang), hide_index=True, key="catalogue_indicators")

st.subheader(t("catalogue.targets_heading", lang))
labels = {row["indicator_id"]: option_label(row, lang) for row in shown.to_dict("records")}
indicator_id = choice(PARAM_INDICATOR, list(labels), next(iter(labels)))
st.selectbox(t("catalogue.choose", lang), list(labels), key="ind", format_func=labels.get)
decimals = int(shown.loc[shown["indicator_id"] == indicator_id, "decimals"].iloc[0])
_, targets = cache.catalogue_frames(token)
rows = targets_table(targets, parts, indicator_id=indicator_id, decimals=decimals, lang=lang)
if rows.empty:
    st.info(t("catalogue.no_targets", lang))
else:
    st.dataframe(rows, hide_index=True, key="catalogue_targets")
st.page_link(
    INDICATOR.path,
    label=t("catalogue.open_indicator", lang),
    icon=INDICATOR.icon,
    query_params={"ind": indicator_id, "part": part_id, "lang": lang},
)
