"""Action lines: objective -> action line; its priorities, its indicators and their course."""

from __future__ import annotations

import streamlit as st

from data import cache
from ui import tables
from ui.i18n import t
from ui.state import action_line_choice, demo_notice, part_label, view_for
from ui.widgets import INDICATOR_PAGE, action_line_picker, indicator_panel

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
parts, lines = reference.kingdom_parts, reference.action_lines
part_name = part_label(parts, part_id, lang)
objective_id, action_line_id = action_line_choice(lines)

st.title(t("action_lines.title", lang))
st.caption(t("overview.caption", lang, part=part_name, quarter=quarter or "–"))
demo_notice(reference.is_demo, lang)
action_line_picker(reference.objectives, lines, objective_id=objective_id, lang=lang)
line = lines.loc[lines["action_line_id"] == action_line_id].iloc[0]
st.header(f"{action_line_id} · {line[tables.name_column(lang)]}")

st.subheader(t("action_lines.priorities", lang, part=part_name))
priorities = tables.priorities_in_view(
    cache.priorities(token), parts, action_line_id=action_line_id, part_id=part_id, lang=lang
)
if priorities.empty:
    st.info(t("action_lines.no_priorities", lang, part=part_name))
else:
    st.dataframe(priorities, hide_index=True, key="al_priorities")

st.subheader(t("action_lines.indicators", lang, part=part_name))
if quarter is None:
    st.info(t("empty.no_quarter", lang))
    st.stop()
catalogue = cache.indicator_catalogue(token)
assessment = cache.assessment(token, quarter)
rows = tables.indicator_rows(
    catalogue, assessment, parts, part_id=part_id, lang=lang, action_line_id=action_line_id
)
if rows.empty:
    st.info(t("empty.no_indicators", lang, part=part_name))
    st.stop()
st.dataframe(rows.drop(columns="indicator_id"), hide_index=True, key="al_indicators")

st.subheader(t("action_lines.charts", lang))
for indicator in tables.catalogue_rows(catalogue, rows["indicator_id"]):
    st.markdown(f"**{indicator['indicator_id']} · {indicator[tables.name_column(lang)]}**")
    indicator_panel(
        indicator,
        cache.series_values(token, quarter, indicator["indicator_id"]),
        assessment,
        parts,
        part_id=part_id,
        quarter=quarter,
        lang=lang,
        key=f"al_{indicator['indicator_id']}",
    )
    st.page_link(
        INDICATOR_PAGE,
        label=t("action_lines.open_indicator", lang),
        icon=":material/query_stats:",
        query_params={
            "ind": indicator["indicator_id"],
            "part": part_id,
            "lang": lang,
            "q": quarter,
        },
    )
