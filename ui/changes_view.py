"""What changed between two quarters for a part, once per (data version, quarter, earlier quarter,
part, language, vintage): the pattern of ``ui.overview_view`` for the "what changed" section.

| function | what it does |
|---|---|
| ``changes_view(_reads, token, quarter, other, part_id, lang, vintage)`` | ``compare.changed`` |
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

if TYPE_CHECKING:
    from types import ModuleType

from ui.compare import changed

__all__ = ["changes_view"]

_TTL_S = 3600


@st.cache_data(ttl=_TTL_S, max_entries=64, show_spinner=False)
def changes_view(
    _reads: ModuleType,
    token: str,
    quarter: str,
    other: str,
    part_id: str,
    lang: str,
    vintage: datetime | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The series and actions of ``part_id`` whose status differs between ``other`` and
    ``quarter`` at ``vintage`` (``ui.compare.changed``)."""
    return changed(
        partial(_reads.assessment, token, vintage=vintage),
        partial(_reads.action_states, token, vintage=vintage),
        _reads.indicator_catalogue(token, vintage=vintage),
        _reads.reference(token).kingdom_parts,
        quarter,
        other,
        part_id=part_id,
        lang=lang,
    )
