"""Who an action concerns and who reports on it: the strategy's facts, as SQL views.

Each lettered priority has a scope (``kingdom``, ``eur_nl``, ``caribbean``,
``caribbean_countries``, ``caribbean_nl``). ``data/seed/priority_scope_parts.csv`` names the
part(s) of the Kingdom each scope covers; a report on a priority may come from any part or entity
under them. ``data/seed/action_reporters.csv`` names who owes a report every quarter: the part
that carries the policy (the Kingdom for Kingdom affairs, European Netherlands, Caribbean
Netherlands) and, for the Caribbean countries, each country itself, since each is responsible
for its own security. Other units under the scope may report too (an island on a Caribbean
priority); such an action then counts from its first report on.

Views (built by ``data.schema.ensure_schema`` from the CSVs, so an older file gains them too):

| view | rows |
|---|---|
| ``priority_parts`` | (priority_id, part_id): every part or entity a report may come from |
| ``priority_reporters`` | (priority_id, part_id): who owes a report on the priority each quarter |

Imports nothing of ours but the seed's location.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Final

__all__ = ["ACTION_SCOPE_VIEWS", "read_scope_facts"]

_SEED_DIR: Final = Path(__file__).resolve().parent / "seed"


def read_scope_facts(name: str) -> tuple[tuple[str, str], ...]:
    """The (scope, part_id) rows of ``data/seed/<name>.csv``."""
    with open(_SEED_DIR / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return tuple((row["scope"], row["part_id"]) for row in csv.DictReader(handle))


def _plain(text: str) -> bool:
    return text.replace("_", "").replace("-", "").isalnum()


def _values(rows: tuple[tuple[str, str], ...]) -> str:
    # The seed's own identifiers, checked to be plain ids before they become SQL literals.
    for scope, part_id in rows:
        if not (
            scope.replace("_", "").isalnum() and part_id.replace("_", "").replace("-", "").isalnum()
        ):
            raise ValueError(f"unexpected scope row in the seed: {scope!r}, {part_id!r}")
    return ",\n            ".join(f"('{scope}', '{part_id}')" for scope, part_id in rows)


ACTION_SCOPE_VIEWS: Final = (
    (
        "priority_parts",
        f"""
        CREATE OR REPLACE VIEW priority_parts AS
        WITH scope_parts (scope, root_id) AS (
            VALUES
            {_values(read_scope_facts("priority_scope_parts"))}
        )

        SELECT DISTINCT
            priorities.priority_id,
            part_tree.part_id
        FROM priorities
        INNER JOIN scope_parts ON scope_parts.scope = priorities.scope
        INNER JOIN part_tree ON part_tree.ancestor_id = scope_parts.root_id""",
    ),
    (
        "priority_reporters",
        f"""
        CREATE OR REPLACE VIEW priority_reporters AS
        WITH reporters (scope, part_id) AS (
            VALUES
            {_values(read_scope_facts("action_reporters"))}
        )

        SELECT
            priorities.priority_id,
            reporters.part_id
        FROM priorities
        INNER JOIN reporters ON reporters.scope = priorities.scope
        INNER JOIN kingdom_parts ON kingdom_parts.part_id = reporters.part_id""",
    ),
)
