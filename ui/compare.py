"""Comparing two quarters: the section "what changed" of the Overview and the Kingdom parts page,
with the quarter the view's quarter is compared with chosen by the reader.

The comparison quarter is any earlier quarter with data (``ui.series_tables.earlier_quarters``),
the one before by default (``previous_quarter``), kept in the URL as ``cmp`` (``ui.state.choice``:
validated, anything else falls back to the default). A comparison on the default follows the
view's quarter when that changes; one chosen on purpose stays. The heading names both quarters.

Reads that depend on the quarter are passed in as callables (``ui`` does not read ``data``).

| function | returns / draws |
|---|---|
| ``comparison_quarter(quarter, quarters)`` | the chosen comparison quarter (None: none earlier) |
| ``compared_actions(actions, then)`` | ``actions`` with ``previous_status`` as of ``then`` |
| ``changes_section(changes_of, parts, quarters, *, view, key)`` | it all |
| ``changed(assessment_of, states_of, catalogue, parts, quarter, other, *, ...)`` | the tables |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from metrics.constants import NOT_REPORTED
from metrics.periods import shift_period
from ui import series_tables
from ui.action_tables import actions_in_view
from ui.i18n import t
from ui.state import View, choice
from ui.widgets import status_changes

__all__ = [
    "PARAM_COMPARE",
    "changed",
    "changes_section",
    "compared_actions",
    "comparison_quarter",
]

PARAM_COMPARE = "cmp"
# The quarter last shown and whether it was compared with its default: a default comparison
# moves with the quarter.
_SEEN = "_compare_seen"


def comparison_quarter(quarter: str, quarters: Sequence[str]) -> str | None:
    """The quarter ``quarter`` is compared with: the URL's or this session's choice among the
    earlier quarters with data, else the one before (``series_tables.previous_quarter``)."""
    earlier = series_tables.earlier_quarters(quarter, quarters)
    default = series_tables.previous_quarter(quarter, quarters)
    if default is None:
        return None
    seen = st.session_state.get(_SEEN)
    if seen is not None and seen[0] != quarter and seen[1]:
        st.session_state[PARAM_COMPARE] = default
    chosen = choice(PARAM_COMPARE, earlier, default) or default
    st.session_state[_SEEN] = (quarter, chosen == default)
    return chosen


def compared_actions(actions: pd.DataFrame, then: pd.DataFrame) -> pd.DataFrame:
    """``actions`` (one quarter's, ``data.actions.action_states`` rows) with ``previous_status``
    the status each had in ``then`` (an earlier quarter's rows, same vintage); an action not in
    ``then`` was not reported then."""
    keys = zip(then["priority_id"], then["part_id"], strict=True)
    before = dict(zip(keys, then["status"], strict=True))
    previous = [
        before.get(key, NOT_REPORTED)
        for key in zip(actions["priority_id"], actions["part_id"], strict=True)
    ]
    return actions.assign(previous_status=pd.Series(previous, index=actions.index, dtype=object))


def changes_section(
    changes_of: Callable[[str], tuple[pd.DataFrame, pd.DataFrame]],
    parts: pd.DataFrame,
    quarters: Sequence[str],
    *,
    view: View,
    key: str,
) -> None:
    """The heading naming the two quarters, the choice of the earlier one, and the series and
    actions of the view's part whose status differs between them: ``changes_of(other)`` answers
    ``changed`` for the chosen earlier quarter (a cached one: ``ui.changes_view``)."""
    lang, quarter = view.lang, view.quarter
    if quarter is None:
        raise ValueError("a comparison needs a quarter")
    other = comparison_quarter(quarter, quarters)
    if other is None:
        st.header(t("compare.heading_none", lang, quarter=quarter))
        st.info(t("compare.none", lang))
        return
    st.header(t("compare.heading", lang, quarter=quarter, other=other))
    st.columns([1, 2])[0].selectbox(
        t("compare.choose", lang),
        series_tables.earlier_quarters(quarter, quarters),
        key=PARAM_COMPARE,
        help=t("compare.choose_help", lang),
    )
    series, actions = changes_of(other)
    status_changes(
        series,
        actions,
        parts,
        quarter=quarter,
        previous=other,
        part_name=view.part_name,
        lang=lang,
        key=key,
    )


def changed(
    assessment_of: Callable[[str], pd.DataFrame],
    states_of: Callable[[str], pd.DataFrame],
    catalogue: pd.DataFrame,
    parts: pd.DataFrame,
    quarter: str,
    other: str,
    *,
    part_id: str,
    lang: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The series (``ui.series_tables.status_changes``) and actions (``compared_actions``) of
    ``part_id`` whose status differs between ``other`` and ``quarter``."""
    label = (
        None if other == shift_period(quarter, -1) else t("compare.status_in", lang, quarter=other)
    )
    series = series_tables.status_changes(
        assessment_of(quarter),
        assessment_of(other),
        catalogue,
        parts,
        part_id=part_id,
        lang=lang,
        previous_label=label,
    )
    now = actions_in_view(states_of(quarter), parts, part_id=part_id)
    actions = compared_actions(now, states_of(other))
    return series, actions
