"""Streamlit blocks several pages share: the page header (title, caption, demo notice), the notice
for an empty catalogue, a chart with its summary in words and its table one click away (the
chart titled, sourced and dated, also in its PNG download: ``ui.chart_context``), the status
counts of the series and, beside them, of the actions, the distributions, the status changes,
the action-line matrix (a heat map with links, ``ui.heat_matrix``), the print layout. Page links
name their target through the page registry (``ui.pages``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics.constants import STATUSES
from metrics.periods import shift_period
from ui.action_rollups import action_distribution_table, attention_help, needing_attention
from ui.action_tables import action_counts, sort_actions
from ui.action_tables import action_table as action_frame
from ui.action_tables import status_changes as action_status_frame
from ui.action_widgets import action_distribution, action_table, actions_rule
from ui.catalogue_terms import catalogue_term
from ui.chart_context import (
    ChartContext,
    distribution_context,
    indicator_context,
    plotly_config,
    with_context,
)
from ui.chart_summary import distribution_summary, indicator_summary
from ui.charts import distribution_figure
from ui.format import format_number, format_share
from ui.heat import HEAT_CSS, carried_params, legend_html
from ui.heat_matrix import MATRIX_CSS, matrix_html
from ui.i18n import DEFAULT_LANG, t
from ui.indicator_chart import indicator_chart
from ui.indicator_search import PICKER_LIMIT, matching_options
from ui.kingdom import name_column, part_labels
from ui.literal import markdown_text
from ui.pager import ROWS_PER_PAGE, paged
from ui.pages import CATALOGUE
from ui.palette import status_text
from ui.rollup_tables import MatrixCell, MatrixRow, distribution_layout, distribution_table
from ui.series_tables import chart_table_layout
from ui.state import View
from ui.table_format import Column, shared_widths, show_table

__all__ = [
    "action_line_picker",
    "action_summary",
    "attention_list",
    "catalogue_missing",
    "chart_with_table",
    "distributions",
    "headline_metrics",
    "indicator_facts",
    "indicator_panel",
    "indicator_picker",
    "matrix",
    "page_header",
    "print_layout",
    "rollup_line",
    "status_changes",
    "status_counts",
    "table_or_info",
]

_PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  .block-container { padding-top: 0 !important; max-width: 100% !important; }
  details { break-inside: avoid; }
}
</style>
"""


def page_header(
    title_key: str,
    caption_key: str | None = None,
    *,
    view: View,
    **params: object,
) -> None:
    """The top of every page: its title, a caption, and a notice while the demo data is shown.

    Both texts may name the view's part (``{part}``) and quarter (``{quarter}``, a dash when
    there is none); ``params`` fill in any other placeholder.
    """
    values = {"part": view.part_name, "quarter": view.quarter or "–", **params}
    st.title(t(title_key, view.lang, **values))
    if caption_key is not None:
        st.caption(t(caption_key, view.lang, **values))
    if view.is_demo:
        st.warning(t("demo.notice", view.lang))


def catalogue_missing(lang: str) -> None:
    """Say that there are no indicators yet and where to load a catalogue, with a link there."""
    st.info(t("catalogue_missing.text", lang))
    st.page_link(
        CATALOGUE.path,
        label=t("catalogue_missing.link", lang),
        query_params={"lang": lang},
    )


def chart_with_table(
    figure: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    lang: str,
    context: ChartContext,
    summary: str,
    columns: Mapping[str, Column],
) -> None:
    """The chart's ``summary`` in words (``ui.chart_summary``), then the chart and, in the next
    tab, the same data as a table laid out by ``columns`` (``ui.table_format``). The chart
    carries its ``context`` (title, part, unit, quarter, source), also in the PNG its camera
    button downloads under a name of its own; plotly's controls speak ``lang``
    (``ui.chart_context``)."""
    st.markdown(markdown_text(summary))
    chart_tab, table_tab = st.tabs([t("chart.tab_chart", lang), t("chart.tab_table", lang)])
    shown = with_context(figure, context, lang)
    chart_tab.plotly_chart(
        shown,
        key=f"{key}_chart",
        config=plotly_config(context, lang, height=int(shown.layout.height)),
    )
    with table_tab:
        show_table(table, columns, key=f"{key}_table", lang=lang)


def table_or_info(
    table: pd.DataFrame,
    *,
    empty: str,
    key: str,
    full_height: bool = False,
    columns: Mapping[str, Column] | None = None,
    lang: str = DEFAULT_LANG,
) -> None:
    """``table`` without its index, or the sentence ``empty`` when it has no rows. With
    ``full_height`` every row shows (no inner scrolling), so the page prints whole. With
    ``columns`` (``ui.table_format.Column`` by label) it is laid out to fit at 1366 px, its
    texts wrapped and its numbers written in ``lang``'s way."""
    if table.empty:
        st.info(empty)
    else:
        show_table(
            table,
            columns or {},
            key=key,
            lang=lang,
            wrap=columns is not None,
            full_height=full_height,
        )


def headline_metrics(counts: dict[str, int], lang: str, *, caption: str) -> None:
    """What applies to the part (``data.queries.headline_counts``), one metric each, and under
    them the ``caption`` saying what is counted (``ui.headline_series.applies_text``)."""
    names = ("objectives", "action_lines", "indicators", "observations")
    for column, name in zip(st.columns(len(names)), names, strict=True):
        column.metric(t(f"overview.count.{name}", lang), format_number(counts[name], 0, lang))
    st.caption(caption)


def status_counts(totals: Mapping[str, object], lang: str) -> None:
    """Series, assessed, share on track; then one figure per status, each with symbol and label."""
    first = st.columns(3)
    first[0].metric(t("overview.count.series", lang), format_number(totals["n_series"], 0, lang))
    first[1].metric(t("overview.assessed", lang), format_number(totals["n_assessed"], 0, lang))
    first[2].metric(
        t("overview.on_track_share", lang), format_share(totals["share_on_track"], lang)
    )
    # Two rows, so that every label is readable in full.
    for statuses in (STATUSES[:4], STATUSES[4:]):
        for column, status in zip(st.columns(4), statuses, strict=False):
            column.metric(status_text(status, lang), format_number(totals[status], 0, lang))


def action_summary(actions: pd.DataFrame, parts: pd.DataFrame, *, view: View) -> None:
    """The part's actions under their own heading, below the series' status cards and never
    merged with them: which actions it counts (its own and its units') and their distribution
    with the share on schedule, as the Actions page shows them. ``actions`` is
    ``ui.action_tables.actions_in_view`` for the view's part."""
    lang = view.lang
    st.header(
        t("action_rollups.heading", lang, part=view.part_name), help=t("action_rollups.help", lang)
    )
    actions_rule(parts, view)
    action_distribution(action_counts(actions), part_name=view.part_name, lang=lang)


def attention_list(actions: pd.DataFrame, parts: pd.DataFrame, *, view: View) -> None:
    """The part's counted actions that need attention (``ui.action_rollups.needing_attention``),
    delayed first, then at risk, then the stale ones, in the Actions page's table."""
    lang = view.lang
    st.header(t("action_rollups.attention_heading", lang), help=attention_help(lang))
    needs = needing_attention(actions)
    if needs.empty:
        st.info(t("action_rollups.no_attention", lang, part=view.part_name))
    else:
        frame = action_frame(sort_actions(needs), parts, lang=lang)
        action_table(frame, lang=lang, key="parts_attention")


def distributions(
    series: pd.DataFrame,
    actions: pd.DataFrame,
    *,
    key_label: str,
    key: str,
    part_name: str,
    quarter: str,
    lang: str,
) -> None:
    """A distribution of the series as of ``quarter`` (chart and table) and, under its own
    label, the same groups' distribution of the actions
    (``ui.action_rollups.action_distribution_rows``): two sets, never added together. A part
    without actions of its own gets that in words, not zeros."""
    st.markdown(f"**{t('action_rollups.objective_series', lang)}**")
    chart_with_table(
        distribution_figure(series, row_label=key_label, lang=lang),
        distribution_table(series, key_label=key_label, lang=lang),
        key=key,
        lang=lang,
        context=distribution_context(key_label, part=part_name, quarter=quarter, lang=lang),
        summary=distribution_summary(series, lang=lang),
        columns=distribution_layout(key_label, lang),
    )
    st.markdown(f"**{t('action_rollups.objective_actions', lang)}**")
    if not actions["n_actions"].sum():
        st.info(t("actions.none_counted", lang, part=part_name))
        return
    table = action_distribution_table(actions, key_label=key_label, lang=lang)
    # Statuses as rows and the groups as columns: every status and the share fit at 1366 px.
    turned = table.set_index(key_label).T.astype(str)
    turned = turned.reset_index(names=t("action_rollups.measure", lang))
    columns = shared_widths(list(turned.columns), 150)
    show_table(turned, columns, key=f"{key}_actions", lang=lang)


def status_changes(
    series: pd.DataFrame,
    actions: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    quarter: str,
    previous: str,
    part_name: str,
    lang: str,
    key: str,
) -> None:
    """What changed between ``previous`` and ``quarter`` (the heading and the choice of
    ``previous`` are ``ui.compare``'s): the series whose status changed
    (``ui.series_tables.status_changes``, a page at a time: ``ui.pager``) and, under its own
    label, the actions whose status changed (``ui.action_tables.status_changes`` of
    ``actions``, the part's ``actions_in_view`` with ``previous_status`` the status as of
    ``previous``), as the Actions page lists them.
    Against an earlier quarter than the one before, the "previous" column names it."""
    st.markdown(f"**{t('action_rollups.changes_series', lang)}**")
    # A page at a time: at M thousands of series change status between two quarters.
    page = paged(series, key=f"{key}_changes_page", lang=lang, size=ROWS_PER_PAGE, noun="series")
    table_or_info(
        page,
        empty=t("compare.no_series", lang, part=part_name, quarter=quarter, other=previous),
        key=f"{key}_changes",
    )
    st.markdown(f"**{t('action_rollups.changes_actions', lang)}**")
    changes = action_status_frame(actions, parts, lang=lang)
    if changes.empty:
        st.info(t("compare.no_actions", lang, quarter=quarter, other=previous))
        return
    if previous != shift_period(quarter, -1):
        label = t("compare.status_in", lang, quarter=previous)
        changes = changes.rename(columns={t("actions.column.previous", lang): label})
    action_table(changes, lang=lang, key=f"{key}_action_changes")


def matrix(
    rows: Sequence[MatrixRow], labels: Mapping[str, str], *, lang: str, quarter: str
) -> None:
    """The action lines × parts grid as a heat map (``ui.heat_matrix``): each cell holds two
    lines, the series (coloured by their mean score, the counts as text) and the actions (not
    coloured), each with its own label and counts (never merged), each linking to that action
    line for that part, where the same counts are shown again. Captions and a legend say what a
    cell counts and what its colour means."""
    st.caption(t("matrix_counted.caption", lang))
    if any(row.actions for row in rows):
        st.caption(t("action_rollups.matrix_caption", lang))
    params = carried_params(st.query_params.to_dict(), lang=lang, quarter=quarter)
    st.html(
        HEAT_CSS
        + MATRIX_CSS
        + legend_html(lang)
        + matrix_html(rows, labels, lang=lang, params=params)
    )


def rollup_line(cell: MatrixCell, *, part_name: str, lang: str) -> None:
    """An action line's roll-up for one part, as its cell in the Overview's matrix shows it: which
    series are counted, the counts with symbols and share, and the counts in words. For a part,
    a note that the table's status is the part's own (often derived) value, not counted here."""
    st.markdown(
        t("matrix_counted.line", lang, level=cell.level, counts=cell.text),
        help=t("matrix_counted.line_help", lang),
    )
    if cell.n_series:
        st.caption(cell.words)
    if not cell.is_entity:
        st.caption(
            t(
                "matrix_counted.table_note",
                lang,
                part=part_name,
                status=t("table.status", lang),
                below=t("table.series_below", lang),
            )
        )


def print_layout() -> None:
    """Leave the sidebar and toolbar out when the browser prints the page."""
    st.html(_PRINT_CSS)


def action_line_picker(
    objectives: pd.DataFrame, action_lines: pd.DataFrame, *, objective_id: str, lang: str
) -> None:
    """Objective, then action line; keyed ``obj`` and ``al`` (``ui.state.action_line_choice``)."""
    name = name_column(lang)
    objective_names = dict(zip(objectives["objective_id"], objectives[name], strict=True))
    line_names = dict(zip(action_lines["action_line_id"], action_lines[name], strict=True))
    left, right = st.columns([1, 2])
    left.selectbox(
        t("action_lines.objective", lang),
        list(objective_names),
        key="obj",
        format_func=lambda o: f"{o} · {objective_names[o]}",
    )
    right.selectbox(
        t("action_lines.action_line", lang),
        list(action_lines.loc[action_lines["objective_id"] == objective_id, "action_line_id"]),
        key="al",
        format_func=lambda a: f"{a} · {line_names[a]}",
    )


def indicator_picker(
    labels: Mapping[str, str], *, chosen: str, label: str, lang: str, key: str = "ind"
) -> None:
    """An indicator picker that searches: a text search, then a selectbox (widget ``key``) of
    the ``chosen`` indicator and at most ``PICKER_LIMIT`` matches (``ui.indicator_search``), so
    a catalogue of thousands never sends thousands of options. ``labels``: id -> label."""
    query = st.text_input(
        t("picker.search", lang),
        key=f"{key}_search",
        help=t("picker.search_help", lang, limit=PICKER_LIMIT),
    )
    options = matching_options(labels, query, chosen=chosen)
    st.selectbox(label, options.ids, key=key, format_func=labels.get)
    found = format_number(options.found, 0, lang)
    if query.strip() and not options.found:
        st.caption(t("picker.none", lang, query=query.strip()))
    elif options.cut:
        shown = format_number(PICKER_LIMIT, 0, lang)
        st.caption(t("picker.shown", lang, shown=shown, found=found))


def indicator_panel(
    indicator: Mapping[str, object],
    values: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    quarter: str,
    lang: str,
    key: str,
    target_history: pd.DataFrame | None = None,
) -> bool:
    """One indicator's chart (the part and the parts below it) with its table.

    ``values`` are the indicator's values up to ``quarter``. False, with "no data up to the
    quarter" shown instead, only when no part or entity inside ``part_id`` has a value up to
    ``quarter`` (``ui.series_tables.chart_inputs``). With ``target_history``
    (``data.catalogue.target_history``), the quarters in which a drawn part's target changed
    are marked on the chart and listed in its table.
    """
    chart = indicator_chart(
        indicator,
        values,
        assessment,
        parts,
        part_id=part_id,
        lang=lang,
        target_history=target_history,
    )
    part = part_labels(parts, [part_id], lang)[part_id]
    if chart is None:
        st.info(t("empty.no_values", lang, part=part, quarter=quarter))
        return False
    chart_with_table(
        chart.figure,
        chart.table,
        key=key,
        lang=lang,
        context=indicator_context(indicator, part=part, quarter=quarter, lang=lang),
        summary=indicator_summary(
            chart.values,
            chart.series,
            chart.labels,
            unit=chart.unit,
            decimals=chart.decimals,
            lang=lang,
        ),
        columns=chart_table_layout(lang, chart.decimals),
    )
    return True


def indicator_facts(
    indicator: Mapping[str, object], action_lines: pd.DataFrame, *, lang: str
) -> None:
    """Definition, unit, direction, target type, method, frequency, source, owner, aggregation."""
    definition = indicator.get(f"definition_{lang}")
    has_definition = isinstance(definition, str) and definition.strip()
    st.markdown(
        f"**{t('indicator.definition', lang)}.** "
        + (definition if has_definition else t("indicator.no_definition", lang))
    )
    line_names = dict(
        zip(action_lines["action_line_id"], action_lines[name_column(lang)], strict=True)
    )
    facts = {
        "action_line": f"{indicator['action_line_id']} · {line_names[indicator['action_line_id']]}",
        "unit": str(indicator[f"unit_{lang}"]),
        "direction": t(f"direction.{indicator['direction']}", lang),
        "target_type": t(f"target_type.{indicator['target_type']}", lang),
        "method": t(f"method_value.{indicator['method']}", lang),
        "frequency": t(f"frequency.{indicator['frequency']}", lang),
        "aggregation": t(f"aggregation.{indicator['aggregation']}", lang),
        "source": catalogue_term(indicator["source"], "source", lang),
        "owner": catalogue_term(indicator["owner"], "owner", lang),
    }
    reference = indicator.get("reference")
    if isinstance(reference, str) and reference.strip():
        facts["reference"] = catalogue_term(reference, "reference", lang)
    left, right = st.columns(2)
    items = list(facts.items())
    half = (len(items) + 1) // 2
    for column, chunk in ((left, items[:half]), (right, items[half:])):
        column.markdown(
            "\n".join(f"- **{t(f'indicator.{key}', lang)}:** {value}" for key, value in chunk)
        )
