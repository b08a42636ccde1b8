"""The duiding (the policy team's account of where an action line stands) as pages show it: the
latest per part for a quarter, and the earlier ones.

A part's duiding is its own and, for a part with units under it, each unit's: a Kingdom view
shows the Kingdom's account and those of the parts and islands that wrote one. The latest text
for a quarter may be older than the quarter (nothing newer was written); the entry says so.

Pages pass in ``data.cache.narratives`` / ``narrative_history`` and the parts frame. Pure
pandas; no streamlit, no SQL.

| function | returns |
|---|---|
| ``duiding_entries(narratives, parts, ...)`` | the latest of a line per part, as of a quarter |
| ``duiding_history(history, parts, ...)`` | every duiding of a line up to the quarter |
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ui.i18n import t
from ui.kingdom import name_column, subtree
from ui.labels import in_language
from ui.texts import present

__all__ = ["Duiding", "duiding_entries", "duiding_history"]


@dataclass(frozen=True)
class Duiding:
    """One part's latest duiding of an action line as of a quarter."""

    part_id: str
    part_name: str
    period: str  # the quarter it was written for
    text: str  # in the reader's language (Dutch marked untranslated where no English exists)
    older: bool  # written for a quarter before the one asked for


def duiding_entries(
    narratives: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_id: str,
    quarter: str,
    lang: str,
) -> list[Duiding]:
    """The latest duiding of ``action_line_id`` for ``part_id`` and each unit under it that has
    one (``narratives``: the latest per line and part for ``quarter`` or earlier), the part
    first, then the units in the hierarchy's order."""
    rows = narratives.loc[narratives["action_line_id"] == action_line_id].set_index("part_id")
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    entries = []
    for unit in subtree(parts, part_id):
        if unit not in rows.index:
            continue
        row = rows.loc[unit]
        text = in_language(row["text"], row["text_en"], lang)
        if not text.strip():
            continue
        period = str(row["period"])
        entries.append(Duiding(unit, names[unit], period, text, older=period < quarter))
    return entries


def duiding_history(
    history: pd.DataFrame, parts: pd.DataFrame, *, part_id: str, quarter: str, lang: str
) -> pd.DataFrame:
    """Every duiding (``data.actions.narrative_history``: newest version per part and quarter)
    by ``part_id`` or a unit under it for ``quarter`` or earlier, newest quarter first."""
    units = subtree(parts, part_id)
    rows = history.loc[history["part_id"].isin(units) & (history["period"] <= quarter)]
    order = {unit: i for i, unit in enumerate(units)}
    rows = rows.assign(_order=rows["part_id"].map(order)).sort_values(
        ["period", "_order"], ascending=[False, True], kind="stable"
    )
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    return pd.DataFrame(
        {
            t("duiding.column.period", lang): list(rows["period"]),
            t("duiding.column.part", lang): [names[p] for p in rows["part_id"]],
            t("duiding.column.text", lang): [
                in_language(text, text_en, lang)
                for text, text_en in zip(rows["text"], rows["text_en"], strict=True)
            ],
            t("duiding.column.recorded_at", lang): [
                r.strftime("%Y-%m-%d %H:%M") if present(r) else None for r in rows["recorded_at"]
            ],
        },
        dtype=object,
    )
