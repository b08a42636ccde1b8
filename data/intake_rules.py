"""The rules a file's rows must pass: the file format as a pandera schema, checked against the
catalogue in the database (indicators, parts, scope, valid ranges), and how cells are read.

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
| ``rows_frame(table)`` | the file's rows as a frame with parsed helper columns; the skipped count |
| ``catalogue(con)`` | what the rows are checked against, read once |
| ``validate(frame, table, catalogue, latest=)`` | every problem, by row and column, sorted |
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
import pandera.pandas as pa

from data import sql
from data.intake_read import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Problem, TextTable, shorten
from metrics.constants import FLAG_WORDS, NO_FLAG
from metrics.errors import MetricError
from metrics.periods import last_full_quarter, parse_period, period_from_index, quarter_index

__all__ = [
    "EARLIEST_PERIOD",
    "FLAG_OF_WORD",
    "MAX_NOTE_CHARS",
    "Catalogue",
    "catalogue",
    "current_quarter",
    "parse_number",
    "rows_frame",
    "validate",
]

EARLIEST_PERIOD: Final = "2015Q1"
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


def _canonical_period(text: str) -> str:
    try:
        return parse_period(text)
    except MetricError:
        return ""


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
    present = [c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in table.columns]
    records = []
    skipped = 0
    for number, cells in table.rows:
        record = {column: cells[table.columns[column]] for column in present}
        if not any(record.get(c, "").strip() for c in ("value", "flag", "note")):
            skipped += 1
            continue
        records.append({"row": number, **record})
    frame = pd.DataFrame(records, columns=["row", *present], dtype=object).set_index("row")
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame.astype(object).fillna("")
    frame["indicator_id"] = frame["indicator_id"].map(lambda text: text.strip().upper())
    frame["part_id"] = frame["part_id"].map(lambda text: text.strip().upper())
    frame["note"] = frame["note"].map(str.strip)
    frame["period_key"] = frame["period"].map(_canonical_period)
    frame["period_index"] = pd.Series(
        [float(quarter_index(key)) if key else math.nan for key in frame["period_key"]],
        index=frame.index,
        dtype=float,
    )
    parsed = frame["value"].map(parse_number)
    frame["value_number"] = parsed.map(lambda pair: math.nan if pair[0] is None else pair[0])
    frame["value_issue"] = parsed.map(lambda pair: pair[1] or "")
    frame["flag_key"] = frame["flag"].map(lambda text: FLAG_OF_WORD.get(text.strip().lower(), ""))
    return frame, skipped


def _schema(
    catalogue: Catalogue, *, latest: str
) -> tuple[pa.DataFrameSchema, dict[str, tuple[str, str]]]:
    """The file rules as a pandera schema, and for each check the (problem code, column) it names.

    Each rule passes where an earlier rule already failed for the same cell, so one mistake is
    reported once: an unknown indicator is not also "not applicable" or "out of range".
    """
    earliest, last = quarter_index(EARLIEST_PERIOD), quarter_index(latest)
    indicators, parts, scope = set(catalogue.ranges), catalogue.parts, catalogue.scope

    retired_from = {i: quarter_index(since) for i, since in catalogue.retired.items()}

    def filled(series: pd.Series) -> pd.Series:
        return series.str.strip() != ""

    def retired(frame: pd.DataFrame) -> pd.Series:
        """Rows of a retired indicator for a period from its retirement on (and not future)."""
        since = frame["indicator_id"].map(retired_from).astype(float)
        index = frame["period_index"]
        return since.notna() & index.notna() & (index >= since) & (index <= last)

    def not_retired(frame: pd.DataFrame) -> pd.Series:
        return ~retired(frame)

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

    def unique_key(frame: pd.DataFrame) -> pd.Series:
        complete = (
            (frame["indicator_id"] != "") & (frame["part_id"] != "") & (frame["period_key"] != "")
        )
        duplicated = frame.duplicated(["indicator_id", "part_id", "period_key"], keep=False)
        return ~(complete & duplicated)

    rules: dict[str, tuple[str, str]] = {}

    # Function names must not be those of pandera's built-in checks (in_range, isin...): pandera
    # dispatches on the name.
    def check(name: str, column: str, function: Callable[..., pd.Series]) -> pa.Check:
        code = name.split(":")[0]
        rules[name] = (code, column)
        return pa.Check(function, name=name)

    columns = {
        "indicator_id": pa.Column(
            nullable=True,
            checks=[
                check("required_empty:indicator_id", "indicator_id", filled),
                check(
                    "unknown_indicator", "indicator_id", lambda s: ~filled(s) | s.isin(indicators)
                ),
            ],
        ),
        "part_id": pa.Column(
            nullable=True,
            checks=[
                check("required_empty:part_id", "part_id", filled),
                check("unknown_part", "part_id", lambda s: ~filled(s) | s.isin(parts)),
            ],
        ),
        "period": pa.Column(
            nullable=True, checks=[check("required_empty:period", "period", filled)]
        ),
        "period_index": pa.Column(
            nullable=True,
            checks=[
                check("period_too_early", "period", lambda s: s.isna() | (s >= earliest)),
                check("period_in_future", "period", lambda s: s.isna() | (s <= last)),
            ],
        ),
        "value_issue": pa.Column(
            nullable=True,
            checks=[
                check("required_empty:value", "value", lambda s: s != "required_empty"),
                check("value_not_a_number", "value", lambda s: s != "value_not_a_number"),
                check("value_not_finite", "value", lambda s: s != "value_not_finite"),
            ],
        ),
        "note": pa.Column(
            nullable=True,
            checks=[check("note_too_long", "note", lambda s: s.str.len() <= MAX_NOTE_CHARS)],
        ),
    }
    # A malformed period: filled in, but not a quarter. Checked on the text, with its parse.
    frame_checks = [
        check(
            "period_malformed",
            "period",
            lambda f: (f["period"].str.strip() == "") | (f["period_key"] != ""),
        ),
        check(
            "flag_unknown",
            "flag",
            lambda f: (f["flag_key"] != "") | (f["flag"].str.strip() == ""),
        ),
        check("indicator_retired", "indicator_id", not_retired),
        check("not_applicable", "part_id", applicable_pair),
        check("value_out_of_range", "value", within_valid_range),
        check("duplicate_key", "key", unique_key),
    ]
    return pa.DataFrameSchema(columns, checks=frame_checks), rules


def validate(
    frame: pd.DataFrame, table: TextTable, catalogue: Catalogue, *, latest: str
) -> list[Problem]:
    """Every problem of the rows in ``frame``, by row and column, in the order a reader scans."""
    schema, rules = _schema(catalogue, latest=latest)
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    if failures["index"].isna().any():
        # A rule itself failed (a bug, not a problem of the file): never let it pass as valid.
        raise RuntimeError(f"intake rules could not be applied:\n{failures.to_string()}")
    failures = failures.drop_duplicates(subset=["check", "index"])
    key = ["indicator_id", "part_id", "period_key"]
    duplicates = frame[frame.duplicated(key, keep=False)]
    groups = {
        group: list(rows) for group, rows in duplicates.groupby(key, sort=False).groups.items()
    }
    # Plain dicts: a label lookup per problem in a frame costs far more than the checks.
    failing = frame.loc[failures["index"].astype(int).unique()]
    context = _Context(failing.to_dict("index"), table, catalogue, latest, groups)
    problems = []
    for name, row in zip(failures["check"], failures["index"], strict=True):
        code, column = rules[str(name)]
        problems.append(_row_problem(code, column, int(row), context))
    problems.sort(key=lambda p: p.sort_key)
    return problems


@dataclass(frozen=True)
class _Context:
    records: dict[int, dict[str, object]]  # the failing rows, by spreadsheet row
    table: TextTable
    catalogue: Catalogue
    latest: str
    duplicate_groups: dict[tuple[str, str, str], list[int]]


def _row_problem(code: str, column: str, row: int, context: _Context) -> Problem:
    """The problem ``code`` at ``row``, pointed at ``column``, with what its message needs."""
    record = context.records[row]
    table = context.table
    params: dict[str, str] = {}
    if column == "key":
        keys = ["indicator_id", "part_id", "period"]
        group = (record["indicator_id"], record["part_id"], record["period_key"])
        others = [str(other) for other in context.duplicate_groups.get(group, []) if other != row]
        params["rows"] = ", ".join(others)
        params["key"] = " · ".join(group)
        return Problem(
            code,
            row=row,
            column=", ".join(table.header_of(key) for key in keys),
            letter=", ".join(table.letter_of(key) for key in keys),
            params=tuple(params.items()),
        )
    if code == "value_out_of_range":
        low, high = context.catalogue.ranges[record["indicator_id"]]
        params["min"] = "–" if low is None else f"{low:g}"
        params["max"] = "–" if high is None else f"{high:g}"
        params["indicator"] = record["indicator_id"]
    elif code == "indicator_retired":
        params["indicator"] = record["indicator_id"]
        params["retired_from"] = context.catalogue.retired[record["indicator_id"]]
        params["period"] = record["period_key"]
    elif code == "not_applicable":
        params["indicator"] = record["indicator_id"]
        scope = context.catalogue.scope
        params["parts"] = ", ".join(
            sorted(part for indicator, part in scope if indicator == record["indicator_id"])
        )
    elif code == "period_in_future":
        params["latest"] = context.latest
    elif code == "period_too_early":
        params["earliest"] = EARLIEST_PERIOD
    elif code == "note_too_long":
        params["length"] = str(len(record["note"]))
        params["limit"] = str(MAX_NOTE_CHARS)
    present = column in table.columns
    return Problem(
        code,
        row=row,
        column=table.header_of(column) if present else column,
        letter=table.letter_of(column) if present else None,
        value=shorten(str(record[column])) if present else None,
        params=tuple(params.items()),
    )
