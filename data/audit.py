"""The audit trail: every change anyone made, who made it and how they were identified, newest
first; and, for one import, every version it wrote.

Two kinds of change share one row shape (``AUDIT_COLUMNS``), so a page lists them together and
a CSV holds them in one table:

* an import attempt (``imports`` with its ``import_identities`` row): ``what`` is the import's
  kind, ``observations`` (a quarter file: figures, action reports, duiding) or ``catalogue``;
  ``outcome`` ``accepted``, ``rejected`` or ``seed``; the file, its sha256 and the counts. A
  rejected attempt still in the attempt journal (``data.attempt_journal``; read when the
  database's path is given) is listed the same way, with no ``import_id`` yet;
* a change of a role (``access_grants``): ``what`` is ``access``, ``outcome`` ``granted`` or
  ``revoked``; the e-mail, the role, the part (a coordinator's) and the reason.

``who`` is the log's name (the e-mail when signed in, else the OS user), ``mode`` how that user
was identified (``local``, ``cli``, ``oidc``) and ``subject`` the provider's subject (oidc only).
An import made before imports recorded identities (the demo's, an upgraded file's) has neither:
``mode`` is NULL. Columns that do not apply to a kind are NULL. Words for any of it are the
page's: this module returns codes.

| name | what |
|---|---|
| ``audit_trail(con, *, since, ..., limit, journal_of)`` | ``AuditRows``, newest first |
| ``import_versions(con, import_id, *, limit)`` | ``AuditRows``: what one import wrote, by key |
| ``audit_csv(frame, *, dialect)`` | a trail's rows as CSV bytes, formula-neutralised |
| ``AUDIT_WHATS`` / ``AUDIT_OUTCOMES`` | the values the ``what`` and ``outcome`` filters take |

Both reads are bounded: at most ``limit`` rows, and ``AuditRows.more`` says when there are more.
The CSV is the export's (``data.dialects``, ``data.export_sql.copy_options``): the dialect's
separator and BOM, LF line ends, a quoted field wherever a separator, quote or line break of
either kind is inside, and a leading apostrophe before free text that a spreadsheet would read as
a formula. Imports ``data.attempt_journal``, ``data.dialects``, ``data.export_sql``,
``data.schema``, ``data.sql``.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.attempt_journal import PENDING_ROWS_SQL, pending_attempts, pending_parameter
from data.dialects import UTF8_BOM, dialect, neutralise_sql
from data.export_sql import copy_options
from data.schema import IMPORT_KINDS, IMPORT_OUTCOMES

__all__ = [
    "ACCESS",
    "AUDIT_COLUMNS",
    "AUDIT_OUTCOMES",
    "AUDIT_WHATS",
    "DEFAULT_LIMIT",
    "VERSION_COLUMNS",
    "WRITTEN_KINDS",
    "AuditRows",
    "audit_csv",
    "audit_trail",
    "import_versions",
]

# The ``what`` of a change of a role; an import's is its kind.
ACCESS: Final = "access"
GRANTED: Final = "granted"
REVOKED: Final = "revoked"
AUDIT_WHATS: Final = (*IMPORT_KINDS, ACCESS)
AUDIT_OUTCOMES: Final = (*IMPORT_OUTCOMES, GRANTED, REVOKED)
# Enough for years of quarterly imports and role changes; a page shows no more at once.
DEFAULT_LIMIT: Final = 2000

AUDIT_COLUMNS: Final = (
    "changed_at",
    "what",
    "who",
    "mode",
    "subject",
    "outcome",
    "import_id",
    "file_name",
    "sha256",
    "rows_accepted",
    "rows_rejected",
    "change_id",
    "email",
    "role",
    "part_id",
    "reason",
)
# The columns a CSV writes as they are: codes (the schema keeps them to patterns or
# vocabularies that cannot begin with a formula character), counts, ids. Every other text column
# is free text and neutralised; ``changed_at`` is written as an ISO 8601 moment.
_CODE_COLUMNS: Final = frozenset(
    {
        "what",
        "mode",
        "outcome",
        "import_id",
        "sha256",
        "rows_accepted",
        "rows_rejected",
        "change_id",
        "role",
        "part_id",
    }
)

_AUDIT_TRAIL_SQL: Final = f"""
WITH pending AS (
    -- attempts in the journal that are not rows yet (data.attempt_journal)
{PENDING_ROWS_SQL}
),

import_rows AS (
    -- every import attempt, with how its user was identified (none before access control)
    SELECT
        imports.started_at AS changed_at,
        imports.kind AS what,
        imports.user_name AS who,
        import_identities.mode,
        import_identities.subject,
        imports.outcome,
        imports.import_id,
        imports.import_id AS sort_id,
        imports.file_name,
        imports.sha256,
        imports.rows_accepted,
        imports.rows_rejected
    FROM imports
    LEFT JOIN import_identities ON import_identities.import_id = imports.import_id
    UNION ALL BY NAME
    SELECT
        started_at AS changed_at,
        kind AS what,
        user_name AS who,
        mode,
        subject,
        outcome,
        import_id,
        sort_id,
        file_name,
        sha256,
        rows_accepted,
        rows_rejected
    FROM pending
),

access_rows AS (
    -- every change of a role
    SELECT
        recorded_at AS changed_at,
        'access' AS what,
        recorded_by AS who,
        recorded_by_mode AS mode,
        recorded_by_subject AS subject,
        CASE WHEN granted THEN 'granted' ELSE 'revoked' END AS outcome,
        change_id,
        email,
        role,
        part_id,
        reason
    FROM access_grants
),

trail AS (
    SELECT * FROM import_rows
    UNION ALL BY NAME
    SELECT * FROM access_rows
)

SELECT
    changed_at,
    what,
    who,
    mode,
    subject,
    outcome,
    import_id,
    file_name,
    sha256,
    rows_accepted,
    rows_rejected,
    change_id,
    email,
    role,
    part_id,
    reason
FROM trail
WHERE
    ($since IS NULL OR changed_at >= $since)
    AND ($until IS NULL OR changed_at < $until)
    AND ($who IS NULL OR contains(lower(who), lower($who)))
    AND ($what IS NULL OR what = $what)
    AND ($outcome IS NULL OR outcome = $outcome)
ORDER BY
    changed_at DESC,
    sort_id DESC NULLS LAST,
    change_id DESC NULLS LAST
LIMIT $limit
"""

# What an import can write, in the order a drill-down lists it.
WRITTEN_KINDS: Final = ("indicator", "target", "observation", "action_report", "narrative")
VERSION_COLUMNS: Final = (
    "written",
    "version_id",
    "recorded_at",
    "indicator_id",
    "priority_id",
    "action_line_id",
    "part_id",
    "period",
    "value",
    "status",
    "reason",
)

_IMPORT_VERSIONS_SQL: Final = """
WITH written AS (
    SELECT
        'indicator' AS written,
        version_id,
        recorded_at,
        indicator_id,
        reason
    FROM indicator_versions
    WHERE import_id = $import_id
    UNION ALL BY NAME
    SELECT
        'target' AS written,
        version_id,
        recorded_at,
        indicator_id,
        part_id,
        reason
    FROM target_versions
    WHERE import_id = $import_id
    UNION ALL BY NAME
    SELECT
        'observation' AS written,
        observation_id AS version_id,
        recorded_at,
        indicator_id,
        part_id,
        period,
        value
    FROM observations
    WHERE import_id = $import_id
    UNION ALL BY NAME
    SELECT
        'action_report' AS written,
        report_id AS version_id,
        recorded_at,
        priority_id,
        part_id,
        period,
        status
    FROM action_reports
    WHERE import_id = $import_id
    UNION ALL BY NAME
    SELECT
        'narrative' AS written,
        narrative_id AS version_id,
        recorded_at,
        action_line_id,
        part_id,
        period
    FROM narratives
    WHERE import_id = $import_id
)

SELECT
    written.written,
    written.version_id,
    written.recorded_at,
    written.indicator_id,
    written.priority_id,
    written.action_line_id,
    written.part_id,
    written.period,
    written.value,
    written.status,
    written.reason
FROM written
LEFT JOIN kingdom_parts ON kingdom_parts.part_id = written.part_id
ORDER BY
    list_position($kinds, written.written),
    written.indicator_id NULLS LAST,
    written.priority_id NULLS LAST,
    written.action_line_id NULLS LAST,
    kingdom_parts.sort_order NULLS FIRST,
    written.period,
    written.version_id
LIMIT $limit
"""


@dataclass(frozen=True)
class AuditRows:
    """At most ``limit`` rows of a bounded read; ``more`` when the database holds more."""

    frame: pd.DataFrame
    more: bool
    limit: int


def _bounded(
    con: duckdb.DuckDBPyConnection, query: str, parameters: dict[str, object], limit: int
) -> AuditRows:
    """``query`` with one row more than ``limit``, to know whether more exist."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    frame = sql.frame(con, query, parameters | {"limit": limit + 1})
    more = len(frame) > limit
    return AuditRows(frame.head(limit).reset_index(drop=True), more, limit)


def _one_of(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value


def audit_trail(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    who: str | None = None,
    what: str | None = None,
    outcome: str | None = None,
    limit: int = DEFAULT_LIMIT,
    journal_of: Path | None = None,
) -> AuditRows:
    """Every import attempt and change of a role, newest first, in ``AUDIT_COLUMNS``.

    Filters (None: no filter): ``since <= changed_at < until`` (naive UTC, as stored); ``who`` a
    substring of the name, any case; ``what`` one of ``AUDIT_WHATS``; ``outcome`` one of
    ``AUDIT_OUTCOMES`` (ValueError for another). At most ``limit`` rows. ``journal_of``: the
    path of ``con``'s database, to list the rejected attempts its journal holds that are not
    rows yet, as rows without an ``import_id`` (``data.attempt_journal``).
    """
    who = (who or "").strip() or None
    parameters = {
        "pending": pending_parameter(pending_attempts(con, journal_of)),
        "since": since,
        "until": until,
        "who": who,
        "what": _one_of("what", what, AUDIT_WHATS),
        "outcome": _one_of("outcome", outcome, AUDIT_OUTCOMES),
    }
    return _bounded(con, _AUDIT_TRAIL_SQL, parameters, limit)


def import_versions(
    con: duckdb.DuckDBPyConnection, import_id: int, *, limit: int = DEFAULT_LIMIT
) -> AuditRows:
    """Every version import ``import_id`` wrote, in ``VERSION_COLUMNS``: ``written`` (one of
    ``WRITTEN_KINDS``) and its key (an indicator's id; a target's indicator and part; an
    observation's indicator, part and period; an action report's priority, part and period; a
    duiding's action line, part and period), with the observation's value, the action report's
    status and the catalogue's reason. No rows for a rejected import; at most ``limit`` rows."""
    parameters = {"import_id": int(import_id), "kinds": list(WRITTEN_KINDS)}
    return _bounded(con, _IMPORT_VERSIONS_SQL, parameters, limit)


# The trail's columns typed as the database holds them, whatever pandas made of a column
# (an all-NULL column is untyped, a count with NULLs a float).
_TYPES: Final = {
    "changed_at": "TIMESTAMP",
    "import_id": "BIGINT",
    "rows_accepted": "BIGINT",
    "rows_rejected": "BIGINT",
    "change_id": "BIGINT",
}
_CSV_SOURCE: Final = "audit_rows"


def _csv_cell(column: str) -> str:
    """The SQL writing one trail column as CSV text; ``column`` is one of ``AUDIT_COLUMNS``."""
    if column == "changed_at":
        # ISO 8601 as stored: DuckDB's text of a timestamp, with the date and time joined by T.
        return "replace(CAST(changed_at AS VARCHAR), ' ', 'T')"
    if column in _CODE_COLUMNS:
        return column
    return neutralise_sql(column)


def _csv_select() -> str:
    typed = ",\n".join(
        f"        CAST({column} AS {_TYPES.get(column, 'VARCHAR')}) AS {column}"
        for column in AUDIT_COLUMNS
    )
    cells = ",\n".join(f'    {_csv_cell(column)} AS "{column}"' for column in AUDIT_COLUMNS)
    typed_rows = f"WITH typed AS (\n    SELECT\n{typed}\n    FROM {_CSV_SOURCE}\n)"
    return f"{typed_rows}\nSELECT\n{cells}\nFROM typed"


_CSV_SELECT: Final = _csv_select()


def audit_csv(frame: pd.DataFrame, *, dialect_name: str = "standard") -> bytes:
    """The rows of ``audit_trail`` (its ``frame``) as CSV in the dialect ``dialect_name``
    (``data.dialects``), with ``AUDIT_COLUMNS`` as the header; ValueError for another dialect."""
    csv_dialect = dialect(dialect_name)
    options = copy_options("csv", csv_dialect)
    with (
        tempfile.TemporaryDirectory(prefix="monitor-audit-") as directory,
        contextlib.closing(duckdb.connect()) as con,
    ):
        target = Path(directory) / "audit.csv"
        con.register(_CSV_SOURCE, frame.loc[:, list(AUDIT_COLUMNS)])
        con.execute(f"COPY ({_CSV_SELECT}) TO $target {options}", {"target": str(target)})
        data = target.read_bytes()
    return UTF8_BOM + data if csv_dialect.bom else data
