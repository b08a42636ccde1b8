"""Overview: where the strategy stands for the chosen part and quarter."""

from __future__ import annotations

import streamlit as st

from data import cache
from ui.format import format_number
from ui.i18n import t
from ui.state import demo_notice, part_label, view

token = cache.version()
reference = cache.reference(token)
current = view(
    part_ids=reference.part_ids,
    quarters=reference.quarters,
    default_quarter=reference.latest_quarter,
)
lang = current.lang

st.title(t("overview.title", lang))
st.caption(
    t(
        "overview.caption",
        lang,
        part=part_label(reference.kingdom_parts, current.part_id, lang),
        quarter=current.quarter or "–",
    )
)
demo_notice(reference.is_demo, lang)

if current.quarter is None:
    st.info(t("overview.no_data", lang))
    st.stop()

counts = cache.headline_counts(token, current.quarter)
columns = st.columns(5)
for column, name in zip(
    columns, ("objectives", "action_lines", "indicators", "series", "observations"), strict=True
):
    column.metric(t(f"overview.count.{name}", lang), format_number(counts[name], 0, lang))
