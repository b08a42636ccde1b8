"""The Kingdom report's part profiles: per part of the Kingdom (European Netherlands, the
Caribbean countries, Caribbean Netherlands), on a page of its own, what the Kingdom parts page
shows in short: which series it counts, their status counts for the part and for each island or
country in it, the actions' distribution likewise (never merged with the series), and the
actions that need attention.

The part's rows are the pages' own figures: ``ui.rollup_tables.headline`` over the roll-ups
per action line, ``ui.action_tables.action_counts`` of ``actions_in_view``, and
``ui.action_rollups.needing_attention``.
"""

from __future__ import annotations

import pandas as pd

from report.content_sources import Sources
from report.content_summary import action_counts_rows
from report.content_tables import frame_table
from report.model import NOTE, Block, Heading, PageBreak, Paragraph
from ui.action_rollups import action_distribution_table, attention_help, needing_attention
from ui.action_tables import action_counts, action_table, actions_in_view, sort_actions
from ui.headline_series import scope_text
from ui.i18n import t
from ui.kingdom import KINGDOM, part_labels, shown_parts, subtree
from ui.rollup_tables import distribution_table, headline

__all__ = ["ATTENTION_COLUMNS", "part_profile_blocks", "profiled_parts"]

# The attention list: the Kingdom parts page's columns that fit a printed page.
ATTENTION_COLUMNS = ("priority", "part", "status", "since", "expected", "responsible")


def profiled_parts(parts: pd.DataFrame) -> list[str]:
    """The parts a Kingdom report profiles: those directly under the Kingdom (each profile has
    its islands and countries as rows)."""
    return shown_parts(parts, KINGDOM)[1:]


def _profile(sources: Sources, part_id: str, lang: str) -> list[Block]:
    parts = sources.parts
    members = subtree(parts, part_id)
    labels = part_labels(parts, members, lang)
    name = labels[part_id]
    key_label = t("table.part", lang)
    totals = {member: headline(sources.by_line, member) for member in members}
    series = pd.DataFrame([{"label": labels[m], **totals[m]} for m in members])
    blocks: list[Block] = [
        PageBreak(),
        Heading(t("parts.profile", lang, part=name), 1),
        Heading(t("action_rollups.series_heading", lang, part=name), 2),
        Paragraph(
            scope_text(parts, part_id=part_id, n_series=totals[part_id]["n_series"], lang=lang),
            NOTE,
        ),
        frame_table(
            distribution_table(series, key_label=key_label, lang=lang),
            lang=lang,
            numeric={t("table.share_on_track", lang)},
        ),
        Heading(t("action_rollups.heading", lang, part=name), 2),
    ]
    seen = {m: actions_in_view(sources.states, parts, part_id=m) for m in members}
    # The part's row, and a row for each island or country that reports actions itself.
    counts = {labels[m]: action_counts(seen[m]) for m in members}
    counts = {label: c for label, c in counts.items() if label == name or c.n_actions}
    if counts[name].n_actions == 0:
        blocks.append(Paragraph(t("actions.none_counted", lang, part=name), NOTE))
    else:
        table = action_distribution_table(
            action_counts_rows(counts), key_label=key_label, lang=lang
        )
        blocks.append(frame_table(table, lang=lang, numeric={t("actions.count.share", lang)}))
    blocks += [
        Heading(t("action_rollups.attention_heading", lang), 2),
        Paragraph(attention_help(lang), NOTE),
    ]
    needs = needing_attention(seen[part_id])
    if needs.empty:
        blocks.append(Paragraph(t("action_rollups.no_attention", lang, part=name), NOTE))
    else:
        table = action_table(sort_actions(needs), parts, lang=lang, columns=ATTENTION_COLUMNS)
        blocks.append(frame_table(table, lang=lang))
    return blocks


def part_profile_blocks(sources: Sources, *, lang: str) -> list[Block]:
    """A profile of each part under the Kingdom, each from a new page; none for a part report."""
    if sources.part_id != KINGDOM:
        return []
    return [
        block
        for part_id in profiled_parts(sources.parts)
        for block in _profile(sources, part_id, lang)
    ]
