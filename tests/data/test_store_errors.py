"""When something is wrong with the store: who holds the write lock, and a file at the database's
path that is not the monitor's database or is damaged. Real files, real processes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from data.init import initialize
from data.store import (
    StoreBusyError,
    StoreError,
    StoreUnreadableError,
    open_reader,
    waiting_notice,
    writer,
)
from tests.conftest import DEMO_CLOCK

ROOT = Path(__file__).resolve().parents[2]

HOLDING_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from data.store import writer
    with writer(Path(sys.argv[1])) as con:
        print("holding", flush=True)
        time.sleep(600)
    """
)


@pytest.fixture
def stopped_holder(structure_db: Path) -> Iterator[subprocess.Popen]:
    """A writer in another process that took the lock and was then suspended (SIGSTOP)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDING_WRITER, str(structure_db), "import", "kw3.csv"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "holding", process.stderr.read()
        process.send_signal(signal.SIGSTOP)
        yield process
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def _lock(db: Path) -> Path:
    return db.with_name(f"{db.name}.lock")


@pytest.mark.slow
def test_a_writer_that_times_out_names_the_process_holding_the_lock(structure_db, stopped_holder):
    started = time.monotonic()
    with pytest.raises(StoreBusyError) as raised, writer(structure_db, timeout_s=1):
        pytest.fail("the lock is held: the writer must not get it")
    assert time.monotonic() - started < 10
    error = raised.value
    assert error.code == "busy"
    assert error.params["pid"] == stopped_holder.pid
    assert error.params["command"].startswith("python -c ")
    assert error.params["command"].endswith("import kw3.csv")
    assert error.params["since"].endswith(" UTC")
    assert error.params["lock"] == str(_lock(structure_db))
    assert f"kill {stopped_holder.pid}" in str(error)


@pytest.mark.slow
def test_a_waiting_writer_is_told_once_who_it_waits_for(structure_db, stopped_holder):
    told: list[StoreBusyError] = []
    with (
        waiting_notice(told.append, after_s=0.2),
        pytest.raises(StoreBusyError),
        writer(structure_db, timeout_s=1.5),
    ):
        pass
    assert len(told) == 1
    assert told[0].code == "busy"
    assert told[0].params["pid"] == stopped_holder.pid


def test_the_holder_is_recorded_while_writing_and_cleared_after(structure_db):
    lock = _lock(structure_db)
    before = datetime.now(UTC).replace(microsecond=0)
    with writer(structure_db):
        record = json.loads(lock.read_text())
    assert record["pid"] == os.getpid()
    assert record["command"]
    since = datetime.fromisoformat(record["since"])
    assert since.tzinfo is not None
    assert before <= since <= datetime.now(UTC)
    assert lock.exists(), "the lock file stays: removing it would break the lock"
    assert lock.read_text() == ""


@contextlib.contextmanager
def _held(lock: Path, record: str) -> Iterator[None]:
    """Hold the lock from this process through its own open file, with ``record`` in it."""
    with open(lock, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(record)
        handle.flush()
        yield


def _ended_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    return process.pid


def test_a_recorded_holder_that_no_longer_runs_is_reported_honestly(structure_db):
    pid = _ended_pid()
    since = "2026-12-02T14:02:05+00:00"
    record = json.dumps({"pid": pid, "command": "python cli.py import kw3.csv", "since": since})
    with (
        _held(_lock(structure_db), record),
        pytest.raises(StoreBusyError) as raised,
        writer(structure_db, timeout_s=0.2),
    ):
        pass
    assert raised.value.code == "busy_holder_gone"
    assert raised.value.params["pid"] == pid
    assert raised.value.params["since"] == "2026-12-02 14:02 UTC"


@pytest.mark.parametrize(
    "record", ["", "{not json", '{"pid": "x"}', '{"pid": 7, "command": "x"}', "\x00\x00"]
)
def test_a_lock_held_without_a_readable_record_says_the_holder_is_unknown(structure_db, record):
    with (
        _held(_lock(structure_db), record),
        pytest.raises(StoreBusyError) as raised,
        writer(structure_db, timeout_s=0.2),
    ):
        pass
    assert raised.value.code == "busy_holder_unknown"
    assert raised.value.params["lock"] == str(_lock(structure_db))


def test_control_characters_in_a_recorded_command_are_not_passed_on(structure_db):
    command = "python cli.py import \x1b[31mred\x07.csv"
    since = datetime.now(UTC).isoformat(timespec="seconds")
    record = json.dumps({"pid": _ended_pid(), "command": command, "since": since})
    with (
        _held(_lock(structure_db), record),
        pytest.raises(StoreBusyError) as raised,
        writer(structure_db, timeout_s=0.2),
    ):
        pass
    command = raised.value.params["command"]
    assert command.isprintable()
    assert "red" in command


# --- a file at the database's path that is not the monitor's database, or is damaged -----------


def _database_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "source" / "monitor.duckdb"
    path.parent.mkdir()
    initialize(path, demo=False, clock=DEMO_CLOCK)
    return path.read_bytes()


def _cut_at_a_block_end(data: bytes) -> bytes:
    # Whole blocks (256 KiB after the three 4 KiB headers), half of them: only what the database
    # says it uses shows this one.
    blocks = (len(data) - 12288) // 262144
    return data[: 12288 + blocks // 2 * 262144]


def _zeroed_block(data: bytes) -> bytes:
    damaged = bytearray(data)
    damaged[12288 : 12288 + 40000] = bytes(40000)
    return bytes(damaged)


NOT_A_DATABASE: dict[str, Callable[[bytes], bytes]] = {
    "csv": lambda _: b"indicator;part;period;value\nI01;NL;2026Q3;12\n" * 200,
    "sqlite": lambda _: b"SQLite format 3\x00" + bytes(8192),
    "xlsx": lambda _: b"PK\x03\x04" + bytes(9000),
}
DAMAGED: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda _: b"",
    "first bytes only": lambda data: data[:10],
    "main header only": lambda data: data[:4096],
    "headers only": lambda data: data[:12288],
    "half": lambda data: data[: len(data) // 2],
    "one byte short": lambda data: data[:-1],
    "cut at a block's end": _cut_at_a_block_end,
    "a zeroed block": _zeroed_block,
}
CASES = [(name, "not_a_database", make) for name, make in NOT_A_DATABASE.items()] + [
    (name, "damaged", make) for name, make in DAMAGED.items()
]


@pytest.fixture
def bad_db(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, str]:
    """The database's path holding a bad file; the code it must be reported with."""
    _name, code, make = request.param
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(make(_database_bytes(tmp_path)))
    return path, code


bad = pytest.mark.parametrize("bad_db", CASES, ids=[case[0] for case in CASES], indirect=True)


@bad
def test_a_reader_reports_what_is_wrong_with_the_file(bad_db):
    path, code = bad_db
    with pytest.raises(StoreUnreadableError) as raised:
        open_reader(path)
    assert raised.value.code == code
    assert raised.value.params == {"path": str(path)}
    assert isinstance(raised.value, StoreError)
    assert not isinstance(raised.value, StoreBusyError), "a bad file is not a busy database"


@bad
def test_a_writer_refuses_the_file_and_leaves_it_as_it_was(bad_db):
    path, code = bad_db
    before = path.read_bytes()
    with pytest.raises(StoreUnreadableError) as raised, writer(path) as con:
        con.execute("INSERT INTO meta VALUES ('note', 'x')")
    assert raised.value.code == code
    assert path.read_bytes() == before
    assert sorted(entry.name for entry in path.parent.iterdir() if entry.is_file()) == [
        "monitor.duckdb",
        "monitor.duckdb.lock",
    ]


def test_a_duckdb_file_without_the_monitors_tables_is_not_its_database(tmp_path):
    path = tmp_path / "monitor.duckdb"
    other = duckdb.connect(str(path))
    other.execute("CREATE TABLE sales AS SELECT 1 AS amount")
    other.close()
    with pytest.raises(StoreUnreadableError) as raised:
        open_reader(path)
    assert raised.value.code == "not_a_database"


@pytest.mark.parametrize("name", NOT_A_DATABASE)
def test_init_refuses_to_replace_a_file_that_is_not_a_database(tmp_path, name):
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(NOT_A_DATABASE[name](b""))
    before = path.read_bytes()
    with pytest.raises(StoreUnreadableError) as raised:
        initialize(path, demo=False, clock=DEMO_CLOCK)
    assert raised.value.code == "not_a_database"
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["empty", "half", "a zeroed block"])
def test_init_replaces_a_damaged_database(tmp_path, name):
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(DAMAGED[name](_database_bytes(tmp_path)))
    assert initialize(path, demo=False, clock=DEMO_CLOCK)
    keys = {key for (key,) in open_reader(path).execute("SELECT key FROM meta").fetchall()}
    assert "schema_version" in keys


def test_init_if_absent_reports_a_damaged_database_instead_of_replacing_it(tmp_path):
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(DAMAGED["half"](_database_bytes(tmp_path)))
    before = path.read_bytes()
    with pytest.raises(StoreUnreadableError) as raised:
        initialize(path, demo=False, clock=DEMO_CLOCK, if_absent=True)
    assert raised.value.code == "damaged"
    assert path.read_bytes() == before


def test_a_database_written_many_times_still_reads(structure_db):
    for i in range(4):
        with writer(structure_db) as con:
            con.execute("CREATE OR REPLACE TABLE scratch AS SELECT range AS i FROM range(50000)")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('round', ?)", [str(i)])
    reader = open_reader(structure_db)
    assert reader.execute("SELECT value FROM meta WHERE key = 'round'").fetchall() == [("3",)]


def test_a_missing_database_keeps_its_message(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"python cli\.py init --demo"):
        open_reader(tmp_path / "monitor.duckdb")


OPEN_FOR_WRITING = textwrap.dedent(
    """
    import sys, time
    import duckdb
    con = duckdb.connect(sys.argv[1])  # as the duckdb shell opens a file: read-write
    print("open", flush=True)
    time.sleep(600)
    """
)


@pytest.mark.slow
def test_a_database_another_program_has_open_for_writing_is_busy_not_damaged(structure_db):
    before = structure_db.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-c", OPEN_FOR_WRITING, str(structure_db)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "open"
        with pytest.raises(StoreBusyError) as reading:
            open_reader(structure_db)
        with pytest.raises(StoreBusyError) as writing, writer(structure_db):
            pass
    finally:
        process.kill()
        process.wait(timeout=30)
    for raised in (reading.value, writing.value):
        assert raised.code == "open_elsewhere"
        assert raised.params == {"path": str(structure_db), "pid": str(process.pid)}
    assert structure_db.read_bytes() == before
    open_reader(structure_db).close()  # once that program is gone, it reads again


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its permissions")
def test_a_database_this_process_may_not_read_says_so(structure_db):
    structure_db.chmod(0)
    try:
        with pytest.raises(StoreUnreadableError) as raised:
            open_reader(structure_db)
    finally:
        structure_db.chmod(0o644)
    assert raised.value.code == "no_access"
    assert raised.value.params["path"] == str(structure_db)


def test_a_folder_at_the_databases_path_is_reported_not_raised(tmp_path):
    path = tmp_path / "monitor.duckdb"
    path.mkdir()
    with pytest.raises(StoreUnreadableError) as raised:
        open_reader(path)
    assert raised.value.code == "no_access"
    assert raised.value.params == {"path": str(path), "reason": "Is a directory"}
