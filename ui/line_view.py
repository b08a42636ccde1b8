"""The Action lines page's indicators of one line, once per (data version, quarter, part,
language, vintage, action line): the pattern of ``ui.overview_view``. At M an action line holds
hundreds of indicators, and its table and the filter for what is behind took half a second a
rerun.

| function | what it does |
|---|---|
| ``line_view(_reads, token, quarter, part_id, lang, vintage, action_line_id)`` | a ``LineView`` |
| ``LineView.shown_rows(only_behind)`` | the table's rows, all or those behind |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

if TYPE_CHECKING:
    from types import ModuleType

from ui.behind_filter import indicators_behind
from ui.catalogue_tables import in_force, option_labels, retired_by
from ui.series_tables import applicable_indicators, indicator_rows

__all__ = ["LineView", "line_view"]

_TTL_S = 3600


@dataclass(frozen=True)
class LineView:
    """An action line's indicators for one part as of a quarter, before they are drawn."""

    indicators: tuple[str, ...]  # in force as of the quarter and applying to the part, in order
    behind: tuple[str, ...]  # those of them behind (``ui.behind_filter.indicators_behind``)
    rows: pd.DataFrame  # ``ui.series_tables.indicator_rows`` of them, ``indicator_id`` kept
    retired: tuple[str, ...]  # the retired ones that apply to the part, as pickers label them

    def shown_rows(self, only_behind: bool) -> pd.DataFrame:
        """The table's rows: every indicator, or (``only_behind``) those behind."""
        if not only_behind:
            return self.rows
        return self.rows.loc[self.rows["indicator_id"].isin(self.behind)].reset_index(drop=True)


@st.cache_data(ttl=_TTL_S, max_entries=64, show_spinner=False)
def line_view(
    _reads: ModuleType,
    token: str,
    quarter: str,
    part_id: str,
    lang: str,
    vintage: datetime | None,
    action_line_id: str,
) -> LineView:
    """The indicators of ``action_line_id`` for ``part_id`` as of ``quarter`` at ``vintage``."""
    parts = _reads.reference(token).kingdom_parts
    catalogue = _reads.indicator_catalogue(token, vintage=vintage)
    assessment = _reads.assessment(token, quarter, vintage=vintage)
    line = catalogue.loc[catalogue["action_line_id"] == action_line_id]
    current = in_force(line, quarter)
    indicators = applicable_indicators(
        current, parts, part_id=part_id, action_line_id=action_line_id
    )
    retired = applicable_indicators(
        retired_by(line, quarter), parts, part_id=part_id, action_line_id=action_line_id
    )
    return LineView(
        indicators=tuple(indicators["indicator_id"]),
        behind=tuple(indicators_behind(indicators, assessment, parts, part_id=part_id)),
        rows=indicator_rows(
            current, assessment, parts, part_id=part_id, lang=lang, action_line_id=action_line_id
        ),
        retired=tuple(option_labels(retired, lang).values()),
    )
