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


_IMPORT_COLUMNS = (
    "(import_id, started_at, finished_at, user_name, file_name, sha256, rows_accepted,"
    " rows_rejected, outcome, message"
)
_IMPORT_COLUMNS_CLOSED = _IMPORT_COLUMNS + ")"

# A good version of IND-0101 (a new one, recorded after the seed's), with ``changes`` as SQL.
_GOOD_INDICATOR = {
    "version_id": "1000",
    "indicator_id": "'IND-0101'",
    "action_line_id": "'AL01'",
    "name_nl": "'a'",
    "name_en": "'b'",
    "unit_nl": "'u'",
    "unit_en": "'u'",
    "direction": "'up'",
    "target_type": "'reach'",
    "method": "'linear'",
    "frequency": "'annual'",
    "aggregation": "'sum'",
    "decimals": "0",
    "scope": "['NL']",
    "source": "'s'",
    "owner": "'o'",
    "recorded_at": "TIMESTAMP '2025-06-01'",
    "import_id": "1",
}
_GOOD_TARGET = {
    "version_id": "1000",
    "indicator_id": "'IND-0101'",
    "part_id": "'NL'",
    "baseline_period": "'2023Q1'",
    "baseline_value": "1",
    "target_period": "'2029Q4'",
    "target_value": "2",
    "recorded_at": "TIMESTAMP '2025-06-01'",
    "import_id": "1",
}


def _insert(table: str, values: dict[str, str]) -> str:
    return f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join(values.values())})"


def _indicator_version(**changes: str) -> str:
    return _insert("indicator_versions", {**_GOOD_INDICATOR, **changes})


def _target_version(**changes: str) -> str:
    return _insert("target_versions", {**_GOOD_TARGET, **changes})


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
    "indicator bad direction": _indicator_version(direction="'sideways'"),
    "indicator bad target type": _indicator_version(target_type="'exceed'"),
    "indicator range inverted": _indicator_version(valid_min="10", valid_max="5"),
    "indicator decimals": _indicator_version(decimals="9"),
    "indicator empty scope": _indicator_version(scope="[]"),
    "indicator bad retired_from": _indicator_version(retired_from="'2026-1'"),
    "indicator unregistered": _indicator_version(indicator_id="'IND-9998'"),
    "indicator same version twice": _indicator_version(recorded_at="TIMESTAMP '2020-01-01'"),
    "target bad period": _target_version(baseline_period="'2023-1'"),
    "target before baseline": _target_version(baseline_period="'2029Q4'", target_period="'2023Q1'"),
    "target without periods": _target_version(baseline_period="NULL"),
    "target unknown part": _target_version(part_id="'MARS'"),
    "import bad checksum": (
        f"INSERT INTO imports {_IMPORT_COLUMNS_CLOSED} VALUES (3, TIMESTAMP '2025-01-01',"
        " TIMESTAMP '2025-01-01', 'u', 'f', 'abc', 0, 0, 'accepted', NULL)"
    ),
    "import bad outcome": (
        f"INSERT INTO imports {_IMPORT_COLUMNS_CLOSED} VALUES (3, TIMESTAMP '2025-01-01',"
        f" TIMESTAMP '2025-01-01', 'u', 'f', '{'a' * 64}', 0, 0, 'maybe', NULL)"
    ),
    "import unknown kind": (
        f"INSERT INTO imports {_IMPORT_COLUMNS}, kind) VALUES (3, TIMESTAMP '2025-01-01',"
        f" TIMESTAMP '2025-01-01', 'u', 'f', '{'a' * 64}', 0, 0, 'accepted', NULL, 'figures')"
    ),
    "import finished before start": (
        f"INSERT INTO imports {_IMPORT_COLUMNS_CLOSED} VALUES (3, TIMESTAMP '2025-01-02',"
        f" TIMESTAMP '2025-01-01', 'u', 'f', '{'a' * 64}', 0, 0, 'accepted', NULL)"
    ),
    "observation bad period": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q5', 1, 'none', NULL,"
        " TIMESTAMP '2025-01-01', 2)"
    ),
    "observation infinite value": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 'inf'::DOUBLE,"
        " 'none', NULL, TIMESTAMP '2025-01-01', 2)"
    ),
    "observation NaN value": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 'nan'::DOUBLE,"
        " 'none', NULL, TIMESTAMP '2025-01-01', 2)"
    ),
    "observation unknown flag": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'guess', NULL,"
        " TIMESTAMP '2025-01-01', 2)"
    ),
    "observation long note": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'none',"
        " repeat('x', 1001), TIMESTAMP '2025-01-01', 2)"
    ),
    "observation unknown import": (
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'none', NULL,"
        " TIMESTAMP '2025-01-01', 777)"
    ),
    "observation same version twice": (
        "INSERT INTO observations VALUES (2, 'IND-0101', 'KINGDOM', '2025Q1', 1, 'none', NULL,"
        " TIMESTAMP '2025-01-01', 2)"
    ),
}


ONE_IMPORT = (
    f"INSERT INTO imports {_IMPORT_COLUMNS_CLOSED} VALUES (2, TIMESTAMP '2025-01-01',"
    " TIMESTAMP '2025-01-01', 'u', 'f', ?, 1, 0, 'accepted', NULL)"
)
# An observation of IND-0101 for the Kingdom in 2025Q1, from import 2: id, value, flag, note.
OBSERVATION = (
    "INSERT INTO observations VALUES (?, 'IND-0101', 'KINGDOM', '2025Q1', ?, ?, ?,"
    " TIMESTAMP '2025-01-01', 2)"
)


@pytest.fixture
def imported_con(structure_con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The structure, its catalogue (import 1) and one accepted import (id 2) for
    observations to come from."""
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


def test_the_good_versions_the_bad_rows_vary_are_accepted(imported_con):
    """The base rows of the indicator and target cases are valid: each case fails for its one
    change, not for its base."""
    imported_con.execute(_indicator_version())
    imported_con.execute(_target_version())
    assert imported_con.execute("SELECT count(*) FROM target_versions").fetchall() == [(1,)]
