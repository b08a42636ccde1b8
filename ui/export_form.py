"""The Export page's options, drawn as a form and returned as the export request.

The allowed contents, formats and dialects and the request's type come from the caller
(``data.export``, ``data.dialects``): ui/ imports data/ for typing only. The status labels and
the untranslated mark are ``ui.labels``', the same as ``python cli.py export`` passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ui.i18n import LANGUAGES, t
from ui.labels import export_status_labels, untranslated_mark
from ui.state import KINGDOM, View, part_label

if TYPE_CHECKING:
    from data.export import ExportRequest

__all__ = ["export_choice"]


def export_choice(
    *,
    current: View,
    quarters: Sequence[str],
    parts: pd.DataFrame,
    action_lines: pd.DataFrame,
    whats: Sequence[str],
    formats: Sequence[str],
    dialects: Sequence[str],
    request: type[ExportRequest],
) -> ExportRequest:
    """Draw the options in three columns and return them as a ``request`` (the caller's type,
    ``data.export.ExportRequest``); defaults follow the global view (quarter, part, lang)."""
    lang = current.lang
    newest_first = list(reversed(quarters))
    names = action_lines.set_index("action_line_id")[f"name_{lang}"]
    left, middle, right = st.columns(3)
    quarter = left.selectbox(
        t("export.quarter", lang),
        newest_first,
        index=newest_first.index(current.quarter) if current.quarter in newest_first else 0,
        key="export_quarter",
    )
    chosen_parts = left.multiselect(
        t("export.parts", lang),
        list(parts["part_id"]),
        default=[] if current.part_id == KINGDOM else [current.part_id],
        format_func=lambda part_id: part_label(parts, part_id, lang, indent=True),
        help=t("export.parts_help", lang),
        placeholder=t("export.parts_all", lang),
        key="export_parts",
    )
    chosen_lines = left.multiselect(
        t("export.action_lines", lang),
        list(names.index),
        format_func=lambda line: f"{line} · {names[line]}",
        help=t("export.action_lines_help", lang),
        placeholder=t("export.action_lines_all", lang),
        key="export_action_lines",
    )
    what = middle.radio(
        t("export.what", lang),
        whats,
        format_func=lambda option: t(f"export.what_option.{option}", lang),
        key="export_what",
    )
    fmt = middle.radio(
        t("export.format", lang),
        formats,
        format_func=lambda option: t(f"export.format_option.{option}", lang),
        horizontal=True,
        key="export_format",
    )
    dialect = right.radio(
        t("export.dialect", lang),
        dialects,
        format_func=lambda option: t(f"export.dialect_option.{option}", lang),
        help=t("export.dialect_help", lang),
        disabled=fmt == "parquet",
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
    return request(
        quarter=quarter,
        parts=chosen_parts,
        action_lines=chosen_lines,
        what=what,
        fmt=fmt,
        dialect=dialect,
        lang=file_lang,
        status_labels=export_status_labels(what, file_lang),
        untranslated=untranslated_mark(file_lang),
    )
