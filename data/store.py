"""Where the data lives, and how one writer and many readers share it without lock errors; what
is left after a crash, and what is said when something is wrong with the file.

DuckDB locks a file opened for writing against every other process, read-only ones too, so no
process ever opens the published file for writing. Instead:

* **Writer** (``writer(path)``): takes an exclusive ``flock`` on ``<db>.lock`` (one writer at a time
  across processes), copies the published file to a private working copy, opens that read-write,
  lets the caller change it, then checkpoints, fsyncs and publishes it with one atomic
  ``os.replace`` over the published path. On any error the working copy is deleted and nothing is
  published: the change fails closed. The copy is the one part of a publication that costs what
  the file holds rather than what changed: a reader's DuckDB lock on a published file (through
  its hard link, the same inode) keeps every writer out of it, so each version must be a new
  file, and ext4 has no reflinks to make that copy cheap (README, Benchmarks: imports).
* **Readers** (``open_reader(path)``): open the published file read-only through a hard link named
  after its inode (``<db>.read-<inode>``). DuckDB keeps one database instance per path inside a
  process, so a fixed path would keep serving the replaced file; a name per published version
  makes "reopen when it changed" real. Old links are removed by the next writer; a process that
  still has one open keeps reading its version until it moves on (POSIX unlink semantics).
* ``data_version(path)`` is a cheap stat-based token that changes with every publication, for
  cache keys.
* Before publishing, the writer refreshes the derived ``current_assessment`` table
  (``data.current_assessment.refresh_current_assessment``; after an import only the indicators
  it touched), so every published version carries the assessment of its own data and readers
  only read it. Before that, after the caller's
  change, it folds the attempt journal (rejected attempts logged without a publication:
  ``data.attempt_journal.fold_attempts``) into ``imports``; a fresh writer throws it away.

After a crash. A writer killed mid-write (``kill -9``, power loss) leaves its working copy
``.<db>.work-<pid>`` with its ``.wal`` (and DuckDB's ``.tmp`` folder when it spilled to disk); the
published file is untouched. The next writer, holding the lock, removes every working copy whose
process no longer runs: no process has that pid, it is a zombie, or the process with that pid
started after the copy was last written (the pid was reused; start times from ``/proc``, so on a
system without ``/proc`` only the pid's existence counts). The lock file stays: removing it while
someone waits on it would let two writers in.

Who holds the lock. A writer that got the lock records in the lock file its pid, its command line
(shortened) and since when (UTC); it empties the file when it lets go. A writer that waits longer
than its timeout raises ``StoreBusyError`` naming that holder (``busy``), or saying honestly that
the recorded process is gone although the lock is held (``busy_holder_gone``), or that nobody
is recorded (``busy_holder_unknown``). The record is information only: the ``flock`` alone
decides who writes. ``waiting_notice(callback)`` lets a caller (the CLI) say once, after a few
seconds, whom it is waiting for.

A file that is not the monitor's database, or is damaged: a reader and a writer check the file
before DuckDB opens it and raise ``StoreUnreadableError``: ``not_a_database`` when it lacks
DuckDB's header (the magic ``DUCK`` at byte 8; checked first, so DuckDB never guesses another
format: it would try to download a reader for a SQLite file) or has no ``meta`` table, and
``damaged`` when it is cut short (not whole blocks after its headers, or fewer blocks than it
says it uses), or DuckDB fails to open it or to read ``meta``. ``init`` (a fresh writer)
replaces a damaged database but never a file that is not one. A block damaged inside a file of
the right length is found only when a query reads it. Not damage: a file this process may not
read (``no_access``), and a file another program (say the ``duckdb`` shell) has open for
writing, which DuckDB's own lock keeps every reader out of (``open_elsewhere``, a busy error).

| name | does |
|---|---|
| ``database_path()`` | the published database: ``$MONITOR_DB`` or ``data/monitor.duckdb`` |
| ``data_version(path)`` | a token that changes with every publication; None without a database |
| ``open_reader(path)`` | a read-only connection to the published version |
| ``writer(path, *, fresh, timeout_s)`` | a working copy to change, published on success |
| ``waiting_notice(callback, *, after_s)`` | tell ``callback`` once when a writer has to wait |
| ``StoreError`` | base: ``code``, ``params`` (for the message), a plain English ``str`` |
| ``StoreBusyError`` | lock held too long (``busy*``); ``changing``; ``open_elsewhere`` |
| ``StoreUnreadableError`` | ``not_a_database``, ``damaged``, or no permission (``no_access``) |
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import re
import shutil
import struct
import sys
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from data.attempt_journal import fold_attempts
from data.schema import ensure_schema

__all__ = [
    "DEFAULT_DB",
    "StoreBusyError",
    "StoreError",
    "StoreUnreadableError",
    "data_version",
    "database_path",
    "open_reader",
    "waiting_notice",
    "writer",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "monitor.duckdb"
_LOCK_TIMEOUT_S = 120.0
# A waiting writer's caller is told whom it waits for after this long (``waiting_notice``).
_WAIT_NOTICE_S = 3.0
# Start times from /proc are exact to a tick, boot time to a second, the record to a second.
_CLOCK_SLACK_S = 2.0
_COMMAND_CHARS, _WORD_CHARS = 160, 48

# DuckDB's file layout: a main header (magic at byte 8) and two database headers of 4 KiB each,
# then ``block_count`` blocks of ``block_alloc_size`` bytes (verified on DuckDB 2.0 files).
_HEADER_BYTES = 4096
_MAGIC, _MAGIC_AT = b"DUCK", 8
_DATABASE_HEADERS = (_HEADER_BYTES, 2 * _HEADER_BYTES)
_BLOCKS_AT = 3 * _HEADER_BYTES


class StoreError(RuntimeError):
    """Something about the database that stops a command: ``code`` names it (the message key
    ``store.error.<code>``), ``params`` fill in the message; ``str()`` is plain English."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class StoreBusyError(StoreError):
    """Another process holds the write lock for longer than we are willing to wait (or the
    database kept changing while it was being opened: ``changing``)."""


class StoreUnreadableError(StoreError):
    """The file at the database's path is not the monitor's database, or is damaged."""


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


# --- is it the monitor's database? ---------------------------------------------------------------


def _not_a_database(path: Path) -> StoreUnreadableError:
    return StoreUnreadableError(
        "not_a_database", f"the file {path} is not a database of the monitor", path=str(path)
    )


def _damaged(path: Path) -> StoreUnreadableError:
    return StoreUnreadableError(
        "damaged",
        f"the database {path} is damaged or incomplete; restore the latest backup or make a "
        "new one with `python cli.py init`",
        path=str(path),
    )


def _no_access(path: Path, error: OSError) -> StoreUnreadableError:
    reason = error.strerror or str(error)
    message = f"the database {path} cannot be opened: {reason}"
    return StoreUnreadableError("no_access", message, path=str(path), reason=reason)


# DuckDB's words when another process has the file open for writing (DuckDB 2.0).
_LOCK_CONFLICT, _LOCK_PID = "Could not set lock on file", re.compile(r"\(PID (\d+)\)")


def _open_failed(path: Path, error: duckdb.Error) -> StoreError:
    """DuckDB could not open a file with a whole DuckDB header: another program has it open for
    writing (DuckDB's own file lock, which no reader gets past), or the file is damaged."""
    message = str(error)
    if _LOCK_CONFLICT not in message:
        return _damaged(path)
    holder = _LOCK_PID.search(message)
    pid = holder.group(1) if holder else "?"
    return StoreBusyError(
        "open_elsewhere",
        f"another program (process {pid}) has the database {path} open for writing, so nobody "
        f"can read it; close that program, or open the database read-only (duckdb -readonly)",
        path=str(path),
        pid=pid,
    )


def _block_size(head: bytes) -> int | None:
    """The block size the active database header gives; None when it makes no sense (another
    storage format: then DuckDB's own checks decide)."""
    headers = [struct.unpack_from("<QQQQQQ", head, at) for at in _DATABASE_HEADERS]
    _checksum, _iteration, _meta, _free, _blocks, block_size = max(headers, key=lambda h: h[1])
    if _HEADER_BYTES <= block_size <= 1 << 30 and block_size & (block_size - 1) == 0:
        return block_size
    return None


def _check_file(path: Path, shown: Path) -> int:
    """Raise StoreUnreadableError unless ``path`` looks like a whole DuckDB file (``shown`` is
    the path the message names): DuckDB's magic, its three headers, and whole blocks after them
    (DuckDB only ever cuts a file at a block's end). Its size; FileNotFoundError when it is gone.
    A published file never changes (a new version is a new file), so the size stays true."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_BLOCKS_AT)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        raise
    except OSError as error:
        raise _no_access(shown, error) from error
    magic_end = _MAGIC_AT + len(_MAGIC)
    if len(head) >= magic_end and head[_MAGIC_AT:magic_end] != _MAGIC:
        raise _not_a_database(shown)
    if len(head) < _BLOCKS_AT:
        raise _damaged(shown)
    block_size = _block_size(head)
    if block_size is not None and (size - _BLOCKS_AT) % block_size:
        raise _damaged(shown)
    return size


_META_FOUND = (
    "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
    " AND schema_name = 'main' AND table_name = 'meta'"
)
_BLOCKS_USED = (
    "SELECT used_blocks, block_size FROM pragma_database_size()"
    " WHERE database_name = current_database()"
)


def _first_read(con: duckdb.DuckDBPyConnection, size: int, shown: Path) -> None:
    """Read the ``meta`` table: a DuckDB file without it is not the monitor's; one that fails to
    read it, or holds fewer blocks than it uses (cut at a block's end), is damaged. Closes
    ``con`` before raising."""
    try:
        cur = con.cursor()
        try:
            found = cur.execute(_META_FOUND).fetchall()[0][0]
            if found:
                cur.execute("SELECT key, value FROM meta").fetchall()
            used = cur.execute(_BLOCKS_USED).fetchall()
        finally:
            cur.close()
        whole = not used or _BLOCKS_AT + used[0][0] * used[0][1] <= size
    except duckdb.Error as error:
        con.close()
        raise _damaged(shown) from error
    if not whole:
        con.close()
        raise _damaged(shown)
    if not found:
        con.close()
        raise _not_a_database(shown)


def _check_database(path: Path) -> None:
    """Open ``path`` read-only and read it: StoreUnreadableError when it is not whole."""
    size = _check_file(path, path)
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise _open_failed(path, error) from error
    _first_read(con, size, path)
    con.close()


# --- readers -------------------------------------------------------------------------------------


def _reader_link(path: Path, inode: int) -> Path:
    return path.with_name(f"{path.name}.read-{inode}")


def _same_file(path: Path, inode: int) -> bool:
    try:
        return os.stat(path).st_ino == inode
    except FileNotFoundError:
        return False


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the currently published version of ``path``.

    FileNotFoundError when there is no database; StoreUnreadableError when the file is not the
    monitor's database or is damaged."""
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
            link = path
        try:
            if os.stat(link).st_ino != inode:
                # The link name was reused for an older inode that was since removed: retry.
                continue
            size = _check_file(link, path)
            con = duckdb.connect(str(link), read_only=True)
        except FileNotFoundError:
            # A writer published and removed this link between our stat and our open: retry.
            time.sleep(0.01)
            continue
        except duckdb.Error as error:
            if _same_file(link, inode):
                # The file is there and DuckDB cannot open it: it is locked or damaged.
                raise _open_failed(path, error) from error
            time.sleep(0.01)
            continue
        _first_read(con, size, path)
        return con
    raise StoreBusyError(
        "changing",
        f"the database at {path} kept changing while it was being opened",
        path=str(path),
    )


# --- the write lock, and who holds it ------------------------------------------------------------


@dataclass(frozen=True)
class _Notice:
    callback: Callable[[StoreBusyError], None]
    after_s: float


_NOTICE: ContextVar[_Notice | None] = ContextVar("store_waiting_notice", default=None)


@contextlib.contextmanager
def waiting_notice(
    callback: Callable[[StoreBusyError], None], *, after_s: float | None = None
) -> Iterator[None]:
    """While inside, a writer that has waited ``after_s`` seconds (default 3) for the lock calls
    ``callback`` once with a StoreBusyError describing the holder (its ``code`` and ``params``
    are those a timeout would raise), then goes on waiting."""
    delay = _WAIT_NOTICE_S if after_s is None else after_s
    token = _NOTICE.set(_Notice(callback, delay))
    try:
        yield
    finally:
        _NOTICE.reset(token)


@functools.cache
def _boot_time() -> float | None:
    try:
        with open("/proc/stat") as handle:
            for line in handle:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except OSError:
        pass
    return None


def _process_start(pid: int) -> tuple[str, float] | None:
    """The state letter and start time (epoch seconds) of ``pid`` from /proc; None when unknown."""
    boot = _boot_time()
    if boot is None:
        return None
    try:
        with open(f"/proc/{pid}/stat") as handle:
            text = handle.read()
    except OSError:
        return None  # gone since, or hidden (hidepid): what os.kill said stands
    # Field 2 (the command) is in parentheses and may hold spaces; fields 3.. follow it.
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")


def _running(pid: int, *, since: float | None) -> bool:
    """Whether ``pid`` is a live process that was already running at ``since`` (epoch seconds;
    None: any live one), so it may be the one that wrote or recorded something then."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    state = _process_start(pid)
    if state is None:
        return True
    letter, started = state
    if letter in ("Z", "X"):
        return False
    return since is None or started <= since + _CLOCK_SLACK_S


def _command_line() -> str:
    """This process's command line, short and printable: ``python cli.py import kw3.csv``."""
    words = list(getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv])
    if words:
        words[0] = Path(words[0]).name
    return _printable(" ".join(_shortened(word, _WORD_CHARS) for word in words))


def _shortened(text: str, limit: int) -> str:
    """``text`` cut in the middle to ``limit`` characters: the end of a path (the file) stays."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]


def _printable(text: str) -> str:
    printable = "".join(char if char.isprintable() else "?" for char in text)
    return _shortened(printable, _COMMAND_CHARS)


@dataclass(frozen=True)
class _Holder:
    pid: int
    command: str
    since: datetime


def _read_holder(lock_path: Path) -> _Holder | None:
    """The recorded holder of the lock; None when nobody is recorded or the record is unreadable."""
    try:
        with open(lock_path, "rb") as handle:
            record = json.loads(handle.read(4096).decode("utf-8"))
        since = datetime.fromisoformat(record["since"])
        pid, command = record["pid"], record["command"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(pid, int) or isinstance(pid, bool) or not isinstance(command, str):
        return None
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return _Holder(pid=pid, command=_printable(command), since=since.astimezone(UTC))


def _busy(path: Path, lock_path: Path) -> StoreBusyError:
    """The error for a lock held too long, saying what is known about who holds it."""
    holder = _read_holder(lock_path)
    where = {"path": str(path), "lock": str(lock_path)}
    if holder is None:
        return StoreBusyError(
            "busy_holder_unknown",
            f"the database {path} is busy: another process holds its lock {lock_path}; nothing "
            f"was changed. Find it with: fuser -v {lock_path}",
            **where,
        )
    since = f"{holder.since:%Y-%m-%d %H:%M} UTC"
    who = {"pid": holder.pid, "command": holder.command, "since": since, **where}
    if _running(holder.pid, since=holder.since.timestamp()):
        return StoreBusyError(
            "busy",
            f"the database {path} is busy: process {holder.pid} ({holder.command}) has been "
            f"updating it since {since}; nothing was changed. Wait for it to finish, or stop it "
            f"if it is stuck: kill {holder.pid}",
            **who,
        )
    return StoreBusyError(
        "busy_holder_gone",
        f"the database {path} is busy: process {holder.pid} ({holder.command}), recorded as "
        f"updating it since {since}, no longer runs, yet another process holds its lock "
        f"{lock_path}; nothing was changed. Find it with: fuser -v {lock_path}",
        **who,
    )


def _record_holder(fd: int) -> None:
    record = {
        "pid": os.getpid(),
        "command": _command_line(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    data = (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")
    with contextlib.suppress(OSError):  # informative only: the flock is what counts
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)


@contextlib.contextmanager
def _exclusive_lock(path: Path, timeout_s: float) -> Iterator[None]:
    lock_path = path.with_name(f"{path.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        notice = _NOTICE.get()
        started = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited > timeout_s:
                    raise _busy(path, lock_path) from None
                if notice is not None and waited >= notice.after_s:
                    notice.callback(_busy(path, lock_path))
                    notice = None
                time.sleep(0.05)
        _record_holder(fd)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


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


# --- what crashed writers left ------------------------------------------------------------------


def _work_path(path: Path, pid: int) -> Path:
    return path.with_name(f".{path.name}.work-{pid}")


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def _remove_leftovers(path: Path) -> None:
    """Under the lock: remove the working copies (with their ``.wal`` and ``.tmp``) of writers
    that no longer run, and this process's own."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.work-(\d+)(\.wal|\.tmp)?")
    by_pid: dict[int, list[Path]] = {}
    for entry in path.parent.glob(f".{path.name}.work-*"):
        match = pattern.fullmatch(entry.name)
        if match:
            by_pid.setdefault(int(match.group(1)), []).append(entry)
    for pid, entries in by_pid.items():
        try:
            written = max(entry.lstat().st_mtime for entry in entries)
        except FileNotFoundError:
            continue
        if pid == os.getpid() or not _running(pid, since=written):
            for entry in entries:
                _remove(entry)


def _check_published(path: Path, *, fresh: bool) -> None:
    """Before a writer uses or replaces ``path``: StoreUnreadableError unless it is whole. A fresh
    start (``init``) may replace a damaged database, never a file that is not one."""
    if not path.exists():
        return
    try:
        _check_database(path)
    except StoreUnreadableError as error:
        if not (fresh and error.code == "damaged"):
            raise


@contextlib.contextmanager
def writer(
    path: Path, *, fresh: bool = False, timeout_s: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection to a working copy; publish it atomically on success.

    ``fresh=True`` starts from an empty database instead of the published one (``init``). The
    schema is ensured on the working copy before the caller sees it, and the stored current
    assessment is brought up to date after the caller's change, before publishing.

    Waits up to ``timeout_s`` (default 120 s) for the lock, then raises StoreBusyError. Under
    the lock it first removes what crashed writers left, and raises StoreUnreadableError when the
    published file is not the monitor's database or is damaged (fresh: only when it is not one).
    """
    # Imported here: the engine (pandas) is for writers only, never for a reader's start.
    from data.current_assessment import refresh_current_assessment

    path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(path, _LOCK_TIMEOUT_S if timeout_s is None else timeout_s):
        _remove_leftovers(path)
        _check_published(path, fresh=fresh)
        work = _work_path(path, os.getpid())
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
