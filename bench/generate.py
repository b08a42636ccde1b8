"""Deterministic benchmark data at two scales, with the real schema.

* ``S``: the demo data set itself (the size the dashboard serves today).
* ``M``: the real structure plus thousands of synthetic quarterly indicators reported by all seven
  entities from 2013Q1, about 3 million observations. Built in SQL from ``range()`` and integer
  arithmetic (no RNG state), so the same arguments give the same rows on every machine.

The synthetic catalogue is written as schema 2 holds a catalogue: one ``imports`` row of kind
``catalogue`` recorded before the observations, the ids in ``indicator_registry``, one version
per indicator in ``indicator_versions`` (scope as a list, bilingual unit) and one Kingdom default
target per indicator in ``target_versions``; then the observations' own import.
"""

from __future__ import annotations

from datetime import datetime, timedelta
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

# The synthetic catalogue is one catalogue import, recorded a day before its observations, as a
# ministry's workbook import would be: the engine reads the catalogue at the vintage it is given.
_CATALOGUE_AT = BENCH_CLOCK - timedelta(days=1)

_IMPORT_SQL = """
INSERT INTO imports BY NAME
SELECT
    $import_id AS import_id,
    $at AS started_at,
    $at AS finished_at,
    'benchmark' AS user_name,
    $file_name AS file_name,
    repeat('0', 64) AS sha256,
    $rows AS rows_accepted,
    0 AS rows_rejected,
    'seed' AS outcome,
    $kind AS kind
"""

_REGISTRY_SQL = """
INSERT INTO indicator_registry
SELECT printf('IND-%04d', i) AS indicator_id
FROM range($first, $last) AS t(i)
"""

# Every synthetic indicator is reported by all seven entities (scope: the entity ids, in the
# hierarchy's order).
_SYNTHETIC_INDICATORS_SQL = """
WITH entities AS (
    SELECT list(part_id ORDER BY sort_order) AS scope
    FROM kingdom_parts
    WHERE level = 'entity'
),

offset_id AS (
    SELECT coalesce(max(version_id), 0) AS last_version_id
    FROM indicator_versions
)

INSERT INTO indicator_versions BY NAME
SELECT
    offset_id.last_version_id + i - $first + 1 AS version_id,
    printf('IND-%04d', i) AS indicator_id,
    'AL' || lpad(CAST(i % 12 + 1 AS VARCHAR), 2, '0') AS action_line_id,
    'Synthetische indicator ' || i AS name_nl,
    'Synthetic indicator ' || i AS name_en,
    'index' AS unit_nl,
    'index' AS unit_en,
    CASE WHEN i % 2 = 0 THEN 'up' ELSE 'down' END AS direction,
    CASE i % 10 WHEN 0 THEN 'maintain_min' WHEN 1 THEN 'none' ELSE 'reach' END AS target_type,
    CASE WHEN i % 7 = 0 THEN 'cagr' ELSE 'linear' END AS method,
    'quarterly' AS frequency,
    CASE i % 3 WHEN 0 THEN 'sum' WHEN 1 THEN 'population_weighted_mean' ELSE 'none' END
        AS aggregation,
    1 AS decimals,
    entities.scope AS scope,
    'benchmark generator' AS source,
    'benchmark' AS owner,
    $at AS recorded_at,
    $import_id AS import_id
FROM range($first, $last) AS t(i)
CROSS JOIN entities
CROSS JOIN offset_id
"""

# One Kingdom default target per indicator with a target; the baseline value is the observed one
# at 2023Q1 (about 80..125), so an up target of 130 and a down one of 70 are on its better side.
_TARGETS_SQL = """
WITH offset_id AS (
    SELECT coalesce(max(version_id), 0) AS last_version_id
    FROM target_versions
)

INSERT INTO target_versions BY NAME
SELECT
    offset_id.last_version_id + row_number() OVER (ORDER BY versions.indicator_id) AS version_id,
    versions.indicator_id,
    'KINGDOM' AS part_id,
    '2023Q1' AS baseline_period,
    NULL AS baseline_value,
    '2029Q4' AS target_period,
    CASE WHEN versions.direction = 'up' THEN 130.0 ELSE 70.0 END AS target_value,
    false AS removed,
    $at AS recorded_at,
    $import_id AS import_id
FROM indicator_versions AS versions
CROSS JOIN offset_id
WHERE versions.import_id = $import_id AND versions.target_type <> 'none'
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
    $offset + row_number() OVER (
        ORDER BY series.indicator_id, series.part_id, quarters.q
    ) AS observation_id,
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
    indicators = {"first": _FIRST_SYNTHETIC, "last": _FIRST_SYNTHETIC + count}
    with writer(path) as con:
        # The demo's own imports, catalogue and observations stay; the synthetic ones take fresh
        # ids above them: first the catalogue import, then the observations' import.
        offset_import = scalar(con, "SELECT coalesce(max(import_id), 0) FROM imports")
        offset_obs = scalar(con, "SELECT coalesce(max(observation_id), 0) FROM observations")
        catalogue_import, observation_import = offset_import + 1, offset_import + 2
        catalogue = {"at": _CATALOGUE_AT, "import_id": catalogue_import}
        rows = count * 7 * (last_q - first_q + 1)
        with transaction(con) as cur:
            cur.execute(
                _IMPORT_SQL,
                {
                    **catalogue,
                    "file_name": "bench_catalogue",
                    "rows": count,
                    "kind": "catalogue",
                },
            )
            cur.execute(_REGISTRY_SQL, indicators)
            cur.execute(_SYNTHETIC_INDICATORS_SQL, {**indicators, **catalogue})
            cur.execute(_TARGETS_SQL, catalogue)
            cur.execute(
                _IMPORT_SQL,
                {
                    "import_id": observation_import,
                    "at": BENCH_CLOCK,
                    "file_name": "bench_generate",
                    "rows": rows,
                    "kind": "observations",
                },
            )
            cur.execute(
                _OBSERVATIONS_SQL,
                {
                    "first_id": first_id,
                    "first_q": first_q,
                    "last_q": last_q,
                    "clock": BENCH_CLOCK,
                    "offset": offset_obs,
                    "import_id": observation_import,
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
