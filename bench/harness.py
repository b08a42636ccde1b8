"""Timing and memory helpers: medians after a warm-up, side by side in one run.

A result is only ever read as a ratio to its floor measured in the same run (``Row.ratio``), so a
busy or slow machine moves both sides together.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["Row", "Timing", "peak_rss_mb", "time_call", "timing_of", "write_results"]


@dataclass(frozen=True)
class Timing:
    median_ms: float
    min_ms: float
    max_ms: float
    runs: int


def timing_of(samples_ms: list[float]) -> Timing:
    """The median, least and most of samples in milliseconds (at least one)."""
    return Timing(
        median_ms=statistics.median(samples_ms),
        min_ms=min(samples_ms),
        max_ms=max(samples_ms),
        runs=len(samples_ms),
    )


def time_call(fn: Callable[[], object], *, repeat: int = 5, warmup: int = 1) -> Timing:
    """Run ``fn`` ``warmup`` times unmeasured, then ``repeat`` times; the median in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return timing_of(samples)


@dataclass(frozen=True)
class Row:
    """One line of the results table: a measurement, its floor, and the goal it is read against."""

    area: str
    case: str
    scale: str
    timing: Timing | None
    floor_case: str | None = None
    floor: Timing | None = None
    goal: str = ""
    goal_ratio: float | None = None
    goal_ms: float | None = None
    peak_mb: float | None = None  # a memory row has this instead of a timing
    goal_mb: float | None = None
    notes: str = ""
    extra: dict[str, float] = field(default_factory=dict)
    over_cap_s: float | None = None  # the case did not finish within this many seconds

    @property
    def ratio(self) -> float | None:
        if self.timing is None or self.floor is None or self.floor.median_ms == 0:
            return None
        return self.timing.median_ms / self.floor.median_ms

    @property
    def meets_goal(self) -> bool | None:
        if self.over_cap_s is not None:
            return False
        checks = []
        if self.goal_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.goal_ratio)
        if self.goal_ms is not None and self.timing is not None:
            checks.append(self.timing.median_ms <= self.goal_ms)
        if self.goal_mb is not None and self.peak_mb is not None:
            checks.append(self.peak_mb <= self.goal_mb)
        return all(checks) if checks else None


def peak_rss_mb(code: str, *, cwd: Path, env: dict[str, str] | None = None) -> float:
    """Run ``code`` in a fresh Python process; its peak resident memory in MB.

    Read from VmHWM in /proc/self/status: ``ru_maxrss`` is not reset by exec on Linux, so a child
    of a big parent would report the parent's peak.
    """
    report = (
        "[int(line.split()[1]) for line in open('/proc/self/status') "
        "if line.startswith('VmHWM:')][0]"
    )
    wrapper = f"{code}\nprint('PEAK_KB=%d' % {report})\n"
    result = subprocess.run(
        [sys.executable, "-c", wrapper],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = [x for x in result.stdout.splitlines() if x.startswith("PEAK_KB=")][-1]
    return int(line.split("=")[1]) / 1024


def _ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def write_results(rows: list[Row], out_dir: Path, *, header: dict[str, str]) -> tuple[Path, Path]:
    """Write ``results.md`` (a table) and ``results.json``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "| area | case | scale | result | floor | floor | ratio | goal | met |",
        "|---|---|---|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
        floor_ms = _ms(row.floor.median_ms) if row.floor else ""
        if row.over_cap_s is not None:
            result = f"> {row.over_cap_s:.0f} s (cap)"
        elif row.timing:
            result = _ms(row.timing.median_ms)
        else:
            result = f"{row.peak_mb:.0f} MB"
        met = {True: "yes", False: "**no**", None: ""}[row.meets_goal]
        lines.append(
            f"| {row.area} | {row.case} | {row.scale} | {result} | "
            f"{row.floor_case or ''} | {floor_ms} | {ratio} | {row.goal} | {met} |"
        )
    notes = [f"- {row.area} / {row.case}: {row.notes}" for row in rows if row.notes]
    md = "\n".join(
        [f"{key}: {value}  " for key, value in header.items()] + ["", *lines, "", *notes, ""]
    )
    md_path = out_dir / "results.md"
    md_path.write_text(md, encoding="utf-8")
    json_path = out_dir / "results.json"
    json_path.write_text(
        json.dumps(
            {
                "header": header,
                "rows": [
                    {**asdict(row), "ratio": row.ratio, "meets_goal": row.meets_goal}
                    for row in rows
                ],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return md_path, json_path
