"""The observations export against a plain DuckDB COPY of the same rows, side by side.

    python -m bench.export [--db PATH] [--rounds 5]

Builds the ``M`` data set (about 3 million observations) at PATH when it is absent. Each round
runs the floor and every export once, back to back, so a busy machine slows all of them alike;
the table shows medians of wall and CPU time and their ratio to the floor. The floor is the same
rows (the vintage pick, the names, the order) written by COPY without any of the export's
formatting: the goal is that formatting costs at most 1.2x that.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import build
from data import export
from data.observations import last_change_at
from data.store import open_reader

QUARTER = "2026Q3"


def _floor_sql() -> str:
    columns = ", ".join(export.OBSERVATION_COLUMNS)
    return (
        f"COPY (WITH export_rows AS ({export._OBSERVATION_ROWS_SQL}) SELECT {columns} "
        f"FROM export_rows ORDER BY {export._OBSERVATION_ORDER}) TO $target (HEADER)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.export")
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "bench_m.duckdb")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"building M at {args.db} ...")
        build(args.db, "M")
    con = open_reader(args.db)
    out = Path(tempfile.mkdtemp(prefix="bench-export-"))
    parameters = {
        "quarter": QUARTER,
        "vintage": last_change_at(con),
        "lang": "nl",
        "parts": None,
        "action_lines": None,
        "target": str(out / "floor.csv"),
    }
    cases: dict[str, Callable[[], object]] = {
        "COPY same rows (floor)": lambda: con.execute(_floor_sql(), parameters),
        "export standard": lambda: export.write_export(
            con, out / "standard.csv", quarter=QUARTER, what="observations"
        ),
        "export excel-nl": lambda: export.write_export(
            con, out / "excel-nl.csv", quarter=QUARTER, what="observations", dialect="excel-nl"
        ),
        "export parquet": lambda: export.write_export(
            con, out / "export.parquet", quarter=QUARTER, what="observations", fmt="parquet"
        ),
    }
    wall: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for run in cases.values():
        run()  # warm-up
    for _ in range(args.rounds):
        for name, run in cases.items():
            started_cpu, started = time.process_time(), time.perf_counter()
            run()
            wall[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
    rows = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    print(f"{rows} observations, {args.rounds} rounds, {threads} threads")
    floor_wall = statistics.median(wall["COPY same rows (floor)"])
    floor_cpu = statistics.median(cpu["COPY same rows (floor)"])
    for name in cases:
        median_wall, median_cpu = statistics.median(wall[name]), statistics.median(cpu[name])
        print(
            f"{name:24s} wall {median_wall:7.0f} ms ({median_wall / floor_wall:4.2f}x)"
            f"   cpu {median_cpu:7.0f} ms ({median_cpu / floor_cpu:4.2f}x)"
        )
    for path in sorted(out.iterdir()):
        print(f"{path.name:24s} {path.stat().st_size:>12,d} bytes")
        path.unlink()
    out.rmdir()
    con.close()


if __name__ == "__main__":
    main()
