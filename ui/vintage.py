"""The vintage (peildatum) in words: the sidebar's option labels, and the banner every page shows
while a past vintage is chosen, with a button back to the current data.

A vintage is a moment the data changed (``data.queries.Vintage``); the view holds it as
``View.vintage`` (None: the current data) and the URL as its ISO text (``ui.state``). Moments
are stored as naive UTC and shown so, with the month in words in the reader's language.

| function | returns / draws |
|---|---|
| ``moment_text(moment, lang, *, short=False)`` | "7 november 2026, 16:35 UTC"; "7 nov 2026 16:35" |
| ``option_labeller(vintages, lang)`` | the sidebar's label of each vintage widget value |
| ``vintage_banner(view, *, follows)`` | the banner for a past vintage (nothing else) |
| ``follows_vintage(url_path)`` | whether the page of ``url_path`` shows the data at the vintage |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

import streamlit as st

from ui.i18n import t
from ui.pages import ACCESS, CATALOGUE, DATA
from ui.state import CURRENT, PARAM_VINTAGE, View

__all__ = ["follows_vintage", "moment_text", "option_labeller", "vintage_banner"]

# The administration pages: they show and change the data as it is now, whatever the vintage.
_CURRENT_ONLY = frozenset(page.url_path for page in (DATA, CATALOGUE, ACCESS))


class Moment(Protocol):
    """A moment the data changed (``data.queries.Vintage`` has these)."""

    moment: datetime
    changed: tuple[str, ...]


def moment_text(moment: datetime, lang: str, *, short: bool = False) -> str:
    """``moment`` (naive UTC) as the reader's language writes a date, with the time in minutes;
    ``short``: the month abbreviated and no time zone (for the sidebar's narrow list)."""
    month = t(f"vintage.month{'_short' if short else ''}.{moment.month}", lang)
    return t(
        "vintage.short" if short else "vintage.moment",
        lang,
        day=moment.day,
        month=month,
        year=moment.year,
        time=f"{moment:%H:%M}",
    )


def option_labeller(vintages: Sequence[Moment], lang: str) -> Callable[[str], str]:
    """The label of each vintage widget value (``ui.state.vintage_values``): the current data
    with the moment of its last change, each past moment with what it changed."""
    labels = {CURRENT: t("vintage.current", lang, moment="–")}
    if vintages:
        newest = moment_text(vintages[0].moment, lang, short=True)
        labels[CURRENT] = t("vintage.current", lang, moment=newest)
    for vintage in vintages[1:]:
        changed = t("vintage.and", lang).join(
            t(f"vintage.changed.{what}", lang) for what in vintage.changed
        )
        labels[vintage.moment.isoformat()] = t(
            "vintage.option",
            lang,
            moment=moment_text(vintage.moment, lang, short=True),
            changed=changed,
        )
    return lambda value: labels.get(value, value)


def follows_vintage(url_path: str) -> bool:
    """Whether the page at ``url_path`` shows the data as known at the chosen vintage (every
    page but the administration: data intake, catalogue, access)."""
    return url_path not in _CURRENT_ONLY


def vintage_banner(view: View, *, follows: bool) -> None:
    """While a past vintage is chosen: which moment, that later corrections are not shown (or,
    on a page that does not follow it, that it shows the current data), and a button back to
    the current data. Nothing for the current data."""
    if view.vintage is None:
        return
    moment = moment_text(view.vintage, view.lang)
    key = "vintage.banner" if follows else "vintage.banner_current_only"
    with st.container(border=True, key="vintage_banner"):
        st.warning(t(key, view.lang, moment=moment))
        st.button(
            t("vintage.back", view.lang),
            key="vintage_back",
            on_click=_back_to_current,
        )


def _back_to_current() -> None:
    # The sidebar's vintage widget takes this value on the rerun the click starts (a view on the
    # latest quarter known then moves to the latest quarter now: ``ui.state.view``).
    st.session_state[PARAM_VINTAGE] = CURRENT
