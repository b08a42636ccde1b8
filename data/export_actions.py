"""The rows behind the actions and duiding exports: what ``data.actions`` knows at the vintage,
with each narrative in the file's language, as frames the export's SELECT reads.

``data.export`` registers these frames under ``data.export_sql.ACTION_SOURCE`` and
``NARRATIVE_SOURCE``; the SQL there adds the strategy's structure, the names in the file's
language and the status labels, filters the scope, sorts and writes the cells. The narrative in
the file's language follows ``metrics.narrative`` (the one rule the pages follow too); the
untranslated mark comes from the caller, who translates.

| function | returns |
|---|---|
| ``action_export_frame(con, quarter=, vintage=, lang=, untranslated=)`` | one row per action |
| ``narrative_export_frame(con, quarter=, vintage=, lang=, untranslated=)`` | one row per duiding |

Imports ``data.actions`` and ``metrics.narrative``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

import duckdb
import pandas as pd

from data.actions import action_states, narratives
from metrics.narrative import narrative_in_language

__all__ = [
    "ACTION_FRAME_COLUMNS",
    "NARRATIVE_FRAME_COLUMNS",
    "action_export_frame",
    "narrative_export_frame",
]

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


def _in_language(
    texts: pd.Series, texts_en: pd.Series, *, lang: str, untranslated: str
) -> list[str | None]:
    """Each narrative as a reader of ``lang`` sees it; None (an empty cell) where there is none."""
    return [
        narrative_in_language(text, text_en, lang, untranslated=untranslated) or None
        for text, text_en in zip(texts, texts_en, strict=True)
    ]


def action_export_frame(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    vintage: datetime | None,
    lang: str,
    untranslated: str,
) -> pd.DataFrame:
    """Every action of ``quarter`` at ``vintage`` (``data.actions.action_states``), with its
    narrative in ``lang``: ``ACTION_FRAME_COLUMNS``."""
    states = action_states(con, quarter=quarter, vintage=vintage)
    states["narrative"] = _in_language(
        states["narrative"], states["narrative_en"], lang=lang, untranslated=untranslated
    )
    return states[list(ACTION_FRAME_COLUMNS)]


def narrative_export_frame(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    vintage: datetime | None,
    lang: str,
    untranslated: str,
) -> pd.DataFrame:
    """The latest duiding per action line and part for ``quarter`` or earlier at ``vintage``
    (``data.actions.narratives``), its text in ``lang``: ``NARRATIVE_FRAME_COLUMNS``."""
    texts = narratives(con, quarter=quarter, vintage=vintage)
    texts["text"] = _in_language(
        texts["text"], texts["text_en"], lang=lang, untranslated=untranslated
    )
    return texts[list(NARRATIVE_FRAME_COLUMNS)]
