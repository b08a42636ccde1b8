"""One writer, many readers: real processes side by side, no lock error reaches anyone."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from data.store import data_version, open_reader, writer

ROOT = Path(__file__).resolve().parents[2]


def _count_meta(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM meta").fetchall()[0][0]


def test_a_write_is_published_and_the_version_changes(structure_db):
    before = data_version(structure_db)
    with writer(structure_db) as con:
        con.execute("INSERT INTO meta VALUES ('note', 'x')")
    assert data_version(structure_db) != before
    reader = open_reader(structure_db)
    assert reader.execute("SELECT value FROM meta WHERE key = 'note'").fetchall() == [("x",)]


def test_a_failed_write_publishes_nothing(structure_db):
    before = data_version(structure_db)
    with pytest.raises(RuntimeError), writer(structure_db) as con:
        con.execute("INSERT INTO meta VALUES ('note', 'x')")
        raise RuntimeError("boom")
    assert data_version(structure_db) == before
    reader = open_reader(structure_db)
    assert reader.execute("SELECT count(*) FROM meta WHERE key = 'note'").fetchall() == [(0,)]
    leftovers = [p.name for p in structure_db.parent.iterdir() if ".work-" in p.name]
    assert leftovers == []


def test_a_reader_in_the_same_process_sees_the_new_version_after_reopening(structure_db):
    old = open_reader(structure_db)
    n_before = _count_meta(old)
    with writer(structure_db) as con:
        con.execute("INSERT INTO meta VALUES ('note', 'x')")
    assert _count_meta(old) == n_before, "an open reader keeps its consistent version"
    assert _count_meta(open_reader(structure_db)) == n_before + 1


READER_LOOP = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from data.store import open_reader
    path = Path(sys.argv[1])
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        con = open_reader(path)
        seen.add(con.execute("SELECT count(*) FROM meta").fetchall()[0][0])
        con.close()
        if max(seen) >= int(sys.argv[2]):
            break
    print(sorted(seen))
    """
)


@pytest.mark.slow
def test_readers_in_other_processes_read_while_writes_are_published(structure_db):
    base = _count_meta(open_reader(structure_db))
    writes = 15
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER_LOOP, str(structure_db), str(base + writes)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    # The test process holds a reader open the whole time, as a dashboard would.
    held = open_reader(structure_db)
    for i in range(writes):
        with writer(structure_db) as con:
            con.execute("INSERT INTO meta VALUES (?, 'x')", [f"write-{i}"])
    assert _count_meta(held) == base
    for process in readers:
        out, err = process.communicate(timeout=90)
        assert process.returncode == 0, err
        assert "Error" not in err
        seen = eval(out.strip())  # a list of ints printed by our own child
        assert max(seen) == base + writes
        assert all(base <= n <= base + writes for n in seen)


@pytest.mark.slow
def test_a_writer_in_another_process_waits_for_the_lock_instead_of_failing(structure_db):
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from data.store import writer
        with writer(Path(sys.argv[1])) as con:
            con.execute("INSERT INTO meta VALUES (?, 'x')", [sys.argv[2]])
        """
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(structure_db), f"writer-{i}"],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    for process in processes:
        _, err = process.communicate(timeout=90)
        assert process.returncode == 0, err
    keys = {row[0] for row in open_reader(structure_db).execute("SELECT key FROM meta").fetchall()}
    assert {"writer-0", "writer-1", "writer-2"} <= keys, "no write may be lost"
