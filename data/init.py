"""Create a database: the strategy's structure, and optionally the demo data set or a catalogue
workbook (``init --catalogue``).

A database is made in one working copy and published only when complete (``data.store``): a
catalogue workbook that is refused raises ``CatalogueRefusedError`` and leaves nothing behind,
not even the database that was at the path before.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from data.access_rules import Actor
from data.schema import schema_is_current
from data.seed import load_structure
from data.sql import transaction
from data.store import open_reader, writer

if TYPE_CHECKING:
    from data.catalogue_intake import CatalogueResult, Source

__all__ = ["CatalogueRefusedError", "initialize"]

# Who makes a database: an operator (cli.py init), unless the caller names one.
INIT_ACTOR = Actor.operator("init")


class CatalogueRefusedError(Exception):
    """The workbook given to ``initialize`` was refused; ``result`` holds its problems. Nothing
    was written or replaced."""

    def __init__(self, result: CatalogueResult) -> None:
        super().__init__(f"catalogue {result.file_name} refused ({len(result.problems)} problems)")
        self.result = result


class _AlreadyPresentError(Exception):
    """Raised inside the writer to abandon the working copy when another process got there first."""


def initialize(
    path: Path,
    *,
    demo: bool,
    clock: datetime,
    seed: int = 2023,
    if_absent: bool = False,
    catalogue: Source | None = None,
    catalogue_name: str | None = None,
    actor: Actor = INIT_ACTOR,
) -> bool:
    """Replace whatever is at ``path`` with a new database, published atomically.

    ``clock`` is the moment the data set is made at: demo observations run up to the last full
    quarter before it and are never recorded after it. With ``if_absent`` an existing database is
    left alone (checked under the write lock, so two processes starting at once make one); the
    return value says whether a database was made. An existing database made by an earlier
    version is upgraded in place (``ensure_schema`` keeps every row).

    ``catalogue`` (a workbook's path or bytes; not with ``demo``) is imported into the new
    database as ``actor`` (an operator) at ``clock``, logged under ``catalogue_name`` (default:
    the path's name). Refused: ``CatalogueRefusedError``, and nothing is published. An
    unreadable path raises ``OSError``, also before anything is published.
    """
    if demo and catalogue is not None:
        raise ValueError("a database starts from the demo data or from a catalogue, not both")
    if if_absent and path.exists():
        _upgrade_if_needed(path)
    try:
        with writer(path, fresh=True) as con:
            if if_absent and path.exists():
                raise _AlreadyPresentError
            _fill(con, demo=demo, clock=clock, seed=seed)
            if catalogue is not None:
                # Imported here, as the demo is: a structure-only init needs neither.
                from data.catalogue_intake import import_catalogue_into

                with transaction(con) as cur:
                    result = import_catalogue_into(
                        cur, catalogue, file_name=catalogue_name, actor=actor, clock=clock
                    )
                    if not result.accepted:
                        raise CatalogueRefusedError(result)
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
