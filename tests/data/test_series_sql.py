"""The series SQL's quarter arithmetic is ``metrics.periods``' rule, in SQL."""

from __future__ import annotations

import duckdb

from data.series_sql import period_sql, quarter_index_sql
from metrics.periods import period_from_index, period_range, quarter_index


def test_quarter_index_and_period_in_sql_agree_with_metrics_periods():
    periods = period_range("1999Q1", "2031Q4")
    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE quarters (period VARCHAR)")
        con.executemany("INSERT INTO quarters VALUES (?)", [(period,) for period in periods])
        rows = con.execute(
            f"""
            SELECT
                period,
                {quarter_index_sql("period")} AS period_index,
                {period_sql(quarter_index_sql("period"))} AS round_trip
            FROM quarters
            ORDER BY period
            """
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == len(periods)
    for period, index, round_trip in rows:
        assert index == quarter_index(period)
        assert round_trip == period_from_index(index) == period
