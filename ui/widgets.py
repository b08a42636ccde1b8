"""Streamlit blocks several pages share: the page header (title, caption, demo notice), the notice
for an empty catalogue, a chart with its table one click away, the status counts of the series
and, beside them, of the actions, the distributions, the status changes, the action-line matrix
with links, the print layout. Page links name their target through the page registry
(``ui.pages``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics.constants import STATUSES
from ui.action_rollups import action_distribution_table, attention_help, needing_attention
from ui.action_tables import action_counts, sort_actions
from ui.action_tables import action_table as action_frame
from ui.action_tables import status_changes as action_status_frame
from ui.action_widgets import action_distribution, action_table, actions_rule
from ui.charts import distribution_figure
from ui.format import format_number, format_share
from ui.i18n import t
from ui.indicator_chart import indicator_chart
from ui.kingdom import name_column, part_labels
from ui.pages import ACTION_LINES, CATALOGUE
from ui.palette import status_text
from ui.rollup_tables import MatrixCell, MatrixRow, distribution_table
from ui.state import View

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

# A matrix cell's links hold a distribution that may be longer than the cell is wide (four parts
# side by side at 1366 px): let the label wrap instead of cutting it off.
_WRAPPING_LINKS_CSS = """
<style>
[data-testid="stPageLink-NavLink"] span,
[data-testid="stPageLink-NavLink"] p {
  white-space: normal !important;
  overflow: visible !important;
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


def chart_with_table(figure: go.Figure, table: pd.DataFrame, *, key: str, lang: str) -> None:
    """A chart and, in the next tab, the same data as a table."""
    chart_tab, table_tab = st.tabs([t("chart.tab_chart", lang), t("chart.tab_table", lang)])
    chart_tab.plotly_chart(figure, key=f"{key}_chart", config={"displaylogo": False})
    table_tab.dataframe(table, hide_index=True, key=f"{key}_table")


def table_or_info(table: pd.DataFrame, *, empty: str, key: str, full_height: bool = False) -> None:
    """``table`` without its index, or the sentence ``empty`` when it has no rows. With
    ``full_height`` every row shows (no inner scrolling), so the page prints whole."""
    if table.empty:
        st.info(empty)
    elif full_height:
        st.dataframe(table, hide_index=True, height="content", key=key)
    else:
        st.dataframe(table, hide_index=True, key=key)


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
    lang: str,
) -> None:
    """A distribution of the series (chart and table) and, under its own label, the same groups'
    distribution of the actions (``ui.action_rollups.action_distribution_rows``): two sets,
    never added together. A part without actions of its own gets that in words, not zeros."""
    st.markdown(f"**{t('action_rollups.objective_series', lang)}**")
    chart_with_table(
        distribution_figure(series, row_label=key_label, lang=lang),
        distribution_table(series, key_label=key_label, lang=lang),
        key=key,
        lang=lang,
    )
    st.markdown(f"**{t('action_rollups.objective_actions', lang)}**")
    if not actions["n_actions"].sum():
        st.info(t("actions.none_counted", lang, part=part_name))
        return
    table = action_distribution_table(actions, key_label=key_label, lang=lang)
    # Statuses as rows and the groups as columns: every status and the share fit at 1366 px.
    turned = table.set_index(key_label).T.astype(str)
    turned = turned.reset_index(names=t("action_rollups.measure", lang))
    st.dataframe(turned, hide_index=True, key=f"{key}_actions")


def status_changes(
    series: pd.DataFrame | None,
    actions: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    previous: str,
    part_name: str,
    lang: str,
) -> None:
    """What changed since the quarter before (``previous``): the series whose status changed
    (``ui.series_tables.status_changes``; None when there is no data for ``previous``) and,
    under its own label, the actions whose status changed (``ui.action_tables.status_changes``
    of ``actions``, the part's ``actions_in_view``), as the Actions page lists them."""
    st.header(t("overview.changes_heading", lang, previous=previous))
    st.markdown(f"**{t('action_rollups.changes_series', lang)}**")
    if series is None:
        st.info(t("empty.no_previous", lang))
    else:
        table_or_info(
            series,
            empty=t("empty.no_changes", lang, part=part_name, previous=previous),
            key="overview_changes",
        )
    st.markdown(f"**{t('action_rollups.changes_actions', lang)}**")
    changes = action_status_frame(actions, parts, lang=lang)
    if changes.empty:
        st.info(t("actions.no_changes", lang, previous=previous))
    else:
        action_table(changes, lang=lang, key="overview_action_changes")


def matrix(
    rows: Sequence[MatrixRow], labels: Mapping[str, str], *, lang: str, quarter: str
) -> None:
    """The action lines × parts grid; each cell holds two lines, the series and the actions,
    each with its own label and counts (never merged), and each linking to that action line for
    that part, where the same counts are shown again. Captions say what a cell counts."""
    st.html(_WRAPPING_LINKS_CSS)
    st.caption(t("matrix_counted.caption", lang))
    if any(row.actions for row in rows):
        st.caption(t("action_rollups.matrix_caption", lang))
    widths = [2, *[2] * len(labels)]
    for column, name in zip(st.columns(widths), ["", *labels.values()], strict=True):
        column.markdown(f"**{name}**")
    for row in rows:
        columns = st.columns(widths, vertical_alignment="center")
        columns[0].markdown(row.label)
        actions = row.actions or (None,) * len(row.cells)
        for column, cell, action in zip(columns[1:], row.cells, actions, strict=True):
            params = {"al": row.action_line_id, "part": cell.part_id, "lang": lang, "q": quarter}
            label = _keep_together(cell.text)
            if action is not None:
                label = t("action_rollups.cell_series", lang, counts=label)
            column.page_link(ACTION_LINES.path, label=label, help=cell.help, query_params=params)
            if action is not None:
                column.page_link(
                    ACTION_LINES.path,
                    label=t(
                        "action_rollups.cell_actions", lang, counts=_keep_together(action.text)
                    ),
                    help=action.help,
                    query_params=params,
                )


def _keep_together(counts: str) -> str:
    """A distribution (``✔ 1 · ◆ 2 (33 %)``) that wraps only between statuses: no line break
    between a symbol and its count, nor inside the share."""
    return " · ".join(part.replace(" ", "\u00a0") for part in counts.split(" · "))


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
    if chart is None:
        part = part_labels(parts, [part_id], lang)[part_id]
        st.info(t("empty.no_values", lang, part=part, quarter=quarter))
        return False
    chart_with_table(chart.figure, chart.table, key=key, lang=lang)
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
        "source": str(indicator["source"]),
        "owner": str(indicator["owner"]),
    }
    reference = indicator.get("reference")
    if isinstance(reference, str) and reference.strip():
        facts["reference"] = reference
    left, right = st.columns(2)
    items = list(facts.items())
    half = (len(items) + 1) // 2
    for column, chunk in ((left, items[:half]), (right, items[half:])):
        column.markdown(
            "\n".join(f"- **{t(f'indicator.{key}', lang)}:** {value}" for key, value in chunk)
        )
