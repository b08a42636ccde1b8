"""The Access page's audit trail: filters, the table, a CSV download, and one import's versions.

The page hands in the reads (``AuditSource``: ``data.audit.audit_trail`` and
``import_versions`` on its connection, ``audit_csv``, and the values the filters take); data
is imported for typing only. Times are shown and filtered as stored, in UTC.

| function | draws |
|---|---|
| ``render_audit(source, *, parts, lang)`` | filters -> table -> download; an import's versions |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ui.audit_tables import (
    audit_file_name,
    audit_table,
    import_options,
    outcome_label,
    period_bounds,
    versions_table,
    what_label,
)
from ui.i18n import t

if TYPE_CHECKING:
    from data.audit import AuditRows

__all__ = ["AuditSource", "render_audit"]

_TEXT_COLUMN = st.column_config.TextColumn


@dataclass(frozen=True)
class AuditSource:
    """``trail(since=, until=, who=, what=, outcome=)`` and ``versions(import_id)`` read;
    ``csv(frame, dialect_name=)`` writes; ``whats``, ``outcomes`` and ``dialects`` are the
    values the filters and the download offer (the first dialect is the default)."""

    trail: Callable[..., AuditRows]
    versions: Callable[[int], AuditRows]
    csv: Callable[..., bytes]
    whats: Sequence[str]
    outcomes: Sequence[str]
    dialects: Sequence[str]


def _filters(source: AuditSource, lang: str) -> tuple[Sequence, dict[str, object]]:
    """The filter widgets in one row: the dates picked, and the trail's keyword arguments."""
    period, who, what, outcome = st.columns([3, 3, 2, 2])
    dates = period.date_input(
        t("access_admin.audit.period", lang), value=(), format="YYYY-MM-DD", key="audit_period"
    )
    # One day picked of a range: from that day on, until the second is picked.
    dates = tuple(dates) if isinstance(dates, tuple | list) else (dates,)
    since, until = period_bounds(dates)
    every = t("access_admin.audit.all", lang)
    return dates, {
        "since": since,
        "until": until,
        "who": who.text_input(t("access_admin.audit.who", lang), key="audit_who"),
        "what": what.selectbox(
            t("access_admin.audit.what", lang),
            [None, *source.whats],
            format_func=lambda w: every if w is None else what_label(w, lang),
            key="audit_what",
        ),
        "outcome": outcome.selectbox(
            t("access_admin.audit.outcome", lang),
            [None, *source.outcomes],
            format_func=lambda o: every if o is None else outcome_label(o, lang),
            key="audit_outcome",
        ),
    }


def _download(source: AuditSource, trail: pd.DataFrame, dates: Sequence, lang: str) -> None:
    choice, button = st.columns([1, 3], vertical_alignment="bottom")
    dialect = choice.selectbox(
        t("export.dialect", lang),
        list(source.dialects),
        format_func=lambda option: t(f"export.dialect_option.{option}", lang),
        help=t("export.dialect_help", lang),
        key="audit_dialect",
    )
    file_name = audit_file_name(dates, dialect, lang)
    button.download_button(
        t("access_admin.audit.download", lang, file=file_name),
        # A callable: the file is written when the button is clicked, not on every rerun.
        data=lambda: source.csv(trail, dialect_name=dialect),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
        key="audit_download",
    )


def _said_how_many(found: AuditRows, empty: str, count: str, more: str, lang: str) -> bool:
    """Say that ``found`` is empty, or how many rows it has and when more were left out (the
    texts are keys under ``access_admin.audit``); whether it has rows."""
    if found.frame.empty:
        st.info(t(f"access_admin.audit.{empty}", lang))
        return False
    st.caption(t(f"access_admin.audit.{count}", lang, count=len(found.frame)))
    if found.more:
        st.warning(t(f"access_admin.audit.{more}", lang, limit=found.limit))
    return True


def _drill_down(source: AuditSource, trail: pd.DataFrame, parts: pd.DataFrame, lang: str) -> None:
    st.header(t("access_admin.audit.drill", lang))
    options = import_options(trail, lang)
    if not options:
        st.info(t("access_admin.audit.drill_none", lang))
        return
    import_id = st.selectbox(
        t("access_admin.audit.drill_pick", lang),
        list(options),
        format_func=options.get,
        key="audit_import",
    )
    written = source.versions(import_id)
    if _said_how_many(written, "nothing_written", "drill_count", "drill_more", lang):
        st.dataframe(
            versions_table(written.frame, parts, lang), hide_index=True, key="audit_versions"
        )


def render_audit(source: AuditSource, *, parts: pd.DataFrame, lang: str) -> None:
    dates, filters = _filters(source, lang)
    found = source.trail(**filters)
    if not _said_how_many(found, "empty", "count", "more", lang):
        return
    table = audit_table(found.frame, parts, lang)
    # Pixels that add up to the table's width at 1366 px beside the sidebar; a wider window
    # shares what is left among them.
    widths = (118, 140, 112, 195, 330)
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            column: _TEXT_COLUMN(width=width)
            for column, width in zip(table.columns, widths, strict=True)
        },
        key="audit_trail",
    )
    _download(source, found.frame, dates, lang)
    _drill_down(source, found.frame, parts, lang)
