"""The rules a quarter file's figures must pass: the file format, checked against the catalogue
in the database (indicators, parts, scope, valid ranges), and how cells are read. The rules run
on ``data.intake_checks``, as do those of the actions and the duiding.

Rules the issue left open, decided here:

* The running quarter (the one containing the clock) may be reported, e.g. as provisional; a later
  quarter is refused, and so is anything before 2015.
* A row whose value, flag and note are all empty (an unfilled template row) is skipped, and
  counted as skipped; a flag or note without a value is a problem.
* Numbers are plain decimals with a point or a comma as decimal mark (``12.5``, ``12,5``,
  ``-3``, ``1e3``); thousands separators, units and percent signs are refused, never guessed.
* Flag words are those of ``metrics.constants.FLAG_WORDS`` in either language, compared
  case-insensitively; an empty cell means no flag.
* An indicator retired from quarter q on (``retired_from`` in the current catalogue) is refused
  for periods q and later (``indicator_retired``, pointed at the indicator cell: the row does not
  belong in the file); earlier periods are accepted, as corrections of its history. Such a row
  is not also checked for scope or range: it is refused whatever they say.

| function | does |
|---|---|
| ``rows_frame(table)`` | the figures' rows as a frame with parsed helper columns; skipped count |
| ``catalogue(con)`` | what the rows are checked against, read once |
| ``rules(catalogue, latest=)``, ``KEY`` | the rules (``data.intake_checks``) and the row's key |
| ``parse_number(text)`` | a cell's number, or the problem code |
| ``current_quarter(clock)`` | the latest quarter a file may report |
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

import duckdb
import pandas as pd

from data import sql
from data.intake_checks import (
    EARLIEST_PERIOD,
    Record,
    Rule,
    add_quarter,
    filled,
    id_rules,
    period_rules,
    text_rows,
    unique_key,
    upper_id,
)
from data.intake_columns import COLUMNS, FIGURES
from data.intake_read import TextTable
from metrics.constants import FLAG_WORDS, NO_FLAG
from metrics.periods import last_full_quarter, period_from_index, quarter_index

__all__ = [
    "EARLIEST_PERIOD",
    "FLAG_OF_WORD",
    "KEY",
    "MAX_NOTE_CHARS",
    "Catalogue",
    "catalogue",
    "current_quarter",
    "parse_number",
    "rows_frame",
    "rules",
]

MAX_NOTE_CHARS: Final = 1000
# The stored flag for each word a file may use (lower case); an empty cell means none.
FLAG_OF_WORD: Final = {
    "": NO_FLAG,
    **{
        word: flag
        for flag, languages in FLAG_WORDS.items()
        for words in languages.values()
        for word in words
    },
}
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE_WORDS = frozenset({"nan", "inf", "infinity", "-inf", "+inf", "-infinity", "+infinity"})


# --- numbers, periods -------------------------------------------------------------------------


def parse_number(text: str) -> tuple[float | None, str | None]:
    """A cell's number, or None and the problem code: ``value_not_a_number`` or ``..._finite``.

    >>> parse_number("12,5")
    (12.5, None)
    >>> parse_number("1.234,5")
    (None, 'value_not_a_number')
    """
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if not cleaned:
        return None, "required_empty"
    if cleaned.lower() in _NOT_FINITE_WORDS:
        return None, "value_not_finite"
    if _NUMBER.fullmatch(cleaned) is None:
        return None, "value_not_a_number"
    number = float(cleaned.replace(",", "."))
    if not math.isfinite(number):
        return None, "value_not_finite"
    return number, None


def current_quarter(clock: datetime | date) -> str:
    """The quarter containing ``clock``: the latest a file may report."""
    today = clock.date() if isinstance(clock, datetime) else clock
    return period_from_index(quarter_index(last_full_quarter(today)) + 1)


# --- the catalogue a file is checked against -------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """What a file's rows are checked against, read from the database once per check."""

    ranges: dict[str, tuple[float | None, float | None]]  # indicator -> (valid_min, valid_max)
    parts: frozenset[str]
    scope: frozenset[tuple[str, str]]
    retired: dict[str, str]  # indicator -> the quarter it is retired from


def catalogue(con: duckdb.DuckDBPyConnection) -> Catalogue:
    """The indicators with their valid ranges, the parts, where each indicator applies, and
    the quarter from which a retired one is no longer reported."""
    indicators = sql.rows(
        con, "SELECT indicator_id, valid_min, valid_max, retired_from FROM indicators"
    )
    return Catalogue(
        ranges={indicator_id: (low, high) for indicator_id, low, high, _ in indicators},
        parts=frozenset(row[0] for row in sql.rows(con, "SELECT part_id FROM kingdom_parts")),
        scope=frozenset(sql.rows(con, "SELECT indicator_id, part_id FROM indicator_scope")),
        retired={indicator_id: since for indicator_id, *_, since in indicators if since},
    )


# --- validation -------------------------------------------------------------------------------


def rows_frame(table: TextTable) -> tuple[pd.DataFrame, int]:
    """Text frame indexed by spreadsheet row, with parsed helper columns; and the skipped count.

    The helper columns: ``period_key`` (canonical quarter, "" if malformed), ``period_index``,
    ``value_number`` (NaN if not a number), ``value_issue`` (its problem code or ""), ``flag_key``
    (the stored flag, "" if the word is unknown).
    """
    frame, skipped = text_rows(table, COLUMNS[FIGURES])
    frame["indicator_id"] = frame["indicator_id"].map(upper_id)
    frame["part_id"] = frame["part_id"].map(upper_id)
    frame["note"] = frame["note"].map(str.strip)
    add_quarter(frame, "period", "period")
    parsed = frame["value"].map(parse_number)
    frame["value_number"] = parsed.map(lambda pair: math.nan if pair[0] is None else pair[0])
    frame["value_issue"] = parsed.map(lambda pair: pair[1] or "")
    frame["flag_key"] = frame["flag"].map(lambda text: FLAG_OF_WORD.get(text.strip().lower(), ""))
    return frame, skipped


# The row's key: each stored column with the file column it is read from.
KEY: Final = (("indicator_id", "indicator_id"), ("part_id", "part_id"), ("period_key", "period"))


def rules(catalogue: Catalogue, *, latest: str) -> tuple[Rule, ...]:
    """The figures' rules, in the order of the module docstring."""
    last = quarter_index(latest)
    indicators, parts, scope = set(catalogue.ranges), catalogue.parts, catalogue.scope
    retired_from = {i: quarter_index(since) for i, since in catalogue.retired.items()}

    def retired(frame: pd.DataFrame) -> pd.Series:
        """Rows of a retired indicator for a period from its retirement on (and not future)."""
        since = frame["indicator_id"].map(retired_from).astype(float)
        index = frame["period_index"]
        return since.notna() & index.notna() & (index >= since) & (index <= last)

    def applicable_pair(frame: pd.DataFrame) -> pd.Series:
        known = frame["indicator_id"].isin(indicators) & frame["part_id"].isin(parts)
        pairs = pd.Series(
            [(i, p) in scope for i, p in zip(frame["indicator_id"], frame["part_id"], strict=True)],
            index=frame.index,
            dtype=bool,
        )
        return ~known | pairs | retired(frame)

    def within_valid_range(frame: pd.DataFrame) -> pd.Series:
        def ok(indicator_id: str, value: float) -> bool:
            if indicator_id not in catalogue.ranges or math.isnan(value):
                return True
            low, high = catalogue.ranges[indicator_id]
            return (low is None or value >= low) and (high is None or value <= high)

        in_range = pd.Series(
            [ok(i, v) for i, v in zip(frame["indicator_id"], frame["value_number"], strict=True)],
            index=frame.index,
            dtype=bool,
        )
        return in_range | retired(frame)

    def range_words(record: Record) -> dict[str, str]:
        low, high = catalogue.ranges[str(record["indicator_id"])]
        return {
            "min": "–" if low is None else f"{low:g}",
            "max": "–" if high is None else f"{high:g}",
            "indicator": str(record["indicator_id"]),
        }

    def scope_words(record: Record) -> dict[str, str]:
        indicator = str(record["indicator_id"])
        parts_ = sorted(part for i, part in scope if i == indicator)
        return {"indicator": indicator, "parts": ", ".join(parts_)}

    def issue(code: str) -> Callable[[pd.DataFrame], pd.Series]:
        return lambda f: f["value_issue"] != code

    return (
        *id_rules("indicator_id", indicators, "unknown_indicator"),
        *id_rules("part_id", parts, "unknown_part"),
        *period_rules(latest),
        Rule("required_empty", "value", issue("required_empty")),
        Rule("value_not_a_number", "value", issue("value_not_a_number")),
        Rule("value_not_finite", "value", issue("value_not_finite")),
        Rule(
            "note_too_long",
            "note",
            lambda f: f["note"].str.len() <= MAX_NOTE_CHARS,
            lambda r: {"length": str(len(str(r["note"]))), "limit": str(MAX_NOTE_CHARS)},
        ),
        Rule("flag_unknown", "flag", lambda f: (f["flag_key"] != "") | ~filled(f["flag"])),
        Rule(
            "indicator_retired",
            "indicator_id",
            lambda f: ~retired(f),
            lambda r: {
                "indicator": str(r["indicator_id"]),
                "retired_from": catalogue.retired[str(r["indicator_id"])],
                "period": str(r["period_key"]),
            },
        ),
        Rule("not_applicable", "part_id", applicable_pair, scope_words),
        Rule("value_out_of_range", "value", within_valid_range, range_words),
        unique_key(KEY),
    )
