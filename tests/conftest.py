"""Fixtures shared by every layer's tests: real DuckDB files built with the real schema."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from data.init import initialize
from data.schema import ensure_schema
from data.seed import load_structure
from data.store import open_reader

# The seed every shared demo database is built with (the CLI's default).
DEMO_SEED = 2023
# The clock every demo-data test passes in: a fixed moment, so the demo is the same every run.
DEMO_CLOCK = datetime(2026, 11, 28, 9, 0, 0)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with the schema and nothing else."""
    connection = duckdb.connect(":memory:")
    ensure_schema(connection)
    yield connection
    connection.close()


@pytest.fixture
def structure_con(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the strategy's structure and the indicator catalogue."""
    load_structure(con)
    return con


@pytest.fixture
def structure_db(tmp_path: Path) -> Path:
    """A published database file with the structure only."""
    path = tmp_path / "monitor.duckdb"
    initialize(path, demo=False, clock=DEMO_CLOCK)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published demo database built once per test session (per xdist worker) at DEMO_CLOCK.

    Shared: open it with ``demo_con`` or ``open_reader`` only, never write to it.
    """
    path = tmp_path_factory.mktemp("demo") / "monitor.duckdb"
    initialize(path, demo=True, clock=DEMO_CLOCK, seed=DEMO_SEED)
    return path


@pytest.fixture
def demo_con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the shared demo database."""
    connection = open_reader(demo_db)
    yield connection
    connection.close()
