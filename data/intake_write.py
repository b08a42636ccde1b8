"""What a valid file changes, and writing it: the diff against the newest stored versions, and
one transaction that adds the new and changed versions with the import's log row.

Rules the issue left open, decided here:

* A row states the whole version: value, flag and note. A row is *unchanged* only when all three
  equal the newest version (``Version.same_as``); any difference adds a version. Without a flag
  column every flag is ``none``; without a note column there is no note.
* An accepted import records every version it adds at one moment, ``recorded_at``: the clock,
  or one microsecond after the newest version already stored if that is later (two imports in
  the same second, a clock that went back). Versions therefore strictly increase per key, and a
  vintage never sees half an import.

| function | does |
|---|---|
| ``changes(con, frame)`` | what each row of a checked ``rows_frame`` does |
| ``write_versions(con, result, ...)`` | the versions and the log row, one transaction |
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.import_log import insert_entry
from data.intake_result import Change, ImportResult, Version
from data.versions import newest_versions_sql

__all__ = ["changes", "write_versions"]

_KEY: Final = ("indicator_id", "part_id", "period")
_ONE_TICK: Final = timedelta(microseconds=1)

# The newest version of each key the file names (the one rule of data.versions), everything
# recorded so far ($vintage NULL). intake_keys is the file's keys, registered on the cursor.
_NEWEST_OF_FILE_SQL: Final = newest_versions_sql(
    "observations",
    key=_KEY,
    columns=("value", "flag", "note"),
    where="""EXISTS (
        SELECT 1
        FROM intake_keys
        WHERE intake_keys.indicator_id = observations.indicator_id
            AND intake_keys.part_id = observations.part_id
            AND intake_keys.period = observations.period
    )""",
)

# BY NAME: the registered frame's columns say where each value goes.
_INSERT_VERSIONS_SQL: Final = """
INSERT INTO observations BY NAME
SELECT
    (SELECT coalesce(max(observation_id), 0) FROM observations)
        + row_number() OVER () AS observation_id,
    intake_versions.*,
    $recorded_at AS recorded_at,
    $import_id AS import_id
FROM intake_versions
"""


def changes(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> tuple[Change, ...]:
    """What each row of a checked frame does against the newest stored versions, in file order."""
    keys = pd.DataFrame(
        {
            "indicator_id": frame["indicator_id"].astype(str),
            "part_id": frame["part_id"].astype(str),
            "period": frame["period_key"].astype(str),
        }
    )
    with sql.cursor(con) as cur:
        cur.register("intake_keys", keys)
        newest = cur.execute(_NEWEST_OF_FILE_SQL, {"vintage": None}).fetchall()
    current = {(i, p, q): Version(value, flag, note) for i, p, q, value, flag, note, _ in newest}
    found = []
    columns = ("indicator_id", "part_id", "period_key", "value_number", "flag_key", "note")
    for row, *cells in zip(frame.index, *(frame[c] for c in columns), strict=True):
        key = (str(cells[0]), str(cells[1]), str(cells[2]))
        stated = Version(float(cells[3]), str(cells[4]), str(cells[5]) or None)
        old = current.get(key)
        if old is None:
            kind = "new"
        elif old.same_as(stated):
            kind = "unchanged"
        else:
            kind = "changed"
        found.append(
            Change(
                row=int(row),
                indicator_id=key[0],
                part_id=key[1],
                period=key[2],
                kind=kind,
                value=stated.value,
                flag=stated.flag,
                note=stated.note,
                old=old,
            )
        )
    return tuple(found)


def write_versions(
    con: duckdb.DuckDBPyConnection, result: ImportResult, *, user: str, clock: datetime
) -> ImportResult:
    """Add the new and changed versions of an accepted ``result`` and its log row, in one
    transaction; the result with its ``import_id`` and ``recorded_at``."""
    to_add = [change for change in result.changes if change.kind != "unchanged"]
    with sql.transaction(con) as cur:
        newest = cur.execute("SELECT max(recorded_at) FROM observations").fetchall()[0][0]
        recorded_at = clock
        if to_add and newest is not None and newest >= clock:
            recorded_at = newest + _ONE_TICK
        import_id = insert_entry(cur, result, user=user, clock=clock, finished_at=recorded_at)
        if to_add:
            versions = pd.DataFrame(
                {
                    "indicator_id": [c.indicator_id for c in to_add],
                    "part_id": [c.part_id for c in to_add],
                    "period": [c.period for c in to_add],
                    "value": [c.value for c in to_add],
                    "flag": [c.flag for c in to_add],
                    "note": pd.Series([c.note for c in to_add], dtype=object),
                }
            )
            cur.register("intake_versions", versions)
            cur.execute(_INSERT_VERSIONS_SQL, {"recorded_at": recorded_at, "import_id": import_id})
            cur.unregister("intake_versions")
    return replace(result, import_id=import_id, recorded_at=recorded_at if to_add else None)
