"""Report: the quarter's progress report for the Kingdom or a part as .docx, .html or .pdf, the
same bytes as ``python cli.py report``, built when the button is clicked (it draws every chart)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from data import cache
from report import images
from report.document import FORMATS, ReportError, ReportRequest, write_report
from ui.i18n import t
from ui.report_download import report_download
from ui.report_form import PDF, report_choice
from ui.state import view_for, view_quarters
from ui.widgets import catalogue_missing, page_header

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
lang = current.lang

page_header("report_page.title", "report_page.caption", view=current)
if cache.indicator_catalogue(token, vintage=current.vintage).empty:
    catalogue_missing(lang)
    st.stop()
if not reference.quarters:
    st.info(t("report_page.no_data", lang))
    st.stop()
st.caption(t("report_page.contents", lang))
browser = images.find_chromium()
if browser is None:
    st.info(t("report_page.no_chromium", lang))

request = report_choice(
    current=current,
    quarters=view_quarters(reference, current),
    parts=reference.kingdom_parts,
    formats=FORMATS,
    pdf_possible=browser is not None,
    request=partial(ReportRequest, vintage=current.vintage),
)
report_download(
    partial(write_report, cache.connection(token), request, browser=browser),
    choice=(token, request),
    errors=ReportError,
    label=t("report_page.build", lang),
    key="report_file",
    lang=lang,
    disabled=request.format == PDF and browser is None,
)
