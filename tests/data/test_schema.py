"""The schema as code: idempotent, every table present, every constraint enforced by DuckDB."""

from __future__ import annotations

import duckdb
import pytest

from data.schema import TABLES, ensure_schema


def _schema_snapshot(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        """
        SELECT table_name, column_name, data_type, is_nullable
        FROM information_schema.columns
        ORDER BY table_name, ordinal_position
        """
    ).fetchall()


def test_ensure_schema_twice_changes_nothing(con):
    before = _schema_snapshot(con)
    meta_before = con.execute("SELECT * FROM meta ORDER BY key").fetchall()
    ensure_schema(con)
    assert _schema_snapshot(con) == before
    assert con.execute("SELECT * FROM meta ORDER BY key").fetchall() == meta_before


def test_every_table_exists(con):
    names = {
        row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert set(TABLES) <= names


# Each case: a statement that breaks exactly one constraint of a table filled by the structure seed.
BAD_ROWS = {
    "objective id pattern": "INSERT INTO objectives VALUES ('X1', 'a', 'b', 99)",
    "objective empty name": "INSERT INTO objectives VALUES ('O9', '', 'b', 99)",
    "action line unknown objective": "INSERT INTO action_lines VALUES ('AL99', 'O9', 'a', 'b', 99)",
    "action line duplicate key": "INSERT INTO action_lines VALUES ('AL01', 'O1', 'a', 'b', 99)",
    "theme link unknown theme": "INSERT INTO theme_action_lines VALUES ('T99', 'AL01')",
    "priority bad scope": "INSERT INTO priorities VALUES ('AL01-Z', 'AL01', 'Z', 'mars', 'x', NULL)",
    "priority id mismatch": "INSERT INTO priorities VALUES ('AL02-Z', 'AL01', 'Z', 'kingdom', 'x', NULL)",
    "priority letter": "INSERT INTO priorities VALUES ('AL01-zz', 'AL01', 'zz', 'kingdom', 'x', NULL)",
    "part bad level": "INSERT INTO kingdom_parts VALUES ('XX', 'KINGDOM', 'island', 'a', 'b', 'r', 1, 99)",
    "part entity without population": (
        "INSERT INTO kingdom_parts VALUES ('XX', 'CAR_NL', 'entity', 'a', 'b', 'r', NULL, 99)"
    ),
    "part non-kingdom without parent": (
        "INSERT INTO kingdom_parts VALUES ('XX', NULL, 'part', 'a', 'b', 'r', NULL, 99)"
    ),
    "part negative population": (
        "INSERT INTO kingdom_parts VALUES ('XX', 'CAR_NL', 'entity', 'a', 'b', 'r', -5, 99)"
    ),
    "indicator bad direction": (
        "INSERT INTO indicators (indicator_id, action_line_id, name_nl, name_en, unit, direction,"
        " target_type, frequency, source, owner, aggregation, decimals)"
        " VALUES ('IND-9999', 'AL01', 'a', 'b', 'u', 'sideways', 'reach', 'annual', 's', 'o',"
        " 'sum', 0)"
    ),
    "indicator bad target type": (
        "INSERT INTO indicators (indicator_id, action_line_id, name_nl, name_en, unit, direction,"
        " target_type, frequency, source, owner, aggregation, decimals)"
        " VALUES ('IND-9999', 'AL01', 'a', 'b', 'u', 'up', 'exceed', 'annual', 's', 'o', 'sum', 0)"
    ),
    "indicator range inverted": (
        "INSERT INTO indicators (indicator_id, action_line_id, name_nl, name_en, unit, direction,"
        " target_type, frequency, source, owner, aggregation, decimals, valid_min, valid_max)"
        " VALUES ('IND-9999', 'AL01', 'a', 'b', 'u', 'up', 'reach', 'annual', 's', 'o', 'sum', 0,"
        " 10, 5)"
    ),
    "indicator decimals": (
        "INSERT INTO indicators (indicator_id, action_line_id, name_nl, name_en, unit, direction,"
        " target_type, frequency, source, owner, aggregation, decimals)"
        " VALUES ('IND-9999', 'AL01', 'a', 'b', 'u', 'up', 'reach', 'annual', 's', 'o', 'sum', 9)"
    ),
    "scope unknown part": "INSERT INTO indicator_scope VALUES ('IND-0101', 'MARS')",
    "target bad period": (
        "INSERT INTO targets VALUES ('IND-0101', 'NL', '2023-1', 1, '2029Q4', 2)"
    ),
    "target before baseline": (
        "INSERT INTO targets VALUES ('IND-0101', 'NL', '2029Q4', 1, '2023Q1', 2)"
    ),
    "import bad checksum": (
        "INSERT INTO imports VALUES (1, TIMESTAMP '2025-01-01', TIMESTAMP '2025-01-01', 'u', 'f',"
        " 'abc', 0, 0, 'accepted', NULL)"
    ),
    "import bad outcome": (
        "INSERT INTO imports VALUES (1, TIMESTAMP '2025-01-01', TIMESTAMP '2025-01-01', 'u', 'f',"
        f" '{'a' * 64}', 0, 0, 'maybe', NULL)"
    ),
    "import finished before start": (
        "INSERT INTO imports VALUES (1, TIMESTAMP '2025-01-02', TIMESTAMP '2025-01-01', 'u', 'f',"
        f" '{'a' * 64}', 0, 0, 'accepted', NULL)"
    ),
    "observation bad period": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q5', 1, 'none', NULL,"
        " TIMESTAMP '2025-01-01', 1)"
    ),
    "observation infinite value": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 'inf'::DOUBLE,"
        " 'none', NULL, TIMESTAMP '2025-01-01', 1)"
    ),
    "observation NaN value": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 'nan'::DOUBLE,"
        " 'none', NULL, TIMESTAMP '2025-01-01', 1)"
    ),
    "observation unknown flag": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'guess', NULL,"
        " TIMESTAMP '2025-01-01', 1)"
    ),
    "observation long note": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'none',"
        " repeat('x', 1001), TIMESTAMP '2025-01-01', 1)"
    ),
    "observation unknown import": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'none', NULL,"
        " TIMESTAMP '2025-01-01', 777)"
    ),
    "observation same version twice": (
        "INSERT INTO observations VALUES (2, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'none', NULL,"
        " TIMESTAMP '2025-01-01', 1)"
    ),
}


ONE_IMPORT = (
    "INSERT INTO imports VALUES (1, TIMESTAMP '2025-01-01', TIMESTAMP '2025-01-01', 'u', 'f',"
    " ?, 1, 0, 'accepted', NULL)"
)
# An observation of IND-0101 for the Kingdom in 2025Q1, from import 1: id, value, flag, note.
OBSERVATION = (
    "INSERT INTO observations VALUES (?, 'IND-0101', 'KINGDOM', '2025Q1', ?, ?, ?,"
    " TIMESTAMP '2025-01-01', 1)"
)


@pytest.fixture
def imported_con(structure_con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The structure and one accepted import (id 1) for observations to come from."""
    structure_con.execute(ONE_IMPORT, ["a" * 64])
    return structure_con


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_each_constraint_rejects_a_bad_row(imported_con, case):
    imported_con.execute(OBSERVATION, [1, 1, "none", None])
    with pytest.raises(duckdb.ConstraintException):
        imported_con.execute(BAD_ROWS[case])


def test_a_good_observation_is_accepted(imported_con):
    imported_con.execute(OBSERVATION, [1, 1.9, "provisional", "ok"])
    assert imported_con.execute("SELECT value, flag FROM observations").fetchall() == [
        (1.9, "provisional")
    ]
