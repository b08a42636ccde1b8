"""The stored current assessment: ``assess`` for the latest quarters, kept by every writer and
read by every page.

``assess`` at millions of observations takes seconds (the benchmark's README section says where
they go), so every writer (``data.store.writer``) stores it for the latest quarter with data and
the one before, at the current vintage, in the ``current_assessment`` table
(``refresh_current_assessment``), with the basis it was computed from. ``current_assessment``
reads that table when the basis still matches the database and the quarter is stored, and falls
back to ``assess`` otherwise, so it always returns exactly what ``assess`` would.

A refresh costs what the change touched: beside the basis the table keeps its marks (the state
of everything but the observations, and the observations' count and newest id). When only
observations were added since (an import: they are append-only with increasing ids), only the
indicators of the new rows are assessed again, every series of each (an indicator's derived
parts and Kingdom are its own series), and their rows replaced; a quarter not stored yet is
assessed whole. Any other change (catalogue, targets, the Kingdom's parts, the rules, rows
removed, more than ``_MOST_INDICATORS`` indicators) assesses everything again.

| function | returns |
|---|---|
| ``current_assessment(con, *, as_of, part_id=None, vintage=None)`` | ``assess``, read if stored |
| ``refresh_current_assessment(con)`` | store it for the latest quarters (writers call it) |
| ``is_stored(con, *, as_of, vintage=None)`` | whether ``current_assessment`` reads the table |

The stored basis includes ``METHOD_VERSION``: after a change of the rules the table is not read
until a writer has stored it again (and recreated it, when the rules report a new column).
Imports ``data.assessment``, ``data.schema``, ``data.sql``, ``data.versions`` and ``metrics``.
"""

from __future__ import annotations

import json
import weakref
from datetime import datetime

import duckdb
import pandas as pd
from duckdb import DuckDBPyConnection as Connection

from data.assessment import ASSESSMENT_COLUMNS, ASSESSMENT_DTYPES, assess
from data.schema import ensure_schema
from data.sql import frame, rows, scalar, transaction
from data.versions import LAST_RECORDED_SQL
from metrics.constants import METHOD_VERSION
from metrics.errors import MetricError
from metrics.periods import parse_period, shift_period

__all__ = ["current_assessment", "is_stored", "refresh_current_assessment"]

# What the stored assessment was computed from: the methodology version (a table stored by an
# earlier version of the rules is never read as this one's), and the data. Observations,
# indicator versions and target versions are append-only (a change is a new row), so their
# count, newest id and newest recorded_at identify their state; the Kingdom's parts are hashed
# whole. Cheap next to an assessment (~15 ms at 3M rows).
_OBSERVATIONS_STATE = """
    (SELECT count(*) FROM observations),
    (SELECT max(observation_id) FROM observations),
    (SELECT max(recorded_at) FROM observations),"""
_OTHER_STATE = """
    (SELECT count(*) FROM indicator_versions),
    (SELECT max(version_id) FROM indicator_versions),
    (SELECT max(recorded_at) FROM indicator_versions),
    (SELECT count(*) FROM target_versions),
    (SELECT max(version_id) FROM target_versions),
    (SELECT max(recorded_at) FROM target_versions),
    (SELECT bit_xor(hash(t)) FROM kingdom_parts AS t)"""
_BASIS_SQL = f"""
SELECT concat_ws('|', $method_version,{_OBSERVATIONS_STATE}{_OTHER_STATE})
"""

_BASIS_KEY = "current_assessment_basis"
# Beside the basis: what an incremental refresh compares (``_marks``), as JSON.
_MARKS_KEY = "current_assessment_marks"

# The basis without the observations, and the observations' count and newest id.
_MARKS_SQL = f"""
SELECT
    concat_ws('|', $method_version,{_OTHER_STATE}),
    (SELECT count(*) FROM observations),
    (SELECT coalesce(max(observation_id), 0) FROM observations)
"""

# The observations added after the newest id the stored table knew: how many, which indicators.
_ADDED_SQL = """
SELECT count(*), coalesce(list(DISTINCT indicator_id), [])
FROM observations
WHERE observation_id > $newest
"""

# Past this many indicators one whole assessment is cheaper than one per indicator (at 3 M
# observations ~5 s a quarter whole, ~50 ms a quarter per indicator).
_MOST_INDICATORS = 40

# Before an incremental store: the rows of the indicators assessed again, and of the quarters
# no longer stored (a quarter not kept is assessed whole).
_DELETE_SQL = """
DELETE FROM current_assessment
WHERE NOT list_contains($quarters::VARCHAR[], as_of) OR list_contains($ids, indicator_id)
"""

_STORED_BASIS_SQL = "SELECT value FROM meta WHERE key = $key"

_STORE_BASIS_SQL = "INSERT OR REPLACE INTO meta (key, value) VALUES ($key, $basis)"

_STORED_QUARTERS_SQL = "SELECT DISTINCT as_of FROM current_assessment"

_LATEST_PERIOD_SQL = "SELECT max(period) FROM observations"

_NEWEST_RECORDED_SQL = LAST_RECORDED_SQL

_ACCESS_MODE_SQL = "SELECT current_setting('access_mode')"

_TABLE_COLUMNS_SQL = """
SELECT column_name
FROM duckdb_columns()
WHERE table_name = 'current_assessment' AND NOT internal
"""

_STORE_SQL = f"""
INSERT INTO current_assessment (
    as_of,
    {", ".join(ASSESSMENT_COLUMNS)}
)
SELECT
    $as_of,
    {", ".join(ASSESSMENT_COLUMNS)}
FROM assessed_frame
"""

_STORED_ASSESSMENT_SQL = f"""
SELECT
    {", ".join(f"current_assessment.{column}" for column in ASSESSMENT_COLUMNS)}
FROM current_assessment
INNER JOIN kingdom_parts ON kingdom_parts.part_id = current_assessment.part_id
WHERE current_assessment.as_of = $as_of
    AND ($part_id IS NULL OR current_assessment.part_id = $part_id)
ORDER BY current_assessment.indicator_id, kingdom_parts.sort_order
"""

# A read-only connection reads one published file, which never changes while it is open, so
# whether its stored assessment matches its data is settled once per connection, not per call.
_READ_ONLY_STORED: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, frozenset[str]] = (
    weakref.WeakKeyDictionary()
)


def _stored_quarters(con: Connection) -> frozenset[str]:
    """The quarters stored in ``current_assessment`` when it matches the data, else none."""
    known = _READ_ONLY_STORED.get(con)
    if known is not None:
        return known
    quarters = _check_stored_quarters(con)
    if scalar(con, _ACCESS_MODE_SQL) == "read_only":
        _READ_ONLY_STORED[con] = quarters
    return quarters


def _check_stored_quarters(con: Connection) -> frozenset[str]:
    try:
        stored = scalar(con, _STORED_BASIS_SQL, {"key": _BASIS_KEY})
    except duckdb.CatalogException:
        return frozenset()  # a database made before the table existed
    if stored is None or stored != _basis(con):
        return frozenset()
    return frozenset(frame(con, _STORED_QUARTERS_SQL)["as_of"])


def _basis(con: Connection) -> str:
    return scalar(con, _BASIS_SQL, {"method_version": METHOD_VERSION})


def _rebuild_if_outdated(con: Connection) -> bool:
    """Recreate ``current_assessment`` when it lacks a column of ``ASSESSMENT_COLUMNS`` (a table
    made before the rules reported it); whether it did. The table is derived: nothing is lost."""
    columns = {name for (name,) in rows(con, _TABLE_COLUMNS_SQL)}
    if set(ASSESSMENT_COLUMNS) <= columns:
        return False
    with transaction(con) as cur:
        cur.execute("DROP TABLE IF EXISTS current_assessment")
    ensure_schema(con)
    return True


def refresh_current_assessment(con: Connection) -> bool:
    """Store ``assess`` for the latest quarter with data and the one before, current vintage.

    Called by ``data.store.writer`` on its working copy after every change, in one transaction;
    a no-op (returns False) when the stored basis still matches the data and the methodology.
    After observations were only added (an import), only the indicators they belong to are
    assessed again, every series of them (their derived parts and Kingdom too), in the quarters
    already stored; a quarter not stored yet (the first data of a new quarter) is assessed whole.
    Anything else (the catalogue, targets, the Kingdom's parts, the rules, too many indicators)
    assesses everything again.
    """
    basis = _basis(con)
    stored_basis = scalar(con, _STORED_BASIS_SQL, {"key": _BASIS_KEY})
    if basis == stored_basis:
        return False
    rebuilt = _rebuild_if_outdated(con)
    latest = scalar(con, _LATEST_PERIOD_SQL)
    quarters = [] if latest is None else [shift_period(latest, -1), latest]
    touched = None if rebuilt else _added_indicators(con, stored_basis)
    kept = set() if touched is None else set(frame(con, _STORED_QUARTERS_SQL)["as_of"])
    frames = {
        quarter: [assess(con, as_of=quarter, indicator_id=i) for i in touched]
        if quarter in kept
        else [assess(con, as_of=quarter)]
        for quarter in quarters
    }
    with transaction(con) as cur:
        if touched is None:
            cur.execute("DELETE FROM current_assessment")
        else:
            kept_quarters = sorted(kept & set(quarters))
            cur.execute(_DELETE_SQL, {"quarters": kept_quarters, "ids": touched})
        for quarter, assessed in frames.items():
            for part in assessed:
                cur.register("assessed_frame", part)
                cur.execute(_STORE_SQL, {"as_of": quarter})
                cur.unregister("assessed_frame")
        cur.execute(_STORE_BASIS_SQL, {"key": _BASIS_KEY, "basis": basis})
        cur.execute(_STORE_BASIS_SQL, {"key": _MARKS_KEY, "basis": _marks(cur, basis)})
    return True


def _marks(con: Connection, basis: str) -> str:
    """What the next refresh needs to tell an import from any other change: the basis stored,
    the state of everything but the observations, and the observations' count and newest id."""
    other, count, newest = rows(con, _MARKS_SQL, {"method_version": METHOD_VERSION})[0]
    return json.dumps({"basis": basis, "other": other, "count": count, "newest": newest})


def _added_indicators(con: Connection, stored_basis: str | None) -> list[str] | None:
    """The indicators of the observations added since the stored table was computed, when
    nothing else changed since (observations are append-only with increasing ids: the rows
    above the newest stored id are exactly the new ones when the count grew by their number);
    None when the whole assessment must be computed again."""
    try:
        marks = json.loads(scalar(con, _STORED_BASIS_SQL, {"key": _MARKS_KEY}) or "null")
        known = marks["basis"], marks["other"], int(marks["count"]), int(marks["newest"])
    except (TypeError, ValueError, KeyError):
        return None
    basis, other, count, newest = known
    if stored_basis is None or basis != stored_basis:
        return None
    now_other, now_count, _ = rows(con, _MARKS_SQL, {"method_version": METHOD_VERSION})[0]
    if now_other != other:
        return None
    added, indicators = rows(con, _ADDED_SQL, {"newest": newest})[0]
    if now_count != count + added or not 0 < len(indicators) <= _MOST_INDICATORS:
        return None
    return sorted(indicators)


def is_stored(con: Connection, *, as_of: str, vintage: datetime | None = None) -> bool:
    """Whether ``current_assessment(con, as_of=as_of, vintage=vintage)`` reads the stored table.

    The test ``current_assessment`` makes, also for callers that read the
    ``current_assessment`` table in their own SQL instead of through a frame (``data.export``).
    True when the vintage is the current one (None, or at or after the newest ``recorded_at``)
    and ``as_of`` is stored in ``current_assessment`` with a basis that matches the data; then
    ``SELECT ... FROM current_assessment WHERE as_of = ...`` has the rows ``assess`` computes.
    """
    as_of = parse_period(as_of)
    if vintage is not None:
        if not isinstance(vintage, datetime):
            raise MetricError(f"vintage must be a datetime or None, got {vintage!r}")
        newest = scalar(con, _NEWEST_RECORDED_SQL)
        if newest is not None and vintage < newest:
            return False
    return as_of in _stored_quarters(con)


def current_assessment(
    con: Connection, *, as_of: str, part_id: str | None = None, vintage: datetime | None = None
) -> pd.DataFrame:
    """``assess(con, as_of=as_of, vintage=vintage)``, read from ``current_assessment`` if stored.

    ``part_id`` keeps one part's or entity's rows only (that part itself, not its subtree).
    A ``vintage`` at or after the newest ``recorded_at`` sees every version, so it is the current
    vintage; an earlier one is computed. Same rows, order, columns and dtypes as ``assess``;
    computed by it when the quarter is not stored or the stored basis no longer matches the data.
    """
    as_of = parse_period(as_of)
    if is_stored(con, as_of=as_of, vintage=vintage):
        stored = frame(con, _STORED_ASSESSMENT_SQL, {"as_of": as_of, "part_id": part_id})
        return stored.astype(ASSESSMENT_DTYPES)
    # A vintage at or after the newest version sees everything, as None does.
    computed = assess(con, as_of=as_of, vintage=vintage)
    if part_id is not None:
        computed = computed.loc[computed["part_id"] == part_id].reset_index(drop=True)
    return computed
