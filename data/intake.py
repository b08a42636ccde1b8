"""Importing a quarter file: the entry points the Data page and the CLI call.

A quarter file carries figures, action reports and duiding, in any combination (one kind a CSV,
a sheet each in an .xlsx: ``data.intake_columns``). ``import_file`` reads it
(``data.intake_read``), checks every row of every kind against the file format and the database
(``data.intake_kinds``: the figures' rules, the actions', the duiding's), and then either

* writes nothing and reports every problem by sheet, row and column (rejected: a problem in any
  sheet rejects the whole file; a problem repeated on many rows told once with its count and
  first rows, ``data.intake_problems``, so the answer is bounded whatever the file), or
* adds the new and changed rows of every kind as new versions in one transaction
  (``data.intake_write``, accepted). The file is checked against the published version; under
  the write lock it is checked again only when another writer published since (the working copy
  is otherwise the very version checked: ``data.store.data_version`` is the same).

Every entry takes the acting user (``data.access_rules.Actor``): a row for a part it may not
write is a problem like any other (``data.intake_access``), and one that may not upload at all
is refused (``AccessDeniedError``) before anything is read or written.

Either way the attempt is recorded in the import log (``data.import_log``) with its counts and the
file's sha256; a rejection as one line of the attempt journal (``data.attempt_journal``), so the
published database is not copied or republished for it and no dashboard cache is cleared. A dry run
validates and reports what would happen, and writes nothing at all, not even the log;
``preview_file`` is the Data page's dry run, which does put a rejected upload on record
(``log_rejected``). The result types are ``data.intake_result``'s, re-exported here.

No file makes an entry raise: an unexpected error while reading or checking one (a bug, or
memory running out) rejects it with the problem ``internal_error`` and a short random
reference, and logs that reference with the traceback (logger ``data.intake``) for the
operator. What an entry does raise is the caller's to handle: ``AccessDeniedError``,
``StoreBusyError``, an OSError of the path, and a failure while writing (rolled back).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TypedDict, Unpack

import duckdb
import pandas as pd

from data.access_rules import AccessDeniedError, Actor, may_upload, require
from data.import_log import record_rejection
from data.intake_access import access_problems
from data.intake_columns import ACTIONS, FIGURES, NARRATIVES
from data.intake_kinds import STEPS
from data.intake_problems import condense
from data.intake_read import MAX_FILE_BYTES, KindTable, Problem, read_file
from data.intake_result import (
    ACCEPTED,
    REJECTED,
    ActionChange,
    Change,
    ImportResult,
    NarrativeChange,
)
from data.intake_rules import current_quarter
from data.intake_write import write_versions
from data.store import StoreBusyError, data_version, open_reader, writer
from data.upload import Source, clean_file_name, read_upload

__all__ = [
    "MAX_FILE_BYTES",
    "ActionChange",
    "Change",
    "Destination",
    "ImportResult",
    "NarrativeChange",
    "Problem",
    "Source",
    "import_file",
    "log_rejected",
    "preview_file",
]


_log = logging.getLogger(__name__)
# Raised on purpose, for the caller to handle: never an internal error of reading a file.
_EXPECTED: tuple[type[Exception], ...] = (AccessDeniedError, StoreBusyError)


class Destination(TypedDict):
    """Which database an attempt goes to, who makes it, and when (``clock``: now)."""

    db_path: Path
    actor: Actor
    clock: datetime


@dataclass(frozen=True)
class _Rows:
    """One kind of row of a file: its table as read, and its non-blank rows as a frame."""

    read: KindTable
    frame: pd.DataFrame


@dataclass(frozen=True)
class _Prepared:
    """A file read and checked on its own: either a rejection (no rows), or its rows of each
    kind ready to check."""

    base: ImportResult
    rows: tuple[_Rows, ...] = ()


def _prepare(data: bytes | None, base: ImportResult) -> _Prepared:
    """Read the file into frames; reject what cannot even be read (size, encoding, columns)."""
    if data is None:
        problem = Problem(
            "file_too_large",
            params=(
                ("size_mb", f"{base.size_bytes / 1024 / 1024:.1f}"),
                ("limit_mb", str(MAX_FILE_BYTES // 1024 // 1024)),
            ),
        )
        return _Prepared(_with_problems(base, [problem]))
    tables, problems = read_file(data, base.file_name)
    if tables is None:
        return _Prepared(_with_problems(base, problems))
    rows, skipped = [], 0
    for read in tables:
        frame, skipped_here = STEPS[read.kind].rows_frame(read.table)
        skipped += skipped_here
        if not frame.empty:
            rows.append(_Rows(read, frame))
    base = replace(
        base, rows_read=sum(len(read.table.rows) for read in tables), rows_skipped=skipped
    )
    if not rows:
        # Only one table: point at its header, where the rows were expected.
        only = tables[0] if len(tables) == 1 else None
        problem = Problem(
            "no_rows",
            row=only.table.header_row if only else None,
            sheet=only.sheet if only else None,
        )
        return _Prepared(_with_problems(base, [problem]))
    return _Prepared(base, tuple(rows))


def _with_problems(
    result: ImportResult,
    problems: Sequence[Problem],
    failing: Iterable[tuple[str | None, int]] = (),
) -> ImportResult:
    """``result`` rejected for ``problems``, a problem repeated on many rows told once
    (``data.intake_problems``); the rows with a problem (those ``problems`` name, and
    ``failing``: the rows the checks found, where a problem stands for many) counted."""
    rows = {(problem.sheet, problem.row) for problem in problems if problem.row is not None}
    rows.update(failing)
    return replace(result, outcome=REJECTED, problems=condense(problems), problem_rows=len(rows))


def _internal_error(result: ImportResult, error: Exception) -> ImportResult:
    """``result`` rejected for an internal error: the user gets a plain message with a short
    reference; the operator finds the same reference with the traceback in the log."""
    reference = secrets.token_hex(3)
    _log.error(
        "internal error %s while reading or checking %r",
        reference,
        result.file_name,
        exc_info=error,
    )
    problem = Problem("internal_error", params=(("reference", reference),))
    return replace(
        result,
        outcome=REJECTED,
        problems=(problem,),
        problem_rows=0,
        changes=(),
        action_changes=(),
        narrative_changes=(),
    )


def _against(
    con: duckdb.DuckDBPyConnection, prepared: _Prepared, *, actor: Actor, clock: datetime
) -> ImportResult:
    """Check a read file against the database ``con`` and what ``actor`` may write; if it
    passes, what it would change."""
    if not prepared.rows:
        return replace(prepared.base, outcome=REJECTED)
    latest = current_quarter(clock)
    problems: list[Problem] = []
    failing: set[tuple[str | None, int]] = set()
    for rows in prepared.rows:
        checked = STEPS[rows.read.kind].check(
            con, rows.frame, rows.read.table, latest=latest, sheet=rows.read.sheet
        )
        refused = access_problems(
            con, actor, rows.read.kind, rows.frame, rows.read.table, sheet=rows.read.sheet
        )
        for found in (checked, refused):
            # A rule failing on many rows is one problem: its rows come with it
            # (``data.intake_checks.CheckedRows``).
            problems += found
            failing.update((rows.read.sheet, row) for row in getattr(found, "failing", ()))
    if problems:
        return _with_problems(prepared.base, problems, failing)
    found = {
        rows.read.kind: STEPS[rows.read.kind].changes(con, rows.frame) for rows in prepared.rows
    }
    return replace(
        prepared.base,
        outcome=ACCEPTED,
        changes=found.get(FIGURES, ()),
        action_changes=found.get(ACTIONS, ()),
        narrative_changes=found.get(NARRATIVES, ()),
    )


def _checked(
    source: Source,
    *,
    file_name: str | None,
    dry_run: bool,
    db_path: Path,
    actor: Actor,
    clock: datetime,
) -> tuple[_Prepared, ImportResult, str | None]:
    """Read ``source`` and check it against the published database: the set-up of every entry.
    An actor that may not upload at all is refused before the file is read. Also the version
    (``data_version``) the check was made against; None when the database changed meanwhile."""
    require(may_upload(actor), "upload")
    data, sha256, size = read_upload(source, max_bytes=MAX_FILE_BYTES)
    base = ImportResult(
        outcome=REJECTED,
        dry_run=dry_run,
        file_name=clean_file_name(file_name, source),
        sha256=sha256,
        size_bytes=size,
        rows_read=0,
        rows_skipped=0,
        problems=(),
        changes=(),
    )
    try:
        prepared = _prepare(data, base)
    except _EXPECTED:
        raise
    except Exception as error:  # any other failure is ours, not the file's
        return _Prepared(base), _internal_error(base, error), None
    version = data_version(db_path)
    with open_reader(db_path) as reader:
        try:
            result = _against(reader, prepared, actor=actor, clock=clock)
        except _EXPECTED:
            raise
        except Exception as error:
            return prepared, _internal_error(base, error), None
    # Published versions are new files (a new inode and time), so the same token before and
    # after means the reader read exactly that version.
    return prepared, result, version if data_version(db_path) == version else None


def import_file(
    source: Source,
    *,
    db_path: Path,
    actor: Actor,
    clock: datetime,
    file_name: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate a file and, unless it is a dry run, import it or record its rejection.

    ``source`` is the file's bytes or a path; ``file_name`` (default: the path's name) is what
    the log shows and decides .xlsx vs CSV together with the content. ``clock`` is now: it
    bounds the periods and stamps the versions; ``actor`` is who imports it: a row for a part it
    may not write rejects the file (``data.intake_access``), and one that may not upload at all
    gets ``data.access_rules.AccessDeniedError`` with nothing written. Raises OSError when a
    path cannot be read and ``data.store.StoreBusyError`` when another writer holds the database
    too long; a file's content never raises, it is rejected with problems.
    """
    prepared, result, checked = _checked(
        source, file_name=file_name, dry_run=dry_run, db_path=db_path, actor=actor, clock=clock
    )
    if dry_run:
        return result
    if not result.accepted:
        return log_rejected(result, db_path=db_path, actor=actor, clock=clock)
    try:
        with writer(db_path) as con:
            # Checked again under the write lock when another writer published since the check
            # (another import may have landed); the working copy is the version checked otherwise.
            try:
                if checked is None or data_version(db_path) != checked:
                    result = _against(con, prepared, actor=actor, clock=clock)
            except _EXPECTED:
                raise
            except Exception as error:  # the writer rolls back; logged below
                raise _RejectedUnderLockError(_internal_error(prepared.base, error)) from error
            if not result.accepted:
                raise _RejectedUnderLockError(result)
            # A failure to write (a full disk) is not the file's: it rolls back and is raised.
            return write_versions(con, result, actor=actor, clock=clock)
    except _RejectedUnderLockError as rejected:
        return log_rejected(rejected.result, db_path=db_path, actor=actor, clock=clock)


def preview_file(
    source: Source, *, file_name: str | None = None, **destination: Unpack[Destination]
) -> ImportResult:
    """The Data page's check of an upload: a dry run, but a rejected file is put on record.

    An upload that fails is an attempt the log should show; one that passes writes nothing until
    the user confirms (``import_file``), which checks it again under the write lock.
    """
    _, result, _ = _checked(
        source,
        file_name=file_name,
        dry_run=True,
        db_path=destination["db_path"],
        actor=destination["actor"],
        clock=destination["clock"],
    )
    if result.accepted:
        return result
    return log_rejected(result, **destination)


def log_rejected(result: ImportResult, **destination: Unpack[Destination]) -> ImportResult:
    """Record a rejected attempt in the import log: one line in the attempt journal beside the
    database (``data.attempt_journal``), which is not republished; the result as logged, with
    no ``import_id`` until the next writer folds it into ``imports``."""
    actor = destination["actor"]
    require(may_upload(actor), "upload")
    return record_rejection(destination["db_path"], result, actor=actor, clock=destination["clock"])


class _RejectedUnderLockError(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__(result.file_name)
        self.result = result
