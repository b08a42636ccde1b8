"""Actions beside indicators (METHOD.md v2 item 3): the actions of every Kingdom part rolled up
per part and group in one pass, for the Overview's matrix cells and distribution per objective,
and which of a part's actions need attention (Kingdom parts page). Never merged with the
indicator roll-ups of ``ui.rollup_tables``.

The actions of a part P are those whose reporting unit is P or a part or entity below P (the
hierarchy is ``metrics.hierarchy``'s, through ``ui.kingdom.subtree``: the same rule as the
schema's ``part_tree``). Their roll-up is ``metrics.actions.action_rollup``: a count per status
(``not_reported`` included), ``n_actions``, ``n_stale`` and ``share_on_schedule``.

| function | returns |
|---|---|
| ``action_rollups(states, parts, *, by=())`` | a roll-up row per part or entity and group |
| ``action_cell(rollups, parts, *, action_line_id, part_id, lang)`` | one action line x part |
| ``action_cells(rollups, parts, *, action_line_ids, part_ids, lang)`` | a cell for each pair |
| ``action_counts_text(counts)`` | the distribution in symbols: ``● 1 · ■ 2 · ? 1`` |
| ``action_distribution_rows(rollups, names, *, key, part_id, lang)`` | counts per group |
| ``action_distribution_table(rows, *, key_label, lang)`` | those rows as a labelled table |
| ``needing_attention(actions)`` | a part's counted actions that are delayed, at risk or stale |
| ``attention_help(lang)`` | which actions that is, in words |

``states`` is ``data.actions.action_states`` (one row per action). A part's whole distribution
(its cards) is ``ui.action_tables.action_counts`` of the actions it counts
(``ui.action_tables.actions_in_view``): the same rule, for one part. Pure pandas; no streamlit,
no SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from metrics.actions import ACTION_DISTRIBUTION_STATUSES, ACTION_ROLLUP_COLUMNS, action_rollup
from metrics.constants import ACTION_FINAL_STATUSES, ACTION_STALE_AFTER_QUARTERS
from metrics.errors import MetricError
from ui.format import format_share
from ui.group_rows import labelled_groups
from ui.i18n import t
from ui.kingdom import part_labels, part_level, subtree
from ui.palette import ACTION_STATUS_SYMBOLS, action_status_text
from ui.texts import present

__all__ = [
    "ACTION_ROLLUP_KEYS",
    "URGENT_STATUSES",
    "ActionCell",
    "action_cell",
    "action_cells",
    "action_counts_text",
    "action_distribution_rows",
    "action_distribution_table",
    "action_rollups",
    "attention_help",
    "needing_attention",
]

# What an action roll-up may be grouped by (besides the part, which action_rollups handles).
ACTION_ROLLUP_KEYS: tuple[str, ...] = ("objective_id", "action_line_id", "priority_id")

# The statuses that need attention whether stale or not; a stale action of any other status too.
URGENT_STATUSES: tuple[str, ...] = ("delayed", "at_risk")

_COUNTS = tuple(column for column in ACTION_ROLLUP_COLUMNS if column != "share_on_schedule")


def _membership(parts: pd.DataFrame) -> pd.DataFrame:
    """Every part or entity (part_id) with each part whose actions include its own
    (scope_part_id): itself and every part above it."""
    rows = [(member, scope) for scope in parts["part_id"] for member in subtree(parts, scope)]
    return pd.DataFrame(rows, columns=["part_id", "scope_part_id"])


def action_rollups(
    states: pd.DataFrame, parts: pd.DataFrame, *, by: Sequence[str] = ()
) -> pd.DataFrame:
    """A roll-up (``metrics.actions.action_rollup``) of the actions of every part and entity
    (``scope_part_id``), per group of ``by`` (drawn from ``ACTION_ROLLUP_KEYS``).

    One row per part and group that has actions; a part with none has no row (the cells read
    that as no actions). The matrix and the per-objective distribution read this frame.
    """
    unknown = [key for key in by if key not in ACTION_ROLLUP_KEYS]
    if unknown:
        raise MetricError(
            f"action_rollups: cannot group by {', '.join(unknown)}; "
            f"use {', '.join(ACTION_ROLLUP_KEYS)}"
        )
    keys = list(by)
    actions = states[[*keys, "part_id", "status", "stale"]]
    members = actions.merge(_membership(parts), on="part_id", how="inner")
    return action_rollup(members, by=["scope_part_id", *keys])


def _share(value: object) -> float | None:
    return float(value) if present(value) else None


def action_counts_text(counts: Mapping[str, object]) -> str:
    """The distribution of a roll-up row in symbols, statuses in display order, zero counts left
    out: ``● 1 · ► 1 · ■ 1 · ? 1``."""
    return " · ".join(
        f"{ACTION_STATUS_SYMBOLS[status]} {int(counts[status])}"
        for status in ACTION_DISTRIBUTION_STATUSES
        if present(counts.get(status)) and int(counts[status]) > 0
    )


def _level_text(parts: pd.DataFrame, part_id: str, lang: str) -> str:
    name = part_labels(parts, [part_id], lang)[part_id]
    return t(f"action_rollups.level_{part_level(parts, part_id)}", lang, part=name)


@dataclass(frozen=True)
class ActionCell:
    """The actions of one action line in one part, as the matrix and the Action lines page show
    them.

    ``text`` is the distribution in symbols with the share on schedule (``● 1 · ■ 1 (50 %)``),
    ``words`` the same counts in words with the stale ones, ``level`` which actions are counted,
    ``help`` the two together, for a tooltip.
    """

    action_line_id: str
    part_id: str
    text: str
    words: str
    level: str
    help: str
    n_actions: int
    n_stale: int
    share_on_schedule: float | None


def _cell(
    row: Mapping[str, object] | None,
    *,
    action_line_id: str,
    part_id: str,
    level: str,
    lang: str,
) -> ActionCell:
    n_actions = int(row["n_actions"]) if row is not None else 0
    if row is None or n_actions == 0:
        text = words = t("action_rollups.no_actions", lang)
        return ActionCell(
            action_line_id, part_id, text, words, level, f"{level}: {words}", 0, 0, None
        )
    share = _share(row["share_on_schedule"])
    n_stale = int(row["n_stale"])
    text = action_counts_text(row)
    parts_of_words = [
        f"{t(f'action_status.{status}', lang)}: {int(row[status])}"
        for status in ACTION_DISTRIBUTION_STATUSES
        if int(row[status]) > 0
    ]
    if n_stale:
        parts_of_words.append(t("action_rollups.stale_words", lang, n=n_stale))
    if share is not None:
        text += f" ({format_share(share, lang)})"
        parts_of_words.append(
            t("action_rollups.share_words", lang, share=format_share(share, lang))
        )
    words = "; ".join(parts_of_words)
    return ActionCell(
        action_line_id, part_id, text, words, level, f"{level}: {words}", n_actions, n_stale, share
    )


def action_cells(
    rollups: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_ids: Sequence[str],
    part_ids: Sequence[str],
    lang: str,
) -> dict[tuple[str, str], ActionCell]:
    """The cell of every (action line, part) pair; ``rollups`` from
    ``action_rollups(states, parts, by=("action_line_id",))``."""
    indexed = {
        (row["scope_part_id"], row["action_line_id"]): row for row in rollups.to_dict("records")
    }
    levels = {part_id: _level_text(parts, part_id, lang) for part_id in part_ids}
    return {
        (action_line_id, part_id): _cell(
            indexed.get((part_id, action_line_id)),
            action_line_id=action_line_id,
            part_id=part_id,
            level=levels[part_id],
            lang=lang,
        )
        for action_line_id in action_line_ids
        for part_id in part_ids
    }


def action_cell(
    rollups: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_id: str,
    lang: str,
) -> ActionCell:
    """The actions of one action line in one part: the Overview matrix's cell, for a page that
    shows it on its own (the Action lines page, which the cell links to): the same counts, the
    same words. ``rollups`` from ``action_rollups(states, parts, by=("action_line_id",))``."""
    cells = action_cells(
        rollups, parts, action_line_ids=[action_line_id], part_ids=[part_id], lang=lang
    )
    return cells[(action_line_id, part_id)]


def action_distribution_rows(
    rollups: pd.DataFrame, names: pd.DataFrame, *, key: str, part_id: str, lang: str
) -> pd.DataFrame:
    """The actions of ``part_id`` per ``key`` (objective_id, action_line_id), labelled, in the
    order of ``names`` (with ``key`` and name columns); groups without actions get zeros."""
    frame = labelled_groups(rollups, names, key=key, part_id=part_id, lang=lang)
    for column in _COUNTS:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame[["label", key, *ACTION_ROLLUP_COLUMNS]]


def action_distribution_table(rows: pd.DataFrame, *, key_label: str, lang: str) -> pd.DataFrame:
    """The action distribution as a table: one column per status (symbol and label), then the
    number of actions, how many are stale, and the share on schedule."""
    table: dict[str, list[object]] = {key_label: list(rows["label"])}
    for status in ACTION_DISTRIBUTION_STATUSES:
        table[action_status_text(status, lang)] = [int(n) for n in rows[status]]
    table[t("actions.count.actions", lang)] = [int(n) for n in rows["n_actions"]]
    table[t("actions.count.stale", lang)] = [int(n) for n in rows["n_stale"]]
    table[t("actions.count.share", lang)] = [
        format_share(_share(value), lang) for value in rows["share_on_schedule"]
    ]
    return pd.DataFrame(table)


def needing_attention(actions: pd.DataFrame) -> pd.DataFrame:
    """The counted actions of ``actions`` (``ui.action_tables.actions_in_view``: the part's own
    and its units') that are delayed, at risk, or stale (a status carried too long, or never
    reported; a final status never is). Rows of ``actions``, in its order."""
    needs = actions["status"].isin(URGENT_STATUSES) | actions["stale"].astype(bool)
    return actions.loc[actions["counted"].astype(bool) & needs]


def attention_help(lang: str) -> str:
    """Which actions ``needing_attention`` keeps, in words, with the staleness rule's numbers."""
    return t(
        "action_rollups.attention_help",
        lang,
        statuses=", ".join(t(f"action_status.{status}", lang) for status in URGENT_STATUSES),
        stale=ACTION_STALE_AFTER_QUARTERS,
        final=", ".join(t(f"action_status.{status}", lang) for status in ACTION_FINAL_STATUSES),
    )
