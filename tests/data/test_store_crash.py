"""After a crash: writers killed mid-write leave nothing behind once the next writer has run, and
the published database is exactly what it was before they started.

Real processes, really killed (SIGKILL): the working copy and its write-ahead log are what a
killed import leaves; the next writer, under the lock, removes those of processes that no longer
run, and never a live process's.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from data.store import open_reader, writer

ROOT = Path(__file__).resolve().parents[2]

# A writer that changes its working copy (enough for a write-ahead log), says so, then hangs
# inside the ``with writer(...)`` block until it is killed.
KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from data.store import writer
    with writer(Path(sys.argv[1])) as con:
        con.execute("INSERT INTO meta VALUES ('killed', ?)", [sys.argv[2]])
        con.execute("CREATE TABLE junk AS SELECT range AS i FROM range(200000)")
        print("written", flush=True)
        time.sleep(600)
    """
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kill_mid_write(db: Path, name: str) -> int:
    """Start a writer, wait until it has written to its working copy, kill it; its pid."""
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(db), name],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.strip() == "written", process.stderr.read()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    return process.pid


def _folder(db: Path) -> set[str]:
    return {entry.name for entry in db.parent.iterdir()}


@pytest.mark.slow
def test_the_next_writer_removes_what_killed_writers_left_and_the_database_is_unchanged(
    structure_db,
):
    published = _digest(structure_db)
    for i in range(3):
        pid = _kill_mid_write(structure_db, f"writer-{i}")
        # What the issue saw: a killed writer leaves its working copy and its log.
        left = _folder(structure_db)
        assert {f".{structure_db.name}.work-{pid}", f".{structure_db.name}.work-{pid}.wal"} <= left
        assert _digest(structure_db) == published, "a killed writer never publishes"

    with writer(structure_db) as con:
        con.execute("INSERT INTO meta VALUES ('after', 'x')")
    reader = open_reader(structure_db)
    inode = structure_db.stat().st_ino
    assert _folder(structure_db) == {
        structure_db.name,
        f"{structure_db.name}.lock",
        f"{structure_db.name}.read-{inode}",
    }
    keys = {key for (key,) in reader.execute("SELECT key FROM meta").fetchall()}
    assert "after" in keys
    assert "killed" not in keys, "nothing a killed writer wrote reaches the database"
    tables = {
        name for (name,) in reader.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    }
    assert "junk" not in tables


def _work(db: Path, pid: int, suffix: str = "") -> Path:
    return db.with_name(f".{db.name}.work-{pid}{suffix}")


def _leftovers(db: Path, pid: int) -> list[Path]:
    """A working copy, its log and its temporary folder, as a killed writer of ``pid`` leaves."""
    copy, log, temporary = _work(db, pid), _work(db, pid, ".wal"), _work(db, pid, ".tmp")
    copy.write_bytes(db.read_bytes())
    log.write_bytes(b"\0" * 4096)
    temporary.mkdir()
    (temporary / "duckdb_temp_storage-0.tmp").write_bytes(b"\0" * 4096)
    return [copy, log, temporary]


def _ended_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    return process.pid


def test_leftovers_of_a_process_that_no_longer_runs_are_removed_with_their_temporary_folder(
    structure_db,
):
    paths = _leftovers(structure_db, _ended_pid())
    with writer(structure_db):
        pass
    assert not any(path.exists() for path in paths)


def test_a_working_copy_of_a_running_process_that_wrote_it_is_left_alone(structure_db):
    # Under the lock no other writer can be at work; the check is a second guard, so a live
    # process's copy (it started before the copy was written) stays until that process ends.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(0.2)
        paths = _leftovers(structure_db, sleeper.pid)
        with writer(structure_db):
            pass
        assert all(path.exists() for path in paths)
    finally:
        sleeper.kill()
        sleeper.wait(timeout=30)
    with writer(structure_db):
        pass
    assert not any(path.exists() for path in paths)


def test_a_working_copy_whose_pid_was_reused_by_a_later_process_is_removed(structure_db):
    # The pid belongs to a process that started after the copy was last written: not its writer.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        paths = _leftovers(structure_db, sleeper.pid)
        long_ago = time.time() - 3600
        for path in paths:
            os.utime(path, (long_ago, long_ago))
        with writer(structure_db):
            pass
        assert not any(path.exists() for path in paths)
    finally:
        sleeper.kill()
        sleeper.wait(timeout=30)


def test_files_that_only_look_like_working_copies_are_left_alone(structure_db):
    strangers = [
        structure_db.with_name(f".{structure_db.name}.work-notes.txt"),
        structure_db.with_name(f".other.duckdb.work-{_ended_pid()}"),
    ]
    for path in strangers:
        path.write_text("not ours")
    with writer(structure_db):
        pass
    assert all(path.exists() for path in strangers)
