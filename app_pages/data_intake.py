"""Data: submission status, the fill-in template (a coordinator's own parts first), upload with
preview and confirm (for those who may upload), the import log (not for an anonymous reader: it
names who uploaded). An entry point like cli.py: it reads the clock and passes it down."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from data import cache
from data.access_rules import AccessDeniedError, may_upload
from data.dialects import DIALECT_NAMES
from data.import_log import import_log
from data.intake import MAX_FILE_BYTES, ImportResult, import_file, preview_file
from data.store import StoreBusyError, database_path
from data.submission_status import DUE_AFTER_DAYS, recent_quarters
from data.template import HINT_COLUMNS, TEMPLATE_KINDS, template_file
from ui.access_pages import named_tabs, own_parts_first, refusals
from ui.auth import identity
from ui.intake import UploadNames, render_import_log, render_upload
from ui.state import view_for
from ui.submission import hint_headers, render_status, render_template
from ui.widgets import catalogue_missing, page_header

clock = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
lang, parts, con = current.lang, reference.kingdom_parts, cache.connection(token)
actor = cache.actor(token, identity())

page_header("intake.title", "intake.caption", view=current)
if cache.indicator_catalogue(token).empty:
    catalogue_missing(lang)
    st.stop()

may = {"upload": actor is not None and may_upload(actor), "log": actor is not None}
tabs = named_tabs("intake.tab", ("status", "template", "upload", "log"), lang, when=may)
with tabs["status"]:
    status = cache.unit_submission_status(token, current.part_id, day=clock.date(), _clock=clock)
    render_status(status, parts, clock=clock, due_days=DUE_AFTER_DAYS, lang=lang)
with tabs["template"]:
    own_first, part_id = own_parts_first(parts, actor.parts if actor else (), current.part_id)
    render_template(
        own_first,
        part_id=part_id,
        quarters=recent_quarters(clock),
        kinds=TEMPLATE_KINDS,
        dialects=DIALECT_NAMES,
        lang=lang,
        rows_for=lambda c: cache.quarter_template(token, c.part_id, c.quarter, lang),
        file_for=lambda template, c, file_format: template_file(
            template,
            file_format=file_format,
            kind=c.kind,
            lang=lang,
            dialect=c.dialect,
            hint_headers=hint_headers(HINT_COLUMNS, lang),
        ),
    )
if may["upload"]:
    where = {"db_path": database_path(), "actor": actor, "clock": clock}
    catalogue, priorities = cache.indicator_catalogue(token), cache.priorities(token)
    names = UploadNames(parts, catalogue, priorities, reference.action_lines)

    def commit(data: bytes, name: str) -> ImportResult:
        result = import_file(data, file_name=name, **where)
        if result.accepted:  # a rejection only adds to the attempt journal: nothing to refresh
            cache.clear()
        return result

    with tabs["upload"], refusals(AccessDeniedError, lang):
        render_upload(
            preview=lambda data, name: preview_file(data, file_name=name, **where),
            commit=commit,
            busy=StoreBusyError,
            lang=lang,
            max_bytes=MAX_FILE_BYTES,
            refused=(AccessDeniedError,),
            names=names,
        )
if may["log"]:
    with tabs["log"]:
        render_import_log(import_log(con, journal_of=database_path()), lang, parts)
