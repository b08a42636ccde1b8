"""Export: the quarterly file, the same bytes as ``python cli.py export``, built when downloaded."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from data import cache, export
from data.dialects import DIALECT_NAMES
from data.observations import last_change_at
from ui.export_form import export_choice
from ui.i18n import t
from ui.state import view_for, view_quarters
from ui.widgets import catalogue_missing, page_header

PREVIEW_ROWS = 10
MIME = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
lang = current.lang
con = cache.connection(token)
vintage = current.vintage or last_change_at(con)

page_header(
    "export.title",
    "export.caption",
    view=current,
    vintage=vintage.isoformat() if vintage else t("export.no_vintage", lang),
)
if cache.indicator_catalogue(token, vintage=current.vintage).empty:
    catalogue_missing(lang)
    st.stop()
if not reference.quarters:
    st.info(t("export.no_data", lang))
    st.stop()

request = export_choice(
    current=current,
    quarters=view_quarters(reference, current),
    parts=reference.kingdom_parts,
    action_lines=reference.action_lines,
    whats=export.WHATS,
    formats=export.FORMATS,
    dialects=DIALECT_NAMES,
    request=export.ExportRequest,
)
request = replace(request, vintage=current.vintage)
st.download_button(
    t("export.download", lang, file=request.file_name),
    # A callable: the file is built when the button is clicked, not on every rerun.
    data=partial(export.export, con, request),
    file_name=request.file_name,
    mime=MIME[request.fmt],
    type="primary",
    on_click="ignore",
    key="export_download",
)

st.header(t("export.preview", lang, rows=PREVIEW_ROWS))
rows = export.preview(con, request, limit=PREVIEW_ROWS)
if rows.empty:
    st.info(t("export.empty", lang))
st.dataframe(rows, hide_index=True, width="stretch")
