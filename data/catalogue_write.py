"""Writing an accepted catalogue import, or putting a rejected one on record.

An accepted import is one transaction: a new version for each new or changed indicator and for
each new, changed or removed target (``data.catalogue_store``), and one ``imports`` row of kind
``catalogue`` with the file's sha256, the counts and a language-neutral JSON message. Every
version of one import is recorded at one moment, ``recorded_at``: the clock, or one microsecond
after the newest version of any versioned table (``data.versions.LAST_RECORDED_SQL``) when that
is later, so versions strictly increase and a vintage never sees half an import. An import that
changes nothing writes its log row and no version. A rejected attempt is logged by
``data.catalogue_intake`` in the attempt journal (``data.attempt_journal``), with ``message``'s
summary.

The message: accepted ``{"new": n, "changed": n, "unchanged": n, "removed": n, "indicator":
{kind: n}, "target": {kind: n}}`` (the top-level counts over both, so ``data.import_log`` reads
them as it reads an observation import's); rejected ``{"problems": {code: n}}``.

| function | does |
|---|---|
| ``write_catalogue(con, result, indicators, targets, *, actor, clock)`` | the versions + log row |
| ``write_catalogue_in(cur, result, indicators, targets, *, actor, clock)`` | the same, in yours |
| ``message(result)`` | the log row's language-neutral summary (accepted or rejected) |

Imports ``data.catalogue_store``, ``data.catalogue_changes``, ``data.sql``, ``data.versions``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.access_rules import Actor
from data.catalogue_changes import (
    INDICATOR_FIELDS,
    TARGET_FIELDS,
    CatalogueResult,
    Record,
)
from data.catalogue_store import (
    insert_catalogue_import,
    insert_indicator_versions,
    insert_target_versions,
)
from data.versions import LAST_RECORDED_SQL

__all__ = ["message", "write_catalogue", "write_catalogue_in"]

_ONE_TICK: Final = timedelta(microseconds=1)


def message(result: CatalogueResult) -> str:
    """The log row's language-neutral summary of ``result`` (see the module docstring)."""
    if result.accepted:
        counts = result.counts
        totals = {
            kind: sum(per_kind.get(kind, 0) for per_kind in counts.values())
            for kind in counts["target"]
        }
        summary: dict[str, object] = {**totals, **counts}
    else:
        codes: dict[str, int] = {}
        for problem in result.problems:
            codes[problem.code] = codes.get(problem.code, 0) + 1
        summary = {"problems": codes}
    return json.dumps(summary, sort_keys=True)


def _indicator_frame(records: Iterable[Record]) -> pd.DataFrame:
    rows = [
        {
            "indicator_id": record["indicator_id"],
            **{field: record[field] for field in INDICATOR_FIELDS},
            "scope": list(record["scope"]),
        }
        for record in records
    ]
    frame = pd.DataFrame(rows, columns=["indicator_id", *INDICATOR_FIELDS], dtype=object)
    return frame.astype({"valid_min": "float64", "valid_max": "float64", "decimals": "int64"})


def _target_frame(records: Iterable[Record], removed: set[tuple[str, str]]) -> pd.DataFrame:
    rows = []
    for record in records:
        key = (str(record["indicator_id"]), str(record["part_id"]))
        rows.append(
            {
                "indicator_id": key[0],
                "part_id": key[1],
                **{field: record[field] for field in TARGET_FIELDS},
                "removed": key in removed,
                "reason": record["reason"],
            }
        )
    frame = pd.DataFrame(
        rows, columns=["indicator_id", "part_id", *TARGET_FIELDS, "removed", "reason"]
    )
    return frame.astype(
        {"baseline_value": "float64", "target_value": "float64", "removed": "bool"}
    ).astype({"baseline_period": object, "target_period": object, "reason": object})


def write_catalogue(
    con: duckdb.DuckDBPyConnection,
    result: CatalogueResult,
    indicators: Iterable[Record],
    targets: Iterable[Record],
    *,
    actor: Actor,
    clock: datetime,
) -> CatalogueResult:
    """Record the versions of an accepted ``result`` (its rows: ``indicators``, ``targets``) and
    its log row in one transaction; the result with ``import_id`` and ``recorded_at``."""
    with sql.transaction(con) as cur:
        return write_catalogue_in(cur, result, indicators, targets, actor=actor, clock=clock)


def write_catalogue_in(
    cur: duckdb.DuckDBPyConnection,
    result: CatalogueResult,
    indicators: Iterable[Record],
    targets: Iterable[Record],
    *,
    actor: Actor,
    clock: datetime,
) -> CatalogueResult:
    """``write_catalogue`` inside the caller's transaction on ``cur`` (a database being made
    writes its catalogue and more in one)."""
    if not result.accepted:
        raise ValueError("write_catalogue writes accepted results only")
    to_write = result.to_write
    indicator_ids = {c.indicator_id for c in to_write if c.what == "indicator"}
    target_keys = {(c.indicator_id, str(c.part_id)) for c in to_write if c.what == "target"}
    removed = {(c.indicator_id, str(c.part_id)) for c in to_write if c.kind == "removed"}
    new_indicators = _indicator_frame(r for r in indicators if r["indicator_id"] in indicator_ids)
    new_targets = _target_frame(
        (r for r in targets if (r["indicator_id"], r["part_id"]) in target_keys), removed
    )
    newest = cur.execute(LAST_RECORDED_SQL).fetchall()[0][0]
    recorded_at = clock
    if to_write and newest is not None and newest >= clock:
        recorded_at = newest + _ONE_TICK
    import_id = insert_catalogue_import(
        cur,
        actor=actor,
        file_name=result.file_name,
        sha256=result.sha256,
        at=recorded_at,
        rows=len(result.changes),
        outcome="accepted",
        message=message(result),
    )
    insert_indicator_versions(cur, new_indicators, recorded_at=recorded_at, import_id=import_id)
    insert_target_versions(cur, new_targets, recorded_at=recorded_at, import_id=import_id)
    return replace(
        result, import_id=import_id, recorded_at=recorded_at if to_write else None, dry_run=False
    )
