"""Export: the quarterly file, the same bytes as ``python cli.py export``, built when downloaded."""

from __future__ import annotations

from functools import partial

import streamlit as st

from data import cache, export
from data.observations import last_change_at
from metrics.constants import STATUSES
from ui.i18n import LANGUAGES, t
from ui.state import KINGDOM, demo_notice, part_label, view

PREVIEW_ROWS = 10
MIME = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}

token = cache.version()
reference = cache.reference(token)
current = view(
    part_ids=reference.part_ids,
    quarters=reference.quarters,
    default_quarter=reference.latest_quarter,
)
lang = current.lang
con = cache.connection(token)

st.title(t("export.title", lang))
vintage = last_change_at(con)
st.caption(
    t(
        "export.caption",
        lang,
        vintage=vintage.isoformat() if vintage else t("export.no_vintage", lang),
    )
)
demo_notice(reference.is_demo, lang)
if not reference.quarters:
    st.info(t("export.no_data", lang))
    st.stop()

quarters = list(reversed(reference.quarters))
parts = reference.kingdom_parts
action_lines = reference.action_lines.set_index("action_line_id")
left, middle, right = st.columns(3)
quarter = left.selectbox(
    t("export.quarter", lang), quarters, index=quarters.index(current.quarter), key="export_quarter"
)
chosen_parts = left.multiselect(
    t("export.parts", lang),
    list(parts["part_id"]),
    default=[] if current.part_id == KINGDOM else [current.part_id],
    format_func=lambda part_id: part_label(parts, part_id, lang, indent=True),
    help=t("export.parts_help", lang),
    key="export_parts",
)
chosen_lines = left.multiselect(
    t("export.action_lines", lang),
    list(action_lines.index),
    format_func=lambda line: f"{line} · {action_lines.at[line, f'name_{lang}']}",
    help=t("export.action_lines_help", lang),
    key="export_action_lines",
)
what = middle.radio(
    t("export.what", lang),
    export.WHATS,
    format_func=lambda option: t(f"export.what_option.{option}", lang),
    key="export_what",
)
file_format = middle.radio(
    t("export.format", lang),
    export.FORMATS,
    format_func=lambda option: t(f"export.format_option.{option}", lang),
    horizontal=True,
    key="export_format",
)
dialect = right.radio(
    t("export.dialect", lang),
    export.DIALECTS,
    format_func=lambda option: t(f"export.dialect_option.{option}", lang),
    help=t("export.dialect_help", lang),
    disabled=file_format == "parquet",
    key="export_dialect",
)
file_lang = right.radio(
    t("export.language", lang),
    LANGUAGES,
    index=LANGUAGES.index(lang),
    format_func=lambda code: t(f"language.{code}", lang),
    horizontal=True,
    key="export_lang",
)

options = {
    "quarter": quarter,
    "parts": chosen_parts,
    "action_lines": chosen_lines,
    "what": what,
    "dialect": dialect,
    "fmt": file_format,
    "lang": file_lang,
    "status_labels": {status: t(f"status.{status}", file_lang) for status in STATUSES},
}
name = export.file_name(quarter=quarter, what=what, dialect=dialect, fmt=file_format)
st.download_button(
    t("export.download", lang, file=name),
    # A callable: the file is built when the button is clicked, not on every rerun.
    data=partial(export.export, con, **options),
    file_name=name,
    mime=MIME[file_format],
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
