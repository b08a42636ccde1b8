"""The global view (language, Kingdom part, quarter, vintage), kept across pages and in the URL.

The sidebar widgets live in app.py's run, keyed in ``st.session_state``, so they persist across
pages. Every run mirrors the view into ``st.query_params`` so a URL reproduces it, and a first run
reads the URL back, validated against the allowed values (anything else falls back to the
default; nothing from a URL is ever evaluated). A page run on its own (AppTest) gets the same view
from the same defaults. The allowed values are passed in by the caller.

The vintage (``vintage``: the moment the data is seen as known at, "peildatum") is one of the
moments the data changed (``data.queries.vintages``) but the newest, as its ISO text; none (the
parameter absent) is the current data. A past vintage narrows the quarters to those with data
known then, and a view on the latest quarter stays on the latest when the vintage changes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import pandas as pd
import streamlit as st

from ui.i18n import DEFAULT_LANG, LANGUAGES, t
from ui.kingdom import KINGDOM, name_column

__all__ = [
    "CURRENT",
    "PARAM_ACTION_LINE",
    "PARAM_INDICATOR",
    "PARAM_LANG",
    "PARAM_OBJECTIVE",
    "PARAM_PART",
    "PARAM_QUARTER",
    "PARAM_VINTAGE",
    "View",
    "action_line_choice",
    "choice",
    "part_label",
    "quarters_known",
    "render_sidebar",
    "url_choice",
    "view",
    "view_for",
    "view_quarters",
    "vintage_values",
]

PARAM_LANG = "lang"
PARAM_PART = "part"
PARAM_QUARTER = "q"
PARAM_OBJECTIVE = "obj"
PARAM_ACTION_LINE = "al"
PARAM_INDICATOR = "ind"
PARAM_VINTAGE = "vintage"
# The vintage widget's value for the current data (never written into the URL).
CURRENT = "current"


@dataclass(frozen=True)
class View:
    lang: str
    part_id: str
    quarter: str | None
    part_name: str  # the part's name in ``lang``
    is_demo: bool  # the data shown is the synthetic demo set (every page says so)
    vintage: datetime | None = None  # the data as known at this moment; None: the current data


def url_choice(name: str, allowed: Sequence[str], default: str | None) -> str | None:
    """The URL's value for ``name`` if it is one of ``allowed``, else ``default``."""
    value = st.query_params.get(name)
    return value if value in allowed else default


# The values this session last wrote into the URL, per parameter. A URL value that differs from
# it came from outside (a link, a shared URL, the back button) and wins over session state; a
# URL value equal to it is merely stale (a sidebar widget just changed) and loses.
_MIRRORED = "_url_mirrored"


def _settle(key: str, allowed: Sequence[str], default: str | None) -> str | None:
    mirrored: dict[str, str | None] = st.session_state.setdefault(_MIRRORED, {})
    from_url = st.query_params.get(key)
    current = st.session_state.get(key)
    if from_url in allowed and from_url != mirrored.get(key) and from_url != current:
        current = from_url
    elif current not in allowed:
        # A page-level widget's state is dropped while its page is not shown: remember it.
        remembered = mirrored.get(key)
        current = remembered if remembered in allowed else url_choice(key, allowed, default)
    if st.session_state.get(key) != current:
        st.session_state[key] = current
    mirrored[key] = current
    return current


def choice(name: str, allowed: Sequence[str], default: str | None) -> str | None:
    """A page-level selection kept in the URL (``al``, ``ind``): validated, mirrored, remembered.

    Call it before creating the widget keyed ``name``; the widget then shows this value.
    """
    value = _settle(name, allowed, default)
    if value is not None and st.query_params.get(name) != value:
        st.query_params[name] = value
    return value


class KnownAt(Protocol):
    """A moment the data changed (``data.queries.Vintage`` has these)."""

    moment: datetime
    first_quarter: str | None
    latest_quarter: str | None


def view(
    *,
    parts: pd.DataFrame,
    quarters: Sequence[str],
    default_quarter: str | None,
    is_demo: bool,
    vintages: Sequence[KnownAt] = (),
) -> View:
    """The current view: session state, else the URL, else defaults; mirrored into the URL.

    ``parts`` is the Kingdom hierarchy (part_id, level, name columns) the part is chosen from;
    ``is_demo`` says whether the data is the demo set; ``vintages`` the moments the data
    changed, newest (the current data) first.
    """
    part_ids = list(parts["part_id"])
    lang = _settle(PARAM_LANG, LANGUAGES, DEFAULT_LANG) or DEFAULT_LANG
    part_id = _settle(PARAM_PART, part_ids, KINGDOM) or KINGDOM
    mirrored = st.session_state.setdefault(_MIRRORED, {})
    before = _known_at(vintages, mirrored.get(PARAM_VINTAGE))
    known = _known_at(vintages, _settle(PARAM_VINTAGE, vintage_values(vintages), CURRENT))
    if known is not None:
        quarters = quarters_known(quarters, known)
        default_quarter = known.latest_quarter
    if before != known and vintages:
        # A view on the latest quarter stays on the latest quarter known at the new vintage.
        latest_before = (before or vintages[0]).latest_quarter
        if st.session_state.get(PARAM_QUARTER) == latest_before:
            st.session_state[PARAM_QUARTER] = default_quarter
    quarter = _settle(PARAM_QUARTER, quarters, default_quarter)
    wanted = {PARAM_LANG: lang, PARAM_PART: part_id}
    if quarter:
        wanted[PARAM_QUARTER] = quarter
    if known is not None:
        wanted[PARAM_VINTAGE] = _vintage_value(known.moment)
    elif PARAM_VINTAGE in st.query_params:
        del st.query_params[PARAM_VINTAGE]
    if any(st.query_params.get(name) != value for name, value in wanted.items()):
        st.query_params.update(wanted)
    name = part_label(parts, part_id, lang)
    return View(
        lang=lang,
        part_id=part_id,
        quarter=quarter,
        part_name=name,
        is_demo=is_demo,
        vintage=None if known is None else known.moment,
    )


def _vintage_value(moment: datetime) -> str:
    return moment.isoformat()


def vintage_values(vintages: Sequence[KnownAt]) -> list[str]:
    """The vintage widget's options: the current data, then every past moment, newest first
    (the newest moment is the current data)."""
    return [CURRENT, *(_vintage_value(v.moment) for v in vintages[1:])]


def _known_at(vintages: Sequence[KnownAt], value: str | None) -> KnownAt | None:
    """The past moment ``value`` names; None for the current data (or an unknown value)."""
    return next((v for v in vintages[1:] if _vintage_value(v.moment) == value), None)


def view_quarters(options: ViewOptions, current: View) -> tuple[str, ...]:
    """The quarters ``current`` may be seen as of: those with data known at its vintage."""
    moment = current.vintage
    known = next((v for v in options.vintages[1:] if v.moment == moment), None)
    return tuple(options.quarters) if known is None else quarters_known(options.quarters, known)


def quarters_known(quarters: Sequence[str], known: KnownAt) -> tuple[str, ...]:
    """The quarters of ``quarters`` with data known at ``known`` (none when only the catalogue
    was)."""
    first, latest = known.first_quarter, known.latest_quarter
    if first is None or latest is None:
        return ()
    return tuple(q for q in quarters if first <= q <= latest)


class ViewOptions(Protocol):
    """What the view is chosen from (``data.queries.Reference`` has these)."""

    kingdom_parts: pd.DataFrame
    quarters: tuple[str, ...]
    latest_quarter: str | None
    is_demo: bool
    vintages: Sequence[KnownAt]


def view_for(options: ViewOptions) -> View:
    """The current view, allowed values and default quarter taken from ``options``."""
    return view(
        parts=options.kingdom_parts,
        quarters=options.quarters,
        default_quarter=options.latest_quarter,
        is_demo=options.is_demo,
        vintages=options.vintages,
    )


def part_label(parts: pd.DataFrame, part_id: str, lang: str, *, indent: bool = False) -> str:
    """A part's name in ``lang``; with ``indent``, its depth in the hierarchy shown by a prefix."""
    row = parts.loc[parts["part_id"] == part_id].iloc[0]
    name = row[name_column(lang)]
    if not indent:
        return name
    prefix = {"kingdom": "", "part": "— ", "entity": "    · "}[row["level"]]
    return prefix + name


def _indented_labels(parts: pd.DataFrame, lang: str) -> dict[str, str]:
    """Every part's ``part_label`` with ``indent``, by part id, in one pass over ``parts``."""
    prefix = {"kingdom": "", "part": "— ", "entity": "    · "}
    return {
        part_id: prefix[level] + name
        for part_id, level, name in zip(
            parts["part_id"], parts["level"], parts[name_column(lang)], strict=True
        )
    }


def render_sidebar(
    options: ViewOptions, current: View, *, vintage_label: Callable[[str], str]
) -> None:
    """The global controls. Each widget is keyed by its URL parameter's name.

    ``vintage_label`` names a vintage widget value in the view's language (``ui.vintage``); the
    vintage control is drawn only when the data has changed more than once.
    """
    lang, parts = current.lang, options.kingdom_parts
    quarters = view_quarters(options, current)
    part_labels = _indented_labels(parts, lang)
    with st.sidebar:
        st.selectbox(
            t("sidebar.language", lang),
            LANGUAGES,
            key=PARAM_LANG,
            format_func=lambda code: t(f"language.{code}", lang),
        )
        st.selectbox(
            t("sidebar.part", lang),
            list(parts["part_id"]),
            key=PARAM_PART,
            format_func=part_labels.__getitem__,
            help=t("sidebar.part_help", lang),
        )
        if quarters:
            st.selectbox(
                t("sidebar.quarter", lang),
                list(reversed(quarters)),
                key=PARAM_QUARTER,
                help=t("sidebar.quarter_help", lang),
            )
        if len(options.vintages) > 1:
            st.selectbox(
                t("vintage.sidebar", lang),
                vintage_values(options.vintages),
                key=PARAM_VINTAGE,
                format_func=vintage_label,
                help=t("vintage.sidebar_help", lang, n=len(options.vintages) - 1),
            )


def action_line_choice(
    action_lines: pd.DataFrame, *, with_series: Collection[str] = ()
) -> tuple[str, str]:
    """The chosen objective and action line (``obj``, ``al`` in the URL), kept consistent.

    A link that names only an action line (``?al=AL05``) also selects its objective, even when
    this session had another objective chosen. Without a choice in the URL or the session, the
    view opens on the first action line in ``with_series`` (those with a series for the chosen
    part), and an objective picked without an action line on its first such line; the first
    action line when there is none.
    """
    ids = list(action_lines["action_line_id"])
    objective_of = dict(zip(ids, action_lines["objective_id"], strict=True))
    objectives = list(dict.fromkeys(action_lines["objective_id"]))
    first = next((a for a in ids if a in with_series), ids[0])
    from_url = st.query_params.get(PARAM_ACTION_LINE)
    mirrored = st.session_state.setdefault(_MIRRORED, {})
    arriving = from_url in ids and from_url not in (
        mirrored.get(PARAM_ACTION_LINE),
        st.session_state.get(PARAM_ACTION_LINE),
    )
    if arriving and st.session_state.get(PARAM_OBJECTIVE) != objective_of[from_url]:
        st.session_state[PARAM_OBJECTIVE] = objective_of[from_url]
        mirrored[PARAM_OBJECTIVE] = objective_of[from_url]
    default_objective = objective_of.get(from_url, objective_of[first])
    objective = choice(PARAM_OBJECTIVE, objectives, default_objective) or objectives[0]
    in_objective = [a for a in ids if objective_of[a] == objective]
    default = next((a for a in in_objective if a in with_series), in_objective[0])
    action_line = choice(PARAM_ACTION_LINE, in_objective, default) or default
    return objective, action_line
