"""What an import attempt found: the outcome, every problem, and what each row would change.

Shared by the steps of an import (``data.intake_rules`` checks, ``data.intake_write`` diffs and
writes, ``data.import_log`` records) and returned to the Data page and the CLI by
``data.intake``. Plain frozen values; no SQL here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from data.intake_read import Problem

__all__ = ["ACCEPTED", "CHANGE_KINDS", "REJECTED", "Change", "ImportResult", "Version"]

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
    changes: tuple[Change, ...]
    import_id: int | None = None  # the log entry; None for a dry run not put on record
    recorded_at: datetime | None = None  # when the versions were recorded; None if none were

    @property
    def accepted(self) -> bool:
        return self.outcome == ACCEPTED

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in CHANGE_KINDS}

    @property
    def rows_with_problems(self) -> int:
        return len({problem.row for problem in self.problems if problem.row is not None})
