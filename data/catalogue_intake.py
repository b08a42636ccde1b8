"""Importing the catalogue workbook: the entry points the Catalogue page and the CLI call.

read (``data.catalogue_read``) -> validate (``data.catalogue_rules``) -> preview (the diff of
``data.catalogue_changes``) -> write in one transaction (``data.catalogue_write``) -> import
log. A file (.xlsx, or a .zip of two CSVs) and the page's edited frames take the same path after
reading, so they pass and fail alike.

* A dry run (``check_*``, or ``dry_run=True``) checks against the published database and writes
  nothing, not even the log.
* An accepted attempt is checked again under the write lock (another import may have landed)
  and written in one transaction; one that changes nothing writes only its log row (an exported
  workbook imported unchanged adds no version).
* A rejected attempt writes nothing but its log entry, and that in the attempt journal beside the
  database (``data.attempt_journal``): the database is not republished; the next writer folds
  the entry into ``imports``. Its result has no ``import_id``.

Only an actor that may edit the catalogue (``data.access_rules.may_edit_catalogue``: an editor,
the CLI, local mode) imports: anyone else gets ``AccessDeniedError`` before the file is read,
and nothing is written, not even the log (the pages offer no import to them).

A file's content never raises: it is rejected with problems. Raises ``OSError`` when a path
cannot be read, ``FileNotFoundError`` when there is no database, and
``data.store.StoreBusyError`` when another writer holds the database too long. ``clock`` is now:
it stamps the versions and the log row.

| function | does |
|---|---|
| ``check_catalogue_file(source, *, file_name, db_path, clock)`` | dry run of a file |
| ``import_catalogue_file(source, *, file_name=None, db_path, actor, clock, ...)`` | import |
| ``check_catalogue_frames(indicators, targets, *, db_path, clock)`` | dry run of frames |
| ``import_catalogue_frames(indicators, targets, *, db_path, actor, clock)`` | import frames |
| ``import_catalogue_into(cur, source, *, file_name=None, actor, clock)`` | in a transaction |

``import_catalogue_into`` is for a database being made (``init --catalogue``, the demo): it
checks against the database's committed state and writes inside the caller's transaction, in the
caller's writer, and a rejection writes nothing at all (the caller rolls back and abandons the
working copy, so no half database is published).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from data.access_rules import Actor, may_edit_catalogue, require
from data.attempt_journal import Attempt, append_attempt
from data.catalogue_changes import CatalogueChange, CatalogueResult, FieldChange, changes
from data.catalogue_read import (
    MAX_FILE_BYTES,
    CatalogueTables,
    read_catalogue,
    tables_from_frames,
)
from data.catalogue_rules import Checked, catalogue_context, check
from data.catalogue_write import message, write_catalogue, write_catalogue_in
from data.intake_read import Problem
from data.store import open_reader, writer
from data.upload import Source, clean_file_name, read_upload

__all__ = [
    "MAX_FILE_BYTES",
    "CatalogueChange",
    "CatalogueResult",
    "FieldChange",
    "Problem",
    "Source",
    "check_catalogue_file",
    "check_catalogue_frames",
    "import_catalogue_file",
    "import_catalogue_frames",
    "import_catalogue_into",
]


@dataclass(frozen=True)
class _Read:
    """An attempt read: its result so far (a rejection, when it could not be read), its tables."""

    base: CatalogueResult
    tables: CatalogueTables | None


def _base(*, dry_run: bool, file_name: str, sha256: str, size: int) -> CatalogueResult:
    return CatalogueResult(
        outcome="rejected",
        dry_run=dry_run,
        file_name=file_name,
        sha256=sha256,
        size_bytes=size,
        problems=(),
        warnings=(),
        changes=(),
    )


def _read_file(source: Source, *, file_name: str | None, dry_run: bool) -> _Read:
    data, sha256, size = read_upload(source, max_bytes=MAX_FILE_BYTES)
    base = _base(
        dry_run=dry_run, file_name=clean_file_name(file_name, source), sha256=sha256, size=size
    )
    if data is None:
        params = (
            ("size_mb", f"{size / 1024 / 1024:.1f}"),
            ("limit_mb", str(MAX_FILE_BYTES // 1024 // 1024)),
        )
        return _Read(replace(base, problems=(Problem("file_too_large", params=params),)), None)
    tables, problems, warnings = read_catalogue(data, base.file_name)
    return _Read(replace(base, problems=tuple(problems), warnings=tuple(warnings)), tables)


def _read_frames(
    indicators: pd.DataFrame, targets: pd.DataFrame, *, source_name: str, dry_run: bool
) -> _Read:
    tables, problems, warnings = tables_from_frames(indicators, targets)
    # The frames' content as text, so the log's checksum says what was imported.
    content = (indicators.to_csv(index=False) + "\n" + targets.to_csv(index=False)).encode()
    base = _base(
        dry_run=dry_run,
        file_name=clean_file_name(source_name, None),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    return _Read(replace(base, problems=tuple(problems), warnings=tuple(warnings)), tables)


def _against(con: duckdb.DuckDBPyConnection, read: _Read) -> tuple[CatalogueResult, Checked | None]:
    """Check a read attempt against the database ``con``: the result, and the checked rows."""
    if read.tables is None or read.base.problems:
        return replace(read.base, outcome="rejected"), None
    context = catalogue_context(con)
    checked = check(read.tables, context)
    if checked.problems:
        return replace(read.base, outcome="rejected", problems=checked.problems), None
    found = changes(checked.indicators, checked.targets, context.indicators, context.targets)
    return replace(read.base, outcome="accepted", changes=found), checked


def _dry(read: _Read, db_path: Path) -> CatalogueResult:
    with open_reader(db_path) as reader:
        return _against(reader, read)[0]


def _import(read: _Read, *, db_path: Path, actor: Actor, clock: datetime) -> CatalogueResult:
    """Check against the published database, then write (checked again under the lock).
    Only an actor that may edit the catalogue gets this far: anyone else is refused before the
    file is read, and nothing is written."""
    result = _dry(read, db_path)
    if result.accepted:
        try:
            with writer(db_path) as con:
                result, checked = _against(con, read)
                if checked is None:
                    raise _RejectedUnderLockError(result)
                return write_catalogue(
                    con, result, checked.indicators, checked.targets, actor=actor, clock=clock
                )
        except _RejectedUnderLockError as rejected:
            # Another import landed in between; nothing was published. Logged on its own.
            result = rejected.result
    return _log_rejection(result, db_path=db_path, actor=actor, clock=clock)


def _log_rejection(
    result: CatalogueResult, *, db_path: Path, actor: Actor, clock: datetime
) -> CatalogueResult:
    """Put a rejected attempt on record in the attempt journal; the database is not touched."""
    rows = {(p.sheet, p.row) for p in result.problems if p.row is not None}
    attempt = Attempt.rejected(
        kind="catalogue",
        file_name=result.file_name,
        sha256=result.sha256,
        rows_rejected=len(rows),
        message=message(result),
        actor=actor,
        clock=clock,
    )
    append_attempt(db_path, attempt)
    return replace(result, import_id=None, dry_run=False)


class _RejectedUnderLockError(Exception):
    def __init__(self, result: CatalogueResult) -> None:
        super().__init__(result.file_name)
        self.result = result


def check_catalogue_file(
    source: Source, *, file_name: str | None, db_path: Path, clock: datetime
) -> CatalogueResult:
    """What importing ``source`` (bytes or a path) would do; writes nothing."""
    del clock  # the rules do not depend on today; kept so every entry point is called alike
    return _dry(_read_file(source, file_name=file_name, dry_run=True), db_path)


def import_catalogue_file(
    source: Source,
    *,
    file_name: str | None = None,
    db_path: Path,
    actor: Actor,
    clock: datetime,
    dry_run: bool = False,
) -> CatalogueResult:
    """Validate a catalogue file and, unless it is a dry run, import it or log its rejection.

    ``file_name`` (default: the path's name) is what the log shows.
    """
    require(may_edit_catalogue(actor), "edit_catalogue")
    read = _read_file(source, file_name=file_name, dry_run=dry_run)
    if dry_run:
        return _dry(read, db_path)
    return _import(read, db_path=db_path, actor=actor, clock=clock)


def check_catalogue_frames(
    indicators: pd.DataFrame, targets: pd.DataFrame, *, db_path: Path, clock: datetime
) -> CatalogueResult:
    """What importing the page's edited frames would do; writes nothing."""
    del clock
    return _dry(_read_frames(indicators, targets, source_name="page edit", dry_run=True), db_path)


def import_catalogue_frames(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    db_path: Path,
    actor: Actor,
    clock: datetime,
    dry_run: bool = False,
    source_name: str = "page edit",
) -> CatalogueResult:
    """The page's edited frames (the workbook's columns), through the file's rules and writer.

    Row numbers in problems are those of the same content in a sheet: header row 1, the frame's
    first row 2. ``source_name`` is the log's file name.
    """
    require(may_edit_catalogue(actor), "edit_catalogue")
    read = _read_frames(indicators, targets, source_name=source_name, dry_run=dry_run)
    if dry_run:
        return _dry(read, db_path)
    return _import(read, db_path=db_path, actor=actor, clock=clock)


def import_catalogue_into(
    cur: duckdb.DuckDBPyConnection,
    source: Source,
    *,
    file_name: str | None = None,
    actor: Actor,
    clock: datetime,
) -> CatalogueResult:
    """Check a catalogue file against what ``cur``'s database has committed and, when accepted,
    write it inside the caller's transaction on ``cur``. A rejection writes nothing, not even a
    log row: the caller, making a new database, abandons it."""
    require(may_edit_catalogue(actor), "edit_catalogue")
    read = _read_file(source, file_name=file_name, dry_run=False)
    result, checked = _against(cur, read)
    if checked is None:
        return result
    return write_catalogue_in(
        cur, result, checked.indicators, checked.targets, actor=actor, clock=clock
    )
