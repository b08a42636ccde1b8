"""The Report page's choices (quarter, Kingdom part, language, format), drawn in three columns and
returned as the report request.

The formats and the request's type come from the caller (``report.document``): ui/ never imports
the report. Defaults follow the global view in the sidebar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import pandas as pd
import streamlit as st

from ui.i18n import LANGUAGES, t
from ui.state import View, part_label

__all__ = ["report_choice"]

Request = TypeVar("Request")
PDF = "pdf"


def report_choice(
    *,
    current: View,
    quarters: Sequence[str],
    parts: pd.DataFrame,
    formats: Sequence[str],
    pdf_possible: bool,
    request: Callable[..., Request],
) -> Request:
    """Draw the choices and return them as ``request(quarter=, part_id=, lang=, format=)``.
    Without Chromium (``pdf_possible`` false) the PDF option says it needs it."""
    lang = current.lang
    newest_first = list(reversed(quarters))
    part_ids = list(parts["part_id"])
    left, middle, right = st.columns(3)
    quarter = left.selectbox(
        t("report_page.quarter", lang),
        newest_first,
        index=newest_first.index(current.quarter) if current.quarter in newest_first else 0,
        key="report_quarter",
    )
    part_id = left.selectbox(
        t("report_page.part", lang),
        part_ids,
        index=part_ids.index(current.part_id) if current.part_id in part_ids else 0,
        format_func=lambda option: part_label(parts, option, lang, indent=True),
        key="report_part",
    )
    report_lang = middle.radio(
        t("report_page.language", lang),
        LANGUAGES,
        index=LANGUAGES.index(lang),
        format_func=lambda code: t(f"language.{code}", lang),
        horizontal=True,
        key="report_lang",
    )
    fmt = right.radio(
        t("report_page.format", lang),
        formats,
        format_func=lambda option: _format_label(option, lang, pdf_possible=pdf_possible),
        help=t("report_page.format_help", lang),
        key="report_format",
    )
    return request(quarter=quarter, part_id=part_id, lang=report_lang, format=fmt)


def _format_label(option: str, lang: str, *, pdf_possible: bool) -> str:
    if option == PDF and not pdf_possible:
        return t("report_page.pdf_unavailable", lang)
    return t(f"report_page.format_option.{option}", lang)
