"""A file's problems in bounded form: a problem repeated on many rows is reported once, with
its count and the first rows, so that what a file gets back is bounded by its sheets, problem
codes and columns, never by its rows.

Problems are grouped by (sheet, code, column). A group of at most ``KEPT_AS_IS`` problems is
kept as it is (each with its own row and value). A larger group becomes one problem: the first
problem of the group (its row, column, value and message words) with two more parameters,
``repeated`` (how many problems the group holds) and ``first_rows`` (the first
``ROWS_NAMED`` rows, in reading order, ``5, 9, 12``). A problem's true count is
``problem_count``; ``counts_by_code`` adds them up per code, as the import log records them.

Within one (sheet, code) at most ``COLUMNS_KEPT`` groups are told column by column; the rest
(only a file with absurdly many columns gets there) become one more problem without a column,
carrying the count of them all. So for any file the list holds at most
``sheets x codes x (COLUMNS_KEPT x KEPT_AS_IS + 1)`` problems.

| function | returns |
|---|---|
| ``condense(problems)`` | the problems, repeated ones told once with count and first rows |
| ``repeated(first, count=)`` | one problem for a rule failing on ``count`` rows (its first ones) |
| ``problem_count(problem)`` | how many problems one (condensed) problem stands for |
| ``counts_by_code(problems)`` | the true count of each problem code |

Pure: imports only ``data.intake_read`` (``Problem``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

from data.intake_read import Problem

__all__ = [
    "COLUMNS_KEPT",
    "KEPT_AS_IS",
    "REPEATED",
    "ROWS_NAMED",
    "condense",
    "counts_by_code",
    "problem_count",
    "repeated",
]

# A group of at most this many problems is told problem by problem.
KEPT_AS_IS: Final = 3
# A repeated problem names this many of its rows.
ROWS_NAMED: Final = 5
# At most this many columns of one (sheet, code) are told apart.
COLUMNS_KEPT: Final = 20
# The parameters a repeated problem carries.
REPEATED: Final = "repeated"
FIRST_ROWS: Final = "first_rows"

_Group = tuple[str | None, str, str | None]


def problem_count(problem: Problem) -> int:
    """How many problems ``problem`` stands for: its ``repeated`` count, else 1."""
    repeated = problem.parameters.get(REPEATED)
    return int(repeated) if repeated and repeated.isdigit() else 1


def counts_by_code(problems: Iterable[Problem]) -> dict[str, int]:
    """The true count of each problem code (a repeated problem counts all its repeats)."""
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.code] = counts.get(problem.code, 0) + problem_count(problem)
    return counts


def condense(problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """``problems`` in the same order, each group of more than ``KEPT_AS_IS`` problems of one
    (sheet, code, column) replaced, at its first problem's place, by one repeated problem."""
    groups: dict[_Group, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(_group_of(problem), []).append(problem)
    # Which groups are told column by column, and which of a (sheet, code) overflow.
    columns_told: dict[tuple[str | None, str], int] = {}
    overflow: dict[tuple[str | None, str], list[Problem]] = {}
    spilled: set[_Group] = set()
    for key, group in groups.items():
        seen = columns_told.get(key[:2], 0)
        if seen < COLUMNS_KEPT:
            columns_told[key[:2]] = seen + 1
        else:
            overflow.setdefault(key[:2], []).extend(group)
            spilled.add(key)
    if not overflow and all(len(group) <= KEPT_AS_IS for group in groups.values()):
        return tuple(problems)
    condensed: list[Problem] = []
    done: set[object] = set()
    for problem in problems:
        key = _group_of(problem)
        if key in spilled:
            spill = key[:2]
            if spill not in done:
                done.add(spill)
                condensed.append(_repeated(overflow[spill], column=False))
            continue
        group = groups[key]
        if len(group) <= KEPT_AS_IS:
            condensed.append(problem)
        elif key not in done:
            done.add(key)
            condensed.append(_repeated(group))
    return tuple(condensed)


def _rows_of(problem: Problem) -> list[int]:
    """The rows a problem names: a repeated one's first rows, else its own row (if any)."""
    named = problem.parameters.get(FIRST_ROWS)
    if named:
        return [int(row) for row in named.split(", ") if row.isdigit()]
    return [] if problem.row is None else [problem.row]


def _group_of(problem: Problem) -> _Group:
    return (problem.sheet, problem.code, problem.column)


def repeated(group: Sequence[Problem], *, count: int | None = None) -> Problem:
    """One problem for ``group``: its first, with the count (``count``, else what the group
    stands for) and the first rows. ``check_rows`` gives the first problems of a rule failing
    on ``count`` rows."""
    return _repeated(group, count=count)


def _repeated(
    group: Sequence[Problem], *, column: bool = True, count: int | None = None
) -> Problem:
    """One problem for the whole ``group``: its first, with the count and the first rows."""
    first = group[0]
    rows: list[int] = []
    for problem in group:
        for row in _rows_of(problem):
            if row not in rows:
                rows.append(row)
        if len(rows) >= ROWS_NAMED:
            break
    rows = sorted(rows)[:ROWS_NAMED]
    if count is None:
        count = sum(problem_count(problem) for problem in group)
    own = (REPEATED, FIRST_ROWS)
    params = tuple((name, text) for name, text in first.params if name not in own)
    extra = ((REPEATED, str(count)), (FIRST_ROWS, ", ".join(map(str, rows))))
    if column:
        return replace(first, params=params + extra)
    return replace(first, column=None, letter=None, value=None, params=params + extra)
