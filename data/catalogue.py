"""Reading the catalogue: the indicators and targets as known at a vintage, and their history.

The catalogue is versioned (``data.catalogue_store`` writes it; the schema's ``indicators_at`` and
``targets_at`` macros read it at a vintage). These frames are in the workbook's columns
(``data.catalogue_columns``), so the export writes them as they are and the import compares a
file against them column by column.

| function | returns |
|---|---|
| ``catalogue_frames(con, *, vintage=None)`` | (indicators, targets) in the workbook's columns |
| ``target_history(con, *, indicator_id, vintage=None)`` | every target version, who and why |

``scope`` is a list of part ids in the Kingdom's order; a number column is float (``decimals``
int); an empty cell is None. Imports ``data.sql`` and ``data.catalogue_columns``.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from data.catalogue_columns import WORKBOOK_INDICATOR_COLUMNS, WORKBOOK_TARGET_COLUMNS
from data.sql import frame

__all__ = ["catalogue_frames", "target_history"]

_INDICATORS_SQL = f"""
SELECT
    {", ".join(f"i.{column}" for column in WORKBOOK_INDICATOR_COLUMNS if column != "scope")},
    (
        SELECT list(part_id ORDER BY sort_order)
        FROM kingdom_parts
        WHERE list_contains(i.scope, part_id)
    ) AS scope
FROM indicators_at($vintage) AS i
ORDER BY i.indicator_id
"""

_TARGETS_SQL = f"""
SELECT
    {", ".join(f"t.{column}" for column in WORKBOOK_TARGET_COLUMNS)}
FROM targets_at($vintage) AS t
INNER JOIN kingdom_parts AS p USING (part_id)
ORDER BY t.indicator_id, p.sort_order
"""

_TARGET_HISTORY_SQL = """
SELECT
    v.part_id,
    v.baseline_period,
    v.baseline_value,
    v.target_period,
    v.target_value,
    v.removed,
    v.reason,
    v.recorded_at,
    v.import_id,
    i.user_name,
    i.file_name
FROM target_versions AS v
INNER JOIN kingdom_parts AS p USING (part_id)
LEFT JOIN imports AS i USING (import_id)
WHERE v.indicator_id = $indicator_id
    AND ($vintage IS NULL OR v.recorded_at <= $vintage)
ORDER BY p.sort_order, v.recorded_at DESC
"""


def catalogue_frames(
    con: duckdb.DuckDBPyConnection, *, vintage: datetime | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicators and the targets in force at ``vintage`` (None: now), workbook columns.

    Retired indicators are included (with ``retired_from``); removed targets are not.
    """
    parameters = {"vintage": vintage}
    indicators = frame(con, _INDICATORS_SQL, parameters)[list(WORKBOOK_INDICATOR_COLUMNS)]
    targets = frame(con, _TARGETS_SQL, parameters)[list(WORKBOOK_TARGET_COLUMNS)]
    return indicators, targets


def target_history(
    con: duckdb.DuckDBPyConnection, *, indicator_id: str, vintage: datetime | None = None
) -> pd.DataFrame:
    """Every version of every target row of ``indicator_id`` recorded at or before ``vintage``
    (None: every one), newest first per part, with when, who (the import's user and file) and
    why; ``removed`` marks a removal."""
    return frame(con, _TARGET_HISTORY_SQL, {"indicator_id": indicator_id, "vintage": vintage})
