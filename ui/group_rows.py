"""One part's roll-up rows per group (objective, action line), labelled and in the groups' order:
what the series' distributions (``ui.rollup_tables``) and the actions' (``ui.action_rollups``)
both start from. Pure pandas."""

from __future__ import annotations

import pandas as pd

from ui.kingdom import name_column

__all__ = ["labelled_groups"]


def labelled_groups(
    rollups: pd.DataFrame, names: pd.DataFrame, *, key: str, part_id: str, lang: str
) -> pd.DataFrame:
    """The rows of ``rollups`` (keyed by scope_part_id and ``key``) for ``part_id``, one per
    group of ``names`` (``key`` and name columns) in its order, with a ``label`` ("id · name");
    a group without a roll-up row keeps its place with empty counts, for the caller to fill."""
    rows = rollups.loc[rollups["scope_part_id"] == part_id]
    frame = names[[key, name_column(lang)]].merge(rows, on=key, how="left")
    frame["label"] = frame[key] + " · " + frame[name_column(lang)]
    return frame
