from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from data.sql import rows
from data.versions import newest_versions_sql


@pytest.fixture
def con():
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE v (k VARCHAR, p VARCHAR, value DOUBLE, note VARCHAR, recorded_at TIMESTAMP,"
        " UNIQUE (k, p, recorded_at))"
    )
    connection.execute(
        """INSERT INTO v VALUES
        ('a', '1', 1.0, 'first', '2026-01-01'),
        ('a', '1', 2.0, NULL, '2026-02-01'),
        ('a', '2', 5.0, 'only', '2026-01-15'),
        ('b', '1', 9.0, 'late', '2026-03-01')"""
    )
    yield connection
    connection.close()


SQL = newest_versions_sql("v", key=("k", "p"), columns=("value", "note"))


def test_the_newest_version_of_each_key_counts(con):
    got = rows(con, SQL + "ORDER BY k, p", {"vintage": None})
    assert [(k, p, value, note) for k, p, value, note, _ in got] == [
        ("a", "1", 2.0, None),
        ("a", "2", 5.0, "only"),
        ("b", "1", 9.0, "late"),
    ]


def test_a_vintage_sees_only_what_was_recorded_at_or_before_it(con):
    got = rows(con, SQL + "ORDER BY k, p", {"vintage": datetime(2026, 1, 15)})
    assert [(k, p, value) for k, p, value, *_ in got] == [("a", "1", 1.0), ("a", "2", 5.0)]


def test_a_where_clause_narrows_the_versions_considered(con):
    sql = newest_versions_sql("v", key=("k", "p"), columns=("value",), where="k = $k")
    assert rows(con, sql, {"vintage": None, "k": "b"}) == [("b", "1", 9.0, datetime(2026, 3, 1))]


def test_key_and_columns_must_not_overlap():
    with pytest.raises(ValueError):
        newest_versions_sql("v", key=("k",), columns=("k",))
    with pytest.raises(ValueError):
        newest_versions_sql("v", key=(), columns=("value",))
