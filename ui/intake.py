"""The Data page's pieces: tables of problems and changes, and the page's sections.

The ``*_table`` functions shape results for display (problem wording is ``ui.intake_text``; the
action reports' and duiding's preview tables are ``ui.intake_preview``'s). The ``render_*``
functions draw the page's sections from what the page hands them: frames, for the upload the
names to show beside ids (``UploadNames``) and the functions to call (data is imported for typing
only); the status and template tabs are ``ui.submission``. The upload keeps its check in session
state, keyed by the file's checksum, so a rerun never checks or imports the same file twice (the
bytes stay the uploader's: never copied into the session). The file's name goes into messages
as text (``ui.literal.markdown_text``), never as Markdown; an error the check or the import raises
is a plain message with a reference, its traceback in the server's log. A
quarter file may hold figures, action reports and duiding: the preview shows each kind's new and
changed rows, and the confirm imports the whole file. Tables are laid out by ``ui.table_format``
(``problems_layout``: the message wraps in the width the other columns leave at 1366 px); the
import log (``import_log_table``) says in words what each attempt did: per kind of row what was
new or changed, or why a file was rejected (the parts its user may not write, its problems).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ui.access_tables import moment_text
from ui.format import format_number
from ui.i18n import t
from ui.intake_preview import (
    UploadNames,
    action_changes_table,
    leading_columns,
    narrative_changes_table,
)
from ui.intake_text import problem_message, row_kind_name, row_kinds_summary
from ui.literal import markdown_text
from ui.table_format import MAIN_WIDTH, Column, counts, numbers, show_table

if TYPE_CHECKING:
    from data.intake import Change, ImportResult, Problem

__all__ = [
    "UploadNames",
    "changes_table",
    "import_log_table",
    "problems_layout",
    "problems_table",
    "render_import_log",
    "render_upload",
]


# The kinds of row of a quarter file, in the order the preview shows them (data.intake_columns).
_ROW_KINDS = ("observations", "actions", "narratives")
_MIB = 1024 * 1024
# The log's column of the parts a rejected file's user may not write (data.import_log).
_REFUSED_PARTS = "refused_parts"
_log = logging.getLogger(__name__)


def problems_table(problems: tuple[Problem, ...], lang: str) -> pd.DataFrame:
    """Every problem with its row, column and message; its sheet first when a workbook's."""
    sheets = (
        {t("intake.problems.sheet", lang): [p.sheet or "" for p in problems]}
        if any(p.sheet for p in problems)
        else {}
    )
    return pd.DataFrame(
        {
            **sheets,
            t("intake.problems.row", lang): [p.row for p in problems],
            t("intake.problems.column", lang): [
                f"{p.column} ({p.letter})" if p.column and p.letter else (p.column or "")
                for p in problems
            ],
            t("intake.problems.problem", lang): [problem_message(p, lang) for p in problems],
        }
    ).astype({t("intake.problems.row", lang): "Int64"})


def problems_layout(table: pd.DataFrame, lang: str) -> dict[str, Column]:
    """``problems_table``'s widths: sheet, row and column narrow, the message taking the rest
    of the width at 1366 px and wrapping in its cell, so that no problem is cut off."""
    narrow = {
        t("intake.problems.sheet", lang): Column(90),
        t("intake.problems.row", lang): Column(60, "count"),
        t("intake.problems.column", lang): Column(150),
    }
    layout = {label: column for label, column in narrow.items() if label in table.columns}
    message = MAIN_WIDTH - sum(column.width for column in layout.values())
    return {**layout, t("intake.problems.problem", lang): Column(message)}


def changes_table(
    changes: tuple[Change, ...], lang: str, names: UploadNames | None = None
) -> pd.DataFrame:
    """New and changed values, old -> new (``Float64`` numbers), as the preview shows them (with
    ``names``: the indicator and part by name)."""
    names = names or UploadNames()
    indicators = [names.indicator(c.indicator_id, lang) for c in changes]
    return pd.DataFrame(
        {
            **leading_columns(
                changes, (t("intake.preview.indicator", lang), indicators), names, lang
            ),
            t("intake.preview.old", lang): numbers(
                c.old_value if c.kind != "new" else None for c in changes
            ).array,
            t("intake.preview.new", lang): numbers(c.value for c in changes).array,
            t("intake.preview.flag", lang): [t(f"intake.flag.{c.flag}", lang) for c in changes],
            t("intake.preview.note", lang): [c.note or "" for c in changes],
        }
    )


# --- sections of the page ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Upload:
    """One uploaded file's check, kept across reruns (keyed by its checksum)."""

    sha256: str
    result: ImportResult


def _attempt(
    step: Callable[[bytes, str], ImportResult],
    data: bytes,
    name: str,
    *,
    busy: type[Exception],
    refused: tuple[type[Exception], ...],
    failed_key: str,
    lang: str,
) -> ImportResult | None:
    """``step(data, name)``; None after saying why when it raised: the busy store, or any other
    error as a plain message with a reference (the traceback goes to the server's log under the
    same reference, never to the user). A ``refused`` error is the caller's to tell."""
    try:
        return step(data, name)
    except refused:
        raise
    except busy:
        st.warning(t("intake.upload.busy", lang))
    except Exception:
        reference = uuid.uuid4().hex[:8]
        _log.exception("Data page upload %r failed (reference %s)", name, reference)
        st.error(t(failed_key, lang, file=markdown_text(name), reference=reference))
    return None


def render_upload(
    *,
    preview: Callable[[bytes, str], ImportResult],
    commit: Callable[[bytes, str], ImportResult],
    busy: type[Exception],
    lang: str,
    max_bytes: int,
    refused: tuple[type[Exception], ...] = (),
    names: UploadNames | None = None,
) -> None:
    """Upload -> ``preview`` (a dry run; problems table or changes) -> confirm -> ``commit``.

    ``busy`` is the error the two raise when another writer holds the database, ``refused``
    those the caller tells itself (access refused) and passes on; ``max_bytes``
    the largest file they take (the uploader says so and refuses larger ones); ``names`` where
    the preview finds the names of what the rows name. The file's bytes are held once (the
    uploader's); the session keeps only the check's result. An error the two raise is shown as
    a plain message with a reference. The file's name is shown as written, never as Markdown.
    """
    names = names or UploadNames()
    st.caption(t("intake.upload.intro", lang))
    upload = st.file_uploader(
        t("intake.upload.label", lang),
        type=["csv", "txt", "xlsx"],
        key="intake_file",
        max_upload_size=max(1, max_bytes // _MIB),
    )
    if upload is None:
        st.session_state.pop("intake_checked", None)
        return
    data = upload.getvalue()  # the uploader's own bytes, not a copy
    sha256 = hashlib.sha256(data).hexdigest()
    checked: _Upload | None = st.session_state.get("intake_checked")
    if checked is None or checked.sha256 != sha256:
        # The previous file's check goes before this one is made: never two held at once.
        st.session_state.pop("intake_checked", None)
        result = _attempt(
            preview,
            data,
            upload.name,
            busy=busy,
            refused=refused,
            failed_key="intake.page.failed_check",
            lang=lang,
        )
        if result is None:
            return
        checked = _Upload(sha256, result)
        st.session_state["intake_checked"] = checked
    result = checked.result
    shown_name = markdown_text(result.file_name)
    if not result.accepted:
        st.error(t("intake.upload.rejected", lang, file=shown_name, count=result.problem_total))
        problems = problems_table(result.problems, lang)
        show_table(
            problems, problems_layout(problems, lang), key="intake_problems", lang=lang, wrap=True
        )
        return
    if not result.dry_run:
        st.success(
            t(
                "intake.upload.imported",
                lang,
                file=shown_name,
                import_id=result.import_id,
                **result.counts,
            )
        )
        st.caption(row_kinds_summary(result.counts_by_row_kind, lang))
        return
    _show_preview(result, names, lang)
    to_write = result.to_write
    figures_only = set(result.counts_by_row_kind) <= {"observations"}
    label = (
        t(
            "intake.upload.confirm" if figures_only else "intake.upload.confirm_rows",
            lang,
            count=to_write,
        )
        if to_write
        else t("intake.upload.confirm_nothing", lang)
    )
    if st.button(label, type="primary", key="intake_confirm"):
        final = _attempt(
            commit,
            data,
            upload.name,
            busy=busy,
            refused=refused,
            failed_key="intake.page.failed_import",
            lang=lang,
        )
        if final is None:
            return
        st.session_state["intake_checked"] = _Upload(sha256, final)
        st.rerun()


def _preview_table(
    result: ImportResult, row_kind: str, names: UploadNames, lang: str
) -> pd.DataFrame:
    """The new and changed rows of one kind, as a table."""
    changed = tuple(c for c in result.changes_of(row_kind) if c.kind != "unchanged")
    if row_kind == "actions":
        return action_changes_table(changed, names, lang)
    if row_kind == "narratives":
        return narrative_changes_table(changed, names, lang)
    return changes_table(changed, lang, names)


def _preview_layout(lang: str) -> dict[str, Column]:
    """The figures' preview: old and new values as numbers in ``lang``'s notation."""
    return {
        t("intake.preview.old", lang): Column(90, "number"),
        t("intake.preview.new", lang): Column(90, "number"),
    }


def _show_preview(result: ImportResult, names: UploadNames, lang: str) -> None:
    st.info(
        t(
            "intake.upload.checked",
            lang,
            file=markdown_text(result.file_name),
            rows=result.rows_read,
        )
    )
    if result.rows_skipped:
        st.caption(t("intake.upload.skipped", lang, count=result.rows_skipped))
    counts = result.counts
    columns = st.columns(3)
    for column, kind in zip(columns, ("new", "changed", "unchanged"), strict=True):
        column.metric(t(f"intake.upload.{kind}", lang), format_number(counts[kind], 0, lang))
    by_kind = result.counts_by_row_kind
    if len(by_kind) > 1 or set(by_kind) - {"observations"}:
        st.caption(row_kinds_summary(by_kind, lang))
    if not result.to_write:
        st.info(t("intake.upload.nothing", lang))
        return
    for row_kind in _ROW_KINDS:
        counts_here = by_kind.get(row_kind, {})
        if not counts_here.get("new", 0) + counts_here.get("changed", 0):
            continue
        if len(by_kind) > 1:
            st.markdown(f"**{row_kind_name(row_kind, lang).capitalize()}**")
        table = _preview_table(result, row_kind, names, lang)
        show_table(table, _preview_layout(lang), key=f"intake_preview_{row_kind}", lang=lang)


def import_log_table(
    log: pd.DataFrame, lang: str, parts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The frame of ``data.import_log.import_log`` as the log shows it, labelled in ``lang``:
    when, kind, who, file, outcome, rows accepted and rejected (numbers), what happened in
    words (refused parts named from ``parts``), the file's checksum."""
    names = UploadNames(parts=parts if parts is not None else pd.DataFrame())
    return pd.DataFrame(
        {
            t("intake.log.when", lang): [moment_text(moment) for moment in log["started_at"]],
            t("intake.log.kind", lang): [t(f"intake.log_kind.{k}", lang) for k in log["kind"]],
            t("intake.log.user", lang): log["user_name"],
            t("intake.log.file", lang): log["file_name"],
            t("intake.log.outcome", lang): [t(f"intake.outcome.{o}", lang) for o in log["outcome"]],
            t("intake.log.accepted_rows", lang): counts(log["rows_accepted"]).array,
            t("intake.log.rejected_rows", lang): counts(log["rows_rejected"]).array,
            t("intake.log.summary", lang): [
                _log_summary(row, lang, names) for row in log.to_dict("records")
            ],
            "sha256": log["sha256"].str.slice(0, 12),
        }
    )


def render_import_log(log: pd.DataFrame, lang: str, parts: pd.DataFrame | None = None) -> None:
    """``import_log_table`` of ``log``; its columns fit at 1366 px, the summary wrapping."""
    if log.empty:
        st.info(t("intake.log.empty", lang))
        return
    table = import_log_table(log, lang, parts)
    show_table(table, _log_layout(lang), key="intake_log", lang=lang, wrap=True)


def _log_layout(lang: str) -> dict[str, Column]:
    widths = {
        "when": (90, "text"),
        "kind": (80, "text"),
        "user": (100, "text"),
        "file": (130, "text"),
        "outcome": (80, "text"),
        "accepted_rows": (65, "count"),
        "rejected_rows": (65, "count"),
        "summary": (200, "text"),
    }
    layout = {t(f"intake.log.{key}", lang): Column(w, kind) for key, (w, kind) in widths.items()}
    return {**layout, "sha256": Column(MAIN_WIDTH - sum(c.width for c in layout.values()))}


def _log_summary(row: dict, lang: str, names: UploadNames) -> str:
    """What one attempt did, in words that agree with its counts: a quarter file per kind of
    row, a catalogue import (or seed) in total, a rejection by the parts its user may not write
    and its problems. A row that recorded none of this (written before it was) says so rather
    than showing zeros."""
    if row["outcome"] == "rejected":
        told = []
        refused = [p for p in str(row.get(_REFUSED_PARTS) or "").split(";") if p]
        if refused:
            parts = ", ".join(names.part(p, lang) for p in refused)
            told.append(t("tables.log.refused", lang, parts=parts))
        if row["problems"]:
            told.append(t("intake.log.summary_rejected", lang, problems=row["problems"]))
        return " · ".join(told) or t("tables.log.reason_unknown", lang)
    if row["kind"] == "observations":
        by_kind = {
            row_kind: {
                kind: int(row[f"{row_kind}_{kind}"]) for kind in ("new", "changed", "unchanged")
            }
            for row_kind in _ROW_KINDS
        }
        told = row_kinds_summary(by_kind, lang)
    elif row["new"] + row["changed"] + row["unchanged"]:
        told = t(
            "intake.log.summary_accepted",
            lang,
            new=row["new"],
            changed=row["changed"],
            unchanged=row["unchanged"],
        )
    else:
        told = ""
    if not told and row["rows_accepted"]:
        return t("tables.log.counts_unknown", lang)
    return told
