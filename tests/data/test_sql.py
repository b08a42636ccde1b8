from __future__ import annotations

import duckdb
import pytest

from data.sql import frame, rows, scalar, transaction


@pytest.fixture
def con():
    connection = duckdb.connect()
    connection.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v VARCHAR)")
    connection.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
    yield connection
    connection.close()


def test_frame_rows_and_scalar_fetch_with_either_parameter_style(con):
    assert frame(con, "SELECT v FROM t WHERE k = $k", {"k": 2})["v"].tolist() == ["b"]
    assert rows(con, "SELECT k, v FROM t WHERE k > ? ORDER BY k", [0]) == [(1, "a"), (2, "b")]
    assert scalar(con, "SELECT count(*) FROM t") == 2
    assert scalar(con, "SELECT k FROM t WHERE k > 5") is None


def test_a_transaction_commits_when_the_block_ends(con):
    with transaction(con) as cur:
        cur.execute("INSERT INTO t VALUES (3, 'c')")
    assert scalar(con, "SELECT v FROM t WHERE k = 3") == "c"


def test_a_failed_transaction_rolls_back_everything_and_re_raises(con):
    with pytest.raises(duckdb.ConstraintException), transaction(con) as cur:
        cur.execute("INSERT INTO t VALUES (3, 'c')")
        cur.execute("INSERT INTO t VALUES (1, 'duplicate')")
    assert scalar(con, "SELECT count(*) FROM t") == 2


def test_an_error_raised_by_the_caller_rolls_back_too(con):
    with pytest.raises(RuntimeError), transaction(con) as cur:
        cur.execute("DELETE FROM t")
        raise RuntimeError("the caller changed its mind")
    assert scalar(con, "SELECT count(*) FROM t") == 2
