"""Create a database: the strategy's structure, and optionally the demo data set."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from data.seed import load_structure
from data.store import writer

__all__ = ["initialize"]


def initialize(path: Path, *, demo: bool, clock: datetime, seed: int = 2023) -> None:
    """Replace whatever is at ``path`` with a new database, published atomically.

    ``clock`` is the moment the data set is made at: demo observations run up to the last full
    quarter before it and are never recorded after it.
    """
    with writer(path, fresh=True) as con:
        load_structure(con)
        con.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('is_demo', ?), ('created_at', ?)",
            ["true" if demo else "false", clock.isoformat(timespec="seconds")],
        )
        if demo:
            from data.demo import load_demo

            load_demo(con, seed=seed, clock=clock)
