"""Data: submission status, the fill-in template, upload with preview and confirm, the import log.

An entry point like cli.py: it reads the clock here and passes it down.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from data import cache
from data.store import database_path
from data.submissions import recent_quarters
from ui.i18n import t
from ui.intake import render_import_log, render_status, render_template, render_upload
from ui.state import demo_notice, part_label, view

clock = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
token = cache.version()
reference = cache.reference(token)
current = view(
    part_ids=reference.part_ids,
    quarters=reference.quarters,
    default_quarter=reference.latest_quarter,
)
lang = current.lang
con = cache.connection(token)

st.title(t("intake.title", lang))
st.caption(
    t("intake.caption", lang, part=part_label(reference.kingdom_parts, current.part_id, lang))
)
demo_notice(reference.is_demo, lang)

status_tab, template_tab, upload_tab, log_tab = st.tabs(
    [t(f"intake.tab.{name}", lang) for name in ("status", "template", "upload", "log")]
)
with status_tab:
    render_status(con, reference.kingdom_parts, part_id=current.part_id, clock=clock, lang=lang)
with template_tab:
    render_template(
        con,
        reference.kingdom_parts,
        part_id=current.part_id,
        quarters=recent_quarters(clock),
        lang=lang,
    )
with upload_tab:
    render_upload(
        db_path=database_path(),
        user=st.user.get("email") or "web",
        clock=clock,
        lang=lang,
    )
with log_tab:
    render_import_log(con, lang)
