"""Where the data lives, and how one writer and many readers share it without lock errors.

DuckDB locks a file opened for writing against every other process, read-only ones too, so no
process ever opens the published file for writing. Instead:

* **Writer** (``writer(path)``): takes an exclusive ``flock`` on ``<db>.lock`` (one writer at a time
  across processes), copies the published file to a private working copy, opens that read-write,
  lets the caller change it, then checkpoints, fsyncs and publishes it with one atomic
  ``os.replace`` over the published path. On any error the working copy is deleted and nothing is
  published: the change fails closed.
* **Readers** (``open_reader(path)``): open the published file read-only through a hard link named
  after its inode (``<db>.read-<inode>``). DuckDB keeps one database instance per path inside a
  process, so a fixed path would keep serving the replaced file; a name per published version
  makes "reopen when it changed" real. Old links are removed by the next writer; a process that
  still has one open keeps reading its version until it moves on (POSIX unlink semantics).
* ``data_version(path)`` is a cheap stat-based token that changes with every publication, for
  cache keys.
* Before publishing, the writer refreshes the derived ``current_assessment`` table
  (``data.current_assessment.refresh_current_assessment``), so every published version carries
  the assessment of its own data and readers only read it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from data.attempt_journal import fold_attempts
from data.current_assessment import refresh_current_assessment
from data.schema import ensure_schema

__all__ = [
    "DEFAULT_DB",
    "StoreBusyError",
    "data_version",
    "database_path",
    "open_reader",
    "writer",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "monitor.duckdb"
_LOCK_TIMEOUT_S = 120.0


class StoreBusyError(RuntimeError):
    """Another process holds the write lock for longer than we are willing to wait."""


def database_path() -> Path:
    """The published database: ``$MONITOR_DB`` when set, else ``data/monitor.duckdb``."""
    configured = os.environ.get("MONITOR_DB")
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DB


def data_version(path: Path) -> str | None:
    """A token that changes whenever a new version is published; None when there is no database."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def _reader_link(path: Path, inode: int) -> Path:
    return path.with_name(f"{path.name}.read-{inode}")


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the currently published version of ``path``."""
    for _attempt in range(5):
        try:
            inode = os.stat(path).st_ino
        except FileNotFoundError:
            raise FileNotFoundError(
                f"no database at {path}; run `python cli.py init --demo`"
            ) from None
        link = _reader_link(path, inode)
        try:
            os.link(path, link)
        except FileExistsError:
            pass
        except OSError:
            # No hard links on this file system: read the published path itself.
            return duckdb.connect(str(path), read_only=True)
        try:
            if os.stat(link).st_ino != inode:
                # The link name was reused for an older inode that was since removed: retry.
                continue
            return duckdb.connect(str(link), read_only=True)
        except (FileNotFoundError, duckdb.IOException):
            # A writer published and removed this link between our stat and our open: retry.
            time.sleep(0.01)
    raise StoreBusyError(f"the database at {path} kept changing while it was being opened")


@contextlib.contextmanager
def _exclusive_lock(path: Path, timeout_s: float) -> Iterator[None]:
    lock_path = path.with_name(f"{path.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreBusyError(
                        f"another process is still writing to {path}; try again shortly"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_path(path: Path, *, directory: bool = False) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if directory else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_links(path: Path) -> None:
    current = os.stat(path).st_ino
    for link in path.parent.glob(f"{path.name}.read-*"):
        if link.name != _reader_link(path, current).name:
            with contextlib.suppress(FileNotFoundError):
                link.unlink()


@contextlib.contextmanager
def writer(
    path: Path, *, fresh: bool = False, timeout_s: float = _LOCK_TIMEOUT_S
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection to a working copy; publish it atomically on success.

    ``fresh=True`` starts from an empty database instead of the published one (``init``). The
    schema is ensured on the working copy before the caller sees it, and the stored current
    assessment is brought up to date after the caller's change, before publishing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(path, timeout_s):
        work = path.with_name(f".{path.name}.work-{os.getpid()}")
        for leftover in (work, work.with_name(work.name + ".wal")):
            leftover.unlink(missing_ok=True)
        if not fresh and path.exists():
            shutil.copyfile(path, work)
        con = duckdb.connect(str(work))
        try:
            ensure_schema(con)
            yield con
            fold_attempts(con, path, fresh=fresh)
            refresh_current_assessment(con)
            con.execute("CHECKPOINT")
            con.close()
            _fsync_path(work)
            os.replace(work, path)
            _fsync_path(path.parent, directory=True)
            _remove_stale_links(path)
        except BaseException:
            with contextlib.suppress(Exception):
                con.close()
            for leftover in (work, work.with_name(work.name + ".wal")):
                leftover.unlink(missing_ok=True)
            raise
