"""Kingdom parts: one part's or island's profile (every series reported in it, with status, the
same set its status cards count, or only those behind, a page of rows at a time; beside them,
never merged, its actions: their distribution and those that need attention; what changed since
a quarter the reader chooses), and the parts side by side for one action line. To print or
share, the part's report as a Word document, built on a click (``report``)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from data import cache
from report import images
from report.document import ReportError, ReportRequest, write_report
from ui import rollup_tables
from ui.action_tables import actions_in_view
from ui.behind_filter import parts_series
from ui.changes_view import changes_view
from ui.compare import changes_section
from ui.headline_series import headline_series, ordered_series, scope_text, series_table
from ui.i18n import t
from ui.pager import ROWS_PER_PAGE, paged
from ui.part_comparison import render_comparison
from ui.parts_view import comparison_view
from ui.report_download import report_download
from ui.series_tables import series_layout
from ui.state import view_for, view_quarters
from ui.widgets import (
    action_summary,
    attention_list,
    catalogue_missing,
    page_header,
    print_layout,
    status_counts,
    table_or_info,
)

token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
print_layout()
page_header("parts.profile", "overview.caption", view=current)
lang, part_id, quarter = current.lang, current.part_id, current.quarter
if cache.indicator_catalogue(token, vintage=current.vintage).empty:
    catalogue_missing(lang)
    st.stop()
if quarter is None:
    st.info(t("empty.no_quarter", lang))
    st.stop()
st.caption(t("report_page.parts.text", lang, part=current.part_name, quarter=quarter))
report = ReportRequest(
    quarter=quarter, part_id=part_id, lang=lang, vintage=current.vintage, format="docx"
)
report_download(
    partial(write_report, cache.connection(token), report, browser=images.find_chromium()),
    choice=(token, report),
    errors=ReportError,
    label=t("report_page.parts.build", lang, part=current.part_name),
    key="parts_report",
    lang=lang,
)

parts, lines = reference.kingdom_parts, reference.action_lines
catalogue = cache.indicator_catalogue(token, vintage=current.vintage)
assessment = cache.assessment(token, quarter, vintage=current.vintage)
by_line = cache.rollups(token, quarter, ("action_line_id",), vintage=current.vintage)
totals = rollup_tables.headline(by_line, part_id)
# The series cards and the table of every series count one set of series, and the page names
# it; the actions, counted apart, come between them under their own heading.
st.header(t("action_rollups.series_heading", lang, part=current.part_name))
st.markdown(scope_text(parts, part_id=part_id, n_series=totals["n_series"], lang=lang))
status_counts(totals, lang)
states = cache.action_states(token, quarter, vintage=current.vintage)
actions = actions_in_view(states, parts, part_id=part_id)
action_summary(actions, parts, view=current)

st.header(t("action_rollups.series_table_heading", lang, part=current.part_name))
shown = parts_series(headline_series(assessment, parts, part_id=part_id), view=current)
ordered = ordered_series(shown.rows, catalogue, parts)
page = paged(ordered, key="parts_profile_page", lang=lang, size=ROWS_PER_PAGE, noun="series")
table_or_info(
    series_table(page, catalogue, parts, lang=lang),
    empty=shown.empty,
    key="parts_profile",
    full_height=True,
    columns=series_layout(lang),
    lang=lang,
)
attention_list(actions, parts, view=current)
changes_section(
    partial(
        changes_view, cache, token, quarter, part_id=part_id, lang=lang, vintage=current.vintage
    ),
    parts,
    view_quarters(reference, current),
    view=current,
    key="parts",
)

st.header(t("parts.compare_heading", lang))
render_comparison(
    catalogue,
    by_line,
    parts,
    lines,
    partial(comparison_view, cache, token, quarter, part_id, lang, current.vintage),
    part_id=part_id,
    part_name=current.part_name,
    quarter=quarter,
    lang=lang,
)
