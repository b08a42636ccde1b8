"""The Data page's pieces: tables of problems and changes, and the page's sections.

The ``*_table`` functions shape results for display (problem wording is ``ui.intake_text``). The
``render_*`` functions draw the page's sections from what the page hands them: frames, and for
the upload the functions to call (data is imported for typing only); the status and template
tabs are ``ui.submission``. The upload keeps its check in session state, keyed by
the file's checksum, so a rerun never checks or imports the same file twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ui.format import format_number
from ui.i18n import t
from ui.intake_text import problem_message

if TYPE_CHECKING:
    from data.intake import Change, ImportResult, Problem

__all__ = [
    "changes_table",
    "problems_table",
    "render_import_log",
    "render_upload",
]


def problems_table(problems: tuple[Problem, ...], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("intake.problems.row", lang): [p.row for p in problems],
            t("intake.problems.column", lang): [
                f"{p.column} ({p.letter})" if p.column and p.letter else (p.column or "")
                for p in problems
            ],
            t("intake.problems.problem", lang): [problem_message(p, lang) for p in problems],
        }
    ).astype({t("intake.problems.row", lang): "Int64"})


def _value(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return format_number(value, 6, lang).rstrip("0").rstrip(",.") if value == value else "–"


def changes_table(changes: tuple[Change, ...], lang: str) -> pd.DataFrame:
    """New and changed values, old -> new, as the preview shows them."""
    return pd.DataFrame(
        {
            t("intake.preview.row", lang): [c.row for c in changes],
            t("intake.preview.indicator", lang): [c.indicator_id for c in changes],
            t("intake.preview.part", lang): [c.part_id for c in changes],
            t("intake.preview.period", lang): [c.period for c in changes],
            t("intake.preview.kind", lang): [t(f"intake.kind.{c.kind}", lang) for c in changes],
            t("intake.preview.old", lang): [
                _value(c.old_value, lang) if c.kind != "new" else "" for c in changes
            ],
            t("intake.preview.new", lang): [_value(c.value, lang) for c in changes],
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


def render_upload(
    *,
    preview: Callable[[bytes, str], ImportResult],
    commit: Callable[[bytes, str], ImportResult],
    busy: type[Exception],
    lang: str,
) -> None:
    """Upload -> ``preview`` (a dry run; problems table or changes) -> confirm -> ``commit``.

    ``busy`` is the error the two raise when another writer holds the database.
    """
    st.caption(t("intake.upload.intro", lang))
    upload = st.file_uploader(
        t("intake.upload.label", lang), type=["csv", "txt", "xlsx"], key="intake_file"
    )
    if upload is None:
        st.session_state.pop("intake_checked", None)
        return
    data = upload.getvalue()
    sha256 = hashlib.sha256(data).hexdigest()
    checked: _Upload | None = st.session_state.get("intake_checked")
    if checked is None or checked.sha256 != sha256:
        try:
            checked = _Upload(sha256, preview(data, upload.name))
        except busy:
            st.warning(t("intake.upload.busy", lang))
            return
        st.session_state["intake_checked"] = checked
    result = checked.result
    if not result.accepted:
        st.error(
            t("intake.upload.rejected", lang, file=result.file_name, count=len(result.problems))
        )
        st.dataframe(problems_table(result.problems, lang), width="stretch", hide_index=True)
        return
    if not result.dry_run:
        st.success(
            t(
                "intake.upload.imported",
                lang,
                file=result.file_name,
                import_id=result.import_id,
                **result.counts,
            )
        )
        return
    _show_preview(result, lang)
    to_write = len(result.changes) - result.counts["unchanged"]
    label = (
        t("intake.upload.confirm", lang, count=to_write)
        if to_write
        else t("intake.upload.confirm_nothing", lang)
    )
    if st.button(label, type="primary", key="intake_confirm", icon=":material/upload:"):
        try:
            final = commit(data, upload.name)
        except busy:
            st.warning(t("intake.upload.busy", lang))
            return
        st.session_state["intake_checked"] = _Upload(sha256, final)
        st.rerun()


def _show_preview(result: ImportResult, lang: str) -> None:
    st.info(t("intake.upload.checked", lang, file=result.file_name, rows=result.rows_read))
    if result.rows_skipped:
        st.caption(t("intake.upload.skipped", lang, count=result.rows_skipped))
    counts = result.counts
    columns = st.columns(3)
    for column, kind in zip(columns, ("new", "changed", "unchanged"), strict=True):
        column.metric(t(f"intake.upload.{kind}", lang), format_number(counts[kind], 0, lang))
    changed = result.of_kind("new") + result.of_kind("changed")
    if changed:
        st.dataframe(changes_table(changed, lang), width="stretch", hide_index=True)
    else:
        st.info(t("intake.upload.nothing", lang))


def render_import_log(log: pd.DataFrame, lang: str) -> None:
    """The frame of ``data.import_log.import_log``, labelled in ``lang``."""
    if log.empty:
        st.info(t("intake.log.empty", lang))
        return
    summary = [
        t(
            "intake.log.summary_accepted",
            lang,
            new=row.new,
            changed=row.changed,
            unchanged=row.unchanged,
        )
        if row.outcome == "accepted"
        else t("intake.log.summary_rejected", lang, problems=row.problems)
        if row.outcome == "rejected"
        else ""
        for row in log.itertuples(index=False)
    ]
    table = pd.DataFrame(
        {
            t("intake.log.when", lang): log["started_at"],
            t("intake.log.kind", lang): [t(f"intake.log_kind.{k}", lang) for k in log["kind"]],
            t("intake.log.user", lang): log["user_name"],
            t("intake.log.file", lang): log["file_name"],
            t("intake.log.outcome", lang): [t(f"intake.outcome.{o}", lang) for o in log["outcome"]],
            t("intake.log.accepted_rows", lang): log["rows_accepted"],
            t("intake.log.rejected_rows", lang): log["rows_rejected"],
            t("intake.log.summary", lang): summary,
            "sha256": log["sha256"].str.slice(0, 12),
        }
    )
    st.dataframe(table, width="stretch", hide_index=True)
