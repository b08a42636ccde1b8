"""The rules a quarter file's duiding (sheet ``duiding`` / ``narrative``) must pass: the policy
team's account per action line, Kingdom part and quarter. The rules run on
``data.intake_checks``, as the figures' and the actions' do.

Rules the issue left open, decided here:

* A row is blank (an unfilled template row: skipped and counted) when its text and English
  text are both empty. A row with an English text but no (Dutch) text is refused: the text as
  written is the one every reader falls back on.
* Any Kingdom part or entity may give a duiding on any action line (there is no scope to it).
* The period is a quarter from 2015Q1 up to the running quarter, as for figures.
* The texts are stored as written (line ends as ``\\n``), at most ``MAX_NARRATIVE_CHARS``
  characters each; formula-looking text is text, as for action reports.

| function | does |
|---|---|
| ``rows_frame(table)`` | the duiding rows as a frame with their period parsed; skipped count |
| ``catalogue(con)`` | the action lines and parts |
| ``rules(catalogue, latest=)``, ``KEY`` | the rules (``data.intake_checks``) and the row's key |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.intake_checks import (
    Rule,
    add_quarter,
    filled,
    free_text,
    id_rules,
    period_rules,
    text_rows,
    text_too_long,
    unique_key,
    upper_id,
)
from data.intake_columns import COLUMNS, NARRATIVES
from data.intake_read import TextTable
from data.schema import MAX_NARRATIVE_CHARS

__all__ = ["KEY", "NarrativeCatalogue", "catalogue", "rows_frame", "rules"]

_ACTION_LINES_SQL: Final = "SELECT action_line_id FROM action_lines"
_PARTS_SQL: Final = "SELECT part_id FROM kingdom_parts"
# The row's key: each stored column with the file column it is read from.
KEY: Final = (
    ("action_line_id", "action_line_id"),
    ("part_id", "part_id"),
    ("period_key", "period"),
)


@dataclass(frozen=True)
class NarrativeCatalogue:
    """What duiding rows are checked against, read from the database once per check."""

    action_lines: frozenset[str]
    parts: frozenset[str]


def catalogue(con: duckdb.DuckDBPyConnection) -> NarrativeCatalogue:
    return NarrativeCatalogue(
        action_lines=frozenset(row[0] for row in sql.rows(con, _ACTION_LINES_SQL)),
        parts=frozenset(row[0] for row in sql.rows(con, _PARTS_SQL)),
    )


def rows_frame(table: TextTable) -> tuple[pd.DataFrame, int]:
    """Text frame indexed by spreadsheet row, cells as stored, with ``period_key`` /
    ``period_index``; and the skipped count."""
    frame, skipped = text_rows(table, COLUMNS[NARRATIVES])
    frame["action_line_id"] = frame["action_line_id"].map(upper_id)
    frame["part_id"] = frame["part_id"].map(upper_id)
    for column in ("text", "text_en"):
        frame[column] = frame[column].map(free_text)
    add_quarter(frame, "period", "period")
    return frame, skipped


def rules(catalogue: NarrativeCatalogue, *, latest: str) -> tuple[Rule, ...]:
    """The duiding's rules, each reported once per cell (``data.intake_checks``)."""
    action_lines, parts = catalogue.action_lines, catalogue.parts
    return (
        *id_rules("action_line_id", action_lines, "unknown_action_line"),
        *id_rules("part_id", parts, "unknown_part"),
        *period_rules(latest),
        Rule("required_empty", "text", lambda f: filled(f["text"])),
        text_too_long("text", MAX_NARRATIVE_CHARS),
        text_too_long("text_en", MAX_NARRATIVE_CHARS),
        unique_key(KEY),
    )
