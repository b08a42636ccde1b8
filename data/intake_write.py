"""What a valid file changes, and writing it: the diff of its figures against the newest stored
versions, and one transaction that adds the new and changed versions of every kind of row
(figures, action reports, duiding) with the import's log row.

Rules the issue left open, decided here:

* A row states the whole version: value, flag and note. A row is *unchanged* only when all three
  equal the newest version (``Version.same_as``); any difference adds a version. Without a flag
  column every flag is ``none``; without a note column there is no note. (Action reports and
  duiding: ``data.action_intake_changes``.)
* An accepted import records every version it adds, of every kind, at one moment,
  ``recorded_at``: the clock, or one microsecond after the newest version of anything already
  stored (``data.versions.LAST_RECORDED_SQL``) if that is later (two imports in the same
  second, a clock that went back). Versions therefore strictly increase per key, and a vintage
  never sees half an import.
* One transaction for the whole file: the log row, the figures, the action reports and the
  duiding. If any insert fails, nothing of the file is written, not even its log row.

| function | does |
|---|---|
| ``changes(con, frame)`` | what each row of a checked figures ``rows_frame`` does |
| ``write_versions(con, result, ...)`` | every kind's versions and the log row, one transaction |
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.access_rules import Actor
from data.action_intake_changes import action_report_rows, narrative_rows
from data.action_store import insert_action_reports, insert_narratives
from data.import_log import insert_entry
from data.intake_diff import newest_of_keys
from data.intake_result import Change, ImportResult, Version, change_kind
from data.versions import LAST_RECORDED_SQL

__all__ = ["changes", "write_versions"]

_KEY: Final = ("indicator_id", "part_id", "period")
_ONE_TICK: Final = timedelta(microseconds=1)
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
    newest = newest_of_keys(
        con, "observations", key=_KEY, columns=("value", "flag", "note"), keys=keys
    )
    current = {key: Version(**stored) for key, stored in newest.items()}
    found = []
    columns = ("indicator_id", "part_id", "period_key", "value_number", "flag_key", "note")
    for row, *cells in zip(frame.index, *(frame[c] for c in columns), strict=True):
        key = (str(cells[0]), str(cells[1]), str(cells[2]))
        stated = Version(float(cells[3]), str(cells[4]), str(cells[5]) or None)
        old = current.get(key)
        found.append(
            Change(
                row=int(row),
                indicator_id=key[0],
                part_id=key[1],
                period=key[2],
                kind=change_kind(old, stated, same=old is not None and old.same_as(stated)),
                value=stated.value,
                flag=stated.flag,
                note=stated.note,
                old=old,
            )
        )
    return tuple(found)


def write_versions(
    con: duckdb.DuckDBPyConnection, result: ImportResult, *, actor: Actor, clock: datetime
) -> ImportResult:
    """Add the new and changed versions of every kind of an accepted ``result`` and its log
    row, in one transaction; the result with its ``import_id`` and ``recorded_at``."""
    figures = [change for change in result.changes if change.kind != "unchanged"]
    reports = action_report_rows(result.action_changes)
    texts = narrative_rows(result.narrative_changes)
    adds = bool(figures) or not reports.empty or not texts.empty
    with sql.transaction(con) as cur:
        newest = cur.execute(LAST_RECORDED_SQL).fetchall()[0][0]
        recorded_at = clock
        if adds and newest is not None and newest >= clock:
            recorded_at = newest + _ONE_TICK
        import_id = insert_entry(cur, result, actor=actor, clock=clock, finished_at=recorded_at)
        if figures:
            versions = pd.DataFrame(
                {
                    "indicator_id": [c.indicator_id for c in figures],
                    "part_id": [c.part_id for c in figures],
                    "period": [c.period for c in figures],
                    "value": [c.value for c in figures],
                    "flag": [c.flag for c in figures],
                    "note": pd.Series([c.note for c in figures], dtype=object),
                }
            )
            cur.register("intake_versions", versions)
            cur.execute(_INSERT_VERSIONS_SQL, {"recorded_at": recorded_at, "import_id": import_id})
            cur.unregister("intake_versions")
        insert_action_reports(cur, reports, recorded_at=recorded_at, import_id=import_id)
        insert_narratives(cur, texts, recorded_at=recorded_at, import_id=import_id)
    return replace(result, import_id=import_id, recorded_at=recorded_at if adds else None)
