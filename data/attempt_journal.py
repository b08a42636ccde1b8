"""The attempt journal: rejected import attempts put on record without publishing the database.

A rejected attempt changes nothing but the import log, so it is not worth a new published version
(a copy of the whole database, and every dashboard's cache cleared). It is appended instead as one
line to the journal beside the published database, ``<db>.attempts``, and the next writer of the
database (``data.store.writer``, any change) folds the journal into ``imports`` and
``import_identities`` before it publishes. Until then the import log and the audit trail read the
journal's entries together with the table, as if they were rows (``data.import_log``,
``data.audit``).

The rules:

* **A line is an attempt.** Each line is one JSON object holding everything its log row and its
  identity row will hold (``Attempt``) and a unique ``attempt`` id. It is appended with one write
  under an exclusive ``flock`` on ``<db>.attempts.lock`` and fsynced before the rejection is
  reported, so several processes can log at once and none is lost. Only complete lines count: a
  line without its line end (a crash mid-write) or one that does not hold a valid attempt is
  ignored when read, and removed by the next append or fold.
* **Folding.** Under the database's write lock (so one fold at a time), an entry whose id is not
  in the working copy yet is inserted in journal order with the next ``import_id`` (``max + 1``,
  after the writer's own change), its ``message`` carrying its id (``"attempt"``). The journal is
  only shortened for entries found already in the working copy, which was copied from the
  published database: an entry leaves the journal once its row is *published*, never before. A
  crash after publishing leaves entries in both places; readers show such an entry once (the
  row), and the next fold drops it. Nothing is ever inserted twice: the id is checked first.
* **Pending entries.** A reader shows the entries whose ids its database does not hold, with no
  ``import_id`` yet. Among attempts of the same moment they sort after every row (newest first:
  above), in journal order, which is the order their ids will have when folded.
* **A new database** (``init``, ``writer(fresh=True)``) starts with an empty log: the journal
  belongs to the database it replaces and is discarded with it.

| name | does |
|---|---|
| ``Attempt`` | one attempt as its log row holds it (``rejected(...)`` makes one) |
| ``journal_path(db_path)`` | ``<db>.attempts`` |
| ``append_attempt(db_path, attempt)`` | puts a rejected attempt on record; the database untouched |
| ``read_attempts(db_path)`` | every valid entry, journal order |
| ``pending_attempts(con, db_path)`` | the entries ``con``'s database does not hold yet |
| ``insert_attempts(cur, attempts)`` | their ``imports`` rows and identities, in the caller's tx |
| ``fold_attempts(con, db_path, *, fresh=False)`` | the writer's step: the journal into ``con`` |
| ``PENDING_ROWS_SQL`` / ``pending_parameter(attempts)`` | pending entries as ``imports`` rows |

Imports ``data.sql``, ``data.schema`` and ``data.access_rules`` (vocabularies) only:
``data.store`` imports this module.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import duckdb

from data import sql
from data.access_rules import MODES, OIDC, Actor
from data.schema import IMPORT_KINDS

__all__ = [
    "PENDING_ROWS_SQL",
    "Attempt",
    "append_attempt",
    "fold_attempts",
    "insert_attempts",
    "journal_path",
    "pending_attempts",
    "pending_parameter",
    "read_attempts",
]

REJECTED: Final = "rejected"
# import_identities.subject's limit (data.access_schema): a longer one could never be folded.
_MAX_SUBJECT_CHARS: Final = 255
# Keeps a line small; the log's names are far shorter (data.access_rules, data.upload).
_MAX_NAME_CHARS: Final = 1000
_SHA256: Final = re.compile(r"[0-9a-f]{64}")
_ATTEMPT_ID: Final = re.compile(r"[0-9a-f]{32}")
_TAIL_CHUNK: Final = 64 * 1024
_TEXT_FIELDS: Final = (
    "kind",
    "user_name",
    "file_name",
    "sha256",
    "outcome",
    "message",
    "mode",
    "attempt_id",
)
_COUNT_FIELDS: Final = ("rows_accepted", "rows_rejected")

# The attempt ids among $ids that the database holds already (folded ones carry theirs in the
# message; a message that is not JSON is nobody's).
_FOLDED_SQL: Final = """
WITH folded AS (
    SELECT
        CASE WHEN json_valid(message) THEN json_extract_string(message, '$.attempt') END AS attempt
    FROM imports
    WHERE outcome = 'rejected'
)

SELECT DISTINCT attempt
FROM folded
WHERE list_contains(CAST($ids AS VARCHAR[]), attempt)
"""

# The columns of a pending entry (``pending_parameter``: one JSON text each, ``entry``) as the
# ``imports`` row and ``import_identities`` row it will be.
_ENTRY_COLUMNS: Final = """
    CAST(entry ->> 'started_at' AS TIMESTAMP) AS started_at,
    CAST(entry ->> 'finished_at' AS TIMESTAMP) AS finished_at,
    entry ->> 'user_name' AS user_name,
    entry ->> 'file_name' AS file_name,
    entry ->> 'sha256' AS sha256,
    CAST(entry ->> 'rows_accepted' AS INTEGER) AS rows_accepted,
    CAST(entry ->> 'rows_rejected' AS INTEGER) AS rows_rejected,
    entry ->> 'outcome' AS outcome,
    entry ->> 'kind' AS kind,
    entry ->> 'message' AS message,
    entry ->> 'mode' AS mode,
    entry ->> 'subject' AS subject
FROM unnest(CAST($pending AS VARCHAR[])) AS pending_entries (entry)
"""

# Pending entries as ``imports`` rows with ``mode`` and ``subject``, for a reader's CTE: no
# ``import_id`` yet, and a ``sort_id`` above every row's in journal order: the ids a fold
# would give them now.
PENDING_ROWS_SQL: Final = f"""
SELECT
    CAST(NULL AS BIGINT) AS import_id,
    (SELECT coalesce(max(import_id), 0) FROM imports)
    + CAST(entry ->> 'position' AS BIGINT) AS sort_id,
{_ENTRY_COLUMNS}"""

# New rows: the entries with ids from $base + 1 on, in their order.
_NEW_ROWS_SQL: Final = f"""
SELECT
    $base + CAST(entry ->> 'position' AS BIGINT) AS import_id,
{_ENTRY_COLUMNS}"""

_INSERT_IMPORTS_SQL: Final = f"""
INSERT INTO imports BY NAME
SELECT * EXCLUDE (mode, subject)
FROM ({_NEW_ROWS_SQL})
"""

_INSERT_IDENTITIES_SQL: Final = f"""
INSERT INTO import_identities BY NAME
SELECT
    import_id,
    mode,
    subject
FROM ({_NEW_ROWS_SQL})
"""

_LAST_IMPORT_SQL: Final = "SELECT coalesce(max(import_id), 0) FROM imports"


def _naive_utc(moment: datetime) -> datetime:
    """As the database stores moments: naive UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


@dataclass(frozen=True)
class Attempt:
    """One import attempt as its ``imports`` row and ``import_identities`` row hold it, before
    it has an ``import_id``; ``attempt_id`` names a journal entry (None for one written
    directly). ``message`` is the row's language-neutral JSON (an object)."""

    kind: str
    started_at: datetime
    finished_at: datetime
    user_name: str
    file_name: str
    sha256: str
    rows_accepted: int
    rows_rejected: int
    outcome: str
    message: str
    mode: str
    subject: str | None = None
    attempt_id: str | None = field(default=None, compare=False)

    @classmethod
    def rejected(
        cls,
        *,
        kind: str,
        file_name: str,
        sha256: str,
        rows_rejected: int,
        message: str,
        actor: Actor,
        clock: datetime,
    ) -> Attempt:
        """A rejected attempt by ``actor`` at ``clock``, with a new journal id."""
        at = _naive_utc(clock)
        attempt = cls(
            kind=kind,
            started_at=at,
            finished_at=at,
            user_name=actor.name,
            file_name=file_name,
            sha256=sha256,
            rows_accepted=0,
            rows_rejected=rows_rejected,
            outcome=REJECTED,
            message=message,
            mode=actor.mode,
            subject=actor.subject,
            attempt_id=uuid.uuid4().hex,
        )
        problem = attempt.problem()
        if problem:
            raise ValueError(f"not a rejected attempt that can be logged: {problem}")
        return attempt

    def problem(self) -> str | None:
        """Why this cannot be a journal entry (its rows would break a constraint); None if it
        can. Mirrors ``imports``' and ``import_identities``' checks, so a fold never fails."""
        checks = (
            (self.attempt_id is not None and bool(_ATTEMPT_ID.fullmatch(self.attempt_id)), "id"),
            (self.kind in IMPORT_KINDS, "kind"),
            (self.outcome == REJECTED, "outcome"),
            (self.finished_at >= self.started_at, "finished_at"),
            (0 < len(self.user_name) <= _MAX_NAME_CHARS, "user_name"),
            (0 < len(self.file_name) <= _MAX_NAME_CHARS, "file_name"),
            (bool(_SHA256.fullmatch(self.sha256)), "sha256"),
            (self.rows_accepted == 0 and self.rows_rejected >= 0, "rows"),
            (isinstance(_json_object(self.message), dict), "message"),
            (self.mode in MODES and (self.mode == OIDC) == (self.subject is not None), "mode"),
            (self.subject is None or len(self.subject) <= _MAX_SUBJECT_CHARS, "subject"),
        )
        return next((name for ok, name in checks if not ok), None)

    def line(self) -> bytes:
        """The journal line: one JSON object and its line end."""
        entry = asdict(self) | {
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
        }
        return (json.dumps(entry, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")

    @classmethod
    def from_line(cls, line: bytes) -> Attempt | None:
        """The attempt a journal line holds; None for anything else (torn, edited, garbage)."""
        try:
            entry = json.loads(line)
            texts = {name: entry[name] for name in _TEXT_FIELDS}
            counts = {name: entry[name] for name in _COUNT_FIELDS}
            subject = entry["subject"]
            started, finished = (
                datetime.fromisoformat(entry[name]) for name in ("started_at", "finished_at")
            )
        except (ValueError, TypeError, KeyError):
            return None
        if not (
            all(isinstance(value, str) for value in texts.values())
            and all(type(value) is int for value in counts.values())
            and (subject is None or isinstance(subject, str))
            and started.tzinfo is None
            and finished.tzinfo is None
        ):
            return None
        attempt = cls(**texts, **counts, subject=subject, started_at=started, finished_at=finished)
        return attempt if attempt.problem() is None else None


def _json_object(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def journal_path(db_path: Path) -> Path:
    """The journal of the database at ``db_path``: ``<db>.attempts`` beside it."""
    return db_path.with_name(f"{db_path.name}.attempts")


@contextlib.contextmanager
def _journal_lock(db_path: Path) -> Iterator[None]:
    """The journal's own lock: appends, and a fold's read and rewrite, one at a time. Held for
    a few small writes only, never while the database is written."""
    lock_path = db_path.with_name(f"{db_path.name}.attempts.lock")
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _complete_length(fd: int, size: int) -> int:
    """Where the last complete line of the open file ``fd`` (of ``size`` bytes) ends."""
    end = size
    while end > 0:
        start = max(0, end - _TAIL_CHUNK)
        chunk = os.pread(fd, end - start, start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        end = start
    return 0


def append_attempt(db_path: Path, attempt: Attempt) -> None:
    """Put ``attempt`` (``Attempt.rejected``) on record in the journal of ``db_path``: one line,
    written whole and fsynced; a torn line a crash left at the end is cut off first. The
    database itself is not opened. FileNotFoundError when there is no database."""
    problem = attempt.problem()
    if problem:
        raise ValueError(f"not a rejected attempt that can be logged: {problem}")
    if not db_path.exists():
        raise FileNotFoundError(f"no database at {db_path}; run `python cli.py init --demo`")
    path, line = journal_path(db_path), attempt.line()
    with _journal_lock(db_path):
        created = not path.exists()
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            end = _complete_length(fd, os.fstat(fd).st_size)
            os.ftruncate(fd, end)
            try:
                written = 0
                while written < len(line):
                    written += os.write(fd, line[written:])
                os.fsync(fd)
            except BaseException:
                # Disk full, a signal: leave no part of this line behind.
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, end)
                raise
        finally:
            os.close(fd)
        if created:
            _fsync_directory(path.parent)


def _read(db_path: Path) -> tuple[list[Attempt], bool]:
    """The journal's valid entries in order (an id seen twice: the first), and whether it holds
    anything else (a torn or invalid line) that a rewrite would drop."""
    try:
        data = journal_path(db_path).read_bytes()
    except FileNotFoundError:
        return [], False
    *lines, tail = data.split(b"\n")
    attempts: dict[str, Attempt] = {}
    for line in lines:
        attempt = Attempt.from_line(line)
        if attempt is not None and attempt.attempt_id not in attempts:
            attempts[str(attempt.attempt_id)] = attempt
    return list(attempts.values()), bool(tail) or len(attempts) != len(lines)


def read_attempts(db_path: Path) -> tuple[Attempt, ...]:
    """Every valid entry in the journal of ``db_path``, in the order they were appended."""
    return tuple(_read(db_path)[0])


def _folded(con: duckdb.DuckDBPyConnection, attempts: Sequence[Attempt]) -> set[str]:
    """The ids among ``attempts`` that the database of ``con`` holds already."""
    if not attempts:
        return set()
    ids = [attempt.attempt_id for attempt in attempts]
    return {attempt for (attempt,) in sql.rows(con, _FOLDED_SQL, {"ids": ids})}


def pending_attempts(con: duckdb.DuckDBPyConnection, db_path: Path | None) -> tuple[Attempt, ...]:
    """The entries of the journal of ``db_path`` that the database of ``con`` (a version of it)
    does not hold yet, in journal order; none without a path."""
    if db_path is None:
        return ()
    attempts = read_attempts(db_path)
    folded = _folded(con, attempts)
    return tuple(attempt for attempt in attempts if attempt.attempt_id not in folded)


def pending_parameter(attempts: Sequence[Attempt]) -> list[str]:
    """``$pending`` for ``PENDING_ROWS_SQL``: each attempt as JSON with its position (1...)."""
    return [
        json.dumps(
            asdict(attempt)
            | {
                "started_at": attempt.started_at.isoformat(),
                "finished_at": attempt.finished_at.isoformat(),
                "position": position,
            }
        )
        for position, attempt in enumerate(attempts, start=1)
    ]


def _with_id(attempt: Attempt) -> Attempt:
    """``attempt`` with its journal id in its message (``"attempt"``), as its row holds it."""
    if attempt.attempt_id is None:
        return attempt
    summary = _json_object(attempt.message)
    summary = summary if isinstance(summary, dict) else {}
    message = json.dumps(summary | {"attempt": attempt.attempt_id}, sort_keys=True)
    return replace(attempt, message=message)


def insert_attempts(cur: duckdb.DuckDBPyConnection, attempts: Sequence[Attempt]) -> list[int]:
    """Add the ``imports`` rows of ``attempts`` and their ``import_identities`` rows with the
    cursor ``cur`` (inside its transaction), in order, with the next ids (``max + 1`` on); the
    ids. A journal entry's row carries its id in its message (``"attempt"``), so that it is
    never folded twice."""
    if not attempts:
        return []
    ((base,),) = cur.execute(_LAST_IMPORT_SQL).fetchall()
    parameters = {"pending": pending_parameter([_with_id(a) for a in attempts]), "base": base}
    cur.execute(_INSERT_IMPORTS_SQL, parameters)
    cur.execute(_INSERT_IDENTITIES_SQL, parameters)
    return [int(base) + position for position in range(1, len(attempts) + 1)]


def _rewrite(db_path: Path, attempts: Sequence[Attempt]) -> None:
    """Replace the journal by ``attempts`` in one atomic step (none: no journal)."""
    path = journal_path(db_path)
    if not attempts:
        path.unlink(missing_ok=True)
        _fsync_directory(path.parent)
        return
    fresh = path.with_name(f"{path.name}.new")
    with open(fresh, "wb") as handle:
        handle.write(b"".join(attempt.line() for attempt in attempts))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(fresh, path)
    _fsync_directory(path.parent)


def fold_attempts(con: duckdb.DuckDBPyConnection, db_path: Path, *, fresh: bool = False) -> None:
    """The writer's step (``data.store.writer``, under the write lock, before it publishes
    ``con``'s working copy of ``db_path``): insert every journal entry the working copy does not
    hold yet, and drop from the journal the entries it held already (published by an earlier
    writer). ``fresh``: the working copy is a new database, and the journal is discarded."""
    if not journal_path(db_path).exists():
        return
    with _journal_lock(db_path):
        if fresh:
            _rewrite(db_path, ())
            return
        attempts, untidy = _read(db_path)
        published = _folded(con, attempts)
        to_fold = [attempt for attempt in attempts if attempt.attempt_id not in published]
        if to_fold:
            with sql.transaction(con) as cur:
                insert_attempts(cur, to_fold)
        if published or untidy:
            _rewrite(db_path, to_fold)
