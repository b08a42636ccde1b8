"""Engine cases: the full assessment computed and read, one part, and the pandas reference floor.

The floor is ``bench.reference.assess_reference``, the straightforward groupby-apply way to do
METHOD.md; every engine row is read as a multiple of it, and against its absolute goal.
"""

from __future__ import annotations

from pathlib import Path

from bench.harness import Row, Timing, peak_rss_mb, time_call
from bench.reference import assess_reference
from data.assessment import assess, series_statistics
from data.current_assessment import current_assessment
from data.store import open_reader
from metrics.progress import assess_series

__all__ = ["AS_OF", "ONE_PART", "engine_rows", "memory_rows"]

AS_OF = "2026Q3"  # the latest quarter of both scales: the one pages open on
ONE_PART = "CW"

_REFERENCE = "pandas groupby-apply (bench.reference)"


def engine_rows(db: Path, scale: str, *, repeat: int) -> list[Row]:
    con = open_reader(db)
    con.execute("SET enable_progress_bar = false")
    try:
        # At M the reference takes tens of seconds: once, no warm-up, is enough for a floor.
        big = scale == "M"
        kept: list = []

        def run_reference() -> None:
            kept[:] = [assess_reference(con, as_of=AS_OF)]

        floor = time_call(run_reference, repeat=1 if big else repeat, warmup=0 if big else 1)
        reference = kept[0]
        computed = assess(con, as_of=AS_OF)
        reported = computed.loc[~computed["is_derived"]]
        both = reported.merge(reference, on=["indicator_id", "part_id"], suffixes=("", "_ref"))
        agree = int((both["status"] == both["status_ref"]).sum())
        agreement = (
            f"statuses agree with the reference for {agree:,} of {len(both):,} directly reported "
            f"series (the reference knows linear paths only; {len(computed):,} series in all, "
            f"{int(computed['is_derived'].sum()):,} derived)"
        )
        statistics = series_statistics(con, as_of=AS_OF)
        engine_repeat = 3 if big else repeat

        def row(case: str, timing: Timing, *, goal: str = "", goal_ms=None, notes="") -> Row:
            return Row(
                area="engine",
                case=case,
                scale=scale,
                timing=timing,
                floor_case=_REFERENCE,
                floor=floor,
                goal=goal if big else "",
                goal_ms=goal_ms if big else None,
                notes=notes,
            )

        full_goal = {"goal": "≤ 300 ms at M", "goal_ms": 300.0}
        part_goal = {"goal": "≤ 20 ms at M", "goal_ms": 20.0}
        return [
            row(
                "full, read (current_assessment: what pages call)",
                time_call(lambda: current_assessment(con, as_of=AS_OF), repeat=repeat),
                **full_goal,
                notes=agreement,
            ),
            row(
                "full, computed (assess from observations)",
                time_call(lambda: assess(con, as_of=AS_OF), repeat=engine_repeat),
                notes="done once per publication by the writer, for two quarters",
            ),
            row(
                "  of which SQL (series_statistics)",
                time_call(lambda: series_statistics(con, as_of=AS_OF), repeat=engine_repeat),
            ),
            row(
                "  of which rules (assess_series)",
                time_call(lambda: assess_series(statistics), repeat=repeat),
            ),
            row(
                f"one part ({ONE_PART}), read",
                time_call(
                    lambda: current_assessment(con, as_of=AS_OF, part_id=ONE_PART), repeat=repeat
                ),
                **part_goal,
            ),
        ]
    finally:
        con.close()


_MEMORY_CODE = """
from pathlib import Path
from data.store import open_reader
from {module} import {function}
con = open_reader(Path({db!r}))
con.execute("SET enable_progress_bar = false")
frame = {function}(con, as_of={as_of!r})
assert len(frame) > 0
"""


def memory_rows(db: Path, scale: str, *, cwd: Path) -> list[Row]:
    rows = []
    for module, function, case in (
        ("data.assessment", "assess", "peak RSS, fresh process: open + assess (computed)"),
        (
            "data.current_assessment",
            "current_assessment",
            "peak RSS, fresh process: open + current_assessment (read)",
        ),
    ):
        code = _MEMORY_CODE.format(module=module, function=function, db=str(db), as_of=AS_OF)
        rows.append(
            Row(
                area="memory",
                case=case,
                scale=scale,
                timing=None,
                goal="≤ 1 GB at M",
                peak_mb=peak_rss_mb(code, cwd=cwd),
                goal_mb=1024.0 if scale == "M" else None,
            )
        )
    return rows
