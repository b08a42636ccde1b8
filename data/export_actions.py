"""The rows behind the actions and duiding exports: what ``data.actions`` knows at the vintage,
with each narrative in the file's language, as frames the export's SELECT reads.

``data.export`` registers these frames under ``data.export_sql.ACTION_SOURCE`` and
``NARRATIVE_SOURCE``; the SQL there adds the strategy's structure, the names in the file's
language and the status labels, filters the scope, sorts and writes the cells. The narrative in
the file's language follows ``metrics.narrative`` (the one rule the pages follow too); the
untranslated mark comes from the caller, who translates.

| name | what |
|---|---|
| ``action_export_frame(con, what, quarter=, vintage=, lang=, untranslated=)`` | the rows |
| ``ACTION_FRAME_COLUMNS`` / ``NARRATIVE_FRAME_COLUMNS`` | the frame's columns per kind |

Imports ``data.actions`` and ``metrics.narrative``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import duckdb
import pandas as pd

from data.actions import action_states, narratives
from metrics.narrative import narrative_in_language

__all__ = ["ACTION_FRAME_COLUMNS", "NARRATIVE_FRAME_COLUMNS", "action_export_frame"]

# What each frame holds; the SQL of data.export_sql reads these columns.
ACTION_FRAME_COLUMNS: Final = (
    "priority_id",
    "part_id",
    "status",
    "expected_completion",
    "responsible",
    "narrative",
    "reported_period",
    "recorded_at",
    "stale",
)
NARRATIVE_FRAME_COLUMNS: Final = ("action_line_id", "part_id", "period", "text", "recorded_at")


@dataclass(frozen=True)
class _Kind:
    """Where one export's rows come from, which column holds the narrative (Dutch, as written)
    and its English version, and the columns the frame keeps."""

    read: Callable[..., pd.DataFrame]
    text: str
    text_en: str
    columns: tuple[str, ...]


_KINDS: Final = {
    # Every action of the quarter with the report its status comes from.
    "actions": _Kind(action_states, "narrative", "narrative_en", ACTION_FRAME_COLUMNS),
    # The latest duiding per action line and part for the quarter or earlier.
    "narrative": _Kind(narratives, "text", "text_en", NARRATIVE_FRAME_COLUMNS),
}


def action_export_frame(
    con: duckdb.DuckDBPyConnection,
    what: str,
    *,
    quarter: str,
    vintage: datetime | None,
    lang: str,
    untranslated: str,
) -> pd.DataFrame:
    """The rows of the ``what`` export (``actions`` or ``narrative``) as of ``quarter`` at
    ``vintage`` (``data.actions.action_states`` / ``narratives``), the narrative in ``lang``
    (None, an empty cell, where there is none): ``ACTION_FRAME_COLUMNS`` or
    ``NARRATIVE_FRAME_COLUMNS``."""
    kind = _KINDS[what]
    rows = kind.read(con, quarter=quarter, vintage=vintage)
    rows[kind.text] = [
        narrative_in_language(text, text_en, lang, untranslated=untranslated) or None
        for text, text_en in zip(rows[kind.text], rows[kind.text_en], strict=True)
    ]
    return rows[list(kind.columns)]
