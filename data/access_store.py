"""Granting and revoking roles, and the identity behind every import: the writes of access.

| function | does |
|---|---|
| ``grant_role(db_path, *, actor, email, role, parts=(), ...)`` | roles not yet held, as changes |
| ``revoke_role(db_path, *, actor, email, role=None, parts=(), ...)`` | roles in force, ended |
| ``record_identity(cur, import_id, actor)`` | how an import's user was identified (caller's tx) |

Only an actor that may manage access (``data.access_rules.may_manage_access``: an admin, the CLI,
local mode) changes roles; anyone else gets ``AccessDeniedError`` and nothing is written. A
request that cannot be right (an e-mail without ``@``, an unknown role or part, a part for a role
that has none, a coordinator without a part, nothing to revoke) raises ``AccessInputError`` with
a code (a key under ``access.error`` in the catalogs) and its parameters, and writes nothing.
Granting what is already held changes nothing (an empty result). Imports ``data.access``,
``data.access_rules``, ``data.access_schema``, ``data.sql``, ``data.store``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from data import sql
from data.access import current_grants, normalise_email
from data.access_rules import COORDINATOR, ROLES, Actor, may_manage_access, require
from data.access_schema import MAX_EMAIL_CHARS, MAX_REASON_CHARS
from data.store import writer

__all__ = ["AccessChange", "AccessInputError", "grant_role", "record_identity", "revoke_role"]

_INSERT_CHANGE_SQL = """
INSERT INTO access_grants BY NAME
SELECT
    coalesce(max(change_id), 0) + 1 AS change_id,
    $email AS email,
    $role AS role,
    $part_id AS part_id,
    $granted AS granted,
    $reason AS reason,
    $recorded_at AS recorded_at,
    $recorded_by AS recorded_by,
    $recorded_by_mode AS recorded_by_mode,
    $recorded_by_subject AS recorded_by_subject
FROM access_grants
"""

_INSERT_IDENTITY_SQL = "INSERT INTO import_identities VALUES ($import_id, $mode, $subject)"

_PART_IDS_SQL = "SELECT part_id FROM kingdom_parts"


class AccessInputError(ValueError):
    """A grant or revoke that cannot be right: ``code`` names why, ``params`` fill the message."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


@dataclass(frozen=True)
class AccessChange:
    """One role gained (``granted``) or lost; ``part_id`` for a coordinator's."""

    email: str
    role: str
    part_id: str | None
    granted: bool


def _checked(
    con: duckdb.DuckDBPyConnection,
    email: str,
    role: str | None,
    parts: Sequence[str],
    reason: str | None,
) -> tuple[str, tuple[str, ...], str | None]:
    """The request as stored (e-mail, parts, reason), or AccessInputError."""
    email = normalise_email(email)
    local, _, domain = email.partition("@")
    if not local or not domain or "@" in domain or any(c.isspace() for c in email):
        raise AccessInputError("invalid_email", email=email)
    if len(email) > MAX_EMAIL_CHARS:
        raise AccessInputError("invalid_email", email=email[:40] + "…")
    if role is not None and role not in ROLES:
        raise AccessInputError("unknown_role", role=role, roles=", ".join(ROLES))
    wanted = tuple(dict.fromkeys(part.strip().upper() for part in parts))
    known = {part for (part,) in sql.rows(con, _PART_IDS_SQL)}
    unknown = [part for part in wanted if part not in known]
    if unknown:
        raise AccessInputError("unknown_part", part=", ".join(unknown))
    if wanted and role is not None and role != COORDINATOR:
        raise AccessInputError("part_without_coordinator", role=role)
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > MAX_REASON_CHARS:
        raise AccessInputError("reason_too_long", limit=str(MAX_REASON_CHARS))
    return email, wanted, reason


def _insert(
    cur: duckdb.DuckDBPyConnection,
    changes: Sequence[AccessChange],
    *,
    actor: Actor,
    reason: str | None,
    clock: datetime,
) -> None:
    for change in changes:
        cur.execute(
            _INSERT_CHANGE_SQL,
            {
                "email": change.email,
                "role": change.role,
                "part_id": change.part_id,
                "granted": change.granted,
                "reason": reason,
                "recorded_at": clock,
                "recorded_by": actor.name,
                "recorded_by_mode": actor.mode,
                "recorded_by_subject": actor.subject,
            },
        )


def _held(con: duckdb.DuckDBPyConnection, email: str) -> set[tuple[str, str | None]]:
    grants = current_grants(con)
    mine = grants[grants["email"] == email]
    return {
        (role, None if part is None or part != part else str(part))
        for role, part in zip(mine["role"], mine["part_id"], strict=True)
    }


def grant_role(
    db_path: Path,
    *,
    actor: Actor,
    email: str,
    role: str,
    parts: Sequence[str] = (),
    reason: str | None = None,
    clock: datetime,
) -> tuple[AccessChange, ...]:
    """Give ``email`` the ``role`` (a coordinator's for each of ``parts``); what was new."""
    require(may_manage_access(actor), "manage_access")
    with writer(db_path) as con, sql.transaction(con) as cur:
        email, wanted, reason = _checked(cur, email, role, parts, reason)
        if role == COORDINATOR and not wanted:
            raise AccessInputError("coordinator_without_part")
        held = _held(cur, email)
        keys = [(role, part) for part in wanted] if role == COORDINATOR else [(role, None)]
        changes = tuple(
            AccessChange(email, role, part, True) for role, part in keys if (role, part) not in held
        )
        _insert(cur, changes, actor=actor, reason=reason, clock=clock)
        return changes


def revoke_role(
    db_path: Path,
    *,
    actor: Actor,
    email: str,
    role: str | None = None,
    parts: Sequence[str] = (),
    reason: str | None = None,
    clock: datetime,
) -> tuple[AccessChange, ...]:
    """End ``email``'s roles in force: all of them, or ``role``'s, or a coordinator's for
    ``parts``. What was ended; AccessInputError when nothing matches."""
    require(may_manage_access(actor), "manage_access")
    with writer(db_path) as con, sql.transaction(con) as cur:
        email, wanted, reason = _checked(cur, email, role, parts, reason)
        if wanted and role is None:
            role = COORDINATOR
        changes = tuple(
            AccessChange(email, held_role, part, False)
            for held_role, part in sorted(_held(cur, email), key=lambda key: (key[0], key[1] or ""))
            if (role is None or held_role == role) and (not wanted or part in wanted)
        )
        if not changes:
            raise AccessInputError("nothing_to_revoke", email=email)
        _insert(cur, changes, actor=actor, reason=reason, clock=clock)
        return changes


def record_identity(cur: duckdb.DuckDBPyConnection, import_id: int, actor: Actor) -> None:
    """How the user of import ``import_id`` was identified, beside its log row."""
    cur.execute(
        _INSERT_IDENTITY_SQL,
        {"import_id": import_id, "mode": actor.mode, "subject": actor.subject},
    )
