"""Streamlit caching for the data layer: the only module in data/ that imports streamlit.

One read-only connection per process and published version (``st.cache_resource``), so a new
publication is picked up on the next rerun and an old one is dropped. Cached reads take the data
version token as their first argument, so they can never serve data from an older version.
The reads whose answer depends on when it is asked take the vintage (``vintage``: a moment
from ``data.queries.vintages``, None for the current data) as a keyword, part of the cache key,
so a page seen at a past vintage reads exactly what was known then.
Pages call these; the CLI and the tests call the uncached functions directly. ``version()``
opens the current version's connection, so a database that cannot be read
(``data.store.StoreError``: not the monitor's, damaged) is found there, before any page reads.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

import duckdb
import pandas as pd
import streamlit as st

from data import access as access_reads
from data import actions as action_reads
from data import assessment as engine
from data import catalogue as catalogue_reads
from data import catalogue_log as catalogue_changes
from data import current_assessment as stored
from data import observations, queries
from data import rollup_scope as scopes
from data import submission_status as submissions
from data import template as templates
from data.access_rules import LOCAL, OIDC, VIEWER, Actor
from data.init import initialize
from data.store import data_version, database_path, open_reader

__all__ = [
    "action_history",
    "action_states",
    "actor",
    "assessment",
    "catalogue_frames",
    "catalogue_log",
    "clear",
    "connection",
    "ensure_database",
    "headline_counts",
    "indicator_catalogue",
    "indicator_targets",
    "narrative_history",
    "narratives",
    "priorities",
    "reference",
    "rollups",
    "series_values",
    "target_history",
    "value_history",
    "version",
]

_TTL_S = 3600


def ensure_database() -> Path:
    """The database path; on first run, when there is none yet, create it with the demo data."""
    path = database_path()
    if not path.exists():
        clock = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        initialize(path, demo=True, clock=clock, if_absent=True)
    return path


def version() -> str:
    """The published version token of the database (the key of every cached read).

    Opens that version's connection too (once per version), so a file that cannot be read
    raises ``data.store.StoreError`` here, where app.py's gate (``ui.store_gate``) turns it into
    a message, rather than in the middle of a page."""
    path = ensure_database()
    token = data_version(path)
    if token is None:
        raise FileNotFoundError(f"no database at {database_path()}")
    _reader(str(path), token)
    return token


@st.cache_resource(max_entries=2, show_spinner=False)
def _reader(path: str, token: str) -> duckdb.DuckDBPyConnection:
    # The token is part of the key only: a new publication gets a new connection.
    del token
    return open_reader(Path(path))


def connection(token: str | None = None) -> duckdb.DuckDBPyConnection:
    """The process's read-only connection to the published version ``token`` (default: current).

    Callers take a ``.cursor()`` per query; the connection itself is shared and never mutated.
    """
    return _reader(str(database_path()), token or version())


@st.cache_data(ttl=_TTL_S, max_entries=8, show_spinner=False)
def reference(token: str) -> queries.Reference:
    return queries.reference_data(connection(token))


@st.cache_data(ttl=_TTL_S, max_entries=64, show_spinner=False)
def headline_counts(
    token: str, as_of: str, part_id: str, *, vintage: datetime | None = None
) -> dict[str, int]:
    """What applies to ``part_id``: objectives, action lines, indicators, values to ``as_of``."""
    return queries.headline_counts(connection(token), as_of=as_of, part_id=part_id, vintage=vintage)


@st.cache_data(ttl=_TTL_S, max_entries=8, show_spinner=False)
def indicator_catalogue(token: str, *, vintage: datetime | None = None) -> pd.DataFrame:
    """Every indicator in force at ``vintage`` (None: now) with its scope."""
    return queries.indicator_catalogue(connection(token), vintage=vintage)


@st.cache_data(ttl=_TTL_S, max_entries=8, show_spinner=False)
def priorities(token: str) -> pd.DataFrame:
    return queries.priorities(connection(token))


@st.cache_data(ttl=_TTL_S, max_entries=128, show_spinner=False)
def indicator_targets(token: str, indicator_id: str) -> pd.DataFrame:
    return queries.indicator_targets(connection(token), indicator_id=indicator_id)


@st.cache_data(ttl=_TTL_S, max_entries=8, show_spinner=False)
def catalogue_frames(token: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current catalogue in the workbook's columns: (indicators, targets)."""
    return catalogue_reads.catalogue_frames(connection(token))


@st.cache_data(ttl=_TTL_S, max_entries=4, show_spinner=False)
def catalogue_log(token: str, limit: int) -> pd.DataFrame:
    """The catalogue's change log, newest first: who changed which field, when, and why."""
    return catalogue_changes.catalogue_log(connection(token), limit=limit)


@st.cache_data(ttl=_TTL_S, max_entries=128, show_spinner=False)
def target_history(
    token: str, indicator_id: str, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every version of one indicator's baselines and targets recorded by ``vintage``, with
    who, when and why."""
    return catalogue_reads.target_history(
        connection(token), indicator_id=indicator_id, vintage=vintage
    )


@st.cache_data(ttl=_TTL_S, max_entries=128, show_spinner=False)
def value_history(
    token: str, indicator_id: str, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every version of one indicator's values recorded by ``vintage``."""
    return observations.value_history(connection(token), indicator_id=indicator_id, vintage=vintage)


@st.cache_data(ttl=_TTL_S, max_entries=16, show_spinner=False)
def assessment(token: str, as_of: str, *, vintage: datetime | None = None) -> pd.DataFrame:
    """Every series assessed as of ``as_of`` at ``vintage``, once per data version, quarter and
    vintage.

    Pages filter this frame; they never assess again. Read from the table every writer keeps
    for the latest quarters at the current vintage (``data.current_assessment``), computed for
    others (another quarter, a past vintage).
    """
    return stored.current_assessment(connection(token), as_of=as_of, vintage=vintage)


@st.cache_data(ttl=_TTL_S, max_entries=32, show_spinner=False)
def rollups(
    token: str, as_of: str, by: tuple[str, ...], *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Roll-ups of the non-derived series per part or entity (``scope_part_id``) and ``by``."""
    assessed = assessment(token, as_of, vintage=vintage)
    return scopes.rollup_scope(connection(token), assessed, by=list(by))


@st.cache_data(ttl=_TTL_S, max_entries=256, show_spinner=False)
def series_values(
    token: str, as_of: str, indicator_id: str, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every value of one indicator's series up to ``as_of`` as known at ``vintage``, derived
    part values included."""
    return engine.series_values(
        connection(token), as_of=as_of, indicator_id=indicator_id, vintage=vintage
    )


@st.cache_data(ttl=_TTL_S, max_entries=32, show_spinner=False)
def action_states(token: str, quarter: str, *, vintage: datetime | None = None) -> pd.DataFrame:
    """Every action's status as of ``quarter`` at ``vintage`` (``data.actions``)."""
    return action_reads.action_states(connection(token), quarter=quarter, vintage=vintage)


@st.cache_data(ttl=_TTL_S, max_entries=128, show_spinner=False)
def action_history(
    token: str, priority_id: str, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every report on one priority recorded by ``vintage``, per part and period."""
    return action_reads.action_history(connection(token), priority_id=priority_id, vintage=vintage)


@st.cache_data(ttl=_TTL_S, max_entries=32, show_spinner=False)
def narratives(token: str, quarter: str, *, vintage: datetime | None = None) -> pd.DataFrame:
    """The latest duiding per action line and part for ``quarter`` or earlier, at ``vintage``."""
    return action_reads.narratives(connection(token), quarter=quarter, vintage=vintage)


@st.cache_data(ttl=_TTL_S, max_entries=64, show_spinner=False)
def narrative_history(
    token: str, action_line_id: str, *, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every duiding of one action line recorded by ``vintage``, newest first."""
    return action_reads.narrative_history(
        connection(token), action_line_id=action_line_id, vintage=vintage
    )


@st.cache_data(ttl=_TTL_S, max_entries=256, show_spinner=False)
def _signed_in(token: str, email: str, subject: str) -> Actor:
    return access_reads.signed_in_actor(connection(token), email=email, subject=subject)


class Identity(Protocol):
    """How a session was identified (``ui.auth.Identity``)."""

    mode: str
    name: str
    subject: str | None
    unknown_as_viewer: bool


def actor(token: str, who: Identity | None) -> Actor | None:
    """Who acts in this session: a signed-in identity with its roles as of version ``token``
    (a change of roles is a publication, so it takes effect on the next rerun), the local user
    with every action allowed, or None when nobody is signed in.

    A signed-in e-mail without any role has none (the app refuses it), or with the identity's
    ``unknown_as_viewer`` (``MONITOR_UNKNOWN_USERS=viewer``, or public read) reads as a viewer."""
    if who is None:
        return None
    if who.mode == LOCAL:
        return Actor.local(who.name)
    if who.mode != OIDC or who.subject is None:
        # A provider's identity always has a subject; anything else is nobody, never local.
        return None
    signed_in = _signed_in(token, who.name, who.subject)
    if who.unknown_as_viewer and not signed_in.roles:
        return replace(signed_in, roles=frozenset({VIEWER}))
    return signed_in


@st.cache_data(ttl=_TTL_S, max_entries=16, show_spinner=False)
def unit_submission_status(
    token: str, part_id: str, *, day: date, _clock: datetime
) -> pd.DataFrame:
    """``data.submission_status.unit_submission_status`` at ``_clock``, kept for the rest of
    ``day`` (its date): within one published version nothing is recorded later, so the clock
    matters only through its date (what is due)."""
    if _clock.date() != day:
        raise ValueError("the clock must fall on the day the status is kept for")
    return submissions.unit_submission_status(connection(token), clock=_clock, part_id=part_id)


@st.cache_data(ttl=_TTL_S, max_entries=16, show_spinner=False)
def quarter_template(
    token: str, part_id: str, quarter: str, lang: str
) -> templates.QuarterTemplate:
    """``data.template.quarter_template``: the rows a part's units report for a quarter."""
    return templates.quarter_template(
        connection(token), part_id=part_id, quarter=quarter, lang=lang
    )


def clear() -> None:
    """Drop every cached read and connection, after a write in this process."""
    st.cache_data.clear()
    st.cache_resource.clear()
