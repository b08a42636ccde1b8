"""What every layer's tests share: real DuckDB files built with the real schema, and the
Hypothesis profiles.

Profiles: ``dev`` (the default for local runs, ``make check``): few examples, for a quick loop;
``ci`` (when ``CI`` is set, as in ``.ci/run``): the full number, derandomised, so a CI run is
reproducible. ``HYPOTHESIS_PROFILE=ci`` (or ``dev``) picks one explicitly. A test that sets its
own ``@settings(max_examples=n)`` keeps ``n`` under every profile; to scale with the profile, it
writes ``max_examples=scaled_examples(n)`` instead (``n`` under ``ci``, a fifth of it under ``dev``).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, settings

from data.init import initialize
from data.schema import ensure_schema
from data.seed import load_seed_catalogue, load_structure
from data.store import open_reader, writer

# The seed every shared demo database is built with (the CLI's default).
DEMO_SEED = 2023
# The clock every demo-data test passes in: a fixed moment, so the demo is the same every run.
DEMO_CLOCK = datetime(2026, 11, 28, 9, 0, 0)
# When the test catalogue is recorded: before any observation a test writes.
CATALOGUE_AT = datetime(2020, 1, 1)

# Examples per property test in CI: Hypothesis's own default, as before the profiles.
CI_EXAMPLES = 100
DEV_EXAMPLES = 20

# Hypothesis's built-in "ci" profile (derandomised, no deadline, no example database) with the
# full number of examples spelled out.
settings.register_profile("ci", settings.get_profile("ci"), max_examples=CI_EXAMPLES)
# No deadline locally either: five engineers share two cores, and a slow example is not a bug.
settings.register_profile(
    "dev",
    max_examples=DEV_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def hypothesis_profile(environ: Mapping[str, str]) -> str:
    """``HYPOTHESIS_PROFILE`` when set, else ``ci`` when ``CI`` is set (not 0/false), else ``dev``."""
    if environ.get("HYPOTHESIS_PROFILE"):
        return environ["HYPOTHESIS_PROFILE"]
    in_ci = environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
    return "ci" if in_ci else "dev"


settings.load_profile(hypothesis_profile(os.environ))


def scaled_examples(full: int) -> int:
    """``full`` examples under the ``ci`` profile, proportionally fewer under ``dev`` (at least 1).

    For a test with its own budget that should still run quicker locally:
    ``@settings(max_examples=scaled_examples(60))``. Read at decoration time, after this module
    loaded the profile.
    """
    return max(1, math.ceil(full * settings().max_examples / CI_EXAMPLES))


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with the schema and nothing else."""
    connection = duckdb.connect(":memory:")
    ensure_schema(connection)
    yield connection
    connection.close()


@pytest.fixture
def structure_con(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the strategy's structure and the illustrative catalogue
    (recorded at ``CATALOGUE_AT``, before any test's observations; no targets)."""
    load_structure(con)
    load_seed_catalogue(con, at=CATALOGUE_AT)
    return con


@pytest.fixture
def structure_db(tmp_path: Path) -> Path:
    """A published database file with the structure and the illustrative catalogue (no
    targets, no observations), as ``init`` and a first catalogue import make it."""
    path = tmp_path / "monitor.duckdb"
    initialize(path, demo=False, clock=DEMO_CLOCK)
    with writer(path) as writing:
        load_seed_catalogue(writing, at=CATALOGUE_AT)
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
