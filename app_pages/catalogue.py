"""Catalogue (Beheer): the indicators and their targets per part; the workbook to download; a
workbook to import (upload -> preview -> confirm) or the same edits made in the page; the
catalogue's change log.

An entry point like cli.py: it reads the clock here and passes it down.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import streamlit as st

from data import cache
from data.catalogue_columns import ALLOWED_VALUES
from data.catalogue_intake import (
    MAX_FILE_BYTES,
    check_catalogue_file,
    check_catalogue_frames,
    import_catalogue_file,
    import_catalogue_frames,
)
from data.catalogue_workbook import (
    EXAMPLE_WORKBOOK,
    catalogue_csv_zip,
    catalogue_file_name,
    catalogue_workbook,
)
from data.store import StoreBusyError, database_path
from ui.auth import identity
from ui.catalogue_forms import (
    EditorOptions,
    render_browse,
    render_downloads,
    render_editors,
    render_log,
    render_upload,
)
from ui.catalogue_labels import workbook_texts
from ui.catalogue_tables import editable_indicators, editable_targets
from ui.i18n import t
from ui.state import view_for
from ui.widgets import page_header

LOG_ROWS = 500

clock = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("catalogue.title", "catalogue.caption", view=current)
lang, parts = current.lang, reference.kingdom_parts
catalogue = cache.indicator_catalogue(token)
indicators, targets = cache.catalogue_frames(token)
db_path, actor = database_path(), cache.actor(token, identity())


browse_tab, download_tab, import_tab, edit_tab, log_tab = st.tabs(
    [
        t(f"catalogue.tab.{name}", lang)
        for name in ("indicators", "download", "import", "edit", "log")
    ]
)
with browse_tab:
    render_browse(
        catalogue,
        targets,
        parts,
        reference.action_lines,
        part_id=current.part_id,
        part_name=current.part_name,
        lang=lang,
    )
with download_tab:
    con = cache.connection(token)
    render_downloads(
        lang=lang,
        has_catalogue=not catalogue.empty,
        workbook=lambda lang: catalogue_workbook(con, lang=lang, texts=workbook_texts(lang)),
        csv_zip=partial(catalogue_csv_zip, con),
        file_name=catalogue_file_name,
        example=(EXAMPLE_WORKBOOK.name, EXAMPLE_WORKBOOK.read_bytes),
    )
with import_tab:
    render_upload(
        check=partial(check_catalogue_file, db_path=db_path, clock=clock),
        commit=partial(import_catalogue_file, db_path=db_path, actor=actor, clock=clock),
        after_commit=cache.clear,
        busy=StoreBusyError,
        max_mb=MAX_FILE_BYTES // (1024 * 1024),
        lang=lang,
    )
with edit_tab:
    render_editors(
        editable_indicators(indicators),
        editable_targets(targets),
        options=EditorOptions(
            allowed=ALLOWED_VALUES,
            action_lines=list(reference.action_lines["action_line_id"]),
            parts=list(parts["part_id"]),
        ),
        check=partial(check_catalogue_frames, db_path=db_path, clock=clock),
        commit=partial(import_catalogue_frames, db_path=db_path, actor=actor, clock=clock),
        after_commit=cache.clear,
        busy=StoreBusyError,
        lang=lang,
        version=token,
    )
with log_tab:
    render_log(cache.catalogue_log(token, LOG_ROWS), parts, limit=LOG_ROWS, lang=lang)
