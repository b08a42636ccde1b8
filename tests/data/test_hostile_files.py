"""Every hostile file of issue 16 (``tests.hostile_files``), imported with ``cli.py import`` in a
process of its own against a copy of the demo database: the expected exit code, nothing written
but the log row, at most 1 GB peak memory, no traceback, at most 1 MB of output and no raw
control character from the file on the terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from data import sql
from data.import_log import import_log
from data.store import open_reader
from tests.hostile_files import HOSTILE, Hostile, write

ROOT = Path(__file__).resolve().parents[2]

PEAK_BYTES = 1024**3
OUTPUT_BYTES = 1024**2
# What runs the CLI and then writes its own peak resident memory (KiB) beside it: VmHWM, as
# bench.harness reads it (ru_maxrss survives exec on Linux: it would be pytest's own peak).
# The goal's 60 s of CPU and 4 GB of address space at most, so that a file that is not yet
# bounded fails its test instead of taking the machine.
_WRAPPER = """
import resource, sys
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))
sys.path.insert(0, {root!r})
import cli
try:
    code = cli.main(sys.argv[1:])
finally:
    with open("/proc/self/status") as status, open({rss!r}, "w") as out:
        out.write([line.split()[1] for line in status if line.startswith("VmHWM:")][0])
sys.exit(code)
"""
_VERSIONED = ("observations", "action_reports", "narratives")


def _versions(db: Path) -> dict[str, int]:
    with open_reader(db) as con:
        return {table: sql.rows(con, f"SELECT count(*) FROM {table}")[0][0] for table in _VERSIONED}


def _attempts(db: Path) -> tuple[int, str | None]:
    with open_reader(db) as con:
        log = import_log(con, limit=100_000, journal_of=db)
    return len(log), (str(log["outcome"].iloc[0]) if len(log) else None)


def run_import(path: Path, db: Path, folder: Path) -> tuple[subprocess.CompletedProcess, int]:
    """``cli.py import path`` in a process of its own against ``db``: the process and its peak
    resident memory in bytes."""
    rss = folder / f"rss-{os.getpid()}.txt"
    wrapper = _WRAPPER.format(root=str(ROOT), rss=str(rss))
    done = subprocess.run(
        [sys.executable, "-c", wrapper, "import", str(path), "--lang", "nl"],
        cwd=ROOT,
        env={**os.environ, "MONITOR_DB": str(db), "PYTHONWARNINGS": "default"},
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done, int(rss.read_text()) * 1024


@pytest.mark.parametrize(
    "hostile", HOSTILE, ids=[hostile.name.split(".")[0].split("\x1b")[0] for hostile in HOSTILE]
)
def test_a_hostile_file_is_answered_in_bounded_memory_with_nothing_written(
    hostile: Hostile, demo_db: Path, tmp_path: Path
):
    db = Path(shutil.copyfile(demo_db, tmp_path / "monitor.duckdb"))
    path = write(hostile, tmp_path)
    versions, (attempts, _) = _versions(db), _attempts(db)
    done, peak = run_import(path, db, tmp_path)
    output = done.stdout + done.stderr
    assert b"Traceback" not in done.stderr, done.stderr[-3000:]
    assert b"Warning" not in done.stderr, done.stderr[-3000:]
    assert peak <= PEAK_BYTES, f"peak {peak / 1024**2:.0f} MB"
    assert len(done.stdout) <= OUTPUT_BYTES and len(done.stderr) <= OUTPUT_BYTES
    assert not any(raw in output for raw in (b"\x1b", b"\x07", b"\r")), output[:2000]
    after, (attempts_after, outcome) = _versions(db), _attempts(db)
    assert attempts_after == attempts + 1
    if hostile.accepted:
        assert done.returncode == cli.EXIT_OK, done.stderr[-2000:]
        assert outcome == "accepted"
        assert after["observations"] > versions["observations"]
    else:
        assert done.returncode == cli.EXIT_REJECTED, done.stderr[-2000:]
        assert outcome == "rejected"
        assert after == versions
