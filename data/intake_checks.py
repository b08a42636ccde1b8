"""The machinery every kind of quarter-file row is checked with: rules that name the problem
they find, run over a frame of rows, each failure a ``Problem`` at its sheet, row and column.

A kind's rules (``data.intake_rules`` for figures, ``data.action_intake_rules``,
``data.narrative_intake_rules``) are ``Rule`` values: a problem code, the contract column the
problem points at (``KEY``: the row's key columns together), a test over the whole frame (True
where a row passes) and the extra words its message needs. Each rule passes where an earlier
rule already failed for the same cell, so one mistake is reported once: an unknown part is not
also "outside the scope".

| function | does |
|---|---|
| ``text_rows(table, spec)`` | a table's rows as text by spreadsheet row; blank ones counted |
| ``check_rows(frame, table, rules, key=, sheet=)`` | every problem, sorted (``CheckedRows``) |
| ``filled(series)`` | True where a text cell is not empty |
| ``upper_id(text)`` | an id cell as stored: trimmed, upper case |
| ``free_text(text)`` | a free-text cell as stored: line ends ``\\n``, only spaces is empty |
| ``text_too_long(column, limit)`` | the rule: a text cell at most ``limit`` characters |
| ``add_quarter(frame, column, prefix)`` | a text column's quarter: ``<prefix>_key``, ``_index`` |
| ``period_rules(latest)`` | the rules of a row's ``period``: filled, a quarter, in range |
| ``quarter_rules(column, prefix)`` | the rules of an optional quarter cell (malformed, too early) |
| ``id_rules(column, known, code)`` | the rules of a required id: filled, and known |
| ``unique_key(key)`` | the rule: no two rows of the file with the same key |

A kind's rules module offers ``rules(catalogue, latest=)`` and its ``KEY``; ``data.intake_kinds``
runs them with ``check_rows``.

Imports ``data.intake_columns``, ``data.intake_read`` (``Problem``, ``TextTable``),
``data.intake_problems`` (a rule failing on many rows told once) and ``metrics.periods``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from data.intake_columns import Columns
from data.intake_problems import KEPT_AS_IS, ROWS_NAMED, repeated
from data.intake_read import Problem, TextTable, shorten
from metrics.errors import MetricError
from metrics.periods import parse_period, quarter_index

__all__ = [
    "EARLIEST_PERIOD",
    "KEY",
    "CheckedRows",
    "Record",
    "Rule",
    "add_quarter",
    "canonical_period",
    "check_rows",
    "filled",
    "free_text",
    "id_rules",
    "period_rules",
    "quarter_rules",
    "text_rows",
    "text_too_long",
    "unique_key",
    "upper_id",
]

# The earliest quarter any cell of a file may name.
EARLIEST_PERIOD: Final = "2015Q1"
# A rule's column when the problem is the row's key (its key columns together).
KEY: Final = "key"
# At most this many other rows are named by a duplicate key's problem.
_ROWS_NAMED: Final = 10

Record = Mapping[str, object]


@dataclass(frozen=True)
class Rule:
    """One rule: ``passes(frame)`` is True where a row passes; a failing row is a problem
    ``code`` at ``column``, with ``params(record)`` for its message (record: the row's cells)."""

    code: str
    column: str
    passes: Callable[[pd.DataFrame], pd.Series]
    params: Callable[[Record], dict[str, str]] | None = None


def text_rows(table: TextTable, spec: Columns) -> tuple[pd.DataFrame, int]:
    """Every column of ``spec`` as text ("" where the file has no such column), indexed by
    spreadsheet row; rows whose ``spec.content`` cells are all empty left out and counted.

    Only such a row is blank: the reader (``data.intake_read``) reports a row it cannot split
    into cells without guessing (another delimiter, a whole row in one cell, a formula with no
    value and no text) rather than handing it over with empty cells."""
    present = [column for column in spec.all if column in table.columns]
    records = []
    skipped = 0
    for number, cells in table.rows:
        record = {column: table.cell(cells, column) for column in present}
        if not any(record.get(column, "").strip() for column in spec.content):
            skipped += 1
            continue
        records.append({"row": number, **record})
    frame = pd.DataFrame(records, columns=["row", *present], dtype=object).set_index("row")
    for column in spec.all:
        if column not in frame.columns:
            frame[column] = ""
    return frame[list(spec.all)].astype(object).fillna(""), skipped


def free_text(text: str) -> str:
    """A free-text cell as stored: line ends as ``\\n``; only spaces is empty."""
    if not text.strip():
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_too_long(column: str, limit: int) -> Rule:
    """The rule: a text cell holds at most ``limit`` characters (as stored)."""
    return Rule(
        "text_too_long",
        column,
        lambda f: f[column].str.len() <= limit,
        lambda r: {"length": str(len(str(r[column]))), "limit": str(limit)},
    )


def upper_id(text: str) -> str:
    """An id cell as stored: trimmed, upper case (``ind-0301`` is ``IND-0301``)."""
    return text.strip().upper()


def filled(series: pd.Series) -> pd.Series:
    return series.str.strip() != ""


def canonical_period(text: str) -> str:
    """A cell's quarter as stored (``2025Q3``), or "" when it is not one."""
    try:
        return parse_period(text)
    except MetricError:
        return ""


def add_quarter(frame: pd.DataFrame, column: str, prefix: str) -> None:
    """Add ``<prefix>_key`` (the canonical quarter, "" if malformed or empty) and
    ``<prefix>_index`` (its quarter index, NaN if none) for the text column ``column``."""
    keys = frame[column].map(canonical_period)
    frame[f"{prefix}_key"] = keys
    frame[f"{prefix}_index"] = pd.Series(
        [float(quarter_index(key)) if key else math.nan for key in keys],
        index=frame.index,
        dtype=float,
    )


def quarter_rules(column: str, prefix: str) -> tuple[Rule, ...]:
    """An optional quarter cell: when filled, a quarter, and not before ``EARLIEST_PERIOD``."""
    earliest = quarter_index(EARLIEST_PERIOD)
    index = f"{prefix}_index"
    return (
        Rule(
            "period_malformed",
            column,
            lambda f: ~filled(f[column]) | (f[f"{prefix}_key"] != ""),
        ),
        Rule(
            "period_too_early",
            column,
            lambda f: f[index].isna() | (f[index] >= earliest),
            lambda _: {"earliest": EARLIEST_PERIOD},
        ),
    )


def period_rules(latest: str) -> tuple[Rule, ...]:
    """A row's ``period`` (helper columns ``period_key`` / ``period_index``): filled, a quarter,
    from ``EARLIEST_PERIOD`` up to ``latest``."""
    last = quarter_index(latest)
    return (
        Rule("required_empty", "period", lambda f: filled(f["period"])),
        *quarter_rules("period", "period"),
        Rule(
            "period_in_future",
            "period",
            lambda f: f["period_index"].isna() | (f["period_index"] <= last),
            lambda _: {"latest": latest},
        ),
    )


def id_rules(column: str, known: Collection[str], code: str) -> tuple[Rule, Rule]:
    """A required id cell (as stored): filled in, and one of ``known`` (else problem ``code``)."""
    return (
        Rule("required_empty", column, lambda f: filled(f[column])),
        Rule(code, column, lambda f: ~filled(f[column]) | f[column].isin(known)),
    )


def unique_key(key: Sequence[tuple[str, str]]) -> Rule:
    """No two rows with the same complete ``key`` (as ``check_rows`` takes it)."""
    stored = [column for column, _ in key]

    def unique(frame: pd.DataFrame) -> pd.Series:
        complete = pd.concat([frame[column] != "" for column in stored], axis=1).all(axis=1)
        return ~(complete & frame.duplicated(stored, keep=False))

    return Rule("duplicate_key", KEY, unique)


class CheckedRows(list[Problem]):
    """What ``check_rows`` found: its problems (a list), and ``failing``, every spreadsheet row
    that failed a rule (a rule failing on many rows is one problem: the rows are counted here)."""

    def __init__(self, problems: Iterable[Problem] = (), failing: frozenset[int] = frozenset()):
        super().__init__(problems)
        self.failing = failing


def check_rows(
    frame: pd.DataFrame,
    table: TextTable,
    rules: Sequence[Rule],
    *,
    key: Sequence[tuple[str, str]],
    sheet: str | None,
) -> CheckedRows:
    """Every problem of the rows in ``frame`` (indexed by spreadsheet row), in reading order.

    A rule that fails on more than ``KEPT_AS_IS`` rows is one problem with its count and first
    rows (``data.intake_problems.repeated``): only those rows' problems are made, so checking
    costs memory by rules, not by rows. ``key`` pairs each key column of the frame (as stored,
    e.g. ``period_key``) with the contract column it is read from (``period``): a duplicate key
    points at the latter.
    """
    failures: list[tuple[Rule, pd.Index]] = []
    failed = np.zeros(len(frame), dtype=bool)
    for rule in rules:
        passed = rule.passes(frame).to_numpy(dtype=bool)
        if not passed.all():
            failures.append((rule, frame.index[~passed]))
            failed |= ~passed
    if not failures:
        return CheckedRows()
    shown = [rows[:ROWS_NAMED] if len(rows) > KEPT_AS_IS else rows for _, rows in failures]
    # Plain dicts: a label lookup per problem in a frame costs far more than the checks.
    records = frame.loc[sorted({int(row) for rows in shown for row in rows})].to_dict("index")
    groups = _key_groups(frame, key) if any(rule.column == KEY for rule, _ in failures) else {}
    problems = []
    for (rule, rows), rows_shown in zip(failures, shown, strict=True):
        made = [
            _problem(rule, int(row), records[int(row)], table, key, groups, sheet)
            for row in rows_shown
        ]
        if len(rows) > KEPT_AS_IS:
            problems.append(repeated(made, count=len(rows)))
        else:
            problems += made
    problems.sort(key=lambda p: p.sort_key)
    return CheckedRows(problems, frozenset(int(row) for row in frame.index[failed]))


def _problem(
    rule: Rule,
    row: int,
    record: Record,
    table: TextTable,
    key: Sequence[tuple[str, str]],
    groups: dict[tuple, _KeyGroup],
    sheet: str | None,
) -> Problem:
    """The problem of one row failing ``rule``."""
    if rule.column == KEY:
        return _key_problem(rule.code, row, record, table, key, groups, sheet)
    present = rule.column in table.columns
    return Problem(
        rule.code,
        row=row,
        column=table.header_of(rule.column) if present else rule.column,
        letter=table.letter_of(rule.column) if present else None,
        value=shorten(str(record[rule.column])) if present else None,
        params=tuple((rule.params(record) if rule.params else {}).items()),
        sheet=sheet,
    )


@dataclass
class _KeyGroup:
    """The rows of a file sharing one key: the first few (enough to name) and how many."""

    first: list[int]
    count: int = 0


def _key_groups(frame: pd.DataFrame, key: Sequence[tuple[str, str]]) -> dict[tuple, _KeyGroup]:
    """Every key that more than one row holds, with its first rows and its count: one pass."""
    stored = [column for column, _ in key]
    duplicates = frame[frame.duplicated(stored, keep=False)]
    groups: dict[tuple, _KeyGroup] = {}
    cells = zip(*(duplicates[column].astype(str) for column in stored), strict=True)
    for row, group in zip(duplicates.index, cells, strict=True):
        found = groups.setdefault(group, _KeyGroup([]))
        found.count += 1
        if len(found.first) <= _ROWS_NAMED:
            found.first.append(int(row))
    return groups


def _key_problem(
    code: str,
    row: int,
    record: Record,
    table: TextTable,
    key: Sequence[tuple[str, str]],
    groups: dict[tuple, _KeyGroup],
    sheet: str | None,
) -> Problem:
    group = tuple(str(record[column]) for column, _ in key)
    found = groups.get(group, _KeyGroup([]))
    others = [str(other) for other in found.first if other != row][:_ROWS_NAMED]
    more = found.count - 1 > _ROWS_NAMED
    named = ", ".join(others) + (", …" if more else "")
    columns = [column for _, column in key]
    return Problem(
        code,
        row=row,
        column=", ".join(table.header_of(column) for column in columns),
        letter=", ".join(table.letter_of(column) for column in columns),
        params=(("rows", named), ("key", " · ".join(group))),
        sheet=sheet,
    )
