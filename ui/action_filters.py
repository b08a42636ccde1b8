"""The Actions page's filters (status, part or unit, action line, responsible organisation),
kept in the URL so that a link reproduces a filtered view.

Each filter is a multiselect keyed by its URL parameter (``PARAM_*``, repeated once per value).
A first run takes the URL's values, only those among the options (nothing from a URL is
evaluated); a value no longer offered (another part chosen) is dropped; every run mirrors the
selection back into the URL. An empty filter lets everything through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.action_tables import ActionFilter, FilterOptions
from ui.i18n import t

__all__ = [
    "FILTER_PARAMS",
    "PARAM_ACTION_LINES",
    "PARAM_PARTS",
    "PARAM_RESPONSIBLE",
    "PARAM_STATUSES",
    "action_filters",
]

PARAM_STATUSES: Final = "a_status"
PARAM_PARTS: Final = "a_part"
PARAM_ACTION_LINES: Final = "a_line"
PARAM_RESPONSIBLE: Final = "a_org"
FILTER_PARAMS: Final = (PARAM_STATUSES, PARAM_PARTS, PARAM_ACTION_LINES, PARAM_RESPONSIBLE)


def _selection(
    column: DeltaGenerator, name: str, options: Mapping[str, str], *, label: str, lang: str
) -> tuple[str, ...]:
    """One multiselect keyed ``name``, its state settled against the URL and the options."""
    if name not in st.session_state:
        st.session_state[name] = [v for v in st.query_params.get_all(name) if v in options]
    else:
        kept = [v for v in st.session_state[name] if v in options]
        if kept != st.session_state[name]:
            st.session_state[name] = kept
    chosen = column.multiselect(
        label,
        list(options),
        key=name,
        format_func=lambda value: options[value],
        placeholder=t("actions.filter.all", lang),
    )
    if chosen:
        if st.query_params.get_all(name) != chosen:
            st.query_params[name] = chosen
    elif name in st.query_params:
        del st.query_params[name]
    return tuple(chosen)


def action_filters(options: FilterOptions, *, lang: str) -> ActionFilter:
    """The four filters side by side; what they select."""
    columns = st.columns(4)
    filters = (
        (PARAM_STATUSES, options.statuses, "status"),
        (PARAM_PARTS, options.parts, "part"),
        (PARAM_ACTION_LINES, options.action_lines, "action_line"),
        (PARAM_RESPONSIBLE, options.responsible, "responsible"),
    )
    chosen = [
        _selection(column, name, values, label=t(f"actions.filter.{label}", lang), lang=lang)
        for (name, values, label), column in zip(filters, columns, strict=True)
    ]
    return ActionFilter(*chosen)
