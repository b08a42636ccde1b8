"""The indicators part of the Action lines page: the line's roll-up for the part (the Overview's
matrix cell again), its indicators with status, and a chart per indicator with a link to it,
``CHARTS_PER_PAGE`` charts a page (``ui.pager``) however many indicators the line holds.

Reads that depend on what is shown are passed in as callables (``ui`` does not read ``data``);
the table and the filter come from ``ui.line_view``, cached per view.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import rollup_tables, series_tables
from ui.i18n import t
from ui.kingdom import name_column
from ui.line_view import LineView
from ui.pager import paged
from ui.pages import INDICATOR
from ui.state import View
from ui.table_format import show_table
from ui.widgets import indicator_panel, rollup_line

__all__ = ["CHARTS_PER_PAGE", "line_indicators"]

CHARTS_PER_PAGE = 12


def line_indicators(
    line: LineView,
    catalogue: pd.DataFrame,
    assessment: pd.DataFrame,
    by_line: pd.DataFrame,
    series_values_of: Callable[[str], pd.DataFrame],
    parts: pd.DataFrame,
    *,
    view: View,
    action_line_id: str,
    only_behind: bool,
) -> None:
    """The roll-up (``by_line``: roll-ups per action line), the indicator rows in force as of
    ``view.quarter`` (``line``: ``ui.line_view``; only those behind with ``only_behind``, else
    the retired ones named too), and each indicator's chart, a page of them (``catalogue``
    gives its facts, ``series_values_of`` reads its values up to the quarter), for the view's
    part."""
    lang, part_id, part_name, quarter = view.lang, view.part_id, view.part_name, view.quarter
    if quarter is None:
        raise ValueError("the indicators of an action line need a quarter")
    # The same roll-up as this action line's cell in the Overview's matrix, which links here.
    cell = rollup_tables.rollup_cell(
        by_line, parts, action_line_id=action_line_id, part_id=part_id, lang=lang
    )
    rollup_line(cell, part_name=part_name, lang=lang)
    # Retired indicators are out of the assessment as of their quarter: say so, list the rest.
    if line.retired and not only_behind:
        st.caption(t("retired.in_view", lang, indicators="; ".join(line.retired)))
    rows = line.shown_rows(only_behind)
    if rows.empty:
        st.info(t("empty.no_indicators", lang, part=part_name))
        return
    show_table(
        rows.drop(columns="indicator_id"),
        series_tables.series_layout(lang),
        key="al_indicators",
        lang=lang,
        wrap=True,
    )

    st.subheader(t("action_lines.charts", lang))
    # A page of charts at a time: an action line may hold hundreds of indicators. The page
    # number is the line's own: a line chosen opens on its first page.
    page = paged(
        rows,
        key=f"al_chart_page_{action_line_id}",
        lang=lang,
        size=CHARTS_PER_PAGE,
        noun="indicators",
    )
    in_line = catalogue.loc[catalogue["action_line_id"] == action_line_id]
    for indicator in series_tables.catalogue_rows(in_line, page["indicator_id"]):
        indicator_id = indicator["indicator_id"]
        st.markdown(f"**{indicator_id} · {indicator[name_column(lang)]}**")
        indicator_panel(
            indicator,
            series_values_of(indicator_id),
            assessment,
            parts,
            part_id=part_id,
            quarter=quarter,
            lang=lang,
            key=f"al_{indicator_id}",
        )
        st.page_link(
            INDICATOR.path,
            label=t("action_lines.open_indicator", lang),
            query_params={"ind": indicator_id, "part": part_id, "lang": lang, "q": quarter},
        )
