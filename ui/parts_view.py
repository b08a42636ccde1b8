"""The Kingdom parts page's comparison table, once per (data version, quarter, part, language,
vintage, action line): the pattern of ``ui.overview_view``. At M one action line holds hundreds
of indicators, each a cell per compared part.

| function | what it does |
|---|---|
| ``comparison_view(_reads, token, quarter, part_id, lang, vintage, action_line_id)`` | the table |
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

if TYPE_CHECKING:
    from types import ModuleType

from ui.kingdom import comparison_parts
from ui.series_tables import comparison_table

__all__ = ["comparison_view"]

_TTL_S = 3600


@st.cache_data(ttl=_TTL_S, max_entries=64, show_spinner=False)
def comparison_view(
    _reads: ModuleType,
    token: str,
    quarter: str,
    part_id: str,
    lang: str,
    vintage: datetime | None,
    action_line_id: str,
) -> pd.DataFrame:
    """``ui.series_tables.comparison_table`` of ``action_line_id`` over the parts compared with
    ``part_id`` (``ui.kingdom.comparison_parts``) as of ``quarter`` at ``vintage``."""
    parts = _reads.reference(token).kingdom_parts
    return comparison_table(
        _reads.indicator_catalogue(token, vintage=vintage),
        _reads.assessment(token, quarter, vintage=vintage),
        parts,
        action_line_id=action_line_id,
        part_ids=comparison_parts(parts, part_id),
        lang=lang,
    )
