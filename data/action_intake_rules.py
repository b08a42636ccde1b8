"""The rules a quarter file's action reports (sheet ``acties`` / ``actions``) must pass, checked
against the strategy in the database (priorities, parts, where a report may come from), and how
their cells are read. The rules run on ``data.intake_checks``, as the figures' do.

Rules the issue left open, decided here:

* A row is blank (an unfilled template row: skipped and counted) when its status, expected
  completion, narrative, English narrative and milestones are all empty; the ids and the
  responsible organisation (a template pre-fills it from the last report) do not make a row.
  Any other row needs a priority, a part, a period and a status.
* Status words are those of ``metrics.constants.ACTION_STATUS_WORDS`` in either language (the
  stored codes among them), compared case-insensitively with spaces, underscores and hyphens
  alike: ``Op schema``, ``op_schema`` and ``on-schedule`` all read as ``on_schedule``.
* The period is a quarter from 2015Q1 up to the running quarter, as for figures. The expected
  completion is a quarter, not before 2015Q1, and may lie in the future.
* Milestones: one a line (Alt+Enter in Excel), each ``quarter: text``, e.g. ``2026Q4: wet in
  werking``; the quarter written as any period (``2026Q4``, ``2026-Q4``), the text not empty.
  Empty lines are ignored. The whole cell holds at most ``MAX_NARRATIVE_CHARS`` characters.
* Free text (narrative, English narrative, milestones) is stored as written, line ends as
  ``\\n``; a cell of only spaces is empty. The responsible organisation is trimmed. Text that
  looks like a formula (= + - @ tab) is text: nothing is evaluated; exports neutralise it.
* A part may report on a priority when it lies under the priority's scope (``priority_parts``):
  a Caribbean-only priority is refused for the European Netherlands, naming the parts that may.

| function | does |
|---|---|
| ``rows_frame(table)`` | the actions' rows as a frame with parsed helper columns; skipped count |
| ``catalogue(con)`` | the priorities, parts and where each priority may be reported from |
| ``rules(catalogue, latest=)``, ``KEY`` | the rules (``data.intake_checks``) and the row's key |
| ``status_of(text)`` | a status word's stored status, "" when unknown |
| ``parse_milestones(text)`` | a milestones cell as (quarter, text) pairs, or the bad line |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.intake_checks import (
    Record,
    Rule,
    add_quarter,
    canonical_period,
    filled,
    free_text,
    id_rules,
    period_rules,
    quarter_rules,
    text_rows,
    text_too_long,
    unique_key,
    upper_id,
)
from data.intake_columns import ACTIONS, COLUMNS
from data.intake_read import TextTable
from data.schema import MAX_NARRATIVE_CHARS, MAX_RESPONSIBLE_CHARS
from metrics.constants import ACTION_STATUS_WORDS

__all__ = [
    "KEY",
    "STATUS_OF_WORD",
    "ActionCatalogue",
    "catalogue",
    "parse_milestones",
    "rows_frame",
    "rules",
    "status_of",
    "status_words",
]


def _word_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


# The stored status of each word a file may use (compared by ``_word_key``).
STATUS_OF_WORD: Final = {
    _word_key(word): status
    for status, languages in ACTION_STATUS_WORDS.items()
    for words in (*languages.values(), (status,))
    for word in words
}

_PRIORITIES_SQL: Final = "SELECT priority_id FROM priorities"
_PARTS_SQL: Final = "SELECT part_id FROM kingdom_parts"
_REPORTING_PARTS_SQL: Final = """
SELECT
    priority_parts.priority_id,
    priority_parts.part_id
FROM priority_parts
INNER JOIN kingdom_parts ON kingdom_parts.part_id = priority_parts.part_id
ORDER BY priority_parts.priority_id, kingdom_parts.sort_order
"""
# The row's key: each stored column with the file column it is read from.
KEY: Final = (("priority_id", "priority_id"), ("part_id", "part_id"), ("period_key", "period"))


def status_of(text: str) -> str:
    """The stored status a word names (``Op schema`` -> ``on_schedule``); "" when unknown."""
    return STATUS_OF_WORD.get(_word_key(text), "")


def status_words(lang: str) -> str:
    """The status words of ``lang``, as a message lists them."""
    return ", ".join(word for languages in ACTION_STATUS_WORDS.values() for word in languages[lang])


def parse_milestones(text: str) -> tuple[tuple[tuple[str, str], ...], int | None]:
    """The (quarter, text) pairs of a milestones cell, and None; or () and the first bad line's
    number (1-based)."""
    pairs = []
    for number, line in enumerate(free_text(text).split("\n"), start=1):
        if not line.strip():
            continue
        quarter, colon, words = line.partition(":")
        period = canonical_period(quarter)
        if not colon or not period or not words.strip():
            return (), number
        pairs.append((period, words.strip()))
    return tuple(pairs), None


# --- the strategy a file is checked against --------------------------------------------------


@dataclass(frozen=True)
class ActionCatalogue:
    """What action rows are checked against, read from the database once per check."""

    priorities: frozenset[str]
    parts: frozenset[str]
    reporting_parts: dict[str, tuple[str, ...]]  # priority -> the parts that may report on it


def catalogue(con: duckdb.DuckDBPyConnection) -> ActionCatalogue:
    """The priorities, the parts, and where a report on each priority may come from."""
    reporting: dict[str, list[str]] = {}
    for priority_id, part_id in sql.rows(con, _REPORTING_PARTS_SQL):
        reporting.setdefault(priority_id, []).append(part_id)
    return ActionCatalogue(
        priorities=frozenset(row[0] for row in sql.rows(con, _PRIORITIES_SQL)),
        parts=frozenset(row[0] for row in sql.rows(con, _PARTS_SQL)),
        reporting_parts={priority: tuple(parts) for priority, parts in reporting.items()},
    )


# --- validation -------------------------------------------------------------------------------


def rows_frame(table: TextTable) -> tuple[pd.DataFrame, int]:
    """Text frame indexed by spreadsheet row, cells as stored, with helper columns; and the
    skipped count.

    The helper columns: ``period_key`` / ``period_index`` and ``expected_key`` /
    ``expected_index`` (the quarters, "" / NaN if none or malformed), ``status_key`` (the stored
    status, "" if the word is unknown), ``milestone_pairs`` and ``milestone_issue`` (the bad
    line's number as text, "" if none).
    """
    frame, skipped = text_rows(table, COLUMNS[ACTIONS])
    frame["priority_id"] = frame["priority_id"].map(upper_id)
    frame["part_id"] = frame["part_id"].map(upper_id)
    frame["responsible"] = frame["responsible"].map(str.strip)
    for column in ("narrative", "narrative_en", "milestones"):
        frame[column] = frame[column].map(free_text)
    add_quarter(frame, "period", "period")
    add_quarter(frame, "expected_completion", "expected")
    frame["status_key"] = frame["status"].map(status_of)
    parsed = frame["milestones"].map(parse_milestones)
    frame["milestone_pairs"] = parsed.map(lambda pair: pair[0])
    frame["milestone_issue"] = parsed.map(lambda pair: "" if pair[1] is None else str(pair[1]))
    return frame, skipped


def rules(catalogue: ActionCatalogue, *, latest: str) -> tuple[Rule, ...]:
    """The action reports' rules, each reported once per cell (``data.intake_checks``)."""
    priorities, parts = catalogue.priorities, catalogue.parts
    reporting = catalogue.reporting_parts

    def may_report(frame: pd.DataFrame) -> pd.Series:
        known = frame["priority_id"].isin(priorities) & frame["part_id"].isin(parts)
        allowed = pd.Series(
            [
                part in reporting.get(priority, ())
                for priority, part in zip(frame["priority_id"], frame["part_id"], strict=True)
            ],
            index=frame.index,
            dtype=bool,
        )
        return ~known | allowed

    def scope_words(record: Record) -> dict[str, str]:
        priority = str(record["priority_id"])
        return {"priority": priority, "parts": ", ".join(reporting.get(priority, ()))}

    return (
        *id_rules("priority_id", priorities, "unknown_priority"),
        *id_rules("part_id", parts, "unknown_part"),
        Rule("part_outside_scope", "part_id", may_report, scope_words),
        *period_rules(latest),
        Rule("required_empty", "status", lambda f: filled(f["status"])),
        Rule(
            "status_unknown",
            "status",
            lambda f: ~filled(f["status"]) | (f["status_key"] != ""),
            lambda _: {"words_nl": status_words("nl"), "words_en": status_words("en")},
        ),
        *quarter_rules("expected_completion", "expected"),
        text_too_long("responsible", MAX_RESPONSIBLE_CHARS),
        text_too_long("narrative", MAX_NARRATIVE_CHARS),
        text_too_long("narrative_en", MAX_NARRATIVE_CHARS),
        text_too_long("milestones", MAX_NARRATIVE_CHARS),
        Rule(
            "milestone_malformed",
            "milestones",
            lambda f: f["milestone_issue"] == "",
            lambda r: {"line": str(r["milestone_issue"])},
        ),
        unique_key(KEY),
    )
