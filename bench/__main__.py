"""``make bench`` / ``python -m bench [--scale S|M ...] [--repeat N] [--skip AREA ...]``.

Builds the benchmark databases (``bench.generate``) in a temporary directory, measures every
area side by side against its floor, and writes ``bench/results/results.md`` and ``results.json``.
``--scale S`` is the quick run (about a minute); both scales take a few minutes more (the pages
area alone about ten at M: every page against its replay floor, each run capped).
``--db-dir DIR --reuse-db`` uses a bench_<scale>.duckdb already in DIR instead of building it.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import streamlit

from bench.engine import engine_rows, memory_rows
from bench.generate import SCALES, build
from bench.harness import Row, write_results

ROOT = Path(__file__).resolve().parent.parent
AREAS = (
    "engine",
    "export",
    "report",
    "pages",
    "start",
    "memory",
    "intake",
    "import",
    "concurrency",
    "browser",
)


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="append", choices=sorted(SCALES), help="default: S, M")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs per case")
    parser.add_argument("--skip", action="append", default=[], choices=AREAS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--db-dir", type=Path, help="build the databases here (default: temp)")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="use bench_<scale>.duckdb already in --db-dir as it is (a copy: areas may write)",
    )
    args = parser.parse_args(argv)
    scales = args.scale or ["S", "M"]
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        db_dir = args.db_dir or Path(tmp)
        for scale in scales:
            db = db_dir / f"bench_{scale}.duckdb"
            t0 = time.perf_counter()
            if not (args.reuse_db and args.db_dir and db.exists()):
                observations = build(db, scale)
                seconds = time.perf_counter() - t0
                print(f"[{scale}] built {observations:,} observations in {seconds:.0f} s")
                rows.append(_build_row(scale, time.perf_counter() - t0, observations))
            for area in AREAS:
                if area in args.skip:
                    continue
                t0 = time.perf_counter()
                new = _run_area(area, db, scale, repeat=args.repeat)
                rows.extend(new)
                print(f"[{scale}] {area}: {len(new)} rows in {time.perf_counter() - t0:.0f} s")
        if "browser" not in args.skip and {"S", "M"} <= set(scales):
            # Goal 2 compares each page at M with the same page at S: both in one run.
            t0 = time.perf_counter()
            new = _browser_rows({s: db_dir / f"bench_{s}.duckdb" for s in ("S", "M")})
            rows.extend(new)
            print(f"[S+M] browser: {len(new)} rows in {time.perf_counter() - t0:.0f} s")
    header = {
        "run": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "versions": (
            f"python {platform.python_version()}, duckdb {duckdb.__version__}, "
            f"streamlit {streamlit.__version__}"
        ),
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "duration": f"{time.perf_counter() - started:.0f} s",
    }
    md, js = write_results(rows, args.out, header=header)
    print(md.read_text(encoding="utf-8"))
    print(f"wrote {md} and {js}")
    return 0


def _run_area(area: str, db: Path, scale: str, *, repeat: int) -> list[Row]:
    if area == "engine":
        return engine_rows(db, scale, repeat=repeat)
    if area == "export":
        return _export_rows(db, scale, repeat=repeat)
    if area == "report":
        # Stated at S only: at M the report draws a chart per synthetic indicator (thousands).
        return _report_rows(db, scale, repeat=repeat) if scale == "S" else []
    if area == "pages":
        # At S and M, each run of a page capped (bench.pages): a page over its cap is not met.
        return _page_rows(db, scale, repeat=repeat if scale == "S" else min(repeat, 2))
    if area == "start":
        return _start_rows(db, scale)
    if area == "intake":
        # The files are the same at every scale: measured once, with the S run.
        return _intake_rows(scale) if scale == "S" else []
    if area == "import":
        return _import_cost_rows(db, scale, repeat=repeat)
    if area == "concurrency":
        return _concurrency_rows(db, scale)
    if area == "browser":
        return []  # both scales at once, after the loop (main)
    return memory_rows(db, scale, cwd=ROOT) if scale == "M" else []


def _build_row(scale: str, seconds: float, observations: int) -> Row:
    from bench.harness import Timing

    return Row(
        area="data",
        case=f"build (bench.generate), {observations:,} observations",
        scale=scale,
        timing=Timing(
            median_ms=seconds * 1000, min_ms=seconds * 1000, max_ms=seconds * 1000, runs=1
        ),
        notes="includes the writer's refresh of current_assessment (two quarters assessed)",
    )


def _export_rows(db: Path, scale: str, *, repeat: int) -> list[Row]:
    try:
        from bench.export import export_rows
    except ImportError as missing:
        print(f"export: skipped ({missing})")
        return []
    return export_rows(db, scale, repeat=repeat)


def _report_rows(db: Path, scale: str, *, repeat: int) -> list[Row]:
    from bench.report import report_rows

    return report_rows(db, scale, repeat=repeat)


def _page_rows(db: Path, scale: str, *, repeat: int) -> list[Row]:
    from bench.pages import page_rows

    return page_rows(db, scale, root=ROOT, repeat=repeat)


def _intake_rows(scale: str) -> list[Row]:
    from bench.intake import intake_rows

    return intake_rows(scale, root=ROOT)


def _import_cost_rows(db: Path, scale: str, *, repeat: int) -> list[Row]:
    from bench.intake import cli_start_rows, import_cost_rows

    rows = import_cost_rows(db, scale, root=ROOT, repeat=min(repeat, 3))
    return rows + (cli_start_rows(scale, root=ROOT, repeat=repeat) if scale == "S" else [])


def _concurrency_rows(db: Path, scale: str) -> list[Row]:
    from bench.concurrency import browser_rows, concurrency_rows, replay_floor_app

    floor = {"floor_app": replay_floor_app(db, root=ROOT), "floor_name": "replay (same elements)"}
    rows = concurrency_rows(db, scale, root=ROOT, rounds=2 if scale == "S" else 1, **floor)
    # 16 real browsers at S only: at M each would wait minutes on a 2-core machine.
    return rows + (browser_rows(db, scale, root=ROOT, browsers=16, **floor) if scale == "S" else [])


def _browser_rows(dbs: dict[str, Path]) -> list[Row]:
    from bench.browser import browser_rows

    return browser_rows(dbs, root=ROOT, repeat=3)


def _start_rows(db: Path, scale: str) -> list[Row]:
    from bench.start import start_rows

    # The Overview draws one chart (its status distribution) before anything else.
    return start_rows(db, scale, root=ROOT, charts=1, repeat=3 if scale == "S" else 1)


if __name__ == "__main__":
    raise SystemExit(main())
