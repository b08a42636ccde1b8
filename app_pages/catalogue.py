"""Catalogue (Beheer): the indicators and their targets per part; the workbook to download; for an
editor, a workbook to import (upload -> preview -> confirm) or the same edits made in the page;
the change log (not for an anonymous reader: it names who changed what).

An entry point like cli.py: it reads the clock here and passes it down.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from data import cache
from data import catalogue_intake as intake
from data import catalogue_workbook as workbook
from data.access_rules import AccessDeniedError, may_edit_catalogue
from data.catalogue_columns import ALLOWED_VALUES
from data.store import StoreBusyError, database_path
from ui import catalogue_forms as forms
from ui.access_pages import named_tabs, refusals
from ui.auth import identity
from ui.catalogue_labels import workbook_texts
from ui.catalogue_view import browse_view, editable_view
from ui.intake_preview import UploadNames
from ui.state import view_for
from ui.widgets import page_header

LOG_ROWS = 500

clock = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("catalogue.title", "catalogue.caption", view=current)
lang, parts, con = current.lang, reference.kingdom_parts, cache.connection(token)
catalogue = cache.indicator_catalogue(token)
indicators, targets = cache.catalogue_frames(token)
db_path, actor = database_path(), cache.actor(token, identity())
edits = actor is not None and may_edit_catalogue(actor)
# What an import or an edit shares: where, who, when; the caches cleared after; busy's error;
# the names its preview shows beside ids.
names = UploadNames(parts, catalogue)
writes = {"after_commit": cache.clear, "busy": StoreBusyError, "lang": lang, "names": names}
check = {"db_path": db_path, "clock": clock}
commit = {**check, "actor": actor}

may = {"import": edits, "edit": edits, "log": actor is not None}
tabs = named_tabs(
    "catalogue.tab", ("indicators", "download", "import", "edit", "log"), lang, when=may
)
with tabs["indicators"]:
    forms.render_browse(
        catalogue,
        targets,
        parts,
        reference.action_lines,
        part_id=current.part_id,
        part_name=current.part_name,
        lang=lang,
        browse=partial(browse_view, cache, token, current.part_id, lang=lang),
    )
with tabs["download"]:
    forms.render_downloads(
        lang=lang,
        has_catalogue=not catalogue.empty,
        workbook=lambda lang: workbook.catalogue_workbook(
            con, lang=lang, texts=workbook_texts(lang)
        ),
        csv_zip=partial(workbook.catalogue_csv_zip, con),
        file_name=workbook.catalogue_file_name,
        example=(workbook.EXAMPLE_WORKBOOK.name, workbook.EXAMPLE_WORKBOOK.read_bytes),
    )
if edits:
    with tabs["import"], refusals(AccessDeniedError, lang):
        forms.render_upload(
            check=partial(intake.check_catalogue_file, **check),
            commit=partial(intake.import_catalogue_file, **commit),
            max_mb=intake.MAX_FILE_BYTES // (1024 * 1024),
            **writes,
        )
    with tabs["edit"], refusals(AccessDeniedError, lang):
        forms.render_editors(
            *editable_view(cache, token),
            options=forms.EditorOptions(
                allowed=ALLOWED_VALUES,
                action_lines=list(reference.action_lines["action_line_id"]),
                parts=list(parts["part_id"]),
            ),
            check=partial(intake.check_catalogue_frames, **check),
            commit=partial(intake.import_catalogue_frames, **commit),
            version=token,
            **writes,
        )
if may["log"]:
    with tabs["log"]:
        forms.render_log(cache.catalogue_log(token, LOG_ROWS), parts, limit=LOG_ROWS, lang=lang)
