"""The Kingdom hierarchy as pages hold it: the parts frame (``data.queries.Reference``) asked the
questions ``metrics.hierarchy`` answers, and the parts' names.

Each function takes the parts frame (part_id, parent_id, level, name_nl, name_en, in display
order) and only reads it: which parts sit under or above a part is ``metrics.hierarchy``'s rule,
never walked here. Pure pandas.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from metrics import hierarchy

__all__ = [
    "KINGDOM",
    "ancestors",
    "comparison_parts",
    "name_column",
    "parents",
    "part_labels",
    "part_level",
    "shown_parts",
    "subtree",
]

KINGDOM = "KINGDOM"


def name_column(lang: str) -> str:
    """The column holding a name in ``lang`` (``name_nl``, ``name_en``)."""
    return f"name_{lang}"


def part_level(parts: pd.DataFrame, part_id: str) -> str:
    """The level of ``part_id``: ``kingdom``, ``part`` or ``entity`` (an island or country)."""
    return str(parts.loc[parts["part_id"] == part_id, "level"].iloc[0])


def parents(parts: pd.DataFrame) -> dict[str, object]:
    """The parent map ``metrics.hierarchy`` reads: part_id -> parent_id, in display order."""
    return dict(zip(parts["part_id"], parts["parent_id"], strict=True))


def subtree(parts: pd.DataFrame, part_id: str) -> list[str]:
    """``part_id`` and every part and entity below it, in the hierarchy's order."""
    return hierarchy.subtree(parents(parts), part_id)


def ancestors(parts: pd.DataFrame, part_id: str) -> list[str]:
    """``part_id`` and every part above it, up to the Kingdom."""
    return hierarchy.ancestors(parents(parts), part_id)


def shown_parts(parts: pd.DataFrame, part_id: str) -> list[str]:
    """The part and the parts or entities directly below it (a chart's or matrix's columns)."""
    return [part_id, *hierarchy.children(parents(parts), part_id)]


def comparison_parts(parts: pd.DataFrame, part_id: str) -> list[str]:
    """The parts compared side by side: the part's whole subtree; an entity with its siblings."""
    tree = parents(parts)
    chain = hierarchy.ancestors(tree, part_id)
    is_entity = part_level(parts, part_id) == "entity"
    anchor = chain[1] if is_entity and len(chain) > 1 else part_id
    return hierarchy.subtree(tree, anchor)


def part_labels(parts: pd.DataFrame, part_ids: Sequence[str], lang: str) -> dict[str, str]:
    """Each of ``part_ids`` with its name in ``lang``, in the order given."""
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    return {part_id: names[part_id] for part_id in part_ids}
