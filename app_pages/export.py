"""Export: the quarterly file, the same bytes as ``python cli.py export``, built when downloaded."""

from __future__ import annotations

from functools import partial

import streamlit as st

from data import cache, export
from data.observations import last_change_at
from ui.export_form import export_choice, status_labels
from ui.i18n import t
from ui.state import view_for
from ui.widgets import page_header

PREVIEW_ROWS = 10
MIME = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
lang = current.lang
con = cache.connection(token)
vintage = last_change_at(con)

page_header(
    "export.title",
    "export.caption",
    view=current,
    vintage=vintage.isoformat() if vintage else t("export.no_vintage", lang),
)
if not reference.quarters:
    st.info(t("export.no_data", lang))
    st.stop()

choice = export_choice(
    current=current,
    quarters=reference.quarters,
    parts=reference.kingdom_parts,
    action_lines=reference.action_lines,
    whats=export.WHATS,
    formats=export.FORMATS,
    dialects=export.DIALECTS,
)
options = {
    "quarter": choice.quarter,
    "parts": choice.parts,
    "action_lines": choice.action_lines,
    "what": choice.what,
    "dialect": choice.dialect,
    "fmt": choice.fmt,
    "lang": choice.lang,
    "status_labels": status_labels(choice.lang),
}
name = export.file_name(
    quarter=choice.quarter, what=choice.what, dialect=choice.dialect, fmt=choice.fmt
)
st.download_button(
    t("export.download", lang, file=name),
    # A callable: the file is built when the button is clicked, not on every rerun.
    data=partial(export.export, con, **options),
    file_name=name,
    mime=MIME[choice.fmt],
    icon=":material/download:",
    type="primary",
    on_click="ignore",
    key="export_download",
)

st.subheader(t("export.preview", lang, rows=PREVIEW_ROWS))
rows = export.preview(con, limit=PREVIEW_ROWS, **options)
if rows.empty:
    st.info(t("export.empty", lang))
st.dataframe(rows, hide_index=True, width="stretch")
