"""The report's body: per objective, per action line, what the Action lines page shows for the
part: the line's roll-up, its duiding, its actions with status, its indicators with status,
latest value and target, and a chart per indicator with its table.

An action line is in the report when something of it applies to the part: an indicator with a
series inside it, an action it sees, or a duiding by it or a unit under it; an objective when one
of its lines is. The frames are the page's own (``ui.series_tables``, ``ui.rollup_tables``,
``ui.action_tables``, ``ui.narrative_tables``), read from ``report.content_sources.Sources``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from report.content_charts import indicator_chart, target_text
from report.content_sources import Sources
from report.content_tables import frame_table
from report.model import NOTE, QUOTE, Block, Heading, Paragraph
from ui import series_tables
from ui.action_tables import ActionFilter, action_table, actions_in_view, filter_actions
from ui.catalogue_tables import in_force, option_label, retired_by
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import name_column, part_labels, part_level, subtree
from ui.narrative_tables import duiding_entries
from ui.rollup_tables import rollup_cell
from ui.series_tables import focus_series  # which series a part's row stands for: one rule
from ui.texts import present

__all__ = ["ACTION_COLUMNS", "INDICATOR_COLUMNS", "action_line_blocks", "indicator_table"]

# The actions table: the Actions page's columns that fit a printed page (the narratives are in
# the duiding above it and on the Actions page).
ACTION_COLUMNS = ("priority", "part", "status", "since", "expected", "responsible")
# The indicators table (catalog keys under ``table.``): the Action lines page's, with the target
# of the series the status is of; its progress share is left out for width (the ratio says it),
# and the statuses below in an island's or country's report.
INDICATOR_COLUMNS = (
    "indicator",
    "status",
    "latest",
    "target",
    "unit",
    "ratio",
    "trend",
    "flags",
    "series_below",
)
# Columns whose cells are numbers, right-aligned.
_NUMERIC = ("latest", "target", "ratio")
# The report's column -> the page's column it takes as it is (``tables.col.`` keys); latest,
# target and ratio are written here.
_PAGE_COLUMNS = {
    "indicator": "indicator",
    "status": "status",
    "unit": "unit",
    "trend": "trend",
    "flags": "flags",
    "series_below": "below",
}


def indicator_table(
    catalogue: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    quarter: str,
    action_line_id: str,
    lang: str,
) -> pd.DataFrame:
    """The Action lines page's indicator rows (``ui.series_tables.indicator_rows``, in force as
    of ``quarter``) with the target of the series each row's status is of; ``indicator_id``
    first."""
    rows = series_tables.indicator_rows(
        in_force(catalogue, quarter),
        assessment,
        parts,
        part_id=part_id,
        lang=lang,
        action_line_id=action_line_id,
    )
    decimals = dict(zip(catalogue["indicator_id"], catalogue["decimals"], strict=True))
    inside = subtree(parts, part_id)
    relevant = assessment.loc[
        assessment["indicator_id"].isin(rows["indicator_id"]) & assessment["part_id"].isin(inside)
    ]
    series: dict[str, list[Mapping[str, object]]] = {}
    for record in relevant.to_dict("records"):
        series.setdefault(record["indicator_id"], []).append(record)
    targets = []
    for indicator_id in rows["indicator_id"]:
        focus, _ = focus_series(series.get(indicator_id, []), part_id)
        places = int(decimals[indicator_id])
        targets.append(target_text(focus, places, lang) if focus is not None else "–")
    rows[t("table.target", lang)] = targets
    # On paper the latest value is text with its quarter and the indicator's decimals
    # ("12,5 (2026Q2)"), the pace ratio with two decimals: the page's numeric columns
    # (``Float64``, for sorting) written as the report writes them.
    value, quarter = rows[_col("value", lang)], rows[_col("quarter", lang)]
    rows[t("table.latest", lang)] = [
        f"{format_number(v, int(decimals[i]), lang)} ({q})" if present(v) else "–"
        for i, v, q in zip(rows["indicator_id"], value, quarter, strict=True)
    ]
    rows[t("table.ratio", lang)] = [format_number(r, 2, lang) for r in rows[_col("ratio", lang)]]
    # An island or country has no series below it: no column left empty on paper.
    names = list(INDICATOR_COLUMNS)
    if part_level(parts, part_id) == "entity":
        names.remove("series_below")
    taken = {name: page for name, page in _PAGE_COLUMNS.items() if name in names}
    table = rows.rename(
        columns={_col(page, lang): t(f"table.{name}", lang) for name, page in taken.items()}
    )
    return table[["indicator_id", *(t(f"table.{name}", lang) for name in names)]]


def _col(name: str, lang: str) -> str:
    """The page's label of an indicator row's column (``ui.series_tables.indicator_rows``)."""
    return t(f"tables.col.{name}", lang)


def _duiding_blocks(
    sources: Sources, action_line_id: str, part_name: str, lang: str
) -> list[Block]:
    entries = duiding_entries(
        sources.narratives,
        sources.parts,
        action_line_id=action_line_id,
        part_id=sources.part_id,
        quarter=sources.quarter,
        lang=lang,
    )
    if not entries:
        return []
    quarter = sources.quarter
    blocks: list[Block] = [Heading(t("duiding.heading", lang, part=part_name), 3)]
    if entries[0].part_id != sources.part_id:
        blocks.append(Paragraph(t("duiding.none_own", lang, part=part_name, quarter=quarter), NOTE))
    for entry in entries:
        written = f"{entry.part_name} · {entry.period}"
        if entry.older:
            written += f" · {t('duiding.older', lang, period=entry.period, quarter=quarter)}"
        blocks += [Paragraph(written, NOTE), Paragraph(entry.text, QUOTE)]
    return blocks


def _by_indicator(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``frame`` split per indicator once, so each chart filters its own few rows."""
    return {str(key): rows for key, rows in frame.groupby("indicator_id", sort=False)}


def _indicator_blocks(
    sources: Sources,
    action_line_id: str,
    part_name: str,
    lang: str,
    *,
    values: Mapping[str, pd.DataFrame],
    assessed: Mapping[str, pd.DataFrame],
) -> list[Block]:
    parts, part_id, quarter = sources.parts, sources.part_id, sources.quarter
    retired = series_tables.applicable_indicators(
        retired_by(sources.catalogue, quarter),
        parts,
        part_id=part_id,
        action_line_id=action_line_id,
    )
    rows = indicator_table(
        sources.catalogue,
        sources.assessment,
        parts,
        part_id=part_id,
        quarter=quarter,
        action_line_id=action_line_id,
        lang=lang,
    )
    if rows.empty and retired.empty:
        return []
    blocks: list[Block] = [Heading(t("action_lines.indicators", lang, part=part_name), 3)]
    if len(retired):
        names = "; ".join(option_label(row, lang) for row in retired.to_dict("records"))
        blocks.append(Paragraph(t("retired.in_view", lang, indicators=names), NOTE))
    if rows.empty:
        return blocks
    cell = rollup_cell(
        sources.by_line, parts, action_line_id=action_line_id, part_id=part_id, lang=lang
    )
    blocks.append(Paragraph(cell.help, NOTE))
    numeric = {t(f"table.{name}", lang) for name in _NUMERIC}
    table = rows.drop(columns="indicator_id")
    blocks.append(frame_table(table, lang=lang, numeric=numeric))
    for indicator in series_tables.catalogue_rows(sources.catalogue, rows["indicator_id"]):
        indicator_id = str(indicator["indicator_id"])
        chart = indicator_chart(
            indicator,
            values.get(indicator_id, sources.values.iloc[0:0]),
            assessed.get(indicator_id, sources.assessment.iloc[0:0]),
            parts,
            part_id=part_id,
            quarter=quarter,
            lang=lang,
        )
        if chart is None:
            name = f"{indicator_id} · {indicator[name_column(lang)]}"
            missing = t("empty.no_values", lang, part=part_name, quarter=quarter)
            blocks.append(Paragraph(f"{name}: {missing}", NOTE))
        else:
            blocks.append(chart)
    return blocks


def _action_blocks(
    seen: pd.DataFrame, sources: Sources, action_line_id: str, part_name: str, lang: str
) -> list[Block]:
    actions = filter_actions(seen, ActionFilter(action_line_ids=(action_line_id,)))
    if actions.empty:
        return []
    table = action_table(actions, sources.parts, lang=lang, columns=ACTION_COLUMNS)
    return [Heading(t("actions.line", lang, part=part_name), 3), frame_table(table, lang=lang)]


def action_line_blocks(sources: Sources, *, lang: str) -> list[Block]:
    """Heading 1 per objective, heading 2 per action line, then each line's sections (heading 3):
    duiding, actions, indicators with their charts. Lines and objectives that have nothing for
    the part are left out."""
    reference, part_id = sources.reference, sources.part_id
    part_name = part_labels(sources.parts, [part_id], lang)[part_id]
    seen = actions_in_view(sources.states, sources.parts, part_id=part_id)
    name = name_column(lang)
    values, assessed = _by_indicator(sources.values), _by_indicator(sources.assessment)
    blocks: list[Block] = []
    for objective in reference.objectives.to_dict("records"):
        lines = reference.action_lines.loc[
            reference.action_lines["objective_id"] == objective["objective_id"]
        ]
        body: list[Block] = []
        for line in lines.to_dict("records"):
            line_id = line["action_line_id"]
            sections = [
                *_duiding_blocks(sources, line_id, part_name, lang),
                *_action_blocks(seen, sources, line_id, part_name, lang),
                *_indicator_blocks(
                    sources, line_id, part_name, lang, values=values, assessed=assessed
                ),
            ]
            if sections:
                body += [Heading(f"{line_id} · {line[name]}", 2), *sections]
        if body:
            blocks += [Heading(f"{objective['objective_id']} · {objective[name]}", 1), *body]
    return blocks
