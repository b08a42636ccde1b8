"""Action lines: objective -> action line; its priorities, its indicators and their course."""

from __future__ import annotations

import streamlit as st

from data import cache
from ui import rollup_tables, series_tables
from ui.catalogue_tables import in_force, option_label, retired_by
from ui.i18n import t
from ui.kingdom import name_column
from ui.pages import INDICATOR
from ui.state import action_line_choice, view_for
from ui.widgets import (
    action_line_picker,
    catalogue_missing,
    indicator_panel,
    page_header,
    rollup_line,
)

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("action_lines.title", "overview.caption", view=current)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
part_name = current.part_name
parts, lines = reference.kingdom_parts, reference.action_lines
catalogue = cache.indicator_catalogue(token)
if catalogue.empty:
    catalogue_missing(lang)
    st.stop()
with_series = series_tables.action_lines_with_series(catalogue, parts, part_id=part_id)
objective_id, action_line_id = action_line_choice(lines, with_series=with_series)
action_line_picker(reference.objectives, lines, objective_id=objective_id, lang=lang)
line = lines.loc[lines["action_line_id"] == action_line_id].iloc[0]
st.header(f"{action_line_id} · {line[name_column(lang)]}")

st.subheader(t("action_lines.priorities", lang, part=part_name))
priorities = series_tables.priorities_in_view(
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
# The same roll-up as this action line's cell in the Overview's matrix, which links here.
by_line = cache.rollups(token, quarter, ("action_line_id",))
cell = rollup_tables.rollup_cell(
    by_line, parts, action_line_id=action_line_id, part_id=part_id, lang=lang
)
rollup_line(cell, part_name=part_name, lang=lang)
assessment = cache.assessment(token, quarter)
# Retired indicators are out of the assessment as of their quarter: say so, list the rest.
retired = series_tables.applicable_indicators(
    retired_by(catalogue, quarter), parts, part_id=part_id, action_line_id=action_line_id
)
if len(retired):
    names = "; ".join(option_label(row, lang) for row in retired.to_dict("records"))
    st.caption(t("retired.in_view", lang, indicators=names))
rows = series_tables.indicator_rows(
    in_force(catalogue, quarter),
    assessment,
    parts,
    part_id=part_id,
    lang=lang,
    action_line_id=action_line_id,
)
if rows.empty:
    st.info(t("empty.no_indicators", lang, part=part_name))
    st.stop()
st.dataframe(rows.drop(columns="indicator_id"), hide_index=True, key="al_indicators")

st.subheader(t("action_lines.charts", lang))
for indicator in series_tables.catalogue_rows(catalogue, rows["indicator_id"]):
    st.markdown(f"**{indicator['indicator_id']} · {indicator[name_column(lang)]}**")
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
        INDICATOR.path,
        label=t("action_lines.open_indicator", lang),
        icon=INDICATOR.icon,
        query_params={
            "ind": indicator["indicator_id"],
            "part": part_id,
            "lang": lang,
            "q": quarter,
        },
    )
