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
| ``import_cost_rows(db, scale, root=, repeat=)`` | issue 15: a 100-row import at ``db`` |
| ``cli_start_rows(scale, root=, repeat=)`` | issue 15: ``cli.py``'s start against duckdb's |

``import_cost_rows`` (issue 15 goals 3 and 6) imports a 100-row file of revisions of a few
indicators' series into a fresh copy of ``db`` per run, through ``cli.py import`` and
``data.intake.import_file``, against the floor: the same rows written into an open copy in one
transaction plus the assessment of only the indicators they touch (every series of them) for the
stored quarters, stored. Also its rejected twin (one bad cell: its time, and whether the
published file stayed untouched with one journal line added) and the CLI's peak RSS.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

import duckdb
import pandas as pd

from bench.harness import Row, Timing, timing_of
from data.assessment import ASSESSMENT_COLUMNS, assess
from data.init import initialize
from data.sql import transaction
from tests.hostile_files import HOSTILE, write

__all__ = ["GOAL_MB", "GOAL_S", "cli_start_rows", "import_cost_rows", "intake_rows"]

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


# --- issue 15: an import costs what it changes ---------------------------------------------------

# The 100-row file: revisions of existing series of a few indicators with derived parts (so the
# floor refreshes their aggregates too), as a coordinator's Dutch CSV writes them.
_IMPORT_ROWS: Final = 100
_IMPORT_INDICATORS: Final = 7
_IMPORT_GOAL_RATIO: Final = 2.0
_IMPORT_GOAL_MB: Final = 500.0
_START_GOAL_RATIO: Final = 2.0
_PICK_ROWS_SQL: Final = """
WITH chosen AS (
    SELECT DISTINCT observations.indicator_id
    FROM observations
    INNER JOIN indicators_at(NULL) AS catalogue USING (indicator_id)
    WHERE catalogue.aggregation <> 'none'
    ORDER BY observations.indicator_id
    LIMIT $indicators
),
newest AS (
    SELECT indicator_id, part_id, period, arg_max(value, observation_id) AS value
    FROM observations
    WHERE indicator_id IN (SELECT indicator_id FROM chosen)
    GROUP BY ALL
)
SELECT indicator_id, part_id, period, value
FROM newest
ORDER BY period DESC, indicator_id, part_id
LIMIT $rows
"""
_REJECTED_CELL: Final = "abc"


@dataclass(frozen=True)
class _ImportCase:
    """The file to import, its rejected twin, and the rows the floor writes."""

    accepted: Path
    rejected: Path
    rows: list[tuple[str, str, str, float]]


def _import_case(db: Path, folder: Path) -> _ImportCase:
    from tests.intake_files import NL_HEADER, csv_bytes

    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            _PICK_ROWS_SQL, {"indicators": _IMPORT_INDICATORS, "rows": _IMPORT_ROWS}
        ).fetchall()
    finally:
        con.close()
    rows = [(i, p, q, round(float(v) * 0.99 + 0.01, 4)) for i, p, q, v in found]
    cells = [(i, p, q, f"{v:g}", "", "") for i, p, q, v in rows]
    accepted, rejected = folder / "revisions.csv", folder / "revisions_rejected.csv"
    accepted.write_bytes(csv_bytes(cells, header=NL_HEADER, delimiter=";", decimal_comma=True))
    bad = [*cells[:-1], (*cells[-1][:3], _REJECTED_CELL, "", "")]
    rejected.write_bytes(csv_bytes(bad, header=NL_HEADER, delimiter=";", decimal_comma=True))
    return _ImportCase(accepted, rejected, rows)


def _floor_once(db: Path, rows: list[tuple[str, str, str, float]]) -> float:
    """The floor: the same rows into an open copy in one transaction, then the stored assessment
    of only the indicators they touch (every series of them: their derived parts too) for the
    stored quarters, replaced in ``current_assessment``. Milliseconds, the open not counted."""
    con = duckdb.connect(str(db))
    try:
        started = time.perf_counter()
        frame = pd.DataFrame(rows, columns=["indicator_id", "part_id", "period", "value"])
        touched = sorted(set(frame["indicator_id"]))
        with transaction(con) as cur:
            cur.register("floor_rows", frame)
            cur.execute(_FLOOR_INSERT_SQL, {"recorded_at": datetime.now()})
            cur.unregister("floor_rows")
        quarters = [
            q for (q,) in con.execute("SELECT DISTINCT as_of FROM current_assessment").fetchall()
        ]
        assessed = {(q, i): assess(con, as_of=q, indicator_id=i) for q in quarters for i in touched}
        columns = ", ".join(ASSESSMENT_COLUMNS)
        with transaction(con) as cur:
            cur.execute(
                "DELETE FROM current_assessment WHERE list_contains($ids, indicator_id)",
                {"ids": touched},
            )
            for (quarter, _), part in assessed.items():
                cur.register("floor_assessed", part)
                cur.execute(
                    f"INSERT INTO current_assessment (as_of, {columns}) "
                    f"SELECT $q, {columns} FROM floor_assessed",
                    {"q": quarter},
                )
                cur.unregister("floor_assessed")
        return (time.perf_counter() - started) * 1000
    finally:
        con.close()


_FLOOR_INSERT_SQL: Final = """
INSERT INTO observations BY NAME
SELECT
    (SELECT coalesce(max(observation_id), 0) FROM observations)
        + row_number() OVER () AS observation_id,
    indicator_id, part_id, period, value, 'none' AS flag, NULL AS note,
    $recorded_at AS recorded_at, (SELECT max(import_id) FROM imports) AS import_id
FROM floor_rows
"""


def _copy_once(db: Path, target: Path) -> float:
    """What every publication costs in proportion to the file, not the change: the writer's
    working copy of the published file and its fsync (``data.store.writer``). Milliseconds."""
    started = time.perf_counter()
    shutil.copyfile(db, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return (time.perf_counter() - started) * 1000


def _library_once(path: Path, db: Path) -> tuple[float, str]:
    """``data.intake.import_file`` in this process: milliseconds and the outcome."""
    from data.access_rules import Actor
    from data.intake import import_file

    started = time.perf_counter()
    result = import_file(path, db_path=db, actor=Actor.operator("bench"), clock=datetime.now())
    return (time.perf_counter() - started) * 1000, result.outcome


def _published_state(db: Path) -> tuple[int, int, int]:
    """What a publication changes: the published file's inode and mtime; and the journal's size."""
    stat = db.stat()
    journal = db.with_name(db.name + ".attempts")
    return stat.st_ino, stat.st_mtime_ns, journal.stat().st_size if journal.exists() else 0


def import_cost_rows(db: Path, scale: str, *, root: Path, repeat: int = 3) -> list[Row]:
    """Issue 15 goal 3 and goal 6's CLI memory: a 100-row observations file imported into a copy
    of ``db`` through ``cli.py import`` (fresh process) and through ``data.intake.import_file``,
    each against the floor (the rows written into an open copy plus the touched indicators'
    assessment refreshed); the CLI's peak RSS; a rejected twin of the file (its time, and that it
    publishes nothing but its journal line)."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-import-", dir=db.parent) as tmp:
        folder = Path(tmp)
        case = _import_case(db, folder)
        cli_ms, lib_ms, floor_ms, rejected_ms, peaks, published = [], [], [], [], [], []
        copy_ms = []
        for attempt in range(repeat):
            copy_ms.append(_copy_once(db, folder / f"copy-{attempt}.duckdb"))
            (folder / f"copy-{attempt}.duckdb").unlink()
            copy = Path(shutil.copyfile(db, folder / f"run-{attempt}.duckdb"))
            floor_ms.append(_floor_once(copy, case.rows))
            copy = Path(shutil.copyfile(db, folder / f"run-{attempt}.duckdb"))
            seconds, peak, code = _run(case.accepted, copy, root)
            if code != 0:
                raise RuntimeError(f"cli.py import of the 100-row file exited {code}")
            cli_ms.append(seconds * 1000)
            peaks.append(peak)
            copy = Path(shutil.copyfile(db, folder / f"run-{attempt}.duckdb"))
            ms, outcome = _library_once(case.accepted, copy)
            if outcome != "accepted":
                raise RuntimeError(f"the 100-row file was {outcome} by import_file")
            lib_ms.append(ms)
            before = _published_state(copy)
            ms, outcome = _library_once(case.rejected, copy)
            after = _published_state(copy)
            rejected_ms.append(ms)
            published.append(before[:2] != after[:2] or after[2] <= before[2])
            for leftover in folder.glob(f"run-{attempt}.duckdb*"):
                leftover.unlink()
        floor = timing_of(floor_ms)
        floor_case = "the rows into an open copy + touched indicators' assessment"
        notes = f"{len(case.rows)} rows, {_IMPORT_INDICATORS} indicators with derived parts"
        for label, samples in (("cli.py import (fresh process)", cli_ms), ("import_file", lib_ms)):
            rows.append(
                Row(
                    area="import",
                    case=f"100-row file: {label}",
                    scale=scale,
                    timing=timing_of(samples),
                    floor_case=floor_case,
                    floor=floor,
                    goal=f"≤ {_IMPORT_GOAL_RATIO:g}×",
                    goal_ratio=_IMPORT_GOAL_RATIO,
                    notes=notes,
                )
            )
        rows.append(
            Row(
                area="import",
                case="100-row file rejected (one bad cell): import_file",
                scale=scale,
                timing=timing_of(rejected_ms),
                floor_case=floor_case,
                floor=floor,
                goal=f"≤ {_IMPORT_GOAL_RATIO:g}×; publishes nothing but its log line",
                goal_ratio=_IMPORT_GOAL_RATIO,
                notes=(
                    "published file untouched, one journal line added: "
                    f"{'no' if any(published) else 'yes'} ({len(published)} runs)"
                ),
                extra={"republished_runs": float(sum(published))},
            )
        )
        rows.append(
            Row(
                area="import",
                case="the file copy every publication makes (copy + fsync), its share of an import",
                scale=scale,
                timing=timing_of(copy_ms),
                floor_case="import_file of the 100-row file",
                floor=timing_of(lib_ms),
                goal="proportional to the change (not met: README says why)",
                notes=f"{db.stat().st_size / 1024 / 1024:.0f} MB published file",
            )
        )
        peak = max(peaks)
        rows.append(
            Row(
                area="import",
                case="100-row file: peak RSS, cli.py import (fresh process)",
                scale=scale,
                timing=None,
                goal=f"≤ {_IMPORT_GOAL_MB:.0f} MB",
                peak_mb=peak,
                goal_mb=_IMPORT_GOAL_MB,
                notes=f"{peak / _IMPORT_GOAL_MB:.2f}× the goal",
            )
        )
    return rows


_BARE_DUCKDB: Final = "import duckdb"
_HEAVY: Final = ("pandas", "pandera", "plotly", "openpyxl")
_NONE_LOADED: Final = "none of " + ", ".join(_HEAVY)


def _process_ms(args: list[str], root: Path) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=root, capture_output=True, check=True)
    return (time.perf_counter() - started) * 1000


def cli_start_rows(scale: str, *, root: Path, repeat: int = 5) -> list[Row]:
    """``cli.py --help`` and ``cli.py export --help`` (the start of every command: the imports)
    in a fresh process against ``python -c 'import duckdb'``, interleaved; notes say whether
    pandas or pandera were imported (``python -X importtime``)."""
    cases = {
        "cli.py --help": [sys.executable, "cli.py", "--help"],
        "cli.py export --help": [sys.executable, "cli.py", "export", "--help"],
    }
    floor_args = [sys.executable, "-c", _BARE_DUCKDB]
    samples: dict[str, list[float]] = {name: [] for name in cases}
    floor_ms: list[float] = []
    for _ in range(repeat):
        floor_ms.append(_process_ms(floor_args, root))
        for name, args in cases.items():
            samples[name].append(_process_ms(args, root))
    rows = []
    for name, args in cases.items():
        traced = subprocess.run(
            [args[0], "-X", "importtime", *args[1:]], cwd=root, capture_output=True, text=True
        ).stderr
        loaded = [
            module for module in _HEAVY if re.search(rf"\|\s+{module}$", traced, re.MULTILINE)
        ]
        rows.append(
            Row(
                area="cli start",
                case=f"{name} (fresh process)",
                scale=scale,
                timing=timing_of(samples[name]),
                floor_case="python -c 'import duckdb'",
                floor=timing_of(floor_ms),
                goal=f"≤ {_START_GOAL_RATIO:g}×",
                goal_ratio=_START_GOAL_RATIO,
                notes=f"imports {', '.join(loaded) if loaded else _NONE_LOADED}",
            )
        )
    return rows
