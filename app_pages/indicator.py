"""Indicator: one indicator's definition, every series with baseline and target, the history of
its targets (marked on the chart where one changed) and of its values."""

from __future__ import annotations

import streamlit as st

from data import cache
from ui import series_tables
from ui.auth import identity
from ui.catalogue_tables import assessed_quarter, option_labels, retired_text
from ui.i18n import t
from ui.kingdom import name_column
from ui.state import PARAM_INDICATOR, choice, view_for
from ui.table_format import show_table
from ui.version_history import render_histories
from ui.widgets import (
    catalogue_missing,
    indicator_facts,
    indicator_panel,
    indicator_picker,
    page_header,
)

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("indicator.title", "overview.caption", view=current)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
parts = reference.kingdom_parts
catalogue = cache.indicator_catalogue(token, vintage=current.vintage)
if catalogue.empty:
    catalogue_missing(lang)
    st.stop()
labels = option_labels(catalogue, lang)
opening = series_tables.first_applicable_indicator(catalogue, parts, part_id=part_id)
indicator_id = choice(PARAM_INDICATOR, list(labels), opening)
indicator_picker(labels, chosen=indicator_id, label=t("indicator.choose", lang), lang=lang)
indicator = series_tables.catalogue_rows(catalogue, [indicator_id])[0]
st.header(f"{indicator_id} · {indicator[name_column(lang)]}")
if retired_text(indicator, lang):
    st.warning(t("retired.notice", lang, label=retired_text(indicator, lang)))
indicator_facts(indicator, reference.action_lines, lang=lang)
decimals = int(indicator["decimals"])
targets = cache.target_history(token, indicator_id, vintage=current.vintage)

if quarter is None:
    st.info(t("empty.no_quarter", lang))
else:
    # A retired indicator is shown as of the last quarter it was assessed in.
    as_of = assessed_quarter(indicator, quarter)
    if as_of != quarter:
        st.caption(t("retired.shown_as_of", lang, quarter=as_of))
    assessment = cache.assessment(token, as_of, vintage=current.vintage)
    indicator_panel(
        indicator,
        cache.series_values(token, as_of, indicator_id, vintage=current.vintage),
        assessment,
        parts,
        part_id=part_id,
        quarter=as_of,
        lang=lang,
        key="indicator",
        target_history=targets,
    )
    st.subheader(t("indicator.series_heading", lang))
    series = series_tables.series_rows(
        assessment, parts, indicator_id=indicator_id, part_id=part_id, decimals=decimals, lang=lang
    )
    if series.empty:
        st.info(t("empty.no_series", lang, part=current.part_name))
    else:
        layout = series_tables.series_layout(lang, decimals, part=130, trend=145)
        show_table(series, layout, key="indicator_series", lang=lang, wrap=True)

# Who made a version is for signed-in readers: a public reader sees no one's e-mail.
render_histories(
    targets,
    cache.value_history(token, indicator_id, vintage=current.vintage),
    parts,
    part_id=part_id,
    part_name=current.part_name,
    decimals=decimals,
    lang=lang,
    with_users=cache.actor(token, identity()) is not None,
)
