"""Build small real databases for the engine's tests: the strategy's structure plus indicators,
targets and observation versions written by the test itself (never the demo data)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb
import pandas as pd

from data.catalogue_store import insert_indicator_versions, insert_target_versions
from data.schema import ensure_schema
from data.seed import load_structure
from data.sql import cursor
from metrics.periods import period_from_index, quarter_index

RECORDED = datetime(2026, 1, 15, 12, 0, 0)
# The test catalogue is on record before any observation.
CATALOGUE_RECORDED = datetime(2020, 1, 1)


class SeriesDB:
    """A writer of test indicators, targets and observations into a real DuckDB."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._next_observation_id = 1
        con.execute(
            "INSERT INTO imports BY NAME SELECT 1 AS import_id, $at AS started_at, "
            "$at AS finished_at, 'test' AS user_name, 'test.csv' AS file_name, "
            "$sha AS sha256, 0 AS rows_accepted, 0 AS rows_rejected, 'seed' AS outcome",
            {"at": CATALOGUE_RECORDED, "sha": "0" * 64},
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
        recorded_at: datetime | None = None,
        **settings: object,
    ) -> str:
        """Record a version of an indicator (its first, unless it exists: then a change)."""
        row = {
            "indicator_id": indicator_id,
            "action_line_id": "AL01",
            "name_nl": "test",
            "name_en": "test",
            "unit_nl": "eenheid",
            "unit_en": "unit",
            "direction": direction,
            "target_type": target_type,
            "method": method,
            "frequency": frequency,
            "aggregation": aggregation,
            "decimals": 2,
            "scope": list(scope),
            "source": "test",
            "owner": "test",
            **settings,
        }
        with cursor(self.con) as cur:
            insert_indicator_versions(
                cur,
                pd.DataFrame([row]),
                recorded_at=recorded_at or CATALOGUE_RECORDED,
                import_id=1,
            )
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
        recorded_at: datetime | None = None,
        removed: bool = False,
        reason: str | None = None,
    ) -> None:
        """Record a version of a target row (``removed``: the row is taken away)."""
        row = {
            "indicator_id": indicator_id,
            "part_id": part_id,
            "baseline_period": None if removed else baseline_period,
            "baseline_value": baseline_value,
            "target_period": None if removed else target_period,
            "target_value": target_value,
            "removed": removed,
            "reason": reason,
        }
        with cursor(self.con) as cur:
            insert_target_versions(
                cur,
                pd.DataFrame([row]),
                recorded_at=recorded_at or CATALOGUE_RECORDED,
                import_id=1,
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
