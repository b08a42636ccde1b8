"""The DuckDB plumbing every module in data/ shares: fetch fully, close the cursor, and one
transaction context manager that fails closed.

Every helper takes the connection first and opens its own cursor (one per query, never a bare
connection shared across Streamlit's script threads); results are fetched fully before the cursor
closes, as DuckDB 2.x streams them. Parameters are passed as ``$name`` (a mapping) or ``?`` (a
sequence); SQL text comes from code constants only. Imports nothing of ours.

| function | returns |
|---|---|
| ``frame(con, sql, parameters=None)`` | a pandas DataFrame |
| ``rows(con, sql, parameters=None)`` | a list of tuples |
| ``scalar(con, sql, parameters=None)`` | the first column of the first row, None without rows |
| ``cursor(con)`` | a context manager yielding a cursor that is closed on exit |
| ``transaction(con)`` | a cursor inside BEGIN ... COMMIT; rolls back and re-raises on error |
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Parameters", "cursor", "frame", "rows", "scalar", "transaction"]

Parameters = Mapping[str, object] | Sequence[object] | None


@contextlib.contextmanager
def cursor(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of ``con`` that is closed when the block ends, however it ends."""
    cur = con.cursor()
    try:
        yield cur
    finally:
        cur.close()


def _execute(
    cur: duckdb.DuckDBPyConnection, sql: str, parameters: Parameters
) -> duckdb.DuckDBPyConnection:
    return cur.execute(sql) if parameters is None else cur.execute(sql, parameters)


def frame(con: duckdb.DuckDBPyConnection, sql: str, parameters: Parameters = None) -> pd.DataFrame:
    """The result of ``sql`` as a DataFrame, fetched fully."""
    with cursor(con) as cur:
        return _execute(cur, sql, parameters).df()


def rows(con: duckdb.DuckDBPyConnection, sql: str, parameters: Parameters = None) -> list[tuple]:
    """The result of ``sql`` as a list of tuples, fetched fully."""
    with cursor(con) as cur:
        return _execute(cur, sql, parameters).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, parameters: Parameters = None) -> object:
    """The first column of the first row of ``sql``; None when it returns no rows."""
    found = rows(con, sql, parameters)
    return found[0][0] if found else None


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor inside one transaction: committed when the block ends, rolled back on any error.

    The error is re-raised after the rollback, so a failed write changes nothing ("fails closed").
    """
    with cursor(con) as cur:
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")
