"""How long the full assessment takes at about three million observations. Run by hand:

    python -m bench.assessment [--indicators 4000] [--first-year 2000] [--repeat 5] [--no-derived]

Builds an in-memory database with the real structure, replaces the catalogue by synthetic
indicators reported by all seven entities (mixed directions, target types, methods and
aggregations, so derived part and Kingdom series are computed too), one value per quarter from
``--first-year`` to 2026Q4 plus a revision of every twentieth value, and Kingdom-wide targets.
Prints the median time of a floor (one grouped pass per series over all observations), of
``assess`` (latest vintage, split into its SQL and its rules, and a
past vintage), ``series_values`` for one indicator and ``rollup_scope`` for the Kingdom. Not part
of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import datetime

import duckdb

from data.assessment import assess, rollup_scope, series_statistics, series_values
from data.schema import ensure_schema
from data.seed import load_structure
from metrics.progress import assess_series

_SYNTHETIC = """
INSERT INTO indicators (indicator_id, action_line_id, name_nl, name_en, unit, direction,
    target_type, method, frequency, source, owner, aggregation, decimals)
SELECT
    printf('IND-%04d', i),
    printf('AL%02d', i % 12 + 1),
    'bench', 'bench', 'unit',
    CASE WHEN i % 2 = 0 THEN 'up' ELSE 'down' END,
    CASE i % 5 WHEN 0 THEN 'maintain_min' WHEN 1 THEN 'none' ELSE 'reach' END,
    CASE WHEN i % 7 = 0 THEN 'cagr' ELSE 'linear' END,
    'quarterly', 'bench', 'bench',
    CASE
        WHEN NOT $derived THEN 'none'
        WHEN i % 3 = 0 THEN 'sum'
        WHEN i % 3 = 1 THEN 'population_weighted_mean'
        ELSE 'none'
    END,
    2
FROM range(1, $indicators + 1) AS r(i);

INSERT INTO indicator_scope
SELECT indicator_id, part_id
FROM indicators, kingdom_parts
WHERE kingdom_parts.level = 'entity';

INSERT INTO targets
SELECT indicator_id, 'KINGDOM', '2023Q1', NULL, '2029Q4',
    CASE direction WHEN 'up' THEN 160.0 ELSE 40.0 END
FROM indicators;

INSERT INTO imports VALUES (1, TIMESTAMP '2020-01-01', TIMESTAMP '2020-01-01', 'bench',
    'bench.csv', repeat('0', 64), 0, 0, 'seed', NULL);

INSERT INTO observations (observation_id, indicator_id, part_id, period, value, flag,
    recorded_at, import_id)
SELECT
    row_number() OVER () AS observation_id,
    scope.indicator_id,
    scope.part_id,
    printf('%dQ%d', q // 4, q % 4 + 1) AS period,
    100.0
        + (q - 4 * $first_year) * 0.5
            * (CAST(hash(scope.indicator_id, scope.part_id) % 5 AS INTEGER) - 2)
        + CAST(hash(scope.indicator_id, scope.part_id, q) % 1000 AS INTEGER) / 100.0 AS value,
    CASE WHEN hash(q, scope.part_id) % 50 = 0 THEN 'provisional' ELSE 'none' END AS flag,
    TIMESTAMP '2020-01-01' + to_days(CAST(q - 4 * $first_year AS INTEGER)) AS recorded_at,
    1
FROM indicator_scope AS scope, range(4 * $first_year, 4 * 2026 + 4) AS quarters(q);

INSERT INTO observations (observation_id, indicator_id, part_id, period, value, flag,
    recorded_at, import_id)
SELECT
    (SELECT max(observation_id) FROM observations) + row_number() OVER (),
    indicator_id, part_id, period, value + 1.0, flag, recorded_at + INTERVAL 400 DAY, 1
FROM observations
WHERE observation_id % 20 = 0;
"""


def build(indicators: int, first_year: int, *, derived: bool = True) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    load_structure(con)
    con.execute("DELETE FROM indicator_scope")
    con.execute("DELETE FROM indicators")
    parameters = {"indicators": indicators, "first_year": first_year, "derived": derived}
    for statement in filter(str.strip, _SYNTHETIC.split(";")):
        used = {k: v for k, v in parameters.items() if f"${k}" in statement}
        con.execute(statement, used)
    return con


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=4000)
    parser.add_argument("--first-year", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--no-derived", action="store_true", help="every aggregation 'none': no derived series"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    con = build(args.indicators, args.first_year, derived=not args.no_derived)
    observations = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    print(f"built {observations:,} observations in {time.perf_counter() - started:.1f} s")

    frame = assess(con, as_of="2026Q3")
    print(f"assessment: {len(frame):,} series ({int(frame['is_derived'].sum()):,} derived)")
    statistics = series_statistics(con, as_of="2026Q3")
    # The floor: one grouped pass over every observation, per series. A busy machine moves the
    # floor and the engine together, so read the engine as a multiple of it.
    floor = """
        SELECT indicator_id, part_id, count(*), sum(value), max(period)
        FROM observations
        GROUP BY indicator_id, part_id
    """
    cases: dict[str, Callable[[], object]] = {
        "floor: one grouped pass per series": lambda: con.execute(floor).fetchall(),
        "assess, latest vintage": lambda: assess(con, as_of="2026Q3"),
        "  of which SQL (series_statistics)": lambda: series_statistics(con, as_of="2026Q3"),
        "  of which rules (assess_series)": lambda: assess_series(statistics),
        "assess, past vintage": lambda: assess(con, as_of="2024Q4", vintage=datetime(2024, 6, 30)),
        "series_values, one indicator": lambda: series_values(
            con, as_of="2026Q3", indicator_id="IND-0003"
        ),
        "rollup_scope, Kingdom by action line": lambda: rollup_scope(
            con, frame, part_id="KINGDOM", by=["action_line_id"]
        ),
    }
    for name, run in cases.items():
        milliseconds = median_seconds(run, args.repeat) * 1000
        print(f"{name:40s} {milliseconds:8.0f} ms (median of {args.repeat})")


if __name__ == "__main__":
    main()
