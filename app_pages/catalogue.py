"""Catalogue (Beheer): the indicators and their targets per part; the workbook to download; a
workbook to import (upload -> preview -> confirm) or the same edits made in the page; the
catalogue's change log.

An entry point like cli.py: it reads the clock here and passes it down.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from data import cache
from data.catalogue_columns import ALLOWED_VALUES
from data.catalogue_intake import (
    MAX_FILE_BYTES,
    CatalogueResult,
    check_catalogue_file,
    check_catalogue_frames,
    import_catalogue_file,
    import_catalogue_frames,
)
from data.store import StoreBusyError, database_path
from ui.catalogue_forms import (
    EditorOptions,
    render_browse,
    render_editors,
    render_log,
    render_upload,
)
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
db_path, user = database_path(), st.user.get("email") or "web"


def committed(result: CatalogueResult) -> CatalogueResult:
    cache.clear()
    return result


browse_tab, import_tab, edit_tab, log_tab = st.tabs(
    [t(f"catalogue.tab.{name}", lang) for name in ("indicators", "import", "edit", "log")]
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
with import_tab:
    render_upload(
        check=lambda data, name: check_catalogue_file(
            data, file_name=name, db_path=db_path, clock=clock
        ),
        commit=lambda data, name: committed(
            import_catalogue_file(data, file_name=name, db_path=db_path, user=user, clock=clock)
        ),
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
        check=lambda ind, tgt: check_catalogue_frames(ind, tgt, db_path=db_path, clock=clock),
        commit=lambda ind, tgt: committed(
            import_catalogue_frames(ind, tgt, db_path=db_path, user=user, clock=clock)
        ),
        busy=StoreBusyError,
        lang=lang,
        version=token,
    )
with log_tab:
    render_log(cache.catalogue_log(token, LOG_ROWS), parts, limit=LOG_ROWS, lang=lang)
