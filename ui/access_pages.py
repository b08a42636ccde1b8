"""What the menu and a page offer the acting user: only what they may use.

| function | what |
|---|---|
| ``permitted_sections(sections, allowed)`` | the menu without the pages the user may not use |
| ``named_tabs(prefix, names, lang, *, when)`` | ``st.tabs`` by name; some only ``when`` allowed |
| ``own_parts_first(parts, own, preferred)`` | a coordinator's parts first; which one to open on |
| ``refusals(denied, lang)`` | a block in which a refused write shows why, never a traceback |

Who may do what is the data layer's (``data.access_rules``): the page or app.py asks it and
hands in the answer (``allowed``) or the error type (``denied``); pages hide what a user may
not do, the data functions refuse it. Imports ``ui.i18n``, ``ui.pages``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.pages import PageEntry

if TYPE_CHECKING:
    from data.access_rules import AccessDeniedError

__all__ = ["named_tabs", "own_parts_first", "permitted_sections", "refusals"]

Sections = Sequence[tuple[str, Sequence[PageEntry]]]


def permitted_sections(
    sections: Sections, allowed: Callable[[str], bool]
) -> list[tuple[str, tuple[PageEntry, ...]]]:
    """``sections`` with only the pages whose ``requires`` is None or ``allowed``; a section
    left without pages is left out."""
    kept = [
        (key, tuple(e for e in entries if e.requires is None or allowed(e.requires)))
        for key, entries in sections
    ]
    return [(key, entries) for key, entries in kept if entries]


def named_tabs(
    prefix: str, names: Sequence[str], lang: str, *, when: Mapping[str, bool] | None = None
) -> dict[str, Any]:
    """A tab for each of ``names``, labelled ``t(f"{prefix}.{name}")``, in order, by name;
    a name in ``when`` only when its value is true (absent from the result otherwise)."""
    shown = [name for name in names if (when or {}).get(name, True)]
    return dict(zip(shown, st.tabs([t(f"{prefix}.{name}", lang) for name in shown]), strict=True))


def own_parts_first(
    parts: pd.DataFrame, own: Collection[str], preferred: str
) -> tuple[pd.DataFrame, str]:
    """``parts`` with the rows of ``own`` first (each group in the hierarchy's order), and the
    part to open on: ``preferred`` when it is one's own (or there are none), else the first
    of ``own``. For a coordinator's template: their part, not the whole Kingdom."""
    mine = parts["part_id"].isin(list(own))
    if not mine.any():
        return parts, preferred
    ordered = pd.concat([parts[mine], parts[~mine]], ignore_index=True)
    return ordered, preferred if preferred in set(own) else str(ordered["part_id"].iloc[0])


@contextmanager
def refusals(denied: type[AccessDeniedError], lang: str) -> Iterator[None]:
    """Run a block that writes; a ``denied`` error (``data.access_rules.AccessDeniedError``:
    roles changed since the page was drawn) ends it with ``access.denied.<what>`` in words."""
    try:
        yield
    except denied as error:
        st.error(t(f"access.denied.{error.what}", lang))
