"""The lists of actions the Overview and the Kingdom parts page show beside the indicators: the
actions whose status changed since the previous quarter, and the actions that need attention
(delayed, at risk, or stale). Rows of ``data.actions.action_states`` of a part
(``ui.action_rollups.part_actions``: the part's own and those of the units below it), labelled in
the reader's language. Pure pandas; no streamlit, no SQL.

| function | returns |
|---|---|
| ``action_status_changes(states, parts, *, part_id, lang)`` | previous status -> status |
| ``attention_actions(states, parts, *, part_id, lang)`` | delayed, at-risk and stale actions |
| ``attention_help(lang)`` | which actions that list holds, in words |
"""

from __future__ import annotations

import pandas as pd

from metrics.constants import ACTION_FINAL_STATUSES, ACTION_STALE_AFTER_QUARTERS
from ui.action_rollups import part_actions
from ui.i18n import t
from ui.kingdom import part_labels
from ui.labels import in_language
from ui.palette import action_status_text
from ui.texts import present

__all__ = ["ATTENTION_FIRST", "action_status_changes", "attention_actions", "attention_help"]

# Listed first among the actions that need attention, in this order; then the stale ones.
ATTENTION_FIRST: tuple[str, ...] = ("delayed", "at_risk")


def _text(value: object) -> str:
    return str(value) if present(value) and str(value).strip() else "–"


def action_status_changes(
    states: pd.DataFrame, parts: pd.DataFrame, *, part_id: str, lang: str
) -> pd.DataFrame:
    """The actions of ``part_id`` whose status as of the quarter differs from their status as of
    the quarter before (``previous_status``, at the same vintage), in the strategy's order: the
    priority, who reports it, the previous status and the status now (stale ones marked), and
    what the priority is about."""
    actions = part_actions(states, parts, part_id=part_id)
    changed = actions.loc[actions["status"] != actions["previous_status"]]
    names = part_labels(parts, list(parts["part_id"]), lang)
    rows = changed.to_dict("records")
    return pd.DataFrame(
        {
            t("action_rollups.col_priority", lang): [row["priority_id"] for row in rows],
            t("table.part", lang): [names[row["part_id"]] for row in rows],
            t("table.previous_status", lang): [
                action_status_text(row["previous_status"], lang) for row in rows
            ],
            t("table.status", lang): [
                action_status_text(row["status"], lang, stale=bool(row["stale"])) for row in rows
            ],
            t("action_rollups.col_summary", lang): [
                in_language(r["summary_nl"], r["summary_en"], lang) for r in rows
            ],
        }
    )


def attention_actions(
    states: pd.DataFrame, parts: pd.DataFrame, *, part_id: str, lang: str
) -> pd.DataFrame:
    """The actions of ``part_id`` that are delayed, at risk or stale (a stale one may carry any
    status that is not final, or never have been reported): delayed first, then at risk, then
    the other stale ones; within each, the strategy's order. With the quarter of the report the
    status comes from, the quarter the status last changed, expected completion, responsible, and
    what the priority is about."""
    actions = part_actions(states, parts, part_id=part_id)
    needs = actions.loc[actions["status"].isin(ATTENTION_FIRST) | actions["stale"].astype(bool)]
    rank = {status: position for position, status in enumerate(ATTENTION_FIRST)}
    order = sorted(
        range(len(needs)),
        key=lambda i: (rank.get(needs["status"].iloc[i], len(rank)), i),
    )
    rows = needs.iloc[order].to_dict("records")
    names = part_labels(parts, list(parts["part_id"]), lang)
    return pd.DataFrame(
        {
            t("action_rollups.col_priority", lang): [row["priority_id"] for row in rows],
            t("table.part", lang): [names[row["part_id"]] for row in rows],
            t("table.status", lang): [
                action_status_text(row["status"], lang, stale=bool(row["stale"])) for row in rows
            ],
            t("action_rollups.col_reported", lang): [_text(r["reported_period"]) for r in rows],
            t("action_rollups.col_since", lang): [_text(r["status_since"]) for r in rows],
            t("action_rollups.col_expected", lang): [_text(r["expected_completion"]) for r in rows],
            t("action_rollups.col_responsible", lang): [_text(r["responsible"]) for r in rows],
            t("action_rollups.col_summary", lang): [
                in_language(r["summary_nl"], r["summary_en"], lang) for r in rows
            ],
        }
    )


def attention_help(lang: str) -> str:
    """What ``attention_actions`` lists, in words, with the staleness rule's numbers."""
    return t(
        "action_rollups.attention_help",
        lang,
        statuses=", ".join(t(f"action_status.{status}", lang) for status in ATTENTION_FIRST),
        stale=ACTION_STALE_AFTER_QUARTERS,
        final=", ".join(t(f"action_status.{status}", lang) for status in ACTION_FINAL_STATUSES),
    )
