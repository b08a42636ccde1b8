"""The Catalogue page's derived tables, once per data version (and part, action line, language):
the pattern of ``ui.overview_view``. The catalogue page shows the current catalogue (no vintage).

| function | what it does |
|---|---|
| ``browse_view(_reads, token, part_id, action_line, lang)`` | indicators that apply; their table |
| ``editable_view(_reads, token)`` | the indicators and targets as the table editors take them |
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

if TYPE_CHECKING:
    from types import ModuleType

from ui.catalogue_tables import catalogue_table, editable_indicators, editable_targets
from ui.series_tables import applicable_indicators

__all__ = ["browse_view", "editable_view"]

_TTL_S = 3600


@st.cache_data(ttl=_TTL_S, max_entries=64, show_spinner=False)
def browse_view(
    _reads: ModuleType, token: str, part_id: str, action_line_id: str | None, lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicators of ``action_line_id`` (None: all) that apply to ``part_id``, and the table
    ``ui.catalogue_tables.catalogue_table`` makes of them in ``lang``."""
    parts = _reads.reference(token).kingdom_parts
    shown = applicable_indicators(
        _reads.indicator_catalogue(token), parts, part_id=part_id, action_line_id=action_line_id
    )
    return shown, catalogue_table(shown, parts, lang=lang)


@st.cache_data(ttl=_TTL_S, max_entries=4, show_spinner=False)
def editable_view(_reads: ModuleType, token: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(indicators, targets) of version ``token`` for the table editors."""
    indicators, targets = _reads.catalogue_frames(token)
    return editable_indicators(indicators), editable_targets(targets)
