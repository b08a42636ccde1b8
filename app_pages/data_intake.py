"""Data: submission status, the fill-in template, upload of a quarter file (figures, action
reports, duiding) with preview and confirm, the import log.

An entry point like cli.py: it reads the clock here and passes it down.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from data import cache
from data.dialects import DIALECT_NAMES
from data.import_log import import_log
from data.intake import ImportResult, import_file, preview_file
from data.store import StoreBusyError, database_path
from data.submission_status import DUE_AFTER_DAYS, recent_quarters, unit_submission_status
from data.template import HINT_COLUMNS, TEMPLATE_KINDS, quarter_template, template_file
from ui.auth import identity
from ui.i18n import t
from ui.intake import UploadNames, render_import_log, render_upload
from ui.state import view_for
from ui.submission import hint_headers, render_status, render_template
from ui.widgets import catalogue_missing, page_header

clock = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
lang = current.lang
con = cache.connection(token)
parts = reference.kingdom_parts
actor = cache.actor(token, identity())

page_header("intake.title", "intake.caption", view=current)
if cache.indicator_catalogue(token).empty:
    catalogue_missing(lang)
    st.stop()

status_tab, template_tab, upload_tab, log_tab = st.tabs(
    [t(f"intake.tab.{name}", lang) for name in ("status", "template", "upload", "log")]
)
with status_tab:
    status = unit_submission_status(con, clock=clock, part_id=current.part_id)
    render_status(status, parts, clock=clock, due_days=DUE_AFTER_DAYS, lang=lang)
with template_tab:
    render_template(
        parts,
        part_id=current.part_id,
        quarters=recent_quarters(clock),
        kinds=TEMPLATE_KINDS,
        dialects=DIALECT_NAMES,
        lang=lang,
        rows_for=lambda c: quarter_template(con, part_id=c.part_id, quarter=c.quarter, lang=lang),
        file_for=lambda template, c, file_format: template_file(
            template,
            file_format=file_format,
            kind=c.kind,
            lang=lang,
            dialect=c.dialect,
            hint_headers=hint_headers(HINT_COLUMNS, lang),
        ),
    )
with upload_tab:
    where = {"db_path": database_path(), "actor": actor, "clock": clock}
    catalogue, priorities = cache.indicator_catalogue(token), cache.priorities(token)

    def commit(data: bytes, name: str) -> ImportResult:
        result = import_file(data, file_name=name, **where)
        cache.clear()
        return result

    render_upload(
        preview=lambda data, name: preview_file(data, file_name=name, **where),
        commit=commit,
        busy=StoreBusyError,
        lang=lang,
        names=UploadNames(parts, catalogue, priorities, reference.action_lines),
    )
with log_tab:
    render_import_log(import_log(con), lang)
