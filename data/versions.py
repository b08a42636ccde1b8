"""The one rule for append-only versions: what counts at a vintage is the newest version of each
key recorded at or before it.

Observations, indicator versions, target versions, action reports and narratives follow it (the
schema's ``indicators_at``, ``indicator_scope_at``, ``targets_at``, ``action_reports_at`` and
``narratives_at`` macros are built from it). A table that follows it has
a ``recorded_at`` column that is unique per key (the schema's UNIQUE constraint), so "newest" has
no ties. Vintage ``None`` means "everything recorded
so far". Imports nothing of ours.

| function | returns |
|---|---|
| ``newest_versions_sql(table, key=, columns=, where=None)`` | SQL: the newest version per key |
| ``LAST_RECORDED_SQL`` | SQL: the newest ``recorded_at`` of any versioned table (NULL: none) |

The SQL takes the parameter ``$vintage`` (a TIMESTAMP or NULL) and any the ``where`` text names.
It is one grouped pass (``arg_max_null`` per column, so a NULL in the newest version counts),
which at millions of rows is several times cheaper than a ``row_number()`` window.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["LAST_RECORDED_SQL", "VERSIONED_TABLES", "newest_versions_sql"]

# Every table that follows the rule: what the data set knows changes only when one of them gains
# a row, so the newest recorded_at over them is "the last change" (the current vintage).
VERSIONED_TABLES = (
    "observations",
    "indicator_versions",
    "target_versions",
    "action_reports",
    "narratives",
)

LAST_RECORDED_SQL = (
    "SELECT max(recorded_at) FROM (\n"
    + "\n    UNION ALL\n".join(
        f"    SELECT max(recorded_at) AS recorded_at FROM {table}" for table in VERSIONED_TABLES
    )
    + "\n)"
)


def newest_versions_sql(
    table: str,
    *,
    key: Sequence[str],
    columns: Sequence[str],
    where: str | None = None,
    vintage: str = "$vintage",
) -> str:
    """A SELECT of ``key`` + ``columns`` + ``recorded_at``: the newest version of each key.

    Only versions recorded at or before ``$vintage`` (every version when it is NULL) and, when
    given, matching ``where`` (SQL text from code constants, never from input) are considered.
    ``table``, ``key`` and ``columns`` are identifiers from code constants too; ``vintage`` is
    the SQL expression of the vintage (a macro's parameter name, say), ``$vintage`` by default.
    """
    if not key:
        raise ValueError("newest_versions_sql needs at least one key column")
    overlap = set(key) & set(columns)
    if overlap or "recorded_at" in {*key, *columns}:
        raise ValueError(f"key and columns overlap or name recorded_at: {sorted(overlap)}")
    selected = [
        *(f"    {column}" for column in key),
        *(f"    arg_max_null({column}, recorded_at) AS {column}" for column in columns),
        "    max(recorded_at) AS recorded_at",
    ]
    condition = f"({vintage} IS NULL OR recorded_at <= {vintage})"
    if where:
        condition += f"\n    AND ({where})"
    return (
        "SELECT\n"
        + ",\n".join(selected)
        + f"\nFROM {table}\nWHERE {condition}\nGROUP BY {', '.join(key)}\n"
    )
