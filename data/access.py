"""The roles in force, and the acting user a signed-in identity is.

| function | returns |
|---|---|
| ``current_grants(con)`` | the roles in force: email, role, part_id, reason, granted_at/_by |
| ``grant_changes(con)`` | every change of a role, newest first, with who made it |
| ``signed_in_actor(con, *, email, subject)`` | an identity's ``Actor``, roles and all |
| ``normalise_email(text)`` | an e-mail as grants are keyed: trimmed, lower case |

A coordinator's granted parts are widened to every part below them (``part_tree``): a coordinator
for the Caribbean Netherlands submits for Bonaire, Sint Eustatius and Saba too. Imports
``data.access_rules``, ``data.sql``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from data import sql
from data.access_rules import COORDINATOR, OIDC, Actor

__all__ = ["current_grants", "grant_changes", "normalise_email", "signed_in_actor"]

_CURRENT_GRANTS_SQL = """
SELECT
    current_access.email,
    current_access.role,
    current_access.part_id,
    current_access.reason,
    current_access.granted_at,
    current_access.granted_by
FROM current_access
LEFT JOIN kingdom_parts ON kingdom_parts.part_id = current_access.part_id
ORDER BY
    current_access.email,
    current_access.role,
    kingdom_parts.sort_order
"""

_GRANT_CHANGES_SQL = """
SELECT
    change_id,
    recorded_at,
    recorded_by,
    recorded_by_mode,
    recorded_by_subject,
    email,
    role,
    part_id,
    granted,
    reason
FROM access_grants
ORDER BY change_id DESC
"""

_ROLES_OF_SQL = """
SELECT
    current_access.role,
    current_access.part_id
FROM current_access
LEFT JOIN kingdom_parts ON kingdom_parts.part_id = current_access.part_id
WHERE current_access.email = ?
ORDER BY kingdom_parts.sort_order
"""

_COVERED_PARTS_SQL = """
SELECT DISTINCT part_id
FROM part_tree
WHERE list_contains(?, ancestor_id)
"""


def normalise_email(text: str) -> str:
    return text.strip().lower()


def current_grants(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.frame(con, _CURRENT_GRANTS_SQL)


def grant_changes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.frame(con, _GRANT_CHANGES_SQL)


def signed_in_actor(con: duckdb.DuckDBPyConnection, *, email: str, subject: str) -> Actor:
    """The actor of a provider's identity: its e-mail's roles in force (none when unknown)."""
    email = normalise_email(email)
    held = sql.rows(con, _ROLES_OF_SQL, [email])
    granted = tuple(part for role, part in held if role == COORDINATOR)
    covered = (
        frozenset(part for (part,) in sql.rows(con, _COVERED_PARTS_SQL, [list(granted)]))
        if granted
        else frozenset()
    )
    return Actor(
        email,
        OIDC,
        subject=subject,
        roles=frozenset(role for role, _ in held),
        parts=covered,
        granted_parts=granted,
    )
