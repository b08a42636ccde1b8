"""The Kingdom hierarchy as a pure rule: which parts and entities sit under a part, and above it.

The Kingdom is a tree (Kingdom -> parts -> entities, any depth). Every question about it is
answered here from a parent map, so the pages, the exports and the submission status agree; the
database answers the same question with the ``part_tree`` view (``data.schema``), whose rows are
``(part_id, ancestor_id, depth)`` for every part and each part above it, itself at depth 0.
Pure: imports nothing of ours but ``metrics.errors``.

| function | returns |
|---|---|
| ``subtree(parents, part_id)`` | the part and everything below it, in the parent map's order |
| ``ancestors(parents, part_id)`` | the part and every part above it, nearest first |
| ``children(parents, part_id)`` | the parts directly below it, in order |

``parents`` maps each part id to its parent id (None or NaN for the Kingdom), in display order.

>>> parents = {"KINGDOM": None, "CN": "KINGDOM", "BON": "CN", "SAB": "CN", "NL": "KINGDOM"}
>>> subtree(parents, "CN")
['CN', 'BON', 'SAB']
>>> ancestors(parents, "SAB")
['SAB', 'CN', 'KINGDOM']
>>> children(parents, "KINGDOM")
['CN', 'NL']
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from metrics.errors import MetricError

__all__ = ["ancestors", "children", "subtree"]

Parents = Mapping[str, object]


def _parent(parents: Parents, part_id: str) -> str | None:
    parent = parents.get(part_id)
    if parent is None or (isinstance(parent, float) and math.isnan(parent)):
        return None
    return str(parent)


def _known(parents: Parents, part_id: str, rule: str) -> None:
    if part_id not in parents:
        raise MetricError(f"{rule}: {part_id!r} is not a Kingdom part or entity")


def ancestors(parents: Parents, part_id: str) -> list[str]:
    """``part_id`` and every part above it, nearest first, up to the Kingdom."""
    _known(parents, part_id, "ancestors")
    chain = [part_id]
    while (parent := _parent(parents, chain[-1])) is not None:
        if parent in chain:
            raise MetricError(f"ancestors: the hierarchy has a cycle through {parent!r}")
        chain.append(parent)
    return chain


def subtree(parents: Parents, part_id: str) -> list[str]:
    """``part_id`` and every part and entity below it at any depth, in the order of ``parents``."""
    _known(parents, part_id, "subtree")
    return [candidate for candidate in parents if part_id in ancestors(parents, candidate)]


def children(parents: Parents, part_id: str) -> list[str]:
    """The parts and entities directly below ``part_id``, in the order of ``parents``."""
    _known(parents, part_id, "children")
    return [candidate for candidate in parents if _parent(parents, candidate) == part_id]
