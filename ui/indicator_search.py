"""Which indicators a picker offers: a bounded list, whatever the catalogue's size (thousands of
indicators at M), found by a search on code and name. Pure; no streamlit.

| name | what |
|---|---|
| ``PICKER_LIMIT`` | the most indicators a picker offers at once |
| ``matching_options(labels, query, chosen=, limit=)`` | ``Options``: the chosen indicator,
  then the first ``limit`` others whose label holds every word of ``query`` (any case); how
  many match; whether some are left out |
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

__all__ = ["PICKER_LIMIT", "Options", "matching_options"]

PICKER_LIMIT = 50


class Options(NamedTuple):
    """What a picker offers: ``ids`` in order, how many ids match the query (``found``), and
    whether some of them are left out (``cut``: the reader should search more precisely)."""

    ids: list[str]
    found: int
    cut: bool


def matching_options(
    labels: Mapping[str, str], query: str, *, chosen: str | None, limit: int = PICKER_LIMIT
) -> Options:
    """The ids a picker offers for ``query``.

    ``labels`` maps an id to its label (code and name), in the catalogue's order. An id matches
    when its label holds every word of ``query``, in any case; an empty query matches all. The
    ``chosen`` id comes first (the picker shows it, matching or not), then at most ``limit``
    other matches in the catalogue's order.
    """
    words = query.casefold().split()
    ids = [chosen] if chosen in labels else []
    found = offered = 0
    for indicator_id, label in labels.items():
        text = label.casefold()
        if not all(word in text for word in words):
            continue
        found += 1
        if indicator_id == chosen:
            offered += 1
        elif len(ids) - (chosen in labels) < limit:
            ids.append(indicator_id)
            offered += 1
    return Options(ids, found, found > offered)
