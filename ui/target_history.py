"""One indicator's baselines and targets through time: every version as a table, and the quarters
in which the target of a part shown on its chart changed (where the chart marks "target changed").

Pages pass in ``data.catalogue.target_history`` (through ``data.cache``): one row per version of
each target row (part_id, baseline and target period and value, ``removed``, reason,
recorded_at, the import's user and file), newest first per part. A part without a row of its own
takes the Kingdom row (the default), so its target changes when the Kingdom row does. Pure
pandas; no streamlit, no SQL.

| function | returns |
|---|---|
| ``quarter_of(moment)`` | the quarter a moment falls in (``2026-05-10`` -> ``2026Q2``) |
| ``history_table(history, parts, *, part_id, decimals, lang)`` | every version, labelled |
| ``change_quarters(history, part_ids)`` | quarter -> the parts whose target changed in it |
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

import pandas as pd

from metrics.periods import period_from_index
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import KINGDOM, ancestors, name_column, subtree
from ui.texts import is_true, present

__all__ = ["change_quarters", "history_table", "quarter_of"]


def quarter_of(moment: date | datetime) -> str:
    return period_from_index(4 * moment.year + (moment.month - 1) // 3)


def _kinds(history: pd.DataFrame) -> list[str]:
    """Per row: ``removed``, ``new`` (a part's first version, or the first after a removal) or
    ``changed``."""
    kinds = pd.Series("changed", index=history.index, dtype=object)
    for _, versions in history.sort_values("recorded_at").groupby("part_id", sort=False):
        previous_removed = True
        for index, removed in zip(versions.index, versions["removed"], strict=True):
            if is_true(removed):
                kinds[index] = "removed"
            elif previous_removed:
                kinds[index] = "new"
            previous_removed = is_true(removed)
    return list(kinds)


def history_table(
    history: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    decimals: int,
    lang: str,
    with_users: bool = True,
) -> pd.DataFrame:
    """Every version of the target rows that bear on ``part_id``: its own and those of the
    parts below it, and the rows above it whose default it takes. Newest first per part.
    Without ``with_users`` (a reader nobody signed in) the people who made them are left out."""
    relevant = set(ancestors(parts, part_id)) | set(subtree(parts, part_id))
    rows = history.loc[history["part_id"].isin(relevant)]
    kinds = _kinds(rows) if len(rows) else []
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    records = rows.to_dict("records")

    def value(row: Mapping[str, object], what: str) -> str:
        if is_true(row["removed"]) or not present(row[f"{what}_value"]):
            return "–"
        number = format_number(row[f"{what}_value"], decimals, lang)
        period = row[f"{what}_period"]
        return f"{number} ({period})" if present(period) else number

    def part(part_id: str) -> str:
        name = names.get(part_id, part_id)
        return f"{name} ({t('catalogue.kingdom_default', lang)})" if part_id == KINGDOM else name

    def text(value: object) -> str:
        return str(value) if present(value) else ""

    table = pd.DataFrame(
        {
            t("target_history.col.part", lang): [part(r["part_id"]) for r in records],
            t("target_history.col.recorded_at", lang): [
                r["recorded_at"].strftime("%Y-%m-%d %H:%M") for r in records
            ],
            t("target_history.col.change", lang): [t(f"target_history.{k}", lang) for k in kinds],
            t("target_history.col.baseline", lang): [value(r, "baseline") for r in records],
            t("target_history.col.target", lang): [value(r, "target") for r in records],
            t("target_history.col.reason", lang): [text(r["reason"]) for r in records],
            t("target_history.col.user", lang): [text(r["user_name"]) for r in records],
            t("target_history.col.file", lang): [text(r["file_name"]) for r in records],
        }
    )
    return table if with_users else table.drop(columns=[t("target_history.col.user", lang)])


def change_quarters(history: pd.DataFrame, part_ids: Sequence[str]) -> dict[str, list[str]]:
    """For the parts ``part_ids`` (those a chart shows): each quarter in which a part's target
    row changed after its first version (a change or a removal), with the parts it changed for,
    oldest quarter first. A part without a row of its own follows the Kingdom row."""
    with_rows = set(history["part_id"])
    recorded: dict[str, list[datetime]] = {
        key: sorted(group["recorded_at"]) for key, group in history.groupby("part_id")
    }
    changes: dict[str, list[str]] = {}
    for part_id in part_ids:
        key = part_id if part_id in with_rows else KINGDOM
        for moment in recorded.get(key, [])[1:]:
            changed_for = changes.setdefault(quarter_of(moment), [])
            if part_id not in changed_for:
                changed_for.append(part_id)
    return dict(sorted(changes.items()))
