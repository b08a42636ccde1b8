"""Export cases: the assessment CSV in both dialects and the observations CSV, each against a
plain DuckDB ``COPY (SELECT ...) TO`` of the same rows in the same run (goal: within 1.2×)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.engine import AS_OF
from bench.harness import Row, time_call
from data.export import ExportRequest, write_export
from data.observations import AS_OF_VINTAGE_SQL
from data.sql import cursor
from data.store import open_reader

__all__ = ["export_rows"]

_PLAIN_ASSESSMENT = """
COPY (
    SELECT * EXCLUDE (as_of)
    FROM current_assessment
    WHERE as_of = $quarter
    ORDER BY indicator_id, part_id
) TO $target (FORMAT csv, HEADER true)
"""

_PLAIN_OBSERVATIONS = f"""
COPY (
    SELECT *
    FROM ({AS_OF_VINTAGE_SQL}) AS o
    WHERE period <= $quarter
    ORDER BY indicator_id, part_id, period
) TO $target (FORMAT csv, HEADER true)
"""


def export_rows(db: Path, scale: str, *, repeat: int) -> list[Row]:
    con = open_reader(db)
    con.execute("SET enable_progress_bar = false")
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
            target = Path(tmp) / "out.csv"

            def plain(sql: str) -> None:
                parameters = {"quarter": AS_OF, "target": str(target)}
                if "$vintage" in sql:
                    parameters["vintage"] = None
                with cursor(con) as cur:
                    cur.execute(sql, parameters)

            floors = {
                "assessment": time_call(lambda: plain(_PLAIN_ASSESSMENT), repeat=repeat),
                "observations": time_call(lambda: plain(_PLAIN_OBSERVATIONS), repeat=repeat),
            }
            for what, dialect in (
                ("assessment", "standard"),
                ("assessment", "excel-nl"),
                ("observations", "standard"),
                ("observations", "excel-nl"),
            ):
                timing = time_call(
                    lambda what=what, dialect=dialect: write_export(
                        con, target, ExportRequest(quarter=AS_OF, what=what, dialect=dialect)
                    ),
                    repeat=repeat,
                )
                rows.append(
                    Row(
                        area="export",
                        case=f"{what} CSV, {dialect}",
                        scale=scale,
                        timing=timing,
                        floor_case=f"plain COPY of the {what} rows",
                        floor=floors[what],
                        goal="≤ 1.2× floor at M",
                        goal_ratio=1.2 if scale == "M" else None,
                    )
                )
    finally:
        con.close()
    return rows
