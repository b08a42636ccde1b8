"""The rules a quarter file's figures must pass: the file format, checked against the catalogue
in the database (indicators, parts, scope, valid ranges), and how cells are read. The rules run
on ``data.intake_checks``, as do those of the actions and the duiding.

Rules the issue left open, decided here:

* The running quarter (the one containing the clock) may be reported, e.g. as provisional; a later
  quarter is refused, and so is anything before 2015.
* A row whose value, flag and note are all empty (an unfilled template row) is skipped, and
  counted as skipped; a flag or note without a value is a problem.
* Numbers are plain decimals with a point or a comma as decimal mark (``12.5``, ``12,5``,
  ``-3``, ``1e3``); thousands separators and units are refused, never guessed.
* A number is never guessed between the conventions. A value with one mark followed by exactly
  three digits, one to three digits before it, not starting with 0 and no exponent (``1,000``,
  ``12,345``, ``1.234``) is *ambiguous*: English reads it with a thousands separator, Dutch
  with a decimal mark. Every other value with one mark (``12,5``, ``0,500``, ``1234.567``,
  ``1,5e3``) is read alike by every convention and *votes* for its mark. The file's own
  convention is the mark the votes name, when they all name the same one (counted per table,
  typed cells only). An ambiguous value is read with the file's mark as decimal mark; with the
  other mark it holds a thousands separator and is refused (``value_thousands_separator``); in
  a file with no votes, or votes for both marks, it is refused naming both readings
  (``value_ambiguous``). A cell a workbook stored as a number (``TextTable.numeric``) is the
  number itself (its text uses a point): never ambiguous, and it does not vote.
* A percentage: a workbook cell formatted as one arrives as the user sees it (``68%``, stored
  as 0.68), and a typed ``68%`` or ``68 %`` means the same. For an indicator measured in
  percent (``data.value_ranges.unit_kind``: a unit such as ``% van bbp``) the value is the
  number shown, 68, never 0.68; for any other indicator it is refused
  (``value_percent_format`` for a formatted cell, ``value_percent_sign`` for a typed sign),
  percentage points included: 5 % is not 5 percentage points.
* Every indicator has a finite valid range: the catalogue's ``valid_min`` / ``valid_max``, a
  default per kind of unit for a side the catalogue leaves open, all within ±10^15
  (``data.value_ranges``). ``value_out_of_range`` says the range.
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
| ``parse_number(text, decimal_mark, percent=)`` | a cell's number, or the problem code |
| ``file_decimal_mark(texts)`` | the decimal mark a table's typed values settle on, or None |
| ``current_quarter(clock)`` | the latest quarter a file may report |
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
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
from data.value_ranges import unit_kind, valid_range
from metrics.constants import FLAG_WORDS, NO_FLAG
from metrics.periods import last_full_quarter, period_from_index, quarter_index

__all__ = [
    "EARLIEST_PERIOD",
    "EITHER_MARK",
    "FLAG_OF_WORD",
    "KEY",
    "MAX_NOTE_CHARS",
    "Catalogue",
    "catalogue",
    "current_quarter",
    "file_decimal_mark",
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
# A number as a cell may write it; ``whole`` or ``fraction`` holds a digit.
_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<whole>[0-9]*)(?:(?P<mark>[.,])(?P<fraction>[0-9]*))?"
    r"(?P<exponent>[eE][+-]?[0-9]+)?"
)
_NOT_FINITE_WORDS = frozenset({"nan", "inf", "infinity", "-inf", "+inf", "-infinity", "+infinity"})
# ``parse_number``'s decimal_mark for cells whose convention is not known but whose numbers may
# hold either mark (the catalogue's, typed in a workbook or in the page's editor).
EITHER_MARK: Final = ".,"
# The convention of a cell a workbook stored as a number: its text is Python's.
_STORED_MARK: Final = "."


# --- numbers, periods -------------------------------------------------------------------------


def _cleaned(text: str, percent: bool) -> tuple[str, bool]:
    """The cell without surrounding and no-break spaces, and, when ``percent`` is allowed,
    without a trailing percent sign; and whether it had one."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if percent and cleaned.endswith("%"):
        return cleaned[:-1].rstrip(), True
    return cleaned, False


def _written(cleaned: str) -> re.Match[str] | None:
    match = _NUMBER.fullmatch(cleaned)
    return match if match is not None and (match["whole"] or match["fraction"]) else None


def _ambiguous(match: re.Match[str]) -> bool:
    """Whether a thousands separator and a decimal mark read the number differently."""
    whole = match["whole"]
    return (
        match["mark"] is not None
        and not match["exponent"]
        and len(match["fraction"]) == 3
        and 1 <= len(whole) <= 3
        and whole[0] != "0"
    )


def parse_number(
    text: str, decimal_mark: str | None = EITHER_MARK, *, percent: bool = False
) -> tuple[float | None, str | None]:
    """A cell's number, or None and the problem code; total: any text gives one of the two.

    ``decimal_mark`` is how an ambiguous number (module docstring) is read: ``"."`` or ``","``
    (the file's convention: with the other mark it holds a thousands separator,
    ``value_thousands_separator``), None (no convention: ``value_ambiguous``) or
    ``EITHER_MARK`` (either mark is a decimal mark). ``percent`` allows a trailing percent sign
    (the number is the one written: ``68%`` is 68). Other codes: ``required_empty``,
    ``value_not_a_number``, ``value_not_finite``.

    >>> parse_number("12,5", None), parse_number("1,000", None), parse_number("1,000", ",")
    ((12.5, None), (None, 'value_ambiguous'), (1.0, None))
    >>> parse_number("1.234,5"), parse_number("68 %", ".", percent=True)
    ((None, 'value_not_a_number'), (68.0, None))
    """
    number, code, _ = _number(text, decimal_mark, percent)
    return number, code


def _number(
    text: str, decimal_mark: str | None, percent: bool
) -> tuple[float | None, str | None, bool]:
    """``parse_number``, and whether the cell had a percent sign (when ``percent``)."""
    cleaned, had_percent = _cleaned(text, percent)
    if not cleaned:
        return None, "value_not_a_number" if had_percent else "required_empty", had_percent
    if cleaned.lower() in _NOT_FINITE_WORDS:
        return None, "value_not_finite", had_percent
    match = _written(cleaned)
    if match is None:
        return None, "value_not_a_number", had_percent
    if _ambiguous(match) and match["mark"] not in (decimal_mark or ""):
        code = "value_ambiguous" if decimal_mark is None else "value_thousands_separator"
        return None, code, had_percent
    number = float(cleaned.replace(",", "."))
    if not math.isfinite(number):
        return None, "value_not_finite", had_percent
    return number, None, had_percent


def _vote(text: str) -> str | None:
    """The decimal mark a typed value shows beyond doubt, if any."""
    match = _written(_cleaned(text, percent=True)[0])
    if match is None or match["mark"] is None or _ambiguous(match):
        return None
    return match["mark"]


def file_decimal_mark(texts: Iterable[str]) -> str | None:
    """The file's own decimal mark: the one mark its unambiguous typed values use, or None
    when they use none or both.

    >>> file_decimal_mark(["12,5", "1,000", "3"]), file_decimal_mark(["12,5", "0.5"])
    (',', None)
    """
    marks = {_vote(text) for text in texts} - {None}
    return marks.pop() if len(marks) == 1 else None


def _readings(text: str, file_mark: str) -> dict[str, str]:
    """The two readings of an ambiguous number, each written so that no convention misreads it:
    ``thousands`` without separator; ``decimal`` with the file's mark (``file_mark``, "" for
    none: the mark written, trailing zeros dropped and a 0 added where three decimals would be
    ambiguous again). ``example``: how the file writes twelve and a half."""
    match = _written(_cleaned(text, percent=True)[0])
    if match is None or not _ambiguous(match):
        return {}
    sign, whole, fraction = match["sign"], match["whole"], match["fraction"]
    kept = fraction.rstrip("0")
    decimal = sign + whole + (match["mark"] + kept if kept else "") + "0" * (len(kept) == 3)
    if not file_mark:
        return {"decimal": decimal, "thousands": f"{sign}{whole}{fraction}"}
    return {
        "decimal": f"{sign}{whole}{file_mark}{fraction}",
        "thousands": f"{sign}{whole}{fraction}",
        "example": f"12{file_mark}5",
    }


def _shown(number: float) -> dict[str, str]:
    """A range bound as each language writes it for reading: ``1.000.000`` / ``1,000,000``."""
    exact = int(number) if number.is_integer() else Decimal(repr(number))
    english = format(exact, ",f" if isinstance(exact, Decimal) else ",")
    dutch = english.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return {"nl": dutch, "en": english}


def current_quarter(clock: datetime | date) -> str:
    """The quarter containing ``clock``: the latest a file may report."""
    today = clock.date() if isinstance(clock, datetime) else clock
    return period_from_index(quarter_index(last_full_quarter(today)) + 1)


# --- the catalogue a file is checked against -------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """What a file's rows are checked against, read from the database once per check."""

    ranges: dict[str, tuple[float, float]]  # indicator -> its valid range (data.value_ranges)
    parts: frozenset[str]
    scope: frozenset[tuple[str, str]]
    retired: dict[str, str]  # indicator -> the quarter it is retired from
    units: dict[str, tuple[str, str]]  # indicator -> its unit in Dutch and English
    percent: frozenset[str]  # the indicators measured in percent


def catalogue(con: duckdb.DuckDBPyConnection) -> Catalogue:
    """The indicators with their valid ranges and units, the parts, where each indicator
    applies, and the quarter from which a retired one is no longer reported."""
    indicators = sql.rows(
        con,
        "SELECT indicator_id, valid_min, valid_max, retired_from, unit_nl, unit_en FROM indicators",
    )
    kinds = {row[0]: unit_kind(row[4], row[5]) for row in indicators}
    return Catalogue(
        ranges={
            indicator_id: valid_range(kinds[indicator_id], low, high)
            for indicator_id, low, high, *_ in indicators
        },
        parts=frozenset(row[0] for row in sql.rows(con, "SELECT part_id FROM kingdom_parts")),
        scope=frozenset(sql.rows(con, "SELECT indicator_id, part_id FROM indicator_scope")),
        retired={indicator_id: since for indicator_id, _, _, since, *_ in indicators if since},
        units={row[0]: (row[4], row[5]) for row in indicators},
        percent=frozenset(i for i, kind in kinds.items() if kind == "percent"),
    )


# --- validation -------------------------------------------------------------------------------


def rows_frame(table: TextTable) -> tuple[pd.DataFrame, int]:
    """Text frame indexed by spreadsheet row, with parsed helper columns; and the skipped count.

    The helper columns: ``period_key`` (canonical quarter, "" if malformed), ``period_index``,
    ``value_number`` (NaN if not a number), ``value_issue`` (its problem code or ""),
    ``value_stored`` (the workbook stored the value as a number), ``value_percent`` (a number
    written or formatted as a percentage), ``decimal_mark`` (the table's own, "" if none),
    ``flag_key`` (the stored flag, "" if the word is unknown).
    """
    frame, skipped = text_rows(table, COLUMNS[FIGURES])
    frame["indicator_id"] = frame["indicator_id"].map(upper_id)
    frame["part_id"] = frame["part_id"].map(upper_id)
    frame["note"] = frame["note"].map(str.strip)
    add_quarter(frame, "period", "period")
    position = table.columns.get("value")
    stored = [(int(row), position) in table.numeric for row in frame.index]
    mark = file_decimal_mark(text for text, s in zip(frame["value"], stored, strict=True) if not s)
    parsed = [
        _number(text, _STORED_MARK if s else mark, True)
        for text, s in zip(frame["value"], stored, strict=True)
    ]
    frame["value_number"] = pd.Series(
        [math.nan if number is None else number for number, _, _ in parsed],
        index=frame.index,
        dtype=float,
    )
    frame["value_issue"] = [code or "" for _, code, _ in parsed]
    frame["value_stored"] = pd.Series(stored, index=frame.index, dtype=bool)
    frame["value_percent"] = pd.Series(
        [code is None and sign for _, code, sign in parsed], index=frame.index, dtype=bool
    )
    frame["decimal_mark"] = mark or ""
    frame["flag_key"] = frame["flag"].map(lambda text: FLAG_OF_WORD.get(text.strip().lower(), ""))
    return frame, skipped


# The row's key: each stored column with the file column it is read from.
KEY: Final = (("indicator_id", "indicator_id"), ("part_id", "part_id"), ("period_key", "period"))


def _among(column: pd.Series, values: Iterable[str]) -> pd.Series:
    """``column.isin(values)`` through a hash table: an Arrow-backed text column's own ``isin``
    converts every one of the values first (~30 ms for a catalogue of 8,000 indicators)."""
    return column.astype(object).isin(values)


def rules(catalogue: Catalogue, *, latest: str) -> tuple[Rule, ...]:
    """The figures' rules, in the order of the module docstring."""
    last = quarter_index(latest)
    indicators, parts, scope = set(catalogue.ranges), catalogue.parts, catalogue.scope
    percent = catalogue.percent
    lows = {indicator: low for indicator, (low, _) in catalogue.ranges.items()}
    highs = {indicator: high for indicator, (_, high) in catalogue.ranges.items()}
    retired_from = {i: quarter_index(since) for i, since in catalogue.retired.items()}

    def retired(frame: pd.DataFrame) -> pd.Series:
        """Rows of a retired indicator for a period from its retirement on (and not future)."""
        since = frame["indicator_id"].map(retired_from).astype(float)
        index = frame["period_index"]
        return since.notna() & index.notna() & (index >= since) & (index <= last)

    def applicable_pair(frame: pd.DataFrame) -> pd.Series:
        known = _among(frame["indicator_id"], indicators) & _among(frame["part_id"], parts)
        pairs = pd.Series(
            [(i, p) in scope for i, p in zip(frame["indicator_id"], frame["part_id"], strict=True)],
            index=frame.index,
            dtype=bool,
        )
        return ~known | pairs | retired(frame)

    def percent_misused(frame: pd.DataFrame) -> pd.Series:
        """A percentage given for a known indicator not measured in percent (not retired)."""
        known = _among(frame["indicator_id"], indicators)
        return (
            frame["value_percent"]
            & known
            & ~_among(frame["indicator_id"], percent)
            & ~retired(frame)
        )

    def within_valid_range(frame: pd.DataFrame) -> pd.Series:
        """Within the indicator's range; an unknown indicator or a non-number is told apart."""
        value = frame["value_number"]
        low = frame["indicator_id"].map(lows).astype(float)
        high = frame["indicator_id"].map(highs).astype(float)
        in_range = value.isna() | low.isna() | ((value >= low) & (value <= high))
        return in_range | retired(frame) | percent_misused(frame)

    def range_words(record: Record) -> dict[str, str]:
        low, high = (_shown(bound) for bound in catalogue.ranges[str(record["indicator_id"])])
        return {
            "min_nl": low["nl"],
            "min_en": low["en"],
            "max_nl": high["nl"],
            "max_en": high["en"],
            "indicator": str(record["indicator_id"]),
        }

    def reading_words(record: Record) -> dict[str, str]:
        return _readings(str(record["value"]), str(record["decimal_mark"]))

    def unit_words(record: Record) -> dict[str, str]:
        indicator = str(record["indicator_id"])
        unit_nl, unit_en = catalogue.units[indicator]
        return {"indicator": indicator, "unit_nl": unit_nl, "unit_en": unit_en}

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
        Rule("value_ambiguous", "value", issue("value_ambiguous"), reading_words),
        Rule(
            "value_thousands_separator",
            "value",
            issue("value_thousands_separator"),
            reading_words,
        ),
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
        Rule(
            "value_percent_format",
            "value",
            lambda f: ~(percent_misused(f) & f["value_stored"]),
            unit_words,
        ),
        Rule(
            "value_percent_sign",
            "value",
            lambda f: ~(percent_misused(f) & ~f["value_stored"]),
            unit_words,
        ),
        Rule("value_out_of_range", "value", within_valid_range, range_words),
        unique_key(KEY),
    )
