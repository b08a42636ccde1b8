"""What an import attempt found: the outcome, every problem, and what each row would change.

Shared by the steps of an import (the rules check, ``data.intake_write`` and
``data.action_intake_changes`` diff, ``data.intake_write`` writes, ``data.import_log`` records)
and returned to the Data page and the CLI by ``data.intake``. A quarter file's rows are of three
kinds (``data.intake_columns``): figures (``Change``), action reports (``ActionChange``) and
duiding (``NarrativeChange``); each row is ``new``, ``changed`` or ``unchanged`` against the
newest stored version of its key (``change_kind``). A rejected result's problems are told in
bounded form (``data.intake_problems``): ``problem_counts`` and ``rows_with_problems`` are the
true counts, repeats included. Plain frozen values; no SQL here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from data.intake_columns import ACTIONS, FIGURES, NARRATIVES, ROW_KINDS
from data.intake_problems import counts_by_code
from data.intake_read import Problem

__all__ = [
    "ACCEPTED",
    "CHANGE_KINDS",
    "REJECTED",
    "ActionChange",
    "ActionReport",
    "AnyChange",
    "Change",
    "ImportResult",
    "NarrativeChange",
    "NarrativeText",
    "Version",
    "change_kind",
]

ACCEPTED: Final = "accepted"
REJECTED: Final = "rejected"
CHANGE_KINDS: Final = ("new", "changed", "unchanged")


@dataclass(frozen=True)
class Version:
    """One version of a value as stored: the number, its flag and its note (None: no note)."""

    value: float
    flag: str
    note: str | None

    def same_as(self, other: Version) -> bool:
        """Whether ``other`` states the same: value (up to float noise), flag and note."""
        # "12.5" typed and 12.5 read from a workbook cell are the same value.
        same_value = math.isclose(self.value, other.value, rel_tol=1e-12, abs_tol=1e-12)
        return same_value and self.flag == other.flag and (self.note or None) == other.note


@dataclass(frozen=True)
class Change:
    """What one file row does: ``kind`` is ``new``, ``changed`` or ``unchanged``.

    ``value``, ``flag`` and ``note`` are what the row states; ``old`` the newest stored version
    of the same key (None for a new one).
    """

    row: int
    indicator_id: str
    part_id: str
    period: str
    kind: str
    value: float
    flag: str
    note: str | None
    old: Version | None = None

    @property
    def old_value(self) -> float | None:
        return None if self.old is None else self.old.value

    @property
    def old_flag(self) -> str | None:
        return None if self.old is None else self.old.flag

    @property
    def old_note(self) -> str | None:
        return None if self.old is None else self.old.note


@dataclass(frozen=True)
class ActionReport:
    """One version of an action report, as stored (None: an empty cell).

    ``milestones`` are (quarter, text) pairs in the order written.
    """

    status: str
    expected_completion: str | None
    responsible: str | None
    narrative: str | None
    narrative_en: str | None
    milestones: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ActionChange:
    """What one row of an actions sheet does: its key, ``kind``, the ``report`` it states and
    ``old``, the newest stored version of the key (None for a new one)."""

    row: int
    priority_id: str
    part_id: str
    period: str
    kind: str
    report: ActionReport
    old: ActionReport | None = None


@dataclass(frozen=True)
class NarrativeText:
    """One version of a duiding: the text as written and its English version (None: none)."""

    text: str
    text_en: str | None


@dataclass(frozen=True)
class NarrativeChange:
    """What one row of a duiding sheet does (as ``ActionChange``)."""

    row: int
    action_line_id: str
    part_id: str
    period: str
    kind: str
    narrative: NarrativeText
    old: NarrativeText | None = None


AnyChange = Change | ActionChange | NarrativeChange


def change_kind(old: object | None, stated: object, *, same: bool | None = None) -> str:
    """``new`` without an ``old`` version, ``unchanged`` when it states the same (``same``, or
    equality), else ``changed``."""
    if old is None:
        return "new"
    return "unchanged" if (old == stated if same is None else same) else "changed"


@dataclass(frozen=True)
class ImportResult:
    """The outcome of one import attempt (or dry run), with everything needed to show it."""

    outcome: str  # accepted / rejected
    dry_run: bool
    file_name: str
    sha256: str
    size_bytes: int
    rows_read: int  # data rows in the file, skipped ones included
    rows_skipped: int  # rows left empty (no value, flag or note)
    problems: tuple[Problem, ...]
    changes: tuple[Change, ...]  # the figures' rows
    import_id: int | None = None  # the log entry; None for a dry run not put on record
    recorded_at: datetime | None = None  # when the versions were recorded; None if none were
    action_changes: tuple[ActionChange, ...] = ()
    narrative_changes: tuple[NarrativeChange, ...] = ()
    # Rows with a problem, counted before repeated problems were told once
    # (``data.intake_problems``); None: count them from ``problems``.
    problem_rows: int | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome == ACCEPTED

    def changes_of(self, row_kind: str) -> tuple[AnyChange, ...]:
        """The changes of one kind of rows (``observations``, ``actions``, ``narratives``)."""
        by_row_kind: dict[str, tuple[AnyChange, ...]] = {
            FIGURES: self.changes,
            ACTIONS: self.action_changes,
            NARRATIVES: self.narrative_changes,
        }
        return by_row_kind[row_kind]

    @property
    def all_changes(self) -> tuple[AnyChange, ...]:
        return tuple(change for rows in ROW_KINDS for change in self.changes_of(rows))

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        """The figures' changes of one change kind (``new``, ``changed``, ``unchanged``)."""
        return tuple(change for change in self.changes if change.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        """New, changed and unchanged rows of every kind together."""
        return {
            kind: sum(change.kind == kind for change in self.all_changes) for kind in CHANGE_KINDS
        }

    @property
    def counts_by_row_kind(self) -> dict[str, dict[str, int]]:
        """Per kind of rows the file holds (in ``ROW_KINDS`` order): new, changed, unchanged."""
        found = {}
        for rows in ROW_KINDS:
            changes = self.changes_of(rows)
            if changes:
                found[rows] = {
                    kind: sum(change.kind == kind for change in changes) for kind in CHANGE_KINDS
                }
        return found

    @property
    def to_write(self) -> int:
        """The rows that add a version (new or changed), every kind together."""
        return sum(change.kind != "unchanged" for change in self.all_changes)

    @property
    def rows_with_problems(self) -> int:
        """The rows (of every sheet) with at least one problem."""
        if self.problem_rows is not None:
            return self.problem_rows
        return len(
            {(problem.sheet, problem.row) for problem in self.problems if problem.row is not None}
        )

    @property
    def problem_counts(self) -> dict[str, int]:
        """The true count of each problem code: a problem told once for many rows counts
        every one of them (what the import log records)."""
        return counts_by_code(self.problems)

    @property
    def problem_total(self) -> int:
        """How many problems the file has, repeated ones counted every time."""
        return sum(self.problem_counts.values())
