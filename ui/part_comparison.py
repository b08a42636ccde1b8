"""The Kingdom parts page's comparison: the parts side by side for one action line (by default
the first with series for the chosen part; one without says so in its option), as a
distribution chart with its table and the series table, or in words when there are none.

| function | draws |
|---|---|
| ``render_comparison(catalogue, by_line, parts, lines, table_of, *, ...)`` | all of it |

Imports ``ui.chart_context``, ``ui.chart_summary``, ``ui.charts``, ``ui.i18n``, ``ui.kingdom``,
``ui.rollup_tables``, ``ui.series_tables``, ``ui.widgets``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import rollup_tables, series_tables
from ui.chart_context import distribution_context
from ui.chart_summary import comparison_summary
from ui.charts import distribution_figure
from ui.i18n import t
from ui.kingdom import comparison_parts, name_column
from ui.table_format import show_table
from ui.widgets import chart_with_table

__all__ = ["render_comparison"]


def render_comparison(
    catalogue: pd.DataFrame,
    by_line: pd.DataFrame,
    parts: pd.DataFrame,
    lines: pd.DataFrame,
    table_of: Callable[[str], pd.DataFrame],
    *,
    part_id: str,
    part_name: str,
    quarter: str,
    lang: str,
) -> None:
    """The action line's choice, its distribution over the parts compared with ``part_id`` and
    their series side by side (``table_of(action_line_id)``: ``ui.parts_view``)."""
    line_names = dict(zip(lines["action_line_id"], lines[name_column(lang)], strict=True))
    # Open on the first action line with series for the chosen part; mark those without.
    with_series = series_tables.action_lines_with_series(catalogue, parts, part_id=part_id)
    no_series = f" ({t('parts_compare.option_no_series', lang, part=part_name)})"
    action_line_id = st.selectbox(
        t("parts.compare_action_line", lang),
        list(line_names),
        index=list(line_names).index(with_series[0]) if with_series else 0,
        key="parts_action_line",
        format_func=lambda a: f"{a} · {line_names[a]}" + ("" if a in with_series else no_series),
    )
    compared = comparison_parts(parts, part_id)
    spread = rollup_tables.part_distribution_rows(
        by_line, parts, action_line_id=action_line_id, part_ids=compared, lang=lang
    )
    if not spread["n_series"].any():
        names = ", ".join(spread["label"])
        st.info(t("parts_compare.no_series", lang, action_line=action_line_id, parts=names))
    else:
        part_title = t("table.part", lang)
        context = distribution_context(
            part_title, part=part_name, quarter=quarter, lang=lang, subject=action_line_id
        )
        chart_with_table(
            distribution_figure(spread, row_label=part_title, lang=lang),
            rollup_tables.distribution_table(spread, key_label=part_title, lang=lang),
            key="parts_spread",
            lang=lang,
            context=context,
            summary=comparison_summary(spread, lang=lang),
            columns=rollup_tables.distribution_layout(part_title, lang),
        )
        st.subheader(t("parts.compare_table", lang))
        table = table_of(action_line_id)
        layout = series_tables.comparison_layout(table)
        show_table(table, layout, key="parts_comparison", lang=lang, wrap=True)
