"""The Overview's derived tables, once per (data version, quarter, part, language, vintage).

The pattern for every page's derived tables and figures (``bench.pages`` measures what it saves):
they are pure functions of the published data and the view, so one function per page computes
them all from the cached reads and is itself ``st.cache_data``. The page passes the reads
(``data.cache``) as ``_reads``, first: st.cache_data does not hash an argument whose name starts
with an underscore, and ui never imports data. The key is exactly the scalar arguments that
follow: the data version token first (it changes with every publication, so a publication can
never be served from an older entry; tests/pages/test_publication_fresh.py shows it for every
page), then the quarter, part, language and vintage, then the page's own choices as
scalars. Never pass a frame as an argument: st.cache_data hashes its arguments on every call, and
hashing frames at M costs what caching saves. The value is a frozen dataclass of frames and
plain values (st.cache_data hands each session its own copy). Rendering stays in the page and
``ui.widgets``.

| function | what it does |
|---|---|
| ``overview_view(_reads, token, quarter, part_id, lang, vintage)`` | the Overview's tables |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

if TYPE_CHECKING:
    from types import ModuleType

from ui import rollup_tables
from ui.action_rollups import action_distribution_rows, action_rollups
from ui.action_tables import actions_in_view
from ui.kingdom import part_labels, shown_parts
from ui.rollup_tables import MatrixRow

__all__ = ["OverviewView", "overview_view"]

_TTL_S = 3600


@dataclass(frozen=True)
class OverviewView:
    """What the Overview shows for one view, before it is drawn."""

    headline: dict[str, float]  # the part's series counts (``rollup_tables.headline``)
    actions: pd.DataFrame  # the part's counted actions (``ui.action_tables.actions_in_view``)
    by_objective: pd.DataFrame  # series roll-ups per part and objective (for the tiles)
    series_distribution: pd.DataFrame  # per objective
    action_distribution: pd.DataFrame  # per objective, never added to the series
    matrix_rows: tuple[MatrixRow, ...]
    matrix_labels: dict[str, str]
    matrix_table: pd.DataFrame


@st.cache_data(ttl=_TTL_S, max_entries=64, show_spinner=False)
def overview_view(
    _reads: ModuleType, token: str, quarter: str, part_id: str, lang: str, vintage: datetime | None
) -> OverviewView:
    """The Overview's tables for ``part_id`` as of ``quarter`` at ``vintage``, in ``lang``."""
    reference = _reads.reference(token)
    parts = reference.kingdom_parts
    states = _reads.action_states(token, quarter, vintage=vintage)
    by_objective = _reads.rollups(token, quarter, ("objective_id",), vintage=vintage)
    names = {"key": "objective_id", "part_id": part_id, "lang": lang}
    matrix_parts = shown_parts(parts, part_id)
    labels = part_labels(parts, matrix_parts, lang)
    rows = rollup_tables.matrix_rows(
        _reads.rollups(token, quarter, ("action_line_id",), vintage=vintage),
        reference.action_lines,
        parts,
        part_ids=matrix_parts,
        lang=lang,
        action_rollups=action_rollups(states, parts, by=("action_line_id",)),
    )
    return OverviewView(
        headline=rollup_tables.headline(by_objective, part_id),
        actions=actions_in_view(states, parts, part_id=part_id),
        by_objective=by_objective,
        series_distribution=rollup_tables.distribution_rows(
            by_objective, reference.objectives, **names
        ),
        action_distribution=action_distribution_rows(
            action_rollups(states, parts, by=("objective_id",)), reference.objectives, **names
        ),
        matrix_rows=tuple(rows),
        matrix_labels=dict(labels),
        matrix_table=rollup_tables.matrix_table(rows, labels, lang),
    )
