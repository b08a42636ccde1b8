from __future__ import annotations

from data.schema import schema_is_current
from data.sql import rows
from metrics.hierarchy import ancestors, subtree


def test_the_schema_view_answers_as_the_pure_rule(structure_con):
    parents = dict(
        rows(structure_con, "SELECT part_id, parent_id FROM kingdom_parts ORDER BY sort_order")
    )
    tree = rows(structure_con, "SELECT part_id, ancestor_id FROM part_tree ORDER BY depth")
    for part_id in parents:
        below = {p for p, a in tree if a == part_id}
        assert below == set(subtree(parents, part_id))
        assert [a for p, a in tree if p == part_id] == ancestors(parents, part_id)


def test_a_database_without_the_view_is_not_current_until_the_schema_is_ensured(structure_con):
    from data.schema import ensure_schema

    assert schema_is_current(structure_con)
    structure_con.execute("DROP VIEW part_tree")
    assert not schema_is_current(structure_con)
    ensure_schema(structure_con)
    assert schema_is_current(structure_con)
