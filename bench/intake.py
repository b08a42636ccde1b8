"""The intake area: peak memory and time of ``cli.py import`` for the largest file the monitor
accepts and for the worst hostile one (``tests.hostile_files``), each read against issue 16's
goal for every file up to the size limit: at most 1 GB and 60 s.

Each run is a fresh process (``cli.py import FILE`` against its own copy of a demo database), so
the time is what a coordinator waits for, interpreter start included, and the memory is that
process's peak resident set (VmHWM). A time row's floor is the goal itself (60 s), so its ratio
reads "share of the goal used"; a memory row gives the same ratio in its notes.

| function | returns |
|---|---|
| ``intake_rows(scale, root=, repeat=)`` | a time row and a memory row per file |
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Final

from bench.harness import Row, Timing
from data.init import initialize
from tests.hostile_files import HOSTILE, write

__all__ = ["GOAL_MB", "GOAL_S", "intake_rows"]

GOAL_MB: Final = 1024.0
GOAL_S: Final = 60.0
# The files measured: the largest accepted, and the hostile file that costs the most.
_CASES: Final = (
    ("largest_accepted.csv", "largest accepted file (20 MB: every key, longest notes)"),
    ("most_problems.csv", "worst hostile file (20 MB: a problem in every cell)"),
)
_CLOCK: Final = datetime(2026, 11, 28, 10, 0, 0)
_WRAPPER: Final = """
import sys
sys.path.insert(0, {root!r})
import cli
code = cli.main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = [line.split()[1] for line in status if line.startswith("VmHWM:")][0]
print("PEAK_KB=" + peak, file=sys.stderr)
sys.exit(code)
"""


def _run(path: Path, db: Path, root: Path) -> tuple[float, float, int]:
    """``cli.py import path`` in a fresh process: seconds, peak MB, exit code."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER.format(root=str(root)), "import", str(path)],
        cwd=root,
        env={**os.environ, "MONITOR_DB": str(db)},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    peaks = [line for line in done.stderr.splitlines() if line.startswith("PEAK_KB=")]
    if not peaks:
        raise RuntimeError(f"cli.py import {path.name} failed:\n{done.stderr[-2000:]}")
    return seconds, int(peaks[-1].split("=")[1]) / 1024, done.returncode


def intake_rows(scale: str, *, root: Path, repeat: int = 1) -> list[Row]:
    """A time row and a memory row for each of ``_CASES`` (``repeat`` runs each)."""
    files = {hostile.name: hostile for hostile in HOSTILE}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp:
        folder = Path(tmp)
        demo = folder / "demo.duckdb"
        initialize(demo, demo=True, clock=_CLOCK)
        for name, label in _CASES:
            path = write(files[name], folder)
            runs = []
            for attempt in range(repeat):
                db = Path(shutil.copyfile(demo, folder / f"run-{attempt}.duckdb"))
                runs.append(_run(path, db, root))
            seconds = [run[0] * 1000 for run in runs]
            peak = max(run[1] for run in runs)
            size = f"{path.stat().st_size / 1024 / 1024:.1f} MB, exit {runs[-1][2]}"
            rows += [
                Row(
                    area="intake",
                    case=f"{label}: time, fresh process (cli.py import)",
                    scale=scale,
                    timing=Timing(
                        median_ms=statistics.median(seconds),
                        min_ms=min(seconds),
                        max_ms=max(seconds),
                        runs=len(seconds),
                    ),
                    floor_case=f"goal ({GOAL_S:.0f} s)",
                    floor=Timing(GOAL_S * 1000, GOAL_S * 1000, GOAL_S * 1000, runs=0),
                    goal=f"≤ {GOAL_S:.0f} s",
                    goal_ms=GOAL_S * 1000,
                    notes=size,
                ),
                Row(
                    area="intake",
                    case=f"{label}: peak RSS, fresh process",
                    scale=scale,
                    timing=None,
                    goal="≤ 1 GB",
                    peak_mb=peak,
                    goal_mb=GOAL_MB,
                    notes=f"{peak / GOAL_MB:.2f}× the goal; {size}",
                    extra={"ratio_to_goal": peak / GOAL_MB},
                ),
            ]
            path.unlink()
    return rows
