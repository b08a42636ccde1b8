"""Who may do what, and who did what, as tables: the roles and the identity behind every import.

Built by ``data.schema.ensure_schema`` with the other tables, so an older file gains them in
place (``init --if-absent``).

| table / view | rows |
|---|---|
| ``access_grants`` | append-only: an e-mail gains or loses a role (per part for a coordinator) |
| ``import_identities`` | per import: how its user was identified, and the provider's subject |
| ``current_access`` (view) | the roles in force: each (e-mail, role, part)'s newest change |

A change records who made it (name, mode, subject), when and why.

A change's order is its ``change_id`` (given in insert order), so two changes in one second keep
their order. An e-mail is stored in lower case; ``part_id`` is set for a coordinator and only
then. Imports ``data.access_rules`` (the vocabularies).
"""

from __future__ import annotations

from typing import Final

from data.access_rules import COORDINATOR, MODES, OIDC, ROLES

__all__ = ["ACCESS_TABLES", "ACCESS_VIEWS", "MAX_EMAIL_CHARS", "MAX_REASON_CHARS"]

MAX_EMAIL_CHARS: Final = 254
MAX_REASON_CHARS: Final = 500
_MAX_SUBJECT_CHARS: Final = 255


def _listed(values: tuple[str, ...]) -> str:
    # Values come from code constants, never from input.
    return ", ".join(f"'{value}'" for value in values)


ACCESS_TABLES: Final = (
    (
        "access_grants",
        f"""
        CREATE TABLE IF NOT EXISTS access_grants (
            change_id BIGINT PRIMARY KEY CHECK (change_id > 0),
            email VARCHAR NOT NULL CHECK (
                regexp_full_match(email, '[^@\\s]+@[^@\\s]+')
                AND email = lower(email)
                AND length(email) <= {MAX_EMAIL_CHARS}
            ),
            role VARCHAR NOT NULL CHECK (role IN ({_listed(ROLES)})),
            part_id VARCHAR REFERENCES kingdom_parts (part_id),
            granted BOOLEAN NOT NULL,
            reason VARCHAR CHECK (reason IS NULL OR length(reason) <= {MAX_REASON_CHARS}),
            recorded_at TIMESTAMP NOT NULL,
            recorded_by VARCHAR NOT NULL CHECK (length(recorded_by) > 0),
            recorded_by_mode VARCHAR NOT NULL CHECK (recorded_by_mode IN ({_listed(MODES)})),
            recorded_by_subject VARCHAR,
            CHECK ((role = '{COORDINATOR}') = (part_id IS NOT NULL)),
            CHECK ((recorded_by_mode = '{OIDC}') = (recorded_by_subject IS NOT NULL))
        )""",
    ),
    (
        "import_identities",
        f"""
        CREATE TABLE IF NOT EXISTS import_identities (
            import_id BIGINT PRIMARY KEY REFERENCES imports (import_id),
            mode VARCHAR NOT NULL CHECK (mode IN ({_listed(MODES)})),
            subject VARCHAR CHECK (subject IS NULL OR length(subject) <= {_MAX_SUBJECT_CHARS}),
            CHECK ((mode = '{OIDC}') = (subject IS NOT NULL))
        )""",
    ),
)

ACCESS_VIEWS: Final = (
    (
        "current_access",
        """
        CREATE OR REPLACE VIEW current_access AS
        WITH newest AS (
            -- each (e-mail, role, part)'s latest change
            SELECT
                *,
                row_number() OVER (
                    PARTITION BY email, role, coalesce(part_id, '')
                    ORDER BY change_id DESC
                ) AS newest_first
            FROM access_grants
        )

        SELECT
            email,
            role,
            part_id,
            reason,
            recorded_at AS granted_at,
            recorded_by AS granted_by
        FROM newest
        WHERE newest_first = 1 AND granted""",
    ),
)
