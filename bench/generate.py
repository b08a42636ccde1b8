"""Deterministic benchmark data at two scales, with the real schema.

* ``S``: the demo data set itself (the size the dashboard serves today).
* ``M``: the real structure plus thousands of synthetic quarterly indicators reported by all seven
  entities from 2013Q1, about 3 million observations. Built in SQL from ``range()`` and integer
  arithmetic (no RNG state), so the same arguments give the same rows on every machine.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from data.init import initialize
from data.sql import scalar, transaction
from data.store import writer
from metrics.periods import quarter_index

__all__ = ["SCALES", "build"]

BENCH_CLOCK = datetime(2026, 11, 28, 9, 0, 0)

# Indicator ids 2000..9999 are free: the catalogue uses IND-01xx .. IND-12xx.
_FIRST_SYNTHETIC = 2000

SCALES = {
    "S": {"synthetic_indicators": 0, "first_period": None},
    "M": {"synthetic_indicators": 8000, "first_period": "2013Q1"},
}

_SYNTHETIC_INDICATORS_SQL = """
INSERT INTO indicators (
    indicator_id, action_line_id, name_nl, name_en, unit, direction, target_type, method,
    frequency, source, owner, aggregation, decimals
)
SELECT
    printf('IND-%04d', i) AS indicator_id,
    'AL' || lpad(CAST(i % 12 + 1 AS VARCHAR), 2, '0') AS action_line_id,
    'Synthetische indicator ' || i AS name_nl,
    'Synthetic indicator ' || i AS name_en,
    'index' AS unit,
    CASE WHEN i % 2 = 0 THEN 'up' ELSE 'down' END AS direction,
    CASE i % 10 WHEN 0 THEN 'maintain_min' WHEN 1 THEN 'none' ELSE 'reach' END AS target_type,
    CASE WHEN i % 7 = 0 THEN 'cagr' ELSE 'linear' END AS method,
    'quarterly' AS frequency,
    'benchmark generator' AS source,
    'benchmark' AS owner,
    CASE i % 3 WHEN 0 THEN 'sum' WHEN 1 THEN 'population_weighted_mean' ELSE 'none' END,
    1 AS decimals
FROM range($first, $last) AS t(i)
"""

_SCOPE_SQL = """
INSERT INTO indicator_scope (indicator_id, part_id)
SELECT i.indicator_id, p.part_id
FROM indicators AS i
CROSS JOIN kingdom_parts AS p
WHERE i.indicator_id >= $first_id AND p.level = 'entity'
"""

_TARGETS_SQL = """
INSERT INTO targets (
    indicator_id, part_id, baseline_period, baseline_value, target_period, target_value
)
SELECT
    indicator_id,
    'KINGDOM',
    '2023Q1',
    NULL,
    '2029Q4',
    CASE WHEN direction = 'up' THEN 130.0 ELSE 70.0 END
FROM indicators
WHERE indicator_id >= $first_id AND target_type <> 'none'
"""

_IMPORT_SQL = """
INSERT INTO imports VALUES (
    $import_id, $clock, $clock, 'benchmark', 'bench_generate', repeat('0', 64), $rows, 0, 'seed',
    NULL
)
"""

# Values drift from 100 at a per-series pace with a deterministic wobble: integer hashing of
# (indicator, entity, quarter) stands in for noise so no RNG state is involved.
_OBSERVATIONS_SQL = """
WITH series AS (
    SELECT
        s.indicator_id,
        s.part_id,
        CAST(substr(s.indicator_id, 5) AS INTEGER) AS i,
        p.sort_order AS e
    FROM indicator_scope AS s
    JOIN kingdom_parts AS p USING (part_id)
    WHERE s.indicator_id >= $first_id
),

quarters AS (
    SELECT q FROM range($first_q, $last_q + 1) AS t(q)
)

INSERT INTO observations
SELECT
    $offset + row_number() OVER () AS observation_id,
    series.indicator_id,
    series.part_id,
    CAST(quarters.q // 4 AS VARCHAR) || 'Q' || CAST(quarters.q % 4 + 1 AS VARCHAR) AS period,
    round(
        100.0
        + ((series.i * 31 + series.e * 17) % 41 - 20) / 10.0 * (quarters.q - $first_q) / 4.0
        + ((series.i * 7919 + series.e * 104729 + quarters.q * 1299709) % 1000) / 250.0,
        1
    ) AS value,
    CASE WHEN (series.i + quarters.q) % 97 = 0 THEN 'provisional' ELSE 'none' END AS flag,
    NULL AS note,
    $clock AS recorded_at,
    $import_id AS import_id
FROM series
CROSS JOIN quarters
"""


def build(path: Path, scale: str) -> int:
    """Create the benchmark database for ``scale`` at ``path``; return its observation count."""
    settings = SCALES[scale]
    initialize(path, demo=True, clock=BENCH_CLOCK)
    count = settings["synthetic_indicators"]
    if not count:
        return _count(path)
    first_id = f"IND-{_FIRST_SYNTHETIC:04d}"
    first_q = quarter_index(settings["first_period"])
    last_q = quarter_index("2026Q3")
    with writer(path) as con:
        # The demo's own imports and observations stay; the synthetic ones take fresh ids above.
        offset_import = scalar(con, "SELECT coalesce(max(import_id), 0) FROM imports")
        offset_obs = scalar(con, "SELECT coalesce(max(observation_id), 0) FROM observations")
        import_id = offset_import + 1
        rows = count * 7 * (last_q - first_q + 1)
        with transaction(con) as cur:
            cur.execute(
                _SYNTHETIC_INDICATORS_SQL,
                {"first": _FIRST_SYNTHETIC, "last": _FIRST_SYNTHETIC + count},
            )
            cur.execute(_SCOPE_SQL, {"first_id": first_id})
            cur.execute(_TARGETS_SQL, {"first_id": first_id})
            cur.execute(_IMPORT_SQL, {"import_id": import_id, "clock": BENCH_CLOCK, "rows": rows})
            cur.execute(
                _OBSERVATIONS_SQL,
                {
                    "first_id": first_id,
                    "first_q": first_q,
                    "last_q": last_q,
                    "clock": BENCH_CLOCK,
                    "offset": offset_obs,
                    "import_id": import_id,
                },
            )
    return _count(path)


def _count(path: Path) -> int:
    from data.store import open_reader

    con = open_reader(path)
    try:
        return scalar(con, "SELECT count(*) FROM observations")
    finally:
        con.close()
