"""The quarter template's action and duiding rows: what a part's reporting units report on.

| function | one row per |
|---|---|
| ``open_actions(con, part_id, quarter)`` | action of a unit under the part, final ones too |
| ``action_template_rows(con, part_id=, quarter=, lang=)`` | open action of a unit under the part |
| ``narrative_template_rows(con, part_id=, quarter=, lang=)`` | action line x unit with actions |

The actions are those of ``data.actions.action_states`` for the quarter (owed by
``priority_reporters``, or already reported on by a unit in the priority's scope) whose reporting
unit is the part or under it (``part_tree``), except those whose status as of the quarter before
is final (``completed``, ``discontinued``): nothing more is owed on them (METHOD.md v2 item 3).
Each row has its status, expected completion and narrative to fill in, the responsible
organisation of the last report filled in already, and hints: the priority's text, the unit's
name, and as of the quarter before its status (``last_status``, ``last_stale``), the period that
status was reported for and the expected completion then given.

The duiding rows are the action lines x units of every action above (final ones included: an
action line whose actions are done still gets its account) and those a unit under the part has
written a duiding for before, with the last duiding's period and text (``last_narrative``,
``last_narrative_en``) as hints. Hints are what is known now (every version recorded so far), as
for the figures (``data.template``). Units come in the hierarchy's order, then the strategy's.
"""

from __future__ import annotations

from typing import Final

import duckdb
import pandas as pd

from data.actions import action_states, narratives
from data.sql import frame
from data.template_columns import DATA_COLUMNS, HINT_COLUMNS, LAST_TEXT_CHARS
from metrics.constants import ACTION_FINAL_STATUSES, NOT_REPORTED
from metrics.periods import shift_period

__all__ = [
    "ACTION_ROW_COLUMNS",
    "NARRATIVE_ROW_COLUMNS",
    "action_template_rows",
    "narrative_template_rows",
    "open_actions",
]

# What the row functions return: the data columns, the hints, and what a hint's text needs.
ACTION_ROW_COLUMNS: Final = (*DATA_COLUMNS["actions"], *HINT_COLUMNS["actions"], "last_stale")
NARRATIVE_ROW_COLUMNS: Final = (
    *DATA_COLUMNS["narratives"],
    *HINT_COLUMNS["narratives"],
    "last_narrative_en",
)

# The part and every unit under it, with the names and order the template shows.
_UNITS_SQL: Final = """
SELECT
    parts.part_id,
    parts.name_nl AS part_name_nl,
    parts.name_en AS part_name_en,
    parts.sort_order AS part_order
FROM part_tree AS tree
INNER JOIN kingdom_parts AS parts USING (part_id)
WHERE tree.ancestor_id = $part_id
"""

_ACTION_LINES_SQL: Final = """
SELECT
    action_line_id,
    name_nl AS action_line_name_nl,
    name_en AS action_line_name_en,
    sort_order AS action_line_order
FROM action_lines
"""


# What the template hints of an action's state as of the quarter before.
_LAST: Final = (
    "priority_id",
    "part_id",
    "status",
    "stale",
    "reported_period",
    "expected_completion",
    "responsible",
)


def _text(values: pd.Series) -> pd.Series:
    """Text cells with the empty ones as ``""``."""
    return values.astype(object).where(values.notna(), "")


def _opening(text: object) -> str | None:
    """The first ``LAST_TEXT_CHARS`` characters of a duiding (an ellipsis where cut); None for
    none."""
    if not isinstance(text, str):
        return None
    return text if len(text) <= LAST_TEXT_CHARS else text[: LAST_TEXT_CHARS - 1] + "…"


def open_actions(con: duckdb.DuckDBPyConnection, part_id: str, quarter: str) -> pd.DataFrame:
    """Every action of ``quarter`` reported by a unit under ``part_id`` (final ones too), with
    its state as of the quarter before (``last_*``) and the unit's names, in template order."""
    units = frame(con, _UNITS_SQL, {"part_id": part_id})
    actions = action_states(con, quarter=quarter)
    actions = actions.merge(units, on="part_id", how="inner")
    last = action_states(con, quarter=shift_period(quarter, -1))[list(_LAST)].rename(
        columns={
            "status": "last_status",
            "stale": "last_stale",
            "reported_period": "last_report_period",
            "expected_completion": "last_expected_completion",
            "responsible": "last_responsible",
        }
    )
    actions = actions.merge(last, on=["priority_id", "part_id"], how="left")
    # An action first reported for the quarter itself had no state the quarter before.
    actions["last_status"] = (
        actions["last_status"].astype(object).where(actions["last_status"].notna(), NOT_REPORTED)
    )
    actions["last_stale"] = (
        actions["last_stale"].astype(object).where(actions["last_stale"].notna(), True).astype(bool)
    )
    return actions.sort_values("part_order", kind="stable").reset_index(drop=True)


def action_template_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    part_id: str,
    quarter: str,
    lang: str,
    opened: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The actions units under ``part_id`` report on for ``quarter`` (``ACTION_ROW_COLUMNS``).

    ``last_status`` is a status code (``not_reported`` where none was ever reported) and
    ``last_stale`` whether it was stale then; the caller words them. Texts are in ``lang``.
    ``opened``: ``open_actions(con, part_id, quarter)`` when the caller has it already.
    """
    actions = open_actions(con, part_id, quarter) if opened is None else opened
    actions = actions.loc[~actions["last_status"].isin(ACTION_FINAL_STATUSES)]
    rows = pd.DataFrame(
        {
            "priority_id": actions["priority_id"],
            "part_id": actions["part_id"],
            "period": quarter,
            "status": "",
            "expected_completion": "",
            "responsible": _text(actions["last_responsible"]),
            "narrative": "",
            "priority_text": _text(actions[f"summary_{lang}"]),
            "part_name": actions[f"part_name_{lang}"],
            "last_status": actions["last_status"],
            "last_report_period": _text(actions["last_report_period"]),
            "last_expected_completion": _text(actions["last_expected_completion"]),
            "last_stale": actions["last_stale"],
        },
        columns=list(ACTION_ROW_COLUMNS),
    )
    return rows.reset_index(drop=True)


def narrative_template_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    part_id: str,
    quarter: str,
    lang: str,
    opened: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The duiding units under ``part_id`` write for ``quarter`` (``NARRATIVE_ROW_COLUMNS``).

    ``last_narrative`` is the opening of the last duiding before ``quarter`` as written (Dutch)
    and ``last_narrative_en`` of its English version (None where not translated); the caller
    picks. An opening is the first ``LAST_TEXT_CHARS`` characters.
    """
    units = frame(con, _UNITS_SQL, {"part_id": part_id})
    lines = frame(con, _ACTION_LINES_SQL)
    if opened is None:
        opened = open_actions(con, part_id, quarter)
    with_actions = opened[["action_line_id", "part_id"]]
    written = narratives(con, quarter=quarter)[["action_line_id", "part_id"]]
    keys = pd.concat([with_actions, written]).drop_duplicates()
    last = narratives(con, quarter=shift_period(quarter, -1))[
        ["action_line_id", "part_id", "period", "text", "text_en"]
    ]
    pairs = (
        keys.merge(units, on="part_id", how="inner")
        .merge(lines, on="action_line_id", how="inner")
        .merge(last, on=["action_line_id", "part_id"], how="left")
        .sort_values(["part_order", "action_line_order"], kind="stable")
    )
    rows = pd.DataFrame(
        {
            "action_line_id": pairs["action_line_id"],
            "part_id": pairs["part_id"],
            "period": quarter,
            "text": "",
            "action_line_name": pairs[f"action_line_name_{lang}"],
            "part_name": pairs[f"part_name_{lang}"],
            "last_narrative_period": _text(pairs["period"]),
            "last_narrative": [_opening(text) or "" for text in pairs["text"]],
            "last_narrative_en": [_opening(text) for text in pairs["text_en"]],
        },
        columns=list(NARRATIVE_ROW_COLUMNS),
    )
    return rows.reset_index(drop=True)
