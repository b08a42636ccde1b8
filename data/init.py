"""Create a database: the strategy's structure, and optionally the demo data set."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from data.schema import schema_is_current
from data.seed import load_structure
from data.store import open_reader, writer

__all__ = ["initialize"]


class _AlreadyPresentError(Exception):
    """Raised inside the writer to abandon the working copy when another process got there first."""


def initialize(
    path: Path, *, demo: bool, clock: datetime, seed: int = 2023, if_absent: bool = False
) -> bool:
    """Replace whatever is at ``path`` with a new database, published atomically.

    ``clock`` is the moment the data set is made at: demo observations run up to the last full
    quarter before it and are never recorded after it. With ``if_absent`` an existing database is
    left alone (checked under the write lock, so two processes starting at once make one); the
    return value says whether a database was made. An existing database made by an earlier
    version is upgraded in place (``ensure_schema`` keeps every row).
    """
    if if_absent and path.exists():
        _upgrade_if_needed(path)
    try:
        with writer(path, fresh=True) as con:
            if if_absent and path.exists():
                raise _AlreadyPresentError
            _fill(con, demo=demo, clock=clock, seed=seed)
    except _AlreadyPresentError:
        return False
    return True


def _upgrade_if_needed(path: Path) -> None:
    con = open_reader(path)
    try:
        current = schema_is_current(con)
    finally:
        con.close()
    if not current:
        with writer(path):
            pass  # the writer ensures the schema on its working copy and publishes it


def _fill(con: duckdb.DuckDBPyConnection, *, demo: bool, clock: datetime, seed: int) -> None:
    load_structure(con)
    con.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('is_demo', ?), ('created_at', ?)",
        ["true" if demo else "false", clock.isoformat(timespec="seconds")],
    )
    if demo:
        # Imported here so that a structure-only database never needs the demo generator.
        from data.demo import load_demo

        load_demo(con, seed=seed, clock=clock)
