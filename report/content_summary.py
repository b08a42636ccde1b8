"""The report's summary: the Overview's status distribution per objective with the part's total
and its share achieved or on track, beside it (never merged) the actions' distribution, then what
changed since the previous quarter (``report.content_changes``).

The frames are the Overview's own: ``ui.rollup_tables`` over the ``data.rollup_scope`` roll-ups,
``ui.action_rollups`` and ``ui.action_tables`` over ``data.actions.action_states``.
"""

from __future__ import annotations

import pandas as pd

from report.content_changes import change_blocks
from report.content_sources import Sources
from report.content_tables import frame_table
from report.model import BODY, NOTE, Block, Heading, Paragraph
from ui.action_rollups import action_distribution_rows, action_distribution_table, action_rollups
from ui.action_tables import ActionCounts, action_counts, actions_in_view
from ui.format import format_number, format_share
from ui.i18n import t
from ui.kingdom import part_labels
from ui.rollup_tables import distribution_rows, distribution_table, headline

__all__ = ["action_counts_rows", "share_text", "summary_blocks"]


def share_text(totals: dict[str, float], part_name: str, lang: str) -> str:
    """The part's share of assessed series achieved or on track, in a sentence."""
    if not totals["n_assessed"]:
        return t("report.summary.none_assessed", lang, part=part_name)
    return t(
        "report.summary.share",
        lang,
        part=part_name,
        share=format_share(totals["share_on_track"], lang),
        assessed=format_number(totals["n_assessed"], 0, lang),
        series=format_number(totals["n_series"], 0, lang),
    )


def action_counts_rows(counts: dict[str, ActionCounts]) -> pd.DataFrame:
    """Labelled ``ui.action_tables.ActionCounts`` (label -> counts) as the rows
    ``ui.action_rollups.action_distribution_table`` takes."""
    return pd.DataFrame(
        [
            {
                "label": label,
                **one.counts,
                "n_actions": one.n_actions,
                "n_stale": one.n_stale,
                "share_on_schedule": one.share_on_schedule,
            }
            for label, one in counts.items()
        ]
    )


def _series_blocks(sources: Sources, part_name: str, lang: str) -> list[Block]:
    part_id, objectives = sources.part_id, sources.reference.objectives
    key_label = t("table.objective", lang)
    rows = distribution_rows(
        sources.by_objective, objectives, key="objective_id", part_id=part_id, lang=lang
    )
    totals = headline(sources.by_objective, part_id)
    total = pd.DataFrame([{"label": t("report.summary.total", lang, part=part_name), **totals}])
    table = distribution_table(
        pd.concat([rows, total], ignore_index=True), key_label=key_label, lang=lang
    )
    return [
        Heading(t("overview.status_heading", lang, part=part_name), 2),
        Paragraph(share_text(totals, part_name, lang), BODY),
        frame_table(table, lang=lang, numeric={t("table.share_on_track", lang)}),
    ]


def _action_blocks(sources: Sources, part_name: str, lang: str) -> list[Block]:
    parts, part_id = sources.parts, sources.part_id
    heading = Heading(t("action_rollups.heading", lang, part=part_name), 2)
    counts = action_counts(actions_in_view(sources.states, parts, part_id=part_id))
    if counts.n_actions == 0:
        return [heading, Paragraph(t("actions.none_counted", lang, part=part_name), NOTE)]
    key_label = t("table.objective", lang)
    rows = action_distribution_rows(
        action_rollups(sources.states, parts, by=("objective_id",)),
        sources.reference.objectives,
        key="objective_id",
        part_id=part_id,
        lang=lang,
    )
    total = action_counts_rows({t("report.summary.total", lang, part=part_name): counts})
    table = action_distribution_table(
        pd.concat([rows, total], ignore_index=True), key_label=key_label, lang=lang
    )
    return [
        heading,
        frame_table(table, lang=lang, numeric={t("actions.count.share", lang)}),
    ]


def summary_blocks(sources: Sources, *, lang: str) -> list[Block]:
    """Heading 1 "Summary", the series and the actions per objective with the part's total,
    and what changed since the previous quarter."""
    part_id = sources.part_id
    part_name = part_labels(sources.parts, [part_id], lang)[part_id]
    return [
        Heading(t("report.summary.heading", lang), 1),
        *_series_blocks(sources, part_name, lang),
        *_action_blocks(sources, part_name, lang),
        *change_blocks(sources, part_name=part_name, lang=lang),
    ]
