"""Upgrading a database made by schema version 1 to version 2, in place, keeping every row.

Version 1 kept the catalogue as plain tables (``indicators``, ``indicator_scope``, ``targets``)
that only SQL typed by hand could change. Version 2 keeps it as append-only versions
(``indicator_versions``, ``target_versions``, with ``indicator_registry`` holding every id) and
serves the current catalogue through views of the same names; the import log gains ``kind``.

DuckDB cannot alter a table that another references, so the upgrade, inside the caller's
transaction (``data.schema.ensure_schema``, on a writer's working copy), copies the version 1
rows aside, drops the tables that change, lets the caller's statements create them anew and puts
every row back:

* every import row, as ``kind`` ``observations``;
* one import row of its own (user ``system``, outcome ``seed``, kind ``catalogue``) that the
  catalogue's first versions point to;
* each indicator as its first version, its scope as the version's list (in the Kingdom's order)
  and its one unit as both ``unit_nl`` and ``unit_en`` (version 1 had only an English unit: the
  Catalogue page and workbook let the team write the Dutch one);
* each target row as its first version;
* every observation, with its id, unchanged.

The first versions are recorded at the moment the data set began (the earliest of its
``created_at``, first import and first observation), so an assessment at any past vintage sees
the catalogue it saw before the upgrade. ``current_assessment`` is derived and is rebuilt by the
writer that runs the upgrade. Imports nothing of ours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import duckdb

__all__ = ["UPGRADE_FILE_NAME", "UPGRADE_USER", "needs_upgrade", "upgrade_from_v1"]

UPGRADE_USER = "system"
UPGRADE_FILE_NAME = "schema-upgrade-1-to-2"

# Version 1 tables whose rows are kept, in the order their copies are made; dropped in reverse
# dependency order.
_KEPT = ("imports", "indicators", "indicator_scope", "targets", "observations")
_DROPPED = (
    "current_assessment",
    "observations",
    "targets",
    "indicator_scope",
    "indicators",
    "imports",
)

_IS_V1_SQL = """
SELECT count(*) > 0
FROM duckdb_tables()
WHERE table_name = 'indicators' AND NOT temporary
"""

_KNOWN_SINCE_SQL = """
SELECT least(
    (SELECT try_cast(value AS TIMESTAMP) FROM meta WHERE key = 'created_at'),
    (SELECT min(started_at) FROM v1_imports),
    (SELECT min(recorded_at) FROM v1_observations),
    CAST(current_timestamp AS TIMESTAMP)
)
"""

_RESTORE_SQL = (
    "INSERT INTO imports BY NAME SELECT *, 'observations' AS kind FROM v1_imports",
    """
    INSERT INTO imports BY NAME
    SELECT
        coalesce((SELECT max(import_id) FROM v1_imports), 0) + 1 AS import_id,
        $known_since AS started_at,
        $known_since AS finished_at,
        $user_name AS user_name,
        $file_name AS file_name,
        $sha256 AS sha256,
        (SELECT count(*) FROM v1_indicators) + (SELECT count(*) FROM v1_targets) AS rows_accepted,
        0 AS rows_rejected,
        'seed' AS outcome,
        'catalogue' AS kind,
        '{"upgrade": "1 -> 2"}' AS message
    """,
    "INSERT INTO indicator_registry SELECT indicator_id FROM v1_indicators ORDER BY indicator_id",
    """
    INSERT INTO indicator_versions BY NAME
    SELECT
        row_number() OVER (ORDER BY i.indicator_id) AS version_id,
        i.indicator_id,
        i.action_line_id,
        i.name_nl,
        i.name_en,
        i.definition_nl,
        i.definition_en,
        i.unit AS unit_nl,
        i.unit AS unit_en,
        i.direction,
        i.target_type,
        i.method,
        i.frequency,
        i.aggregation,
        i.decimals,
        i.valid_min,
        i.valid_max,
        coalesce(
            (
                SELECT list(s.part_id ORDER BY p.sort_order)
                FROM v1_indicator_scope AS s
                INNER JOIN kingdom_parts AS p USING (part_id)
                WHERE s.indicator_id = i.indicator_id
            ),
            ['KINGDOM']
        ) AS scope,
        i.source,
        i.owner,
        i.reference,
        NULL AS retired_from,
        NULL AS reason,
        $known_since AS recorded_at,
        (SELECT max(import_id) FROM imports) AS import_id
    FROM v1_indicators AS i
    """,
    """
    INSERT INTO target_versions BY NAME
    SELECT
        row_number() OVER (ORDER BY indicator_id, part_id) AS version_id,
        indicator_id,
        part_id,
        baseline_period,
        baseline_value,
        target_period,
        target_value,
        false AS removed,
        NULL AS reason,
        $known_since AS recorded_at,
        (SELECT max(import_id) FROM imports) AS import_id
    FROM v1_targets
    """,
    "INSERT INTO observations BY NAME SELECT * FROM v1_observations",
)


def needs_upgrade(cur: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database holds version 1's catalogue tables."""
    (is_v1,) = cur.execute(_IS_V1_SQL).fetchall()[0]
    return bool(is_v1)


def upgrade_from_v1(cur: duckdb.DuckDBPyConnection, create_statements: Sequence[str]) -> None:
    """Upgrade in the caller's transaction; ``create_statements`` are version 2's CREATE TABLEs.

    An indicator without scope rows (which version 1 allowed) gets the Kingdom as its scope, as
    version 2 requires one.
    """
    for table in _KEPT:
        cur.execute(f"CREATE TEMP TABLE v1_{table} AS FROM {table}")
    for view in ("part_tree",):
        cur.execute(f"DROP VIEW IF EXISTS {view}")
    for table in _DROPPED:
        cur.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in create_statements:
        cur.execute(statement)
    (known_since,) = cur.execute(_KNOWN_SINCE_SQL).fetchall()[0]
    parameters = {
        "known_since": known_since,
        "user_name": UPGRADE_USER,
        "file_name": UPGRADE_FILE_NAME,
        "sha256": hashlib.sha256(UPGRADE_FILE_NAME.encode()).hexdigest(),
    }
    for statement in _RESTORE_SQL:
        used = {name: value for name, value in parameters.items() if f"${name}" in statement}
        cur.execute(statement, used)
    for table in _KEPT:
        cur.execute(f"DROP TABLE v1_{table}")
