"""A report built on a click, then offered for download: the Report page's and the Kingdom
parts page's.

Building a report takes seconds to tens of seconds (every chart is drawn), so it is never built
on a rerun: a button builds it under a progress indicator, and the file is kept in the session
with the choice it was built for, until the choice (or the published data) changes. The builder
and its error type come from the caller (``report.document``): ui/ never imports the report.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Protocol

import streamlit as st

from ui.i18n import t

__all__ = ["BuiltFile", "CodedError", "report_download"]


class BuiltFile(Protocol):
    """What a builder returns (``report.document.ReportFile``)."""

    data: bytes
    file_name: str
    mime: str


class CodedError(Protocol):
    """What a builder raises for what cannot be made (``report.errors.ReportError``): its
    message is the catalog's ``report.error.<code>``, filled with ``params``."""

    code: str
    params: Mapping[str, str]


def error_text(error: CodedError, lang: str) -> str:
    """The error in the user's words."""
    return t(f"report.error.{error.code}", lang, **error.params)


def report_download(
    build: Callable[[], BuiltFile],
    *,
    choice: Hashable,
    errors: type[Exception],
    label: str,
    key: str,
    lang: str,
    disabled: bool = False,
) -> None:
    """A ``label`` button that calls ``build`` under a progress indicator, then a download
    button for the file it made.

    ``choice`` identifies what ``build`` makes (the request, with the data version): the file
    kept under ``key`` is offered only while the choice is the same. ``errors`` raised by
    ``build`` are shown in words (``error_text``), never as a traceback.
    """
    kept = st.session_state.get(key)
    if kept is not None and kept[0] != choice:
        del st.session_state[key]
        kept = None
    clicked = st.button(
        label,
        key=f"{key}_build",
        type="secondary" if kept else "primary",
        disabled=disabled,
    )
    if clicked:
        failure = None
        with st.status(t("report_page.building", lang), expanded=False) as progress:
            try:
                made = build()
            except errors as error:
                failure = error
                progress.update(label=t("report_page.failed", lang), state="error")
            else:
                progress.update(
                    label=t("report_page.built", lang, file=made.file_name), state="complete"
                )
        if failure is not None:
            # Outside the (collapsed) progress box, so it is read.
            st.error(error_text(failure, lang))
            return
        kept = (choice, made)
        st.session_state[key] = kept
    if kept is None:
        return
    made = kept[1]
    st.download_button(
        t("report_page.download", lang, file=made.file_name),
        data=made.data,
        file_name=made.file_name,
        mime=made.mime,
        type="primary",
        on_click="ignore",
        key=f"{key}_download",
    )
