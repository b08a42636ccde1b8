"""Build small real databases for the engine's tests: the strategy's structure plus indicators,
targets and observation versions written by the test itself (never the demo data)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb
import pandas as pd

from data.schema import ensure_schema
from data.seed import load_structure
from data.sql import cursor
from metrics.periods import period_from_index, quarter_index

RECORDED = datetime(2026, 1, 15, 12, 0, 0)


class SeriesDB:
    """A writer of test indicators, targets and observations into a real DuckDB."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._next_observation_id = 1
        con.execute(
            "INSERT INTO imports VALUES (1, ?, ?, 'test', 'test.csv', ?, 0, 0, 'seed', NULL)",
            [datetime(2020, 1, 1), datetime(2020, 1, 1), "0" * 64],
        )

    def __enter__(self) -> SeriesDB:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.con.close()

    @classmethod
    def fresh(cls) -> SeriesDB:
        """A new in-memory database with the real structure and catalogue."""
        con = duckdb.connect(":memory:")
        ensure_schema(con)
        load_structure(con)
        return cls(con)

    def indicator(
        self,
        indicator_id: str,
        *,
        direction: str = "up",
        target_type: str = "reach",
        method: str = "linear",
        frequency: str = "quarterly",
        aggregation: str = "none",
        scope: Sequence[str] = ("NL",),
    ) -> str:
        self.con.execute(
            """
            INSERT INTO indicators (indicator_id, action_line_id, name_nl, name_en, unit,
                direction, target_type, method, frequency, source, owner, aggregation, decimals)
            VALUES (?, 'AL01', 'test', 'test', 'unit', ?, ?, ?, ?, 'test', 'test', ?, 2)
            """,
            [indicator_id, direction, target_type, method, frequency, aggregation],
        )
        for part_id in scope:
            self.con.execute("INSERT INTO indicator_scope VALUES (?, ?)", [indicator_id, part_id])
        return indicator_id

    def target(
        self,
        indicator_id: str,
        part_id: str,
        *,
        baseline_period: str = "2023Q1",
        baseline_value: float | None = None,
        target_period: str = "2029Q4",
        target_value: float | None = None,
    ) -> None:
        self.con.execute(
            "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?)",
            [indicator_id, part_id, baseline_period, baseline_value, target_period, target_value],
        )

    def observe(
        self,
        rows: Iterable[tuple[str, str, str, float, str, datetime]],
    ) -> None:
        """Insert (indicator_id, part_id, period, value, flag, recorded_at) versions in order."""
        frame = pd.DataFrame(
            list(rows),
            columns=["indicator_id", "part_id", "period", "value", "flag", "recorded_at"],
        )
        if frame.empty:
            return
        frame.insert(
            0,
            "observation_id",
            range(self._next_observation_id, self._next_observation_id + len(frame)),
        )
        self._next_observation_id += len(frame)
        with cursor(self.con) as cur:  # the frame is registered on this cursor only
            cur.register("new_observations", frame)
            cur.execute(
                """
                INSERT INTO observations (observation_id, indicator_id, part_id, period, value,
                    flag, recorded_at, import_id)
                SELECT observation_id, indicator_id, part_id, period, value, flag,
                    recorded_at, 1
                FROM new_observations
                """
            )

    def series(
        self,
        indicator_id: str,
        part_id: str,
        first_period: str,
        values: Sequence[float | None],
        *,
        step: int = 1,
        flags: dict[str, str] | None = None,
        recorded_at: datetime = RECORDED,
    ) -> None:
        """Values at ``first_period`` and every ``step`` quarters after it (None: no value)."""
        start = quarter_index(first_period)
        flags = flags or {}
        rows = []
        for k, value in enumerate(values):
            if value is None:
                continue
            period = period_from_index(start + k * step)
            rows.append(
                (
                    indicator_id,
                    part_id,
                    period,
                    float(value),
                    flags.get(period, "none"),
                    recorded_at,
                )
            )
        self.observe(rows)
